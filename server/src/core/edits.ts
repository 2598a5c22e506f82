/**
 * Edits of the document as data: toggle items (by id or by line), check a whole phase. Every edit
 * replaces only the three characters of a box, so text around it (and a keystroke made meanwhile
 * elsewhere) is untouched.
 */
import { lineStartsOf, pointAt } from './lines.js';
import type { Checklist, Item, Phase, Range, TableCheckFact, TextEdit } from './model.js';
import { ownTextEnd } from './ownText.js';
import { allPhases } from './progress.js';

/** Offsets -> a unist range in the checklist's text. */
export function rangeAt(checklist: Checklist, from: number, to: number = from): Range {
  const starts = lineStartsOf(checklist);
  return { start: pointAt(starts, from), end: pointAt(starts, to) };
}

export function replaceAt(checklist: Checklist, from: number, to: number, newText: string): TextEdit {
  return { range: rangeAt(checklist, from, to), newText };
}

/** The edit that puts `item` in state `checked`, or undefined when it is already there. */
export function boxEdit(item: { box: Range; checked: boolean }, checked: boolean): TextEdit | undefined {
  return item.checked === checked ? undefined : { range: item.box, newText: checked ? '[x]' : '[ ]' };
}

/**
 * Sets (or, with `checked` undefined, flips) the given items. An id given twice counts once;
 * ids the checklist does not hold are returned in `missing` (the document changed under the caller).
 */
export function setItems(checklist: Checklist, itemIds: readonly string[], checked?: boolean): { edits: TextEdit[]; missing: string[] } {
  const byId = new Map(checklist.items.map((item) => [item.id, item]));
  const edits: TextEdit[] = [];
  const missing: string[] = [];
  for (const id of new Set(itemIds)) {
    const item = byId.get(id);
    if (!item) {
      missing.push(id);
      continue;
    }
    const edit = boxEdit(item, checked ?? !item.checked);
    if (edit) edits.push(edit);
  }
  return { edits: edits.sort((a, b) => a.range.start.offset - b.range.start.offset), missing };
}

/** Checks or unchecks every item of a phase, its sub-phases included. */
export function setPhase(checklist: Checklist, phaseId: string, checked: boolean): { edits: TextEdit[] } | { error: string } {
  const phases = [...allPhases(checklist.phases)];
  const phase = phases.find((p) => p.id === phaseId);
  if (!phase) {
    const known = phases.map((p) => p.id);
    const list =
      known.length === 0
        ? 'the checklist has no phases (headings)'
        : `known phases: ${known.slice(0, 20).join(', ')}${known.length > 20 ? ', …' : ''}`;
    return { error: `No phase '${phaseId}' in this checklist (${list}). Its heading may have been renamed; refresh and try again.` };
  }
  const edits = itemsOfPhase(phase).flatMap((item) => boxEdit(item, checked) ?? []);
  return { edits };
}

/** Items of a phase and of its sub-phases, in document order. */
export function itemsOfPhase(phase: Phase): Item[] {
  return [...allPhases([phase])].flatMap((p) => p.items).sort((a, b) => a.range.start.offset - b.range.start.offset);
}

/** Items whose first line lies in [fromLine, toLine] (1-based, either order): toggle at the cursor or selection. */
export function itemsAtLines(checklist: Checklist, fromLine: number, toLine: number): Item[] {
  const [lo, hi] = fromLine <= toLine ? [fromLine, toLine] : [toLine, fromLine];
  return checklist.items.filter((item) => item.range.start.line >= lo && item.range.start.line <= hi);
}

/**
 * The boxes a cursor or selection on lines [fromLine, toLine] (1-based, either order) means: items whose
 * first line is there and table checks there; when no item starts on the first line, also the innermost
 * item whose own text continues onto it (a cursor on an item's wrapped line means that item).
 */
export function boxesAtLines(checklist: Checklist, fromLine: number, toLine: number): (Item | TableCheckFact)[] {
  const [lo, hi] = fromLine <= toLine ? [fromLine, toLine] : [toLine, fromLine];
  const items = itemsAtLines(checklist, lo, hi);
  if (items[0]?.range.start.line !== lo) {
    // Items nest in document order: the last one holding the line is the innermost.
    const holder = checklist.items.findLast((item) => item.range.start.line < lo && item.range.end.line >= lo);
    if (holder && ownTextEnd(checklist, holder) >= lo) items.unshift(holder);
  }
  return [...items, ...checklist.tableChecks.filter((check) => check.box.start.line >= lo && check.box.start.line <= hi)];
}

/**
 * Toggles the boxes at the lines together: when all are checked they are all unchecked, otherwise all
 * are checked. No edits means no box there (a toggle of at least one box always changes one).
 */
export function toggleLines(checklist: Checklist, fromLine: number, toLine: number): TextEdit[] {
  const boxes = boxesAtLines(checklist, fromLine, toLine);
  const checked = !boxes.every((box) => box.checked);
  return boxes.flatMap((box) => boxEdit(box, checked) ?? []).sort((a, b) => a.range.start.offset - b.range.start.offset);
}

/** The text with edits that do not overlap applied, from the last to the first so earlier offsets stay valid. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.range.start.offset - a.range.start.offset)) {
    out = out.slice(0, edit.range.start.offset) + edit.newText + out.slice(edit.range.end.offset);
  }
  return out;
}
