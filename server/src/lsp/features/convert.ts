/**
 * Core (unist: 1-based line and column, 0-based offset) <-> LSP (0-based line and character).
 * Both count UTF-16 units, so a column maps to a character by subtracting one.
 */
import type { Position, Range, TextEdit } from 'vscode-languageserver';
import { lineStartsOf, pointAt } from '../../core/lines.js';
import type { Checklist, Point, Range as CoreRange, TextEdit as CoreTextEdit } from '../../core/model.js';

export function toLspPosition(point: Point): Position {
  return { line: point.line - 1, character: point.column - 1 };
}

export function toLspRange(range: CoreRange): Range {
  return { start: toLspPosition(range.start), end: toLspPosition(range.end) };
}

export function toLspTextEdit(edit: CoreTextEdit): TextEdit {
  return { range: toLspRange(edit.range), newText: edit.newText };
}

/** A zero-width range at the start of a point's line: where a lens or a fold begins. */
export function lineRange(point: Point): Range {
  const position = { line: point.line - 1, character: 0 };
  return { start: position, end: position };
}

/** From `point` to the end of its line (before the line ending): an item's or a heading's first line. */
export function firstLineRange(checklist: Checklist, point: Point): Range {
  const starts = lineStartsOf(checklist);
  const next = starts[point.line] ?? checklist.text.length + 1;
  let end = Math.min(next, checklist.text.length);
  while (end > point.offset && (checklist.text[end - 1] === '\n' || checklist.text[end - 1] === '\r')) end--;
  return { start: toLspPosition(point), end: { line: point.line - 1, character: point.column - 1 + (end - point.offset) } };
}

/** Offset of an LSP position in `text` (given its line starts); clamped to the line, as LSP asks. */
export function offsetIn(text: string, starts: readonly number[], position: Position): number {
  if (position.line < 0) return 0;
  if (position.line >= starts.length) return text.length;
  const start = starts[position.line];
  let end = position.line + 1 < starts.length ? starts[position.line + 1] : text.length;
  while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return Math.min(start + Math.max(0, position.character), end);
}

/** Offset of an LSP position in the checklist's text. */
export function offsetAt(checklist: Checklist, position: Position): number {
  return offsetIn(checklist.text, lineStartsOf(checklist), position);
}

/** LSP position of an offset in the checklist's text. */
export function positionAt(checklist: Checklist, offset: number): Position {
  return toLspPosition(pointAt(lineStartsOf(checklist), Math.max(0, Math.min(offset, checklist.text.length))));
}

/** Offset just after the last non-blank character in [from, to): where a section's content ends. */
export function contentEnd(text: string, from: number, to: number): number {
  let end = to;
  while (end > from && /\s/.test(text[end - 1])) end--;
  return end;
}
