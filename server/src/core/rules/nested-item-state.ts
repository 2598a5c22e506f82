import type { Checklist, Item } from '../model.js';
import { isRequired } from '../progress.js';
import { defineRule, type Report } from './defineRule.js';
import { lastAtOrBefore } from '../sorted.js';
import { itemHead, plural, quote } from './support/source.js';

/**
 * Required sub-items by where their parent item starts (numbers hash faster than ids). Ticks change neither
 * nesting nor what is required, and a toggled checklist shares its items list: the map is made once per list.
 */
const childrenCache = new WeakMap<readonly Item[], Map<number, Item[]>>();

function childrenOf(checklist: Checklist): Map<number, Item[]> {
  let children = childrenCache.get(checklist.items);
  if (!children) {
    children = new Map();
    for (const item of checklist.items) {
      // A parent point without a parent id is an enclosing task item the model does not hold.
      if (item.parentId === undefined || !isRequired(item)) continue;
      const list = children.get(item.parent!.offset);
      if (list) list.push(item);
      else children.set(item.parent!.offset, [item]);
    }
    childrenCache.set(checklist.items, children);
  }
  return children;
}

function checkParent(checklist: Checklist, parent: Item, children: readonly Item[] | undefined, report: Report): void {
  if (!parent.checked || !children) return;
  const open = children.filter((i) => !i.checked);
  if (open.length === 0) return;
  report({
    message: `${quote(parent.text)} is checked but ${open.length} of its ${plural(children.length, 'required sub-item')} ${open.length === 1 ? 'is' : 'are'} still open (first: ${quote(open[0].text)}, line ${open[0].range.start.line}): finish them, or untick the parent.`,
    range: itemHead(checklist, parent),
    fix: { title: `Untick ${quote(parent.text, 40)}`, edits: [{ range: parent.box, newText: '[ ]' }] },
  });
}

export default defineRule({
  id: 'nested-item-state',
  summary: 'a ticked item whose required sub-items are open',
  description: 'A ticked item has sub-items that are still open.',
  severity: 'warning',
  details: 'Either the parent was ticked too early or its required sub-items were forgotten. Optional sub-items do not count.',
  fixes: 'Unticks the parent.',
  example: {
    text: '# Release\n\n- [x] Verify the deploy\n  - [ ] Check the dashboards\n  - [x] Check the logs\n',
    fixed: '# Release\n\n- [ ] Verify the deploy\n  - [ ] Check the dashboards\n  - [x] Check the logs\n',
  },
  state: true,
  check(checklist, report) {
    const children = childrenOf(checklist);
    if (children.size === 0) return;
    for (const parent of checklist.items) checkParent(checklist, parent, children.get(parent.range.start.offset), report);
  },
  // A tick can change only the findings on the ticked item (its own state) and on its parent (an open child
  // fewer or more); each is reported at the item's start.
  recheck(checklist, ticked) {
    const parents = new Set<Item>();
    for (const item of ticked) {
      parents.add(item);
      // The parent starts where the item's parent point is (looked up without an index of every id).
      const parent =
        item.parentId === undefined
          ? undefined
          : checklist.items[lastAtOrBefore(checklist.items, item.parent!.offset, (i) => i.range.start.offset)];
      if (parent) parents.add(parent);
    }
    const starts = new Set([...parents].map((p) => p.range.start.offset));
    return {
      covers: (finding) => starts.has(finding.range.start.offset),
      check(report) {
        const children = childrenOf(checklist);
        for (const parent of [...parents].sort((a, b) => a.range.start.offset - b.range.start.offset))
          checkParent(checklist, parent, children.get(parent.range.start.offset), report);
      },
    };
  },
});
