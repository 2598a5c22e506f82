/**
 * Facts from a linear line scan, without micromark: for a text too complex to parse (complexity.ts) or
 * one whose parse failed. Headings (ATX and setext) and task items (any marker, any nesting, inside
 * block quotes) with their exact box ranges; front matter, fenced code and HTML comments are skipped.
 * Everything else (code blocks, tables, fields, placeholders) is left out: the checklist built from
 * these facts has phases, items and progress, so the tree, outline, symbols and toggling keep working.
 */
import { frontMatterEnd } from './chunks.js';
import { quotePrefix } from './complexity.js';
import { emptyFacts } from './extract.js';
import { lineStarts, pointAt, splitLines } from './lines.js';
import type { Facts, Point } from './model.js';

const FENCE = /^(`{3,}|~{3,})/;
const MARKER = /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/;
const BOX = /^\[([ xX])\](?=[ \t]|$)/;
const SETEXT = /^(?:=+|-+)[ \t]*$/;

interface OpenItem {
  /** Column where the item's content starts: a line indented at least this far is inside it. */
  content: number;
  /** Start of this item if it is a task, else of the nearest enclosing task. */
  task?: Point;
}

export function scanFacts(text: string): Facts {
  const facts = emptyFacts();
  const starts = lineStarts(text);
  const point = (offset: number) => pointAt(starts, offset);
  const lines = splitLines(text);
  let fence: { char: string; size: number } | undefined;
  let inComment = false;
  let open: OpenItem[] = [];
  // The paragraph a setext underline would turn into a heading: outside lists only.
  let paragraph: { from: number; title: string[] } | undefined;
  for (let n = frontMatterEnd(lines); n < lines.length; n++) {
    const { text: raw, start } = lines[n];
    const bom = n === 0 && raw.startsWith('\uFEFF') ? 1 : 0;
    const quote = quotePrefix(raw.slice(bom));
    let i = bom + quote.end;
    let column = 0;
    for (; i < raw.length && (raw[i] === ' ' || raw[i] === '\t'); i++) column += raw[i] === '\t' ? 4 - (column % 4) : 1;
    const rest = raw.slice(i);
    const restAt = start + i;
    if (fence) {
      const close = FENCE.exec(rest);
      if (close && close[1][0] === fence.char && close[1].length >= fence.size && rest.slice(close[1].length).trim() === '')
        fence = undefined;
      continue;
    }
    if (inComment) {
      if (raw.includes('-->')) inComment = false;
      continue;
    }
    if (rest === '') {
      paragraph = undefined;
      continue;
    }
    const opened = FENCE.exec(rest);
    if (opened && !(opened[1][0] === '`' && rest.slice(opened[1].length).includes('`'))) {
      fence = { char: opened[1][0], size: opened[1].length };
      paragraph = undefined;
      continue;
    }
    if (rest.startsWith('<!--')) {
      inComment = !rest.includes('-->', 4);
      paragraph = undefined;
      continue;
    }
    const end = point(start + raw.length);
    if (column < 4 && rest[0] === '#') {
      const heading = atx(rest);
      if (heading) {
        facts.headings.push({ depth: heading.depth, title: heading.title, range: { start: point(restAt), end }, setext: false });
        open = [];
        paragraph = undefined;
        continue;
      }
    }
    if (paragraph && column < 4 && open.length === 0 && quote.depth === 0 && SETEXT.test(rest)) {
      facts.headings.push({
        depth: rest[0] === '=' ? 1 : 2,
        title: paragraph.title.join(' ').trim(),
        range: { start: point(paragraph.from), end },
        setext: true,
      });
      paragraph = undefined;
      continue;
    }
    if (isThematicBreak(rest)) {
      open = [];
      paragraph = undefined;
      continue;
    }
    const marker = MARKER.exec(rest);
    if (!marker) {
      // A lazy continuation line stays in its item; any other line closes the items it is not indented into.
      if (!paragraph) while (open.length > 0 && open[open.length - 1].content > column) open.pop();
      if (paragraph) paragraph.title.push(rest);
      else paragraph = { from: restAt, title: [rest] };
      continue;
    }
    paragraph = undefined;
    while (open.length > 0 && open[open.length - 1].content > column) open.pop();
    // Every marker on the line opens an item inside the one before (`- - [ ] x`).
    let at = 0;
    let col = column;
    for (let m: RegExpExecArray | null = marker; m; m = MARKER.exec(rest.slice(at))) {
      const markerAt = at;
      const markerCol = col;
      at += m[0].length;
      let spaces = 0;
      while (at + spaces < rest.length && (rest[at + spaces] === ' ' || rest[at + spaces] === '\t')) spaces++;
      // Five spaces or more after a marker: the content starts after one, the rest is indented code.
      const gap = spaces >= 5 ? 1 : Math.max(spaces, 1);
      col = markerCol + m[0].length + gap;
      at += spaces >= 5 ? 1 : spaces;
      const parent = open[open.length - 1];
      const item: OpenItem = { content: col, ...(parent?.task ? { task: parent.task } : {}) };
      const box = BOX.exec(rest.slice(at));
      // GFM makes a task only of a box with text after it, on its line or the item's next one.
      if (box && (rest.slice(at + 3).trim() !== '' || continues(lines[n + 1]?.text, quote.depth, col))) {
        const from = restAt + markerAt;
        const boxAt = restAt + at;
        const text = rest.slice(at + 3).trim();
        facts.items.push({
          text,
          // The degraded model keeps the raw source line, backticks included.
          textWithCode: text,
          checked: box[1] !== ' ',
          struck: false,
          range: { start: point(from), end },
          box: { start: point(boxAt), end: point(boxAt + 3) },
          depth: open.length,
          ...(parent?.task ? { parent: parent.task } : {}),
          commands: [],
        });
        item.task = point(from);
        open.push(item);
        break;
      }
      open.push(item);
    }
  }
  return facts;
}

/** An ATX heading's depth and title (closing `#`s removed), read without a backtracking pattern. */
function atx(rest: string): { depth: number; title: string } | undefined {
  let depth = 0;
  while (depth < rest.length && rest[depth] === '#') depth++;
  if (depth > 6 || (depth < rest.length && rest[depth] !== ' ' && rest[depth] !== '\t')) return undefined;
  let title = rest.slice(depth).trim();
  let close = title.length;
  while (close > 0 && title[close - 1] === '#') close--;
  if (close === 0) title = '';
  else if (close < title.length && (title[close - 1] === ' ' || title[close - 1] === '\t')) title = title.slice(0, close).trim();
  return { depth, title };
}

/** `---`, `* * *`, `___` (a loop: as a pattern it would repeat a group of repetitions). */
function isThematicBreak(rest: string): boolean {
  const mark = rest[0];
  if (mark !== '-' && mark !== '*' && mark !== '_') return false;
  let count = 0;
  for (const c of rest) {
    if (c === mark) count++;
    else if (c !== ' ' && c !== '\t') return false;
  }
  return count >= 3;
}

/** A line that continues an item whose content starts at `content` (blank lines do not). */
function continues(line: string | undefined, depth: number, content: number): boolean {
  if (line === undefined) return false;
  const quote = quotePrefix(line);
  if (quote.depth !== depth) return false;
  let column = 0;
  let i = quote.end;
  for (; i < line.length && (line[i] === ' ' || line[i] === '\t'); i++) column += line[i] === '\t' ? 4 - (column % 4) : 1;
  return i < line.length && column >= content;
}
