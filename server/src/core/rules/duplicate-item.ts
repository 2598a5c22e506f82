import type { Checklist, Item, Phase } from '../model.js';
import { defineRule, type Report } from './defineRule.js';
import { lastAtOrBefore } from '../sorted.js';
import { itemHead, masked, phaseById, quote, rangeOf, starts, UNEVEN_SPACE } from './support/source.js';

/** A line that is only bold text (`**Automatic triggers:**`): a label that splits a phase into groups. */
const LABEL = /^[ \t>]*(\*\*|__)[^*_\r\n]+\1:?[ \t]*$/gm;
const BEFORE_ITEM = /^[ \t>]*$/;
const AFTER_ITEM = /^[ \t]*$/;

/** Ends a normalised text: spaces (white space is collapsed to spaces by then) and `.,;:!`. */
function isTrailing(code: number): boolean {
  return code === 32 || code === 46 || code === 44 || code === 59 || code === 58 || code === 33;
}

/**
 * Case, spacing and trailing punctuation do not make two steps different:
 * `text.toLowerCase().replace(/\s+/g, ' ').replace(/[\s.,;:!]+$/, '').trim()`, without the regular
 * expressions when the text is already evenly spaced.
 */
function normalise(text: string): string {
  let t = text.toLowerCase();
  if (UNEVEN_SPACE.test(t)) t = t.replace(/\s+/g, ' ');
  let end = t.length;
  while (end > 0 && isTrailing(t.charCodeAt(end - 1))) end--;
  // After collapsing, the only white space left to trim is one leading space.
  const start = end > 0 && t.charCodeAt(0) === 32 ? 1 : 0;
  return start === 0 && end === t.length ? t : t.slice(start, end);
}

export default defineRule({
  id: 'duplicate-item',
  summary: 'the same task twice in one phase',
  description: 'The same task appears twice in one phase (under the same parent item and the same bold label).',
  severity: 'warning',
  details:
    'Case, spacing and trailing punctuation are ignored. Sub-items of different parents, and items under different bold labels such as `**Automatic triggers:**`, may repeat ("Verify" under two steps is two steps).',
  fixes: 'Removes the second copy when it is a single line with nothing nested under it.',
  example: {
    text: '# Release\n\n## Deploy\n\n- [ ] Run the migrations\n- [ ] Deploy the API\n- [ ] Run the migrations.\n',
    fixed: '# Release\n\n## Deploy\n\n- [ ] Run the migrations\n- [ ] Deploy the API\n',
  },
  state: false,
  check(checklist, report) {
    findIn(checklist, 0, checklist.text.length, report);
  },
  // Local: a chunk of the parse starts at a heading, so a phase's items (and with them every group) lie in
  // one chunk; only loose items can span two (before and after the title heading), and chunkFindings.ts
  // caches neither of those chunks.
  checkSpan: findIn,
});

/** The duplicates among the items starting in [from, to). */
function findIn(checklist: Checklist, from: number, to: number, report: Report): void {
  const { text: source, items } = checklist;
  const first = lastAtOrBefore(items, from - 1, (i) => i.range.start.offset) + 1;
  // An item's group lies in its phase, whose items are consecutive: the scan starts at the phase's first item.
  let index = first;
  while (index > 0 && first < items.length && items[index - 1].phaseId === items[first].phaseId) index--;
  // Items with the same phase, parent and label group, by normalised text; consecutive items mostly share the group.
  const groups: Groups = new Map();
  let group: Map<string, Item> | undefined;
  let groupPhaseId: string | undefined;
  let groupParentId: string | undefined;
  let groupLabel = NaN;
  const labels = labelsOf(checklist);
  const where = new Map<Phase | undefined, string>();

  for (; index < items.length && items[index].range.start.offset < to; index++) {
    const item = items[index];
    const text = normalise(item.text);
    if (text === '') continue;
    // Sub-items under different parents, or items under different bold labels, may repeat ("Verify").
    const phaseId = item.phaseId;
    const parentId = item.parentId;
    let label = -1;
    if (labels.length > 0) {
      const before = labels[lastAtOrBefore(labels, item.range.start.offset)] ?? -1;
      const phase = phaseById(checklist, phaseId);
      label = phase && before < phase.range.start.offset ? -1 : before;
    }
    if (group === undefined || phaseId !== groupPhaseId || parentId !== groupParentId || label !== groupLabel) {
      group = groupOf(groups, phaseId, parentId ?? '', label);
      groupPhaseId = phaseId;
      groupParentId = parentId;
      groupLabel = label;
    }
    const seen = group.get(text);
    if (!seen) {
      group.set(text, item);
      continue;
    }
    if (index < first) continue;

    const phase = phaseById(checklist, phaseId);
    let at = where.get(phase);
    if (at === undefined) {
      at = phase ? `in ${quote(phase.title)}` : 'before the first heading';
      where.set(phase, at);
    }
    // Offer to delete the duplicate when it is a single line of its own, with nothing nested under it.
    const { start, end } = item.range;
    const line = start.line;
    const lineStarts = starts(checklist);
    const lineStart = lineStarts[line - 1];
    const next = lineStarts[line] ?? source.length;
    const alone =
      end.line === line &&
      BEFORE_ITEM.test(source.slice(lineStart, start.offset)) &&
      AFTER_ITEM.test(source.slice(end.offset, next).replace(/\r?\n|\r/, ''));
    const fix = alone
      ? { title: 'Remove the duplicate item', edits: [{ range: rangeOf(checklist, lineStart, next), newText: '' }] }
      : undefined;
    report({
      message: `Duplicate item ${quote(item.text)} ${at}: the same step is already listed at line {line}. Remove one, or reword them so each step is distinct.`,
      range: itemHead(checklist, item),
      line: seen.range.start.line,
      ...(fix ? { fix } : {}),
    });
  }
}

type Groups = Map<string, Map<string, Map<number, Map<string, Item>>>>;

/** The items seen so far under a phase, parent and label, by normalised text. */
function groupOf(groups: Groups, phaseId: string, parentId: string, label: number): Map<string, Item> {
  // Keyed level by level: ids are the same string objects item after item, so their hashes are cached.
  let byParent = groups.get(phaseId);
  if (!byParent) groups.set(phaseId, (byParent = new Map()));
  let byLabel = byParent.get(parentId);
  if (!byLabel) byParent.set(parentId, (byLabel = new Map()));
  let group = byLabel.get(label);
  if (!group) byLabel.set(label, (group = new Map()));
  return group;
}

/** Offsets of the bold label lines, outside code and HTML comments; found once per checklist, not once per chunk. */
const labelsCache = new WeakMap<Checklist, number[]>();

function labelsOf(checklist: Checklist): number[] {
  let labels = labelsCache.get(checklist);
  if (labels) return labels;
  labels = [];
  // A label holds `**` or `__`; masking only removes text, so without them in the source there is none.
  if (checklist.text.includes('**') || checklist.text.includes('__')) {
    for (const m of masked(checklist, { code: true, comments: true }).matchAll(LABEL)) labels.push(m.index);
  }
  labelsCache.set(checklist, labels);
  return labels;
}
