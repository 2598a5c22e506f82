/**
 * Folding ranges: phase sections, fenced code, tables, HTML comments, front matter and items with sub-items.
 * Sections stop at their last non-blank line, so a folded section keeps the blank line before the next heading.
 */
import { type FoldingRange, FoldingRangeKind } from 'vscode-languageserver';
import type { Checklist } from '../../core/model.js';
import { allPhases } from '../../core/progress.js';
import { lastAtOrBefore } from '../../core/sorted.js';
import { lineStartsOf } from '../../core/lines.js';
import { trimEndChars, trimStartChars } from '../../core/trimChars.js';
import { contentEnd, positionAt } from './convert.js';

export function foldingRanges(checklist: Checklist): FoldingRange[] {
  const { text } = checklist;
  const ranges: FoldingRange[] = [];
  const lastLine = lineStartsOf(checklist).length - 1;
  /** Lines are 0-based; the end is the line of the last non-blank character before `endOffset`. */
  const add = (startLine: number, startOffset: number, endOffset: number, kind?: FoldingRangeKind) => {
    const endLine = Math.min(lastLine, positionAt(checklist, contentEnd(text, startOffset, endOffset)).line);
    if (startLine >= 0 && endLine > startLine) ranges.push(kind ? { startLine, endLine, kind } : { startLine, endLine });
  };

  if (checklist.frontMatter) {
    const { start, end } = checklist.frontMatter.range;
    add(start.line - 1, start.offset, end.offset);
  }
  for (const phase of allPhases(checklist.phases))
    add(phase.range.start.line - 1, phase.range.start.offset, phase.sectionEnd.offset, FoldingRangeKind.Region);
  for (const code of checklist.code) if (code.fenced) add(code.range.start.line - 1, code.range.start.offset, code.range.end.offset);

  // Children follow their parent in document order: an item has sub-items when the next item is its child.
  const { items } = checklist;
  for (let i = 0; i + 1 < items.length; i++) {
    if (items[i + 1].parentId === items[i].id) add(items[i].range.start.line - 1, items[i].range.start.offset, items[i].range.end.offset);
  }

  for (const table of tableRanges(checklist)) add(table.startLine, table.start, table.end);
  for (const comment of htmlComments(checklist))
    add(positionAt(checklist, comment.start).line, comment.start, comment.end, FoldingRangeKind.Comment);

  // One range per start line (editors keep only one), the outermost; in document order.
  ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  return ranges.filter((r, i) => i === 0 || r.startLine !== ranges[i - 1].startLine);
}

function insideCode(checklist: Checklist, offset: number): boolean {
  const code = checklist.code[lastAtOrBefore(checklist.code, offset, (c) => c.range.start.offset)];
  return code !== undefined && offset < code.range.end.offset;
}

const DELIMITER_CELL = /^:?-+:?$/;

/** A GFM delimiter row (`| --- | :-: |`): cell by cell, as one pattern it would repeat a group of repetitions. */
function isDelimiterRow(line: string): boolean {
  const blank = ' \t';
  let row = trimEndChars(trimStartChars(line, blank), blank);
  if (row.startsWith('|')) row = row.slice(1);
  if (row.endsWith('|')) row = row.slice(0, -1);
  return row.split('|').every((cell) => DELIMITER_CELL.test(trimEndChars(trimStartChars(cell, blank), blank)));
}

/**
 * GFM tables found by their delimiter row (`|---|:--:|`): the model keeps only the boxes in table cells,
 * so the rows are found here. Only lines holding a `|` are looked at (found with indexOf, which is far
 * cheaper than a multi-line regex over the whole text). The header is the line above; the body runs
 * while lines hold a `|`.
 */
function tableRanges(checklist: Checklist): { startLine: number; start: number; end: number }[] {
  const { text } = checklist;
  const starts = lineStartsOf(checklist);
  const lineText = (line: number) =>
    text.slice(starts[line], line + 1 < starts.length ? starts[line + 1] : text.length).replace(/\r?\n$|\r$/, '');
  const tables: { startLine: number; start: number; end: number }[] = [];
  for (let bar = text.indexOf('|'); bar !== -1;) {
    const line = positionAt(checklist, bar).line;
    let next = line + 1 < starts.length ? starts[line + 1] : text.length;
    if (line > 0 && isDelimiterRow(lineText(line)) && lineText(line - 1).includes('|') && !insideCode(checklist, bar)) {
      let last = line;
      while (last + 1 < starts.length && lineText(last + 1).includes('|') && lineText(last + 1).trim() !== '') last++;
      tables.push({ startLine: line - 1, start: starts[line - 1], end: starts[last] + lineText(last).length });
      next = last + 1 < starts.length ? starts[last + 1] : text.length;
    }
    bar = text.indexOf('|', next);
  }
  return tables;
}

function htmlComments(checklist: Checklist): { start: number; end: number }[] {
  const { text } = checklist;
  const comments: { start: number; end: number }[] = [];
  for (let start = text.indexOf('<!--'); start !== -1;) {
    const close = text.indexOf('-->', start + 4);
    // An unclosed `<!--` is more likely prose about comments than a comment running to the end.
    if (close === -1) break;
    const end = close + 3;
    if (!insideCode(checklist, start)) comments.push({ start, end });
    start = text.indexOf('<!--', end);
  }
  return comments;
}
