/**
 * Which unit of one version is which unit of another. Items match as `preflight diff` matches them (id, else
 * unique identical text), first each side against BASE, then what is left of OURS against what is left of
 * THEIRS (added on both sides). Code steps match by step id, else by a unique identical command; sign-off
 * field lines by role and field names; front-matter blocks by key. An item reworded in place (its id and
 * text changed, its neighbours matched, its heading the same, most of its words kept) is still that item,
 * so a rewording on both sides is that item's conflict; an item replaced by another is a removal and an
 * addition.
 */
import type { Item } from '../model.js';
import { match } from '../matchItems.js';
import type { Step } from '../steps.js';
import type { Unit } from './units.js';

/** The class key of every unit, per version (0 base, 1 ours, 2 theirs). */
export type Classes = Map<Unit, string>[];

export function classify(versions: readonly Unit[][]): Classes {
  const classes: Classes = versions.map(() => new Map());
  const of = <K extends Unit['kind']>(units: readonly Unit[], kind: K) =>
    units.filter((u): u is Extract<Unit, { kind: K }> => u.kind === kind);

  const itemKeys = threeWay(
    versions.map((v) => of(v, 'item').map((u) => u.item)),
    (before, after) => inPlace(before, after, match(before, after)),
    match,
  );
  const stepKeys = threeWay(
    versions.map((v) => of(v, 'notes').map((u) => u.step)),
    matchSteps,
    matchSteps,
  );
  versions.forEach((units, v) => {
    for (const unit of units) {
      if (unit.kind === 'item') classes[v].set(unit, `i${itemKeys[v].get(unit.item)}`);
      else if (unit.kind === 'notes') classes[v].set(unit, `s${stepKeys[v].get(unit.step)}`);
      else if (unit.kind === 'field') classes[v].set(unit, `f${unit.key}`);
      else classes[v].set(unit, `k${unit.key}`);
    }
  });
  return classes;
}

/** Numbers shared by matched elements of the three versions. */
type Pair<T> = (before: readonly T[], after: readonly T[]) => Map<T, T>;

/** `pair` matches each side against BASE, `pairAdded` what is left of OURS against what is left of THEIRS. */
function threeWay<T>(lists: T[][], pair: Pair<T>, pairAdded: Pair<T>): Map<T, number>[] {
  const keys = lists.map(() => new Map<T, number>());
  let next = 0;
  for (const x of lists[0]) keys[0].set(x, next++);
  for (const side of [1, 2]) {
    for (const [after, before] of pair(lists[0], lists[side])) keys[side].set(after, keys[0].get(before)!);
  }
  const left = (side: number) => lists[side].filter((x) => !keys[side].has(x));
  for (const [inTheirs, inOurs] of pairAdded(left(1), left(2))) {
    keys[1].set(inOurs, next);
    keys[2].set(inTheirs, next++);
  }
  for (const side of [1, 2]) for (const x of left(side)) keys[side].set(x, next++);
  return keys;
}

/** Later step -> earlier step: same id, then identical command when it is unique on both sides. */
function matchSteps(before: readonly Step[], after: readonly Step[]): Map<Step, Step> {
  const out = new Map<Step, Step>();
  const byId = new Map(before.map((s) => [s.id, s]));
  const used = new Set<Step>();
  for (const step of after) {
    const hit = byId.get(step.id);
    if (hit && !used.has(hit)) {
      out.set(step, hit);
      used.add(hit);
    }
  }
  const unique = (list: readonly Step[]) => {
    const m = new Map<string, Step | null>();
    for (const s of list) m.set(s.command, m.has(s.command) ? null : s);
    return m;
  };
  const left = unique(before.filter((s) => !used.has(s)));
  for (const [command, step] of unique(after.filter((s) => !out.has(s)))) {
    const hit = left.get(command);
    if (step && hit) out.set(step, hit);
  }
  return out;
}

/**
 * Runs of unmatched items between the same matched neighbours, as many on both sides, at the same depths,
 * under the same heading and worded alike, pair up in order: items reworded where they stand. Pairing two
 * different items would move a tick or run notes onto an item nobody ticked or ran, so when in doubt they
 * stay apart (a removal and an addition, which conflicts if the other side changed the removed item).
 */
function inPlace(before: readonly Item[], after: readonly Item[], matched: Map<Item, Item>): Map<Item, Item> {
  const index = new Map(before.map((item, i) => [item, i]));
  const taken = new Set(matched.values());
  for (let j = 0; j < after.length;) {
    if (matched.has(after[j])) {
      j++;
      continue;
    }
    let k = j;
    while (k < after.length && !matched.has(after[k])) k++;
    const from = j === 0 ? 0 : index.get(matched.get(after[j - 1])!)! + 1;
    const to = k === after.length ? before.length : index.get(matched.get(after[k])!)!;
    const gap = before.slice(from, Math.max(from, to));
    const alike = (item: Item, n: number) => {
      const other = after[j + n];
      return !taken.has(item) && item.depth === other.depth && item.phaseId === other.phaseId && wordedAlike(item.text, other.text);
    };
    if (gap.length === k - j && gap.every(alike)) gap.forEach((item, n) => matched.set(after[j + n], item));
    j = k;
  }
  return matched;
}

/** At least half the words in common (Dice coefficient over word sets): "Run migrations" ~ "Run migrations on staging". */
function wordedAlike(a: string, b: string): boolean {
  const words = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  const [x, y] = [words(a), words(b)];
  if (x.size + y.size === 0) return true;
  const shared = [...x].filter((w) => y.has(w)).length;
  return (2 * shared) / (x.size + y.size) >= 0.5;
}
