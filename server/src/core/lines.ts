import type { Point } from './model.js';

export interface Line {
  /** Offset of the line's first character. */
  start: number;
  /** The line without its ending. */
  text: string;
}

/** Lines split at the endings CommonMark knows: CRLF, LF and a lone CR. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const m of text.matchAll(/\r\n|\r|\n/g)) {
    lines.push({ start, text: text.slice(start, m.index) });
    start = m.index + m[0].length;
  }
  lines.push({ start, text: text.slice(start) });
  return lines;
}

/** Offsets at which each line starts; index 0 is line 1. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push(m.index + m[0].length);
  return starts;
}

/** Maps an offset to a unist point, given the lines' start offsets. */
export function pointAt(starts: readonly number[], offset: number): Point {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1, offset };
}

/** Offset of the end of the line holding `offset`, before its line ending. */
export function lineEnd(text: string, offset: number): number {
  const eol = /\r|\n/g;
  eol.lastIndex = offset;
  return eol.exec(text)?.index ?? text.length;
}
