/**
 * Document text placed into generated markdown (the pull request comment): it reads as the text it is
 * and cannot open or close a block, a fence, an HTML element or a table cell. Patterns are linear.
 */
import { plainLine } from './plainText.js';

/**
 * Inline-significant characters: emphasis, code, links, HTML and entities, table pipes, strike-through,
 * math. A backslash before ASCII punctuation is always a literal in CommonMark.
 */
const INLINE_SYNTAX = /[\\`*_[\]<>|~&$]/g;
/** What would open a block were the text at a line's start: a heading, a list, a setext underline, an ordered list. */
const LEADING_BLOCK = /^(?:[#\-+=]|\d{1,9}[.)])/;

/** One line of document text as literal inline markdown (safe in a table cell, a heading, a list item). */
export function escapeMarkdownInline(text: string): string {
  const escaped = plainLine(text).replace(INLINE_SYNTAX, '\\$&');
  const leading = escaped.replace(LEADING_BLOCK, (m) => (m.length === 1 ? `\\${m}` : `${m.slice(0, -1)}\\${m.slice(-1)}`));
  return escapeClosingHashes(leading);
}

/**
 * `#` elsewhere is text (`#releases`, `#123`), except at the end, where a heading would take a run of them
 * for its closing sequence. Found by scanning back, not by a `#+$` pattern, which backtracks on long runs.
 */
function escapeClosingHashes(text: string): string {
  let start = text.length;
  while (start > 0 && text[start - 1] === '#') start--;
  if (start === text.length || (start > 0 && text[start - 1] === '\\')) return text;
  return `${text.slice(0, start)}${'\\#'.repeat(text.length - start)}`;
}

/** The longest run of backticks in `text`. */
function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return longest;
}

/** A backtick fence for a code block holding `text`: longer than any backtick run inside, at least 3. */
export function fenceFor(text: string): string {
  return '`'.repeat(Math.max(3, longestBacktickRun(text) + 1));
}

/** An inline code span of one line of document text: its delimiters are longer than any backtick run inside. */
export function inlineCode(text: string): string {
  const line = plainLine(text);
  const ticks = '`'.repeat(longestBacktickRun(line) + 1);
  const pad = line.startsWith('`') || line.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${line}${pad}${ticks}`;
}
