/** What a unit holds in one version, as the merge of that unit needs it. */
import type { ValueSpan } from './fieldValues.js';
import type { Unit } from './units.js';

export interface ItemContent {
  kind: 'item';
  /** The item's own lines (box line first). */
  own: string[];
  /** Run-note lines right under them. */
  notes: string[];
  checked: boolean;
  /** Where `[ ]` / `[x]` sits in `own`. */
  boxLine: number;
  boxColumn: number;
  text: string;
  /** A role of its own: its fields on the box line. */
  role?: { name: string; fields: string[]; values: ValueSpan[] };
}

export interface NotesContent {
  kind: 'notes';
  notes: string[];
}

export interface LineContent {
  kind: 'field' | 'key';
  lines: string[];
  /** Role id (fields) or key (front matter): conflicting lines of one group share their markers. */
  group: string;
  label: string;
  /** A field line's values (columns on its one line), so two sides filling different fields of one line both count. */
  values?: { from: number; to: number }[];
  /** The field names, in the order of `values`. */
  fields?: string[];
}

export type Content = ItemContent | NotesContent | LineContent;

export function contentOf(unit: Unit, lines: readonly string[]): Content {
  const slice = (from: number, to: number) => lines.slice(from, to);
  switch (unit.kind) {
    case 'item': {
      const { item } = unit;
      return {
        kind: 'item',
        own: slice(unit.start, unit.ownEnd),
        notes: slice(unit.ownEnd, unit.end),
        checked: item.checked,
        boxLine: item.box.start.line - 1 - unit.start,
        boxColumn: item.box.start.column - 1,
        text: item.text,
        ...(unit.role ? { role: unit.role } : {}),
      };
    }
    case 'notes':
      return { kind: 'notes', notes: slice(unit.start, unit.end) };
    case 'field':
      return {
        kind: 'field',
        lines: slice(unit.start, unit.end),
        group: `role:${unit.roleId}`,
        label: `${unit.roleName}\u0000${unit.fields.join(', ')}`,
        values: unit.values,
        fields: unit.fields,
      };
    case 'key':
      return { kind: 'key', lines: slice(unit.start, unit.end), group: `key:${unit.key}`, label: unit.key };
  }
}

/** The lines a content stands for in its own version. */
export function linesOf(content: Content): string[] {
  if (content.kind === 'item') return [...content.own, ...content.notes];
  if (content.kind === 'notes') return content.notes;
  return content.lines;
}
