import type { Item } from '../model.js';
import { isRequired } from '../progress.js';
import { defineRule } from './defineRule.js';
import { itemHead, plural, quote } from './support/source.js';

export default defineRule({
  id: 'nested-item-state',
  description: 'A ticked item has sub-items that are still open.',
  severity: 'warning',
  state: true,
  check(checklist, report) {
    const childrenOf = new Map<string, Item[]>();
    for (const item of checklist.items) {
      if (item.parentId === undefined || !isRequired(item)) continue;
      const list = childrenOf.get(item.parentId);
      if (list) list.push(item);
      else childrenOf.set(item.parentId, [item]);
    }
    if (childrenOf.size === 0) return;
    for (const parent of checklist.items) {
      if (!parent.checked) continue;
      const children = childrenOf.get(parent.id) ?? [];
      const open = children.filter((i) => !i.checked);
      if (open.length === 0) continue;
      report({
        message: `${quote(parent.text)} is checked but ${open.length} of its ${plural(children.length, 'required sub-item')} ${open.length === 1 ? 'is' : 'are'} still open (first: ${quote(open[0].text)}, line ${open[0].range.start.line}): finish them, or untick the parent.`,
        range: itemHead(checklist, parent),
        fix: { title: `Untick ${quote(parent.text, 40)}`, edits: [{ range: parent.box, newText: '[ ]' }] },
      });
    }
  },
});
