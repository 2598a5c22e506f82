import type { Item } from '../model.js';
import { defineRule } from './defineRule.js';
import { lastAtOrBefore } from '../sorted.js';
import { itemHead, masked, phaseById, quote, rangeOf, starts } from './support/source.js';

/** A line that is only bold text (`**Automatic triggers:**`): a label that splits a phase into groups. */
const LABEL = /^[ \t>]*(\*\*|__)[^*_\r\n]+\1:?[ \t]*$/gm;

/** Case, spacing and trailing punctuation do not make two steps different. */
function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').replace(/[\s.,;:!]+$/, '').trim();
}

export default defineRule({
  id: 'duplicate-item',
  description: 'The same task appears twice in one phase (under the same parent item and the same bold label).',
  severity: 'warning',
  check(checklist, report) {
    const seen = new Map<string, Item>();
    const lineStarts = starts(checklist);
    const labels = [...masked(checklist, { code: true, comments: true }).matchAll(LABEL)].map((m) => m.index);
    const labelBefore = (offset: number) => labels[lastAtOrBefore(labels, offset)] ?? -1;
    for (const item of checklist.items) {
      const text = normalise(item.text);
      if (text === '') continue;
      // Sub-items under different parents, or items under different bold labels, may repeat ("Verify").
      const phase = phaseById(checklist, item.phaseId);
      const label = labelBefore(item.range.start.offset);
      const group = phase && label < phase.range.start.offset ? -1 : label;
      const key = `${item.phaseId}\u0000${item.parentId ?? ''}\u0000${group}\u0000${text}`;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, item);
        continue;
      }
      const where = phase ? `in ${quote(phase.title)}` : 'before the first heading';
      // Offer to delete the duplicate when it is a single line of its own, with nothing nested under it.
      const line = item.range.start.line;
      const lineStart = lineStarts[line - 1];
      const alone =
        item.range.end.line === line &&
        /^[ \t>]*$/.test(checklist.text.slice(lineStart, item.range.start.offset)) &&
        /^[ \t]*$/.test(checklist.text.slice(item.range.end.offset, lineStarts[line] ?? checklist.text.length).replace(/\r?\n|\r/, ''));
      const fix = alone
        ? { title: 'Remove the duplicate item', edits: [{ range: rangeOf(checklist, lineStart, lineStarts[line] ?? checklist.text.length), newText: '' }] }
        : undefined;
      report({
        message: `Duplicate item ${quote(item.text)} ${where}: the same step is already listed at line ${first.range.start.line}. Remove one, or reword them so each step is distinct.`,
        range: itemHead(checklist, item),
        ...(fix ? { fix } : {}),
      });
    }
  },
});
