/**
 * A fresh run: the checklist as it was before anyone worked through it. Every box is cleared (items,
 * sign-off statements, table checks), every run note line goes together with its line break, and the
 * sign-off fields a signer filled are blank again. Nothing else changes, line endings included, so a
 * template that was checked, signed and run comes back byte for byte.
 */
import { applyEdits, boxEdit, replaceAt } from './edits.js';
import { lineEnd, lineStartsOf } from './lines.js';
import type { Checklist, SignOffField, TextEdit } from './model.js';
import { parseRunNote } from './runNote.js';
import { cellInside, isTableRole } from './stamp.js';

export interface FreshRun {
  text: string;
  /** How many boxes were cleared. */
  cleared: number;
}

/** A value to fill in, when the document shows none of its own; table cells always get it. */
const BLANK = '____';

export function freshRun(checklist: Checklist): FreshRun {
  const boxes = [...checklist.items, ...checklist.tableChecks].flatMap((box) => boxEdit(box, false) ?? []);
  const blank = blankOf(checklist);
  // A `[x]` in a sign-off column is a box: clearing it is enough, and a second edit would overlap.
  const holdsBox = (field: SignOffField) =>
    checklist.tableChecks.some(
      (c) => c.box.start.offset >= field.valueRange.start.offset && c.box.end.offset <= field.valueRange.end.offset,
    );
  const fields = (checklist.signOff?.roles ?? []).flatMap((role) =>
    role.fields
      .filter((field) => field.filled && !holdsBox(field))
      .map((field) =>
        isTableRole(role)
          ? cellBlank(checklist, field)
          : replaceAt(checklist, field.valueRange.start.offset, field.valueRange.end.offset, blank),
      ),
  );
  return { text: applyEdits(checklist.text, [...boxes, ...fields, ...noteRemovals(checklist)]), cleared: boxes.length };
}

/**
 * The blank the document itself writes for a value to fill in (`________________` in the seed), so a
 * cleared field reads like its unsigned neighbours and a template comes back as it was; `____` else.
 */
function blankOf(checklist: Checklist): string {
  const counts = new Map<string, number>();
  for (const field of checklist.fields) if (/^_{2,}$/.test(field.value)) counts.set(field.value, (counts.get(field.value) ?? 0) + 1);
  let blank = BLANK;
  let most = 0;
  for (const [value, count] of counts) if (count > most) [blank, most] = [value, count];
  return blank;
}

/** Columns have their own widths, so a cell gets the short blank, padded to the cell's old width so an aligned column stays aligned. */
function cellBlank(checklist: Checklist, field: SignOffField): TextEdit {
  const { from, to } = cellInside(checklist, field);
  return replaceAt(checklist, from, to, ` ${BLANK} `.padEnd(to - from, ' '));
}

/**
 * Run note lines outside code blocks (where a note is only an example), each run of them removed with
 * the line break after it, or at the end of a text without a final line break, with the one before it.
 */
function noteRemovals(checklist: Checklist): TextEdit[] {
  const text = checklist.text;
  if (!text.includes('preflight:run')) return [];
  const starts = lineStartsOf(checklist);
  const inCode = (offset: number) => checklist.code.some((c) => offset >= c.range.start.offset && offset < c.range.end.offset);
  const isNote = (line: number) =>
    parseRunNote(text.slice(starts[line], lineEnd(text, starts[line]))) !== undefined && !inCode(starts[line]);
  const edits: TextEdit[] = [];
  for (let first = 0; first < starts.length; first++) {
    if (!isNote(first)) continue;
    let last = first;
    while (last + 1 < starts.length && isNote(last + 1)) last++;
    if (last + 1 < starts.length) edits.push(replaceAt(checklist, starts[first], starts[last + 1], ''));
    else edits.push(replaceAt(checklist, first > 0 ? lineEnd(text, starts[first - 1]) : 0, text.length, ''));
    first = last;
  }
  return edits;
}
