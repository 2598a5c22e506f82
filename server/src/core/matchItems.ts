/** Which item of one version is which item of another: what `preflight diff` and `preflight merge` both follow. */
import type { Item } from './model.js';

/** Later item -> earlier item: same id first, then identical text when it is unique on both sides. */
export function match(before: readonly Item[], after: readonly Item[]): Map<Item, Item> {
  const out = new Map<Item, Item>();
  const byId = new Map(before.map((i) => [i.id, i]));
  const used = new Set<Item>();
  for (const item of after) {
    const hit = byId.get(item.id);
    if (hit) {
      out.set(item, hit);
      used.add(hit);
    }
  }
  const uniqueByText = (list: readonly Item[]) => {
    const m = new Map<string, Item | null>();
    for (const i of list) m.set(i.text, m.has(i.text) ? null : i);
    return m;
  };
  const left = uniqueByText(before.filter((i) => !used.has(i)));
  const right = uniqueByText(after.filter((i) => !out.has(i)));
  for (const [text, item] of right) {
    const hit = left.get(text);
    if (item && hit) out.set(item, hit);
  }
  return out;
}
