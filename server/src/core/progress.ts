import type { Count, Item, Phase, Progress } from './model.js';

export function emptyProgress(): Progress {
  return { total: 0, done: 0, optional: { total: 0, done: 0 }, required: { total: 0, done: 0 } };
}

/** Items that count towards "complete": neither optional nor in a conditional phase. */
export function isRequired(item: Item): boolean {
  return !item.optional && !item.conditional;
}

export function countItems(items: readonly Item[], into: Progress = emptyProgress()): Progress {
  for (const item of items) {
    const done = item.checked ? 1 : 0;
    into.total++;
    into.done += done;
    if (item.optional) {
      into.optional.total++;
      into.optional.done += done;
    } else if (isRequired(item)) {
      into.required.total++;
      into.required.done += done;
    }
  }
  return into;
}

/** Fills `progress` of a phase and its sub-phases, bottom up. */
export function rollUp(phase: Phase): Progress {
  const progress = countItems(phase.items);
  for (const child of phase.phases) add(progress, rollUp(child));
  phase.progress = progress;
  return progress;
}

export function add(into: Progress, other: Progress): void {
  into.total += other.total;
  into.done += other.done;
  addCount(into.optional, other.optional);
  addCount(into.required, other.required);
}

function addCount(into: Count, other: Count): void {
  into.total += other.total;
  into.done += other.done;
}

export function percent(count: Count): number {
  return count.total === 0 ? 100 : Math.floor((100 * count.done) / count.total);
}

/** Every phase of a tree, depth first in document order. */
export function* allPhases(phases: readonly Phase[]): Generator<Phase> {
  for (const phase of phases) {
    yield phase;
    yield* allPhases(phase.phases);
  }
}
