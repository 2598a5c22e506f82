/** Text safe inside a GFM table cell: pipes escaped, newlines flattened, HTML-ish brackets neutralised. */
export function cell(text: string): string {
  return text.replace(/\r?\n|\r/g, ' ').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Inline code that survives backticks inside the value. */
export function code(text: string): string {
  const ticks = '`'.repeat(Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length)) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

/** Indent for a sub-phase row: non-breaking spaces survive GitHub's whitespace collapsing. */
export function indent(depth: number): string {
  return depth <= 0 ? '' : `${'\u00a0\u00a0'.repeat(depth)}↳ `;
}
