/**
 * Helpers for rules that read the source text: offsets to points, the text with code, HTML comments
 * or front matter blanked out (same length, line endings kept, so offsets still match), and short
 * labels for messages. Everything is cached per checklist object, so rules share the work.
 */
import { lineEnd, lineStarts, pointAt } from '../../lines.js';

export { lineEnd };
import type { Checklist, Item, Phase, Point, Range } from '../../model.js';
import { allPhases } from '../../progress.js';
import { lastAtOrBefore } from '../../sorted.js';

const startsCache = new WeakMap<Checklist, number[]>();

export function starts(checklist: Checklist): number[] {
  let cached = startsCache.get(checklist);
  if (!cached) {
    cached = lineStarts(checklist.text);
    startsCache.set(checklist, cached);
  }
  return cached;
}

export function point(checklist: Checklist, offset: number): Point {
  return pointAt(starts(checklist), offset);
}

export function rangeOf(checklist: Checklist, from: number, to: number): Range {
  return { start: point(checklist, from), end: point(checklist, to) };
}

/** From `start` to the end of its line: a one-line range for items and headings that span more. */
export function firstLine(checklist: Checklist, start: Point): Range {
  return rangeOf(checklist, start.offset, lineEnd(checklist.text, start.offset));
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

const maskCache = new WeakMap<Checklist, Map<string, string>>();

/** The source with the chosen parts replaced by spaces; offsets and line numbers are unchanged. */
export function masked(checklist: Checklist, options: MaskOptions): string {
  const key = `${options.code ? 'c' : ''}${options.comments ? 'h' : ''}${options.frontMatter ? 'f' : ''}`;
  let byKey = maskCache.get(checklist);
  if (!byKey) {
    byKey = new Map();
    maskCache.set(checklist, byKey);
  }
  const hit = byKey.get(key);
  if (hit !== undefined) return hit;

  const spans: [number, number][] = [];
  const codeSpans = checklist.code.map((c): [number, number] => [c.range.start.offset, c.range.end.offset]);
  if (options.frontMatter && checklist.frontMatter) spans.push([checklist.frontMatter.range.start.offset, checklist.frontMatter.range.end.offset]);
  if (options.code) spans.push(...codeSpans);
  if (options.comments) spans.push(...commentSpans(blank(checklist.text, codeSpans)));
  const out = blank(checklist.text, spans);
  byKey.set(key, out);
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

interface PhaseIndex {
  list: Phase[];
  byId: Map<string, Phase>;
}

const phaseCache = new WeakMap<Checklist, PhaseIndex>();

function phaseIndex(checklist: Checklist): PhaseIndex {
  let index = phaseCache.get(checklist);
  if (!index) {
    const list = [...allPhases(checklist.phases)];
    index = { list, byId: new Map(list.map((p) => [p.id, p])) };
    phaseCache.set(checklist, index);
  }
  return index;
}

/**
 * The innermost phase whose section holds `offset`: the last heading at or before it, whose section
 * runs at least to the next heading.
 */
export function phaseAt(checklist: Checklist, offset: number): Phase | undefined {
  const { list } = phaseIndex(checklist);
  const phase = list[lastAtOrBefore(list, offset, (p) => p.range.start.offset)];
  return phase && offset < phase.sectionEnd.offset ? phase : undefined;
}

export function phaseById(checklist: Checklist, id: string): Phase | undefined {
  return phaseIndex(checklist).byId.get(id);
}

/** `'text'`, shortened for a message. */
export function quote(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `'${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}'`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
