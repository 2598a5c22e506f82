/**
 * Where a document may be cut into independently parsed chunks.
 *
 * A candidate is an ATX heading at column 0: such a line closes every open container, paragraph
 * and lazy continuation, so what follows parses the same with or without what came before (link
 * and footnote definitions aside, which parse.ts resolves document-wide). Fenced code, HTML blocks
 * and front matter can still swallow such a line; this scan skips the obvious cases cheaply and
 * parse.ts proves each cut it keeps (the heading must come out as a root-level heading).
 */
import type { Line } from './lines.js';

const ATX = /^#{1,6}(?:[ \t]|$)/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const HTML_OPEN = /^ {0,3}<(?:!--|script|pre|style|textarea)/i;
const HTML_CLOSE = /-->|<\/(?:script|pre|style|textarea)>/i;

/** Line indexes (0-based) of the lines a chunk may start at, in order. */
export function cutCandidates(lines: readonly Line[]): number[] {
  const out: number[] = [];
  let i = frontMatterEnd(lines);
  let fence: { char: string; size: number } | undefined;
  let inHtml = false;
  for (; i < lines.length; i++) {
    const line = lines[i].text;
    if (fence) {
      const close = FENCE_OPEN.exec(line);
      if (close && close[1][0] === fence.char && close[1].length >= fence.size && close[2].trim() === '') fence = undefined;
      continue;
    }
    if (inHtml) {
      if (HTML_CLOSE.test(line)) inHtml = false;
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    if (open && !(open[1][0] === '`' && open[2].includes('`'))) {
      fence = { char: open[1][0], size: open[1].length };
      continue;
    }
    if (HTML_OPEN.test(line)) {
      inHtml = !HTML_CLOSE.test(line);
      continue;
    }
    if (i > 0 && ATX.test(line)) out.push(i);
  }
  return out;
}

/**
 * Index of the first line after YAML front matter, else 0. Front matter must close to exist: an opening
 * `---` that never closes is not front matter (and micromark-extension-frontmatter, asked to try it,
 * would read to the end of the document and turn every later list into a paragraph).
 */
export function frontMatterEnd(lines: readonly Line[]): number {
  if (lines.length === 0 || !/^\uFEFF?---[ \t]*$/.test(lines[0].text)) return 0;
  for (let i = 1; i < lines.length; i++) if (/^---[ \t]*$/.test(lines[i].text)) return i + 1;
  return 0;
}
