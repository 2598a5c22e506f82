/** Binary searches over lists sorted by start offset (facts come in document order). */

/** Index of the last element starting at or before `offset`, or -1. */
export function lastAtOrBefore<T>(list: readonly T[], offset: number, startOf: (x: T) => number): number;
export function lastAtOrBefore(list: readonly number[], offset: number): number;
export function lastAtOrBefore<T>(list: readonly T[], offset: number, startOf = (x: T) => x as number): number {
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (startOf(list[mid]) <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The elements starting in [from, to), without scanning the rest of the list. */
export function between<T>(list: readonly T[], from: number, to: number, startOf: (x: T) => number): T[] {
  const out: T[] = [];
  for (let i = lastAtOrBefore(list, from - 1, startOf) + 1; i < list.length && startOf(list[i]) < to; i++) out.push(list[i]);
  return out;
}
