/**
 * Helpers for rules that read the source text: offsets to points, the text with code, HTML comments
 * or front matter blanked out (same length, line endings kept, so offsets still match), and short
 * labels for messages. Everything is cached per checklist object, so rules share the work.
 */
import { lineEnd, lineEndOf, lineStartsOf, pointAt } from '../../lines.js';

export { lineEnd };
import type { Checklist, Item, Point, Range } from '../../model.js';
import { itemById, phaseAt, phaseById } from '../../lookup.js';
import { lastAtOrBefore } from '../../sorted.js';

export { lineStartsOf as starts };

export function point(checklist: Checklist, offset: number): Point {
  return pointAt(lineStartsOf(checklist), offset);
}

export function rangeOf(checklist: Checklist, from: number, to: number): Range {
  return { start: point(checklist, from), end: point(checklist, to) };
}

/** From `start` to the end of its line: a one-line range for items and headings that span more. */
export function firstLine(checklist: Checklist, start: Point): Range {
  return rangeOf(checklist, start.offset, lineEndOf(checklist, start.line));
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
  /** The text holds `<!--` (a box toggle cannot change that): asked once, as a read of a rope would flatten it. */
  hasComments?: boolean;
  /** Box toggles since the masks in byKey were made, oldest first: applied when a whole mask is read. */
  pending: readonly { offset: number; mark: string }[];
}

const maskCache = new WeakMap<Checklist, MaskCache>();

/** Past this many pending toggles a new checklist object gets its masks rewritten at once. */
const MAX_PENDING = 64;

/**
 * After box toggles a new checklist object inherits the masks, with each box's state character to be
 * rewritten where the box was not blanked (a box is blanked only inside a comment span, which a toggle
 * does not move). Saves re-masking the whole text for the rules that run again after a toggle; the
 * rewrite itself waits until a whole mask is read (a read of a rewritten mask flattens a rope).
 */
export function keepMasks(from: Checklist, to: Checklist, boxes: readonly { offset: number; mark: string }[]): void {
  const cache = maskCache.get(from);
  if (!cache) return;
  const kept: MaskCache = { ...cache, pending: [...cache.pending, ...boxes] };
  maskCache.set(to, kept.pending.length > MAX_PENDING ? settled(kept) : kept);
}

/** The cache with its pending toggles written into every mask. */
function settled(cache: MaskCache): MaskCache {
  if (cache.pending.length === 0) return cache;
  const byKey = new Map<string, string>();
  for (const [key, text] of cache.byKey) byKey.set(key, withBoxes(cache, key, text, 0, cache.pending));
  return { ...cache, byKey, pending: [] };
}

/** `text`, the part of mask `key` from `from` on, with the boxes' state characters rewritten where the mask shows them. */
function withBoxes(cache: MaskCache, key: string, text: string, from: number, boxes: readonly { offset: number; mark: string }[]): string {
  // Whether a box is blanked is read from the comment spans, not the mask: reading a rope would flatten it.
  const blanked = (offset: number) => {
    const spans = cache.comments ?? [];
    const span = spans[lastAtOrBefore(spans, offset, (s) => s[0])];
    return span !== undefined && offset < span[1];
  };
  let out = text;
  for (const { offset, mark } of boxes) {
    const at = offset + 1 - from;
    if (at < 0 || at >= out.length || (key.includes('h') && blanked(offset))) continue;
    out = out.slice(0, at) + mark + out.slice(at + 1);
  }
  return out;
}

/** The key of the mask `options` ask for, or '' when the text has none of the parts to blank. */
function maskKey(checklist: Checklist, cache: MaskCache, options: MaskOptions): string {
  const code = options.code === true && checklist.code.length > 0;
  const comments = options.comments === true && (cache.hasComments ??= checklist.text.includes('<!--'));
  const frontMatter = options.frontMatter === true && checklist.frontMatter !== undefined;
  return `${code ? 'c' : ''}${comments ? 'h' : ''}${frontMatter ? 'f' : ''}`;
}

/** The source with the chosen parts replaced by spaces; offsets and line numbers are unchanged. */
export function masked(checklist: Checklist, options: MaskOptions): string {
  const { text } = checklist;
  let cache = maskCache.get(checklist);
  if (!cache) {
    cache = { byKey: new Map(), pending: [] };
    maskCache.set(checklist, cache);
  } else if (cache.pending.length > 0) {
    cache = settled(cache);
    maskCache.set(checklist, cache);
  }
  // Parts the document does not have change nothing, so such options share one result.
  const key = maskKey(checklist, cache, options);
  if (key === '') return text;
  const hit = cache.byKey.get(key);
  if (hit !== undefined) return hit;

  const spans: [number, number][] = [];
  if (key.includes('f')) spans.push([checklist.frontMatter!.range.start.offset, checklist.frontMatter!.range.end.offset]);
  if (key.includes('c')) for (const c of checklist.code) spans.push([c.range.start.offset, c.range.end.offset]);
  if (key.includes('h')) {
    // Comments are looked for in the text with its code blanked, so `<!--` inside code opens none.
    cache.comments ??= commentSpans(masked(checklist, { code: true }));
    spans.push(...cache.comments);
  }
  const out = blank(text, spans);
  cache.byKey.set(key, out);
  return out;
}

/**
 * `masked(checklist, options).slice(from, to)`, read from a mask made before box toggles when there is one,
 * so that a look at one line after a toggle does not flatten the whole rewritten text.
 */
export function maskedSlice(checklist: Checklist, options: MaskOptions, from: number, to: number): string {
  const cache = maskCache.get(checklist);
  const key = cache && cache.pending.length > 0 ? maskKey(checklist, cache, options) : '';
  const base = key === '' ? undefined : cache!.byKey.get(key);
  if (base === undefined) return masked(checklist, options).slice(from, to);
  return withBoxes(cache!, key, base.slice(from, to), from, cache!.pending);
}

/** Whether an HTML comment, as the masks blank it, starts before `offset` and ends after it. */
export function insideComment(checklist: Checklist, offset: number): boolean {
  // Makes the comment spans, when the text has comments, or else finds it has none (both once per checklist).
  masked(checklist, { comments: true });
  const spans = maskCache.get(checklist)?.comments ?? [];
  const span = spans[lastAtOrBefore(spans, offset - 1, (s) => s[0])];
  return span !== undefined && offset < span[1];
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

export { itemById, phaseAt, phaseById };

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
