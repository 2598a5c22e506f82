/** "Did you mean": the known word a mistyped one was most likely meant to be. */

/** The candidate with the same letters in another case or spelling (`serviceName`, `endpoint_url`), a prefix, or a typo (edit distance ≤ 2). */
export function closest<T extends string>(word: string, candidates: readonly T[]): T | undefined {
  const w = word.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (w === '') return undefined;
  const bare = (c: string) => c.toLowerCase().replace(/[^a-z0-9]/g, '');
  return (
    candidates.find((c) => bare(c) === w) ??
    candidates.find((c) => w.startsWith(bare(c)) || (w.length >= 3 && bare(c).startsWith(w))) ??
    candidates.find((c) => distance(w, bare(c)) <= 2)
  );
}

/** Levenshtein distance; the words compared are short. */
export function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}
