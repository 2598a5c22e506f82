import { escapeMarkdownInline, inlineCode } from '../../text/markdownText.js';
import { plainLine } from '../../text/plainText.js';

/** Document text safe inside a GFM table cell, a heading or a list item: one line, literal, pipes escaped. */
export function cell(text: string): string {
  return escapeMarkdownInline(text);
}

/**
 * Item text with code spans (`Item.textWithCode`) for a table cell: the text escaped to be literal, each code
 * span kept as code. A backtick run without a closing run of the same length is text, as in CommonMark. Pipes
 * inside code are escaped too: GFM splits a table cell at them even there.
 */
export function cellWithCode(item: string): string {
  const text = plainLine(item);
  const out: string[] = [];
  const runs = [...text.matchAll(/`+/g)];
  let textFrom = 0;
  for (let i = 0; i < runs.length; i++) {
    const open = runs[i];
    const close = runs.findIndex((r, j) => j > i && r[0].length === open[0].length);
    if (close < 0) continue;
    let value = text.slice(open.index + open[0].length, runs[close].index);
    if (/^ .*[^ ].* $/s.test(value)) value = value.slice(1, -1);
    out.push(spaced(text.slice(textFrom, open.index)), inlineCode(value).replace(/\|/g, '\\|'));
    textFrom = runs[close].index + open[0].length;
    i = close;
  }
  out.push(spaced(text.slice(textFrom)));
  return out.join('');
}

/** `cell`, keeping one space at either edge where the text had some (it sits beside a code span). */
function spaced(text: string): string {
  if (text.trim() === '') return text === '' ? '' : ' ';
  return `${/^\s/.test(text) ? ' ' : ''}${cell(text)}${/\s$/.test(text) ? ' ' : ''}`;
}

/** Inline code of one line that survives backticks inside the value. */
export function code(text: string): string {
  return inlineCode(text);
}

/** Indent for a sub-phase row: non-breaking spaces survive GitHub's whitespace collapsing. */
export function indent(depth: number): string {
  return depth <= 0 ? '' : `${'\u00a0\u00a0'.repeat(depth)}↳ `;
}
