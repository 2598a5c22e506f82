/**
 * A linear pre-scan for the shapes on which micromark (remark-parse + remark-gfm) goes super-linear or
 * overflows its stack, so such a text takes the line scanner instead of a parse that could take minutes.
 *
 * Measured on micromark 4.0.2, parse only (README, "Hostile input"): `*a_` ×2,000 in one item takes
 * 0.46 s and ×8,000 5.7 s (attention resolution is quadratic in delimiter runs of one inline block);
 * `- ` ×500 on one line 0.22 s and ×2,000 2.2 s, an indentation ladder 500 deep 5 s, `>` ×8,000 a stack
 * overflow; `a]` ×8,000 1 s; a 20,000-row table 3.9 s and a 4,000-column row 2.5 s (extraction
 * included). The seed checks in about 80 ms. Every limit below sits well under the sizes where the
 * parse passes about 5x that, and far above anything a real checklist holds.
 */
import { frontMatterEnd } from './chunks.js';
import { splitLines } from './lines.js';

export const LIMITS = {
  /** Runs of `*`, `_` or `~` in one inline block (a paragraph, a list item's line, a heading). */
  delimiterRuns: 1000,
  /** `[` and `]` in one inline block. */
  brackets: 1000,
  /** List items open around one line (markers on the line itself included). */
  listDepth: 32,
  /** `>` markers opening one line. */
  quoteDepth: 32,
  /** Block quotes and list items opened on one line, interleaved (`> - > - …`). */
  containerDepth: 64,
  /** Characters on one line. */
  lineLength: 100_000,
  /** Consecutive lines holding `|` (table rows). */
  tableRows: 1000,
  /** `|` on one line (table cell separators). */
  tableCells: 200,
} as const;

/** Why a text is too complex to parse, and where (the offset of the line at fault). */
export interface TooComplexAt {
  reason: string;
  offset: number;
}

/** Thrown by the parse of a text (or chunk) that is too complex; parseChecklist and LiveChecklist turn it into a degraded model. */
export class TooComplex extends Error {
  constructor(readonly at: TooComplexAt) {
    super(`too complex to analyse fully: ${at.reason}`);
    this.name = 'TooComplex';
  }
}

const [STAR, UNDERSCORE, TILDE, OPEN, CLOSE, PIPE] = [...'*_~[]|'].map((c) => c.charCodeAt(0));
const FENCE = /^(`{3,}|~{3,})/;
const MARKER = /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/;
const count = (n: number) => n.toLocaleString('en-US');

/**
 * The first shape in `text` that would make the parse super-linear, or undefined when it parses in linear
 * time. For a chunk of a document, `line` and `offset` say where it starts, so the reason names the document's line.
 */
export function complexityOf(text: string, line = 1, offset = 0): TooComplexAt | undefined {
  const lines = splitLines(text);
  let fence: { char: string; size: number } | undefined;
  let runs = 0;
  let brackets = 0;
  let blockLine = 0;
  let tableRows = 0;
  // Content columns of the list items open at the current line.
  const open: number[] = [];
  // YAML front matter is not markdown (only a document's start can hold it).
  for (let n = offset === 0 ? frontMatterEnd(lines) : 0; n < lines.length; n++) {
    const row = lines[n].text;
    const at = (reason: string, from = n) => ({
      reason: `${reason} ${from < n ? `at lines ${line + from}–${line + n}` : `at line ${line + n}`}`,
      offset: offset + lines[from].start,
    });
    if (row.length > LIMITS.lineLength) return at(`a line of ${count(row.length)} characters (the limit is ${count(LIMITS.lineLength)})`);
    const quote = quotePrefix(row);
    if (quote.depth > LIMITS.quoteDepth) return at(`${count(quote.depth)} nested block quotes (the limit is ${LIMITS.quoteDepth})`);
    let i = quote.end;
    let column = 0;
    for (; i < row.length && (row[i] === ' ' || row[i] === '\t'); i++) column += row[i] === '\t' ? 4 - (column % 4) : 1;
    const rest = row.slice(i);
    if (fence) {
      const close = FENCE.exec(rest);
      if (close && close[1][0] === fence.char && close[1].length >= fence.size && rest.slice(close[1].length).trim() === '')
        fence = undefined;
      continue;
    }
    if (rest === '') {
      runs = brackets = tableRows = 0;
      continue;
    }
    const opened = FENCE.exec(rest);
    if (opened && !(opened[1][0] === '`' && rest.slice(opened[1].length).includes('`'))) {
      fence = { char: opened[1][0], size: opened[1].length };
      runs = brackets = 0;
      continue;
    }
    // List markers on this line, nested ones included (`- - - [ ] x`).
    let depth = -1;
    let inline = rest;
    for (let marker = MARKER.exec(inline), col = column; marker; marker = MARKER.exec(inline)) {
      if (depth < 0) {
        while (open.length > 0 && open[open.length - 1] > col) open.pop();
        depth = open.length;
      }
      depth++;
      let after = marker[0].length;
      while (after < inline.length && (inline[after] === ' ' || inline[after] === '\t')) after++;
      col += after;
      open.push(col);
      inline = inline.slice(after);
      if (depth > LIMITS.listDepth) return at(`list items nested more than ${LIMITS.listDepth} deep`);
    }
    // Quotes and list items can also alternate on one line, each kind under its own limit: count them together.
    const containers = quote.depth + Math.max(0, depth) + interleaved(inline);
    if (containers > LIMITS.containerDepth)
      return at(`block quotes and list items nested more than ${LIMITS.containerDepth} deep on one line`);
    if (depth >= 0 || /^#{1,6}(?:[ \t]|$)/.test(rest)) {
      // A new item or a heading starts a new inline block.
      runs = brackets = 0;
      blockLine = n;
    } else if (runs === 0 && brackets === 0) {
      blockLine = n;
    }
    let pipes = 0;
    for (let j = 0, previous = 0; j < inline.length; j++) {
      const c = inline.charCodeAt(j);
      if (c === STAR || c === UNDERSCORE || c === TILDE) {
        if (previous !== c) runs++;
      } else if (c === OPEN || c === CLOSE) brackets++;
      else if (c === PIPE) pipes++;
      previous = c;
    }
    if (runs > LIMITS.delimiterRuns)
      return at(
        `${count(runs)} runs of emphasis delimiters (*, _, ~) in one paragraph (the limit is ${count(LIMITS.delimiterRuns)})`,
        blockLine,
      );
    if (brackets > LIMITS.brackets)
      return at(`${count(brackets)} brackets in one paragraph (the limit is ${count(LIMITS.brackets)})`, blockLine);
    if (pipes > LIMITS.tableCells) return at(`a table row with ${count(pipes)} cell separators | (the limit is ${LIMITS.tableCells})`);
    tableRows = pipes > 0 ? tableRows + 1 : 0;
    if (tableRows > LIMITS.tableRows) return at(`a table of over ${count(LIMITS.tableRows)} rows`, n - tableRows + 1);
    // A table row is an inline block of its own per cell: do not let a long table add up.
    if (pipes > 0) runs = brackets = 0;
  }
  return undefined;
}

/** How many `>` and list markers open `text` (it starts after a line's leading quotes and list markers), up to just past the limit. */
function interleaved(text: string): number {
  let n = 0;
  let rest = text;
  while (n <= LIMITS.containerDepth) {
    const quote = quotePrefix(rest);
    rest = rest.slice(quote.end).trimStart();
    const marker = MARKER.exec(rest);
    if (quote.depth === 0 && !marker) return n;
    n += quote.depth;
    if (marker) {
      n++;
      rest = rest.slice(marker[0].length).trimStart();
    }
  }
  return n;
}

/** How many `>` open a line, and where its content starts (linear: each character is read once). */
export function quotePrefix(line: string): { depth: number; end: number } {
  let depth = 0;
  let end = 0;
  let i = 0;
  for (;;) {
    let spaces = 0;
    while (spaces < 3 && line[i + spaces] === ' ') spaces++;
    if (line[i + spaces] !== '>') return { depth, end };
    i += spaces + 1;
    if (line[i] === ' ') i++;
    depth++;
    end = i;
  }
}
