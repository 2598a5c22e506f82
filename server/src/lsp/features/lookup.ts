/**
 * What is at an offset: the innermost item, phase, placeholder or step. Binary searches over the
 * model's document-ordered lists (ids through core/lookup.ts), so a hover or a code action
 * request costs O(log n) on a document with tens of thousands of items.
 */
import { itemById } from '../../core/lookup.js';
import type { Checklist, Item, Phase, PlaceholderFact, SignOffRole } from '../../core/model.js';
import { lastAtOrBefore } from '../../core/sorted.js';
import { stepsOf, type Step } from '../../core/steps.js';

export { itemById, phaseById, phasePath } from '../../core/lookup.js';

/** The innermost item whose range holds `offset` (its end included, so the end of its line counts). */
export function itemAt(checklist: Checklist, offset: number): Item | undefined {
  const index = lastAtOrBefore(checklist.items, offset, (i) => i.range.start.offset);
  // Only the last item starting before the offset and its ancestors can enclose it.
  for (
    let item: Item | undefined = checklist.items[index];
    item;
    item = item.parentId === undefined ? undefined : itemById(checklist, item.parentId)
  ) {
    if (offset <= item.range.end.offset) return item;
  }
  return undefined;
}

/** The innermost phase whose section (heading to section end) holds `offset`. */
export function phaseAt(checklist: Checklist, offset: number): Phase | undefined {
  let found: Phase | undefined;
  let list: readonly Phase[] = checklist.phases;
  for (;;) {
    const phase = list[lastAtOrBefore(list, offset, (p) => p.range.start.offset)];
    // The last section runs to the end of the text, and a cursor there is still in it.
    if (!phase || (offset >= phase.sectionEnd.offset && phase.sectionEnd.offset < checklist.text.length)) return found;
    found = phase;
    list = phase.phases;
  }
}

/** The phase whose heading holds `offset`. */
export function headingAt(checklist: Checklist, offset: number): Phase | undefined {
  const phase = phaseAt(checklist, offset);
  return phase && offset >= phase.range.start.offset && offset <= phase.range.end.offset ? phase : undefined;
}

/** The sign-off role whose heading, table row or item holds `offset` (a handful of roles: a plain scan). */
export function roleAt(checklist: Checklist, offset: number): SignOffRole | undefined {
  return checklist.signOff?.roles.find((r) => offset >= r.range.start.offset && offset <= r.range.end.offset);
}

export function placeholderAt(checklist: Checklist, offset: number): PlaceholderFact | undefined {
  const placeholder = checklist.placeholders[lastAtOrBefore(checklist.placeholders, offset, (p) => p.range.start.offset)];
  return placeholder && offset < placeholder.range.end.offset ? placeholder : undefined;
}

/** The step whose range (block or inline span) holds `offset`. */
export function stepAt(checklist: Checklist, offset: number): Step | undefined {
  const steps = stepsOf(checklist);
  const step = steps[lastAtOrBefore(steps, offset, (s) => s.range.start.offset)];
  return step && offset < step.range.end.offset ? step : undefined;
}

/** Steps that prove an item: its inline commands and the blocks it holds or stands above. */
export function stepsOfItem(checklist: Checklist, item: Item): Step[] {
  return stepsOf(checklist).filter((s) => s.item === item);
}
