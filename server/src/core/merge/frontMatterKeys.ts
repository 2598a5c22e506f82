/**
 * The top-level keys of a YAML front matter, as line blocks: a key's line and the lines under it (indented
 * values, list entries, comments, blanks) up to the next top-level key. A merge takes or conflicts per key.
 */

export interface KeyBlock {
  key: string;
  /** 0-based lines [start, end). */
  start: number;
  end: number;
}

const FENCE = /^---[ \t]*$/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/;
/** `key:`, `"key":` or `'key':` at column 0, then a space, a tab or the end of the line. */
const KEY_LINE = /^(?:"((?:[^"\\]|\\.){0,200})"|'((?:[^']|'')*)'|([^\s#'"\-?:[\]{},&*!|>%@`][^:]{0,200}?))[ \t]*:(?:[ \t]|$)/;

/** The key blocks of the front matter at the top of `lines`; empty when there is none or a key repeats (then lines merge it). */
export function frontMatterKeys(lines: readonly string[]): KeyBlock[] {
  if (lines.length === 0 || !FENCE.test(lines[0])) return [];
  let close = 1;
  while (close < lines.length && !CLOSE.test(lines[close])) close++;
  if (close >= lines.length) return [];
  const blocks: KeyBlock[] = [];
  for (let i = 1; i < close; i++) {
    const m = KEY_LINE.exec(lines[i]);
    if (!m) continue;
    const key = m[1] ?? m[2] ?? m[3];
    if (blocks.some((b) => b.key === key)) return [];
    if (blocks.length > 0) blocks[blocks.length - 1].end = i;
    blocks.push({ key, start: i, end: close });
  }
  return blocks;
}
