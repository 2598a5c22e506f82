/**
 * The parts of one version a checklist merge understands: each task item's own lines with the run notes
 * under them, the run notes under each code-block step, each line of sign-off fields, each front-matter key.
 * Everything else is left to the line merge.
 */
import type { Checklist, Item } from '../model.js';
import { ownTextEnd } from '../ownText.js';
import { parseRunNote } from '../runNote.js';
import { type Step, stepsOf } from '../steps.js';
import type { ValueSpan } from './fieldValues.js';
import { frontMatterKeys } from './frontMatterKeys.js';

interface Span {
  /** 0-based lines [start, end); start === end is a place between lines (a step without notes). */
  start: number;
  end: number;
}

export interface ItemUnit extends Span {
  kind: 'item';
  item: Item;
  /** Where the item's own text ends and its run notes start. */
  ownEnd: number;
  /** The item is a sign-off role of its own (`- [ ] QA Lead: ____ Date: ____`): its fields on the box line. */
  role?: { name: string; fields: string[]; values: ValueSpan[] };
}

export interface NotesUnit extends Span {
  kind: 'notes';
  step: Step;
}

export interface FieldUnit extends Span {
  kind: 'field';
  /** Role id and the field keys on the line: the same line in another version has the same key. */
  key: string;
  roleId: string;
  roleName: string;
  fields: string[];
  /** Where each field's value sits on the line (0-based columns [from, to)), in field order. */
  values: { from: number; to: number }[];
}

export interface KeyUnit extends Span {
  kind: 'key';
  key: string;
}

export type Unit = ItemUnit | NotesUnit | FieldUnit | KeyUnit;

const CLOSING_FENCE = /^[ \t>]*(?:`{3,}|~{3,})[ \t]*$/;

/** Units in line order, none overlapping another (a field line inside an item's text stays with the item). */
export function unitsOf(checklist: Checklist, lines: readonly string[]): Unit[] {
  const units: Unit[] = [];
  const notesAfter = (line: number) => {
    let end = line;
    while (end < lines.length && parseRunNote(lines[end]) !== undefined) end++;
    return end;
  };
  const roleItems = new Map<Item, NonNullable<ItemUnit['role']>>();
  for (const role of checklist.signOff?.roles ?? []) {
    const [item] = role.statements;
    const onBoxLine = role.fields.every(
      (f) => f.valueRange.start.line === item?.box.start.line && f.valueRange.end.line === item.box.start.line,
    );
    if (role.statements.length === 1 && role.fields.length > 0 && onBoxLine) {
      roleItems.set(item, {
        name: role.name,
        fields: role.fields.map((f) => f.key),
        values: role.fields.map((f) => ({ from: f.valueRange.start.column - 1, to: f.valueRange.end.column - 1 })),
      });
    }
  }
  for (const item of checklist.items) {
    const start = item.range.start.line - 1;
    const ownEnd = ownTextEnd(checklist, item);
    const role = roleItems.get(item);
    units.push({ kind: 'item', item, start, ownEnd, end: notesAfter(ownEnd), ...(role ? { role } : {}) });
  }
  for (const step of stepsOf(checklist)) {
    if (step.kind !== 'code') continue;
    const fence = step.range.end.line - 1;
    if (fence === step.range.start.line - 1 || !CLOSING_FENCE.test(lines[fence] ?? '')) continue;
    units.push({ kind: 'notes', step, start: fence + 1, end: notesAfter(fence + 1) });
  }
  for (const role of checklist.signOff?.roles ?? []) {
    const byLine = new Map<number, { fields: string[]; values: { from: number; to: number }[] }>();
    for (const field of role.fields) {
      const line = field.range.start.line - 1;
      const value = field.valueRange;
      if (field.range.end.line - 1 !== line || value.start.line - 1 !== line || value.end.line - 1 !== line) continue;
      const entry = byLine.get(line) ?? { fields: [], values: [] };
      entry.fields.push(field.key);
      entry.values.push({ from: value.start.column - 1, to: value.end.column - 1 });
      byLine.set(line, entry);
    }
    for (const [line, { fields, values }] of byLine) {
      const key = `${role.id}\u0000${fields.join('\u0000').toLowerCase()}`;
      units.push({ kind: 'field', key, roleId: role.id, roleName: role.name, fields, values, start: line, end: line + 1 });
    }
  }
  for (const block of frontMatterKeys(lines)) units.push({ kind: 'key', key: block.key, start: block.start, end: block.end });

  units.sort((a, b) => a.start - b.start || a.end - b.end);
  const kept: Unit[] = [];
  const seenFields = new Set<string>();
  for (const unit of units) {
    const previous = kept[kept.length - 1];
    if (previous && unit.start < previous.end) continue;
    if (previous && unit.start === previous.start && previous.start === previous.end && unit.start === unit.end) continue;
    if (unit.kind === 'field') {
      // The same field line twice in a role: leave the second to the line merge.
      if (seenFields.has(unit.key)) continue;
      seenFields.add(unit.key);
    }
    kept.push(unit);
  }
  return kept;
}
