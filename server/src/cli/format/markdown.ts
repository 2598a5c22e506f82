import { escapeMarkdownInline, inlineCode } from '../../text/markdownText.js';

/** Document text safe inside a GFM table cell, a heading or a list item: one line, literal, pipes escaped. */
export function cell(text: string): string {
  return escapeMarkdownInline(text);
}

/** Inline code of one line that survives backticks inside the value. */
export function code(text: string): string {
  return inlineCode(text);
}

/** Indent for a sub-phase row: non-breaking spaces survive GitHub's whitespace collapsing. */
export function indent(depth: number): string {
  return depth <= 0 ? '' : `${'\u00a0\u00a0'.repeat(depth)}↳ `;
}
