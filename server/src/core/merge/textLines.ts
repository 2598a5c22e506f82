/** A text as lines and the line ending and final newline it uses, so a merge can hand back what OURS used. */

export interface TextLines {
  lines: string[];
  /** The first line ending in the text; LF when there is none. */
  eol: string;
  finalNewline: boolean;
}

export function toLines(text: string): TextLines {
  const eol = /\r\n|\n|\r/.exec(text)?.[0] ?? '\n';
  const lines = text.split(/\r\n|\n|\r/);
  const finalNewline = text !== '' && lines[lines.length - 1] === '';
  if (finalNewline || text === '') lines.pop();
  return { lines, eol, finalNewline };
}

export function fromLines(lines: readonly string[], eol: string, finalNewline: boolean): string {
  if (lines.length === 0) return '';
  return lines.join(eol) + (finalNewline ? eol : '');
}

/** LF lines with a final newline: what the line merge compares (it never sees a CR or a missing last newline). */
export function lineMergeInput(lines: readonly string[]): string {
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
