import type { Checklist, Point } from './model.js';

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
  // The common text without carriage returns: a plain search is several times faster than the regex.
  if (!text.includes('\r')) {
    const out = [0];
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) out.push(at + 1);
    return out;
  }
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

const startsCache = new WeakMap<Checklist, number[]>();

/** Line starts of a checklist's text, computed once per checklist object and shared by every reader. */
export function lineStartsOf(checklist: Checklist): number[] {
  let starts = startsCache.get(checklist);
  if (!starts) {
    starts = lineStarts(checklist.text);
    startsCache.set(checklist, starts);
  }
  return starts;
}

/** After an edit that moved no line (a box toggle), the new checklist object reuses the old line starts. */
export function keepLineStarts(from: Checklist, to: Checklist): void {
  const starts = startsCache.get(from);
  if (starts) startsCache.set(to, starts);
}
