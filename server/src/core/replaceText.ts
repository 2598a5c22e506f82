import { lineStarts, pointAt } from './lines.js';
import type { TextEdit } from './model.js';

/**
 * One edit that turns `from` into `to`, confined to the lines between their common first and last lines:
 * one undo step in the editor, and the lines around it (folds, cursor, bookmarks) keep their place.
 * The edit starts and ends at line starts, so it never splits a CRLF or a surrogate pair.
 */
export function replaceText(from: string, to: string): TextEdit {
  const a = from.split(/(?<=\n)/);
  const b = to.split(/(?<=\n)/);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const length = (lines: string[], count: number) => lines.slice(0, count).reduce((sum, line) => sum + line.length, 0);
  const start = length(a, head);
  const end = length(a, a.length - tail);
  const starts = lineStarts(from);
  return { range: { start: pointAt(starts, start), end: pointAt(starts, end) }, newText: b.slice(head, b.length - tail).join('') };
}
