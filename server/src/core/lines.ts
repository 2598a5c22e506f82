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

interface LineIndex {
  starts: number[];
  /** Every line ends in a plain LF: a line's end is the next line's start less one. */
  lfOnly: boolean;
}

const startsCache = new WeakMap<Checklist, LineIndex>();

function lineIndexOf(checklist: Checklist): LineIndex {
  let index = startsCache.get(checklist);
  if (!index) {
    index = { starts: lineStarts(checklist.text), lfOnly: !checklist.text.includes('\r') };
    startsCache.set(checklist, index);
  }
  return index;
}

/** Line starts of a checklist's text, computed once per checklist object and shared by every reader. */
export function lineStartsOf(checklist: Checklist): number[] {
  return lineIndexOf(checklist).starts;
}

/** Hands a checklist the line starts its text was already split into (by buildChecklist). */
export function rememberLineStarts(checklist: Checklist, starts: number[]): void {
  startsCache.set(checklist, { starts, lfOnly: !checklist.text.includes('\r') });
}

/**
 * Offset of the end of a line (1-based), before its line ending. With LF endings only it is read from the
 * line starts, not the text: after box toggles the text is a rope that a read would flatten.
 */
export function lineEndOf(checklist: Checklist, line: number): number {
  const { starts, lfOnly } = lineIndexOf(checklist);
  if (line >= starts.length) return checklist.text.length;
  return lfOnly ? starts[line] - 1 : lineEnd(checklist.text, starts[line - 1]);
}

/** After an edit that moved no line (a box toggle), the new checklist object reuses the old line starts. */
export function keepLineStarts(from: Checklist, to: Checklist): void {
  const index = startsCache.get(from);
  if (index) startsCache.set(to, index);
}
