/**
 * Text-level pieces of templates, shared by the parser (which must not find placeholders inside the
 * template's own metadata) and by template.ts: the placeholder syntax, the front matter's YAML span and
 * the span of its top-level `template:` block. Found on the text, not on parsed YAML, so the block can be
 * cut out of a template with every other line of its front matter (comments included) left as written.
 */
import { splitLines } from './lines.js';

/** A template placeholder: `{{project}}`, `{{ ecs_cluster }}`. `${{ … }}` is a CI expression, never one. */
export const TEMPLATE_PLACEHOLDER = /(?<!\$)\{\{[ \t]{0,64}([a-z][a-z0-9_]{0,255})[ \t]{0,64}\}\}/g;
/** The name of a placeholder, as written between the braces. */
export const PLACEHOLDER_NAME = /^[a-z][a-z0-9_]*$/;

/** `text` is a whole template placeholder (`{{ lead }}`); its name, else undefined. */
/**
 * `{{…}}` in a command that is its own template language (kubectl `--template`, Helm, `docker --format`: Go
 * templates), not a placeholder: a field or variable (`{{ .Values.image }}`, `{{$name}}`), a trim marker
 * (`{{- … }}`), a string or a call, or a keyword that needs no argument (`{{end}}`, `{{else}}`).
 */
const TEMPLATE_LANGUAGE = /^\{\{\s{0,64}(?:[-.$"(]|(?:end|else|break|continue|nil)\s{0,64}\}\}$)/;

export function isTemplateLanguage(mustache: string): boolean {
  return TEMPLATE_LANGUAGE.test(mustache);
}

export function templatePlaceholderName(text: string): string | undefined {
  return /^\{\{[ \t]*([a-z][a-z0-9_]*)[ \t]*\}\}$/.exec(text)?.[1];
}

const CLOSING = /^---[ \t]*$/;

export interface FrontMatterSpan {
  /** The opening `---` (after a byte order mark). */
  start: number;
  /** The YAML: from the line after the opening `---` to the start of the closing `---` line. */
  from: number;
  to: number;
  /** After the closing `---` line and its line ending. */
  next: number;
}

/** Where the front matter opening `text` is, when it opens with one that closes (as the parser requires). */
export function frontMatterSpan(text: string): FrontMatterSpan | undefined {
  if (!/^\uFEFF?---[ \t]*(?:\r\n|\r|\n)/.test(text)) return undefined;
  // Line by line up to the closing `---`, as chunks.ts frontMatterEnd reads it: no need to split a 2 MB file.
  const eol = /\r\n|\r|\n/g;
  let start = 0;
  let index = 0;
  let from = -1;
  for (;;) {
    const m = eol.exec(text);
    const end = m ? m.index : text.length;
    const next = m ? m.index + m[0].length : text.length;
    if (index === 1) from = start;
    if (index > 0 && CLOSING.test(text.slice(start, end))) {
      return { start: text.charCodeAt(0) === 0xfeff ? 1 : 0, from, to: start, next };
    }
    if (!m) return undefined;
    start = next;
    index++;
  }
}

const TEMPLATE_KEY = /^(?:template|"template"|'template')[ \t]*:(?:[ \t]|$)/;

/**
 * The top-level `template:` block of the front matter: from its key line (with the comment lines right
 * above it, which describe it) to the next top-level key or comment, blank lines after it included.
 * Undefined when the front matter has no such key.
 */
export function templateBlock(text: string, span: FrontMatterSpan | undefined = frontMatterSpan(text)): [number, number] | undefined {
  if (!span) return undefined;
  const lines = splitLines(text.slice(span.from, span.to)).map((l) => ({ start: span.from + l.start, text: l.text }));
  // The last entry is the empty remainder after the YAML's final line ending.
  if (lines.length > 0 && lines[lines.length - 1].start === span.to) lines.pop();
  const key = lines.findIndex((l) => TEMPLATE_KEY.test(l.text));
  if (key < 0) return undefined;
  let first = key;
  while (first > 0 && /^#/.test(lines[first - 1].text)) first--;
  let last = key;
  for (let i = key + 1; i < lines.length; i++) {
    const line = lines[i].text;
    if (line.trim() === '') continue;
    // Indented lines, and `- ` entries of a list written at the key's own column, continue the block.
    if (/^(?:[ \t]|-(?:[ \t]|$))/.test(line)) last = i;
    else if (!/^#/.test(line)) break;
    // A comment at column 0 may sit inside the block: it belongs to it when indented lines follow.
  }
  // Blank lines after the block go with it; a top-level comment there belongs to what follows.
  let end = last + 1;
  while (end < lines.length && lines[end].text.trim() === '') end++;
  return [lines[first].start, end < lines.length ? lines[end].start : span.to];
}
