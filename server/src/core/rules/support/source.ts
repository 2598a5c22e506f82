/**
 * Helpers for rules that read the source text: offsets to points, the text with code, HTML comments
 * or front matter blanked out (same length, line endings kept, so offsets still match), and short
 * labels for messages. Everything is cached per checklist object, so rules share the work.
 */
import { lineEnd, lineStartsOf, pointAt } from '../../lines.js';

export { lineEnd };
import type { Checklist, Item, Point, Range } from '../../model.js';
import { phaseAt, phaseById } from '../../lookup.js';
import { lastAtOrBefore } from '../../sorted.js';

export { lineStartsOf as starts };

export function point(checklist: Checklist, offset: number): Point {
  return pointAt(lineStartsOf(checklist), offset);
}

export function rangeOf(checklist: Checklist, from: number, to: number): Range {
  return { start: point(checklist, from), end: point(checklist, to) };
}

/** What `lineEnd` looks for, without a new expression per call. */
const EOL = /\r|\n/g;

/** From `start` to the end of its line: a one-line range for items and headings that span more. */
export function firstLine(checklist: Checklist, start: Point): Range {
  EOL.lastIndex = start.offset;
  return rangeOf(checklist, start.offset, EOL.exec(checklist.text)?.index ?? checklist.text.length);
}

/** The first line of an item, from its list marker. */
export function itemHead(checklist: Checklist, item: Item): Range {
  return firstLine(checklist, item.range.start);
}

export interface MaskOptions {
  code?: boolean;
  comments?: boolean;
  frontMatter?: boolean;
}

interface MaskCache {
  byKey: Map<string, string>;
  comments?: [number, number][];
}

const maskCache = new WeakMap<Checklist, MaskCache>();

/**
 * After box toggles a new checklist object inherits the masks, with each box's state character
 * rewritten where the box was not blanked (a box is blanked only inside a comment span, which a toggle
 * does not move). Saves re-masking the whole text for the rules that run again after a toggle.
 */
export function keepMasks(from: Checklist, to: Checklist, boxes: readonly { offset: number; mark: string }[]): void {
  const cache = maskCache.get(from);
  if (!cache) return;
  // Whether a box is blanked is read from the comment spans, not the mask: reading a rope would flatten it.
  const blanked = (offset: number) => {
    const spans = cache.comments ?? [];
    const span = spans[lastAtOrBefore(spans, offset, (s) => s[0])];
    return span !== undefined && offset < span[1];
  };
  const byKey = new Map<string, string>();
  for (const [key, text] of cache.byKey) {
    let out = text;
    for (const { offset, mark } of boxes) {
      if (!(key.includes('h') && blanked(offset))) out = out.slice(0, offset + 1) + mark + out.slice(offset + 2);
    }
    byKey.set(key, out);
  }
  maskCache.set(to, { byKey, ...(cache.comments ? { comments: cache.comments } : {}) });
}

/** The source with the chosen parts replaced by spaces; offsets and line numbers are unchanged. */
export function masked(checklist: Checklist, options: MaskOptions): string {
  const { text } = checklist;
  // Parts the document does not have change nothing, so such options share one result.
  const code = options.code === true && checklist.code.length > 0;
  const comments = options.comments === true && text.includes('<!--');
  const frontMatter = options.frontMatter === true && checklist.frontMatter !== undefined;
  if (!code && !comments && !frontMatter) return text;
  const key = `${code ? 'c' : ''}${comments ? 'h' : ''}${frontMatter ? 'f' : ''}`;
  let cache = maskCache.get(checklist);
  if (!cache) {
    cache = { byKey: new Map() };
    maskCache.set(checklist, cache);
  }
  const hit = cache.byKey.get(key);
  if (hit !== undefined) return hit;

  const spans: [number, number][] = [];
  if (frontMatter) spans.push([checklist.frontMatter!.range.start.offset, checklist.frontMatter!.range.end.offset]);
  if (code) for (const c of checklist.code) spans.push([c.range.start.offset, c.range.end.offset]);
  if (comments) {
    // Comments are looked for in the text with its code blanked, so `<!--` inside code opens none.
    cache.comments ??= commentSpans(masked(checklist, { code: true }));
    spans.push(...cache.comments);
  }
  const out = blank(text, spans);
  cache.byKey.set(key, out);
  return out;
}

/** `<!-- ... -->` spans (an unclosed comment runs to the end), found in text whose code is already blanked. */
function commentSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let from = text.indexOf('<!--');
  while (from >= 0) {
    const close = text.indexOf('-->', from + 4);
    const to = close < 0 ? text.length : close + 3;
    spans.push([from, to]);
    from = text.indexOf('<!--', to);
  }
  return spans;
}

function blank(text: string, spans: readonly [number, number][]): string {
  if (spans.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const [from, to] of [...spans].sort((a, b) => a[0] - b[0])) {
    const start = Math.max(from, at);
    if (to <= start) continue;
    parts.push(text.slice(at, start), text.slice(start, to).replace(/[^\r\n]/g, ' '));
    at = to;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

export { phaseAt, phaseById };

/** Text that `\s+` -> ' ' would change: a run of white space, or white space other than a plain space. */
export const UNEVEN_SPACE = /\s\s|[^\S ]/;

/** `'text'`, shortened for a message. */
export function quote(text: string, max = 60): string {
  const flat = (UNEVEN_SPACE.test(text) ? text.replace(/\s+/g, ' ') : text).trim();
  return `'${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}'`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
