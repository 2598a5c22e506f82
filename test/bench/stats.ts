/** What every bench script measures with: medians of wall-time samples. */

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The wall time of one call, in ms. */
export function sample(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}
