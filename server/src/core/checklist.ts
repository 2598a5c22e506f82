/** Facts -> checklist: title, metadata, the phase tree with ids and progress, sign-off. */
import { parse as parseYaml } from 'yaml';
import { IdAllocator, slug } from './ids.js';
import { lineEnd, lineStarts, pointAt, rememberLineStarts } from './lines.js';
import { TooComplex, type TooComplexAt } from './complexity.js';
import { scanFacts } from './lineScan.js';
import type { Checklist, Facts, FrontMatter, HeadingFact, Item, ItemFact, Metadata, Phase, Point } from './model.js';
import { type ChunkCache, parseFacts } from './parse.js';
import { allPhases, countItems, emptyProgress, rollUp } from './progress.js';
import { findSignOff } from './signoff.js';
import { between, lastAtOrBefore } from './sorted.js';

const OPTIONAL = /\((?:optional|if\b[^)]{0,200})\)|^optional\b/i;
const CONDITIONAL_TITLE = /\b(?:rollback|roll[\s-]back|contingency|emergency|disaster\s{1,8}recovery|break[\s-]glass|abort)\b/i;
const TRIGGER = /\b(?:when\s{1,8}to|triggers?|if\s{1,8}(?:needed|required|something|deployment|the))\b/i;

export interface ChecklistOptions {
  chunked?: boolean;
  cache?: ChunkCache;
}

export function parseChecklist(text: string, options: ChecklistOptions = {}): Checklist {
  try {
    return buildChecklist(text, parseFacts(text, options).facts);
  } catch (error) {
    if (error instanceof TooComplex) return degradedChecklist(text, error.at);
    throw error;
  }
}

/** The checklist the line scanner makes of a text too complex to parse: headings and task items, no rule but too-complex. */
export function degradedChecklist(text: string, at: TooComplexAt): Checklist {
  const starts = lineStarts(text);
  const range = { start: pointAt(starts, at.offset), end: pointAt(starts, lineEnd(text, at.offset)) };
  return { ...buildChecklist(text, scanFacts(text)), degraded: { reason: at.reason, range } };
}

/** The checklist of `text`, given the facts of its parse. */
export function buildChecklist(text: string, facts: Facts): Checklist {
  const frontMatter = facts.frontMatter && readFrontMatter(facts.frontMatter.raw, facts.frontMatter.range);
  const data = frontMatter?.data ?? {};
  const titleHeading = pickTitleHeading(facts.headings);
  const headings = facts.headings.filter((h) => h !== titleHeading);
  const starts = lineStarts(text);
  const end = pointAt(starts, text.length);
  const flat = buildPhases(headings, end);
  const phases = flat.filter((p) => p.parent === undefined).map((p) => p.phase);

  markConditional(phases, facts, stringList(data.conditional));
  const items = assignItems(facts, flat, headings);
  for (const c of facts.code) flat[owner(c.range.start.offset, headings)]?.phase.code.push(c);
  for (const c of facts.tableChecks) flat[owner(c.box.start.offset, headings)]?.phase.tableChecks.push(c);
  const looseItems = items.filter((i) => i.phaseId === '');
  const progress = countItems(looseItems);
  for (const phase of phases) {
    const sub = rollUp(phase);
    progress.total += sub.total;
    progress.done += sub.done;
    progress.optional.total += sub.optional.total;
    progress.optional.done += sub.optional.done;
    progress.required.total += sub.required.total;
    progress.required.done += sub.required.done;
  }

  const metadata: Metadata[] = facts.fields.filter((f) => f.bold && !f.inList).map((f) => ({ key: f.key, value: f.value, range: f.range }));
  const title = typeof data.title === 'string' ? data.title : (titleHeading?.title ?? facts.headings[0]?.title ?? '');
  const checklist: Checklist = {
    text,
    title,
    ...(frontMatter ? { frontMatter } : {}),
    metadata,
    ...(titleHeading ? { titleHeading } : {}),
    phases,
    looseItems,
    items,
    code: facts.code,
    tableChecks: facts.tableChecks,
    placeholders: facts.placeholders,
    fields: facts.fields,
    signOff: findSignOff(phases, items, facts, text),
    progress,
    tableProgress: { total: facts.tableChecks.length, done: facts.tableChecks.filter((c) => c.checked).length },
  };
  // The rules and features read the same line starts: split the text once.
  rememberLineStarts(checklist, starts);
  return checklist;
}

function readFrontMatter(raw: string, range: FrontMatter['range']): FrontMatter {
  try {
    const data: unknown = parseYaml(raw);
    if (data === null || data === undefined) return { range, data: {} };
    if (typeof data !== 'object' || Array.isArray(data))
      return { range, data: {}, error: 'front matter is not a mapping of keys to values' };
    return { range, data: data as Record<string, unknown> };
  } catch (error) {
    return { range, data: {}, error: (error as Error).message.split('\n')[0] };
  }
}

/** One level-1 heading opening the document is its title, not a phase. */
function pickTitleHeading(headings: readonly HeadingFact[]): HeadingFact | undefined {
  const first = headings[0];
  if (!first || first.depth !== 1) return undefined;
  return headings.filter((h) => h.depth === 1).length === 1 ? first : undefined;
}

interface FlatPhase {
  phase: Phase;
  index: number;
  parent?: number;
}

function buildPhases(headings: readonly HeadingFact[], end: Point): FlatPhase[] {
  const flat: FlatPhase[] = [];
  const stack: FlatPhase[] = [];
  const ids = new IdAllocator();
  headings.forEach((heading, index) => {
    // A heading ends the sections of every open heading at its level or deeper.
    while (stack.length > 0 && stack[stack.length - 1].phase.level >= heading.depth) stack.pop()!.phase.sectionEnd = heading.range.start;
    const parent = stack[stack.length - 1];
    const base = parent ? `${parent.phase.id}/${slugOf(heading.title)}` : slugOf(heading.title);
    const phase: Phase = {
      id: ids.take(base),
      title: heading.title,
      level: heading.depth,
      range: heading.range,
      sectionEnd: end,
      conditional: false,
      progress: emptyProgress(),
      items: [],
      code: [],
      tableChecks: [],
      phases: [],
    };
    const entry: FlatPhase = { phase, index, ...(parent ? { parent: parent.index } : {}) };
    parent?.phase.phases.push(phase);
    flat.push(entry);
    stack.push(entry);
  });
  return flat;
}

/** Rollback and similar phases apply only when triggered; front matter `conditional:` names more. */
function markConditional(phases: readonly Phase[], facts: Facts, named: string[]): void {
  const wanted = new Set(named.map((n) => n.trim().toLowerCase()));
  const mark = (phase: Phase) => {
    for (const p of allPhases([phase])) p.conditional = true;
  };
  for (const phase of allPhases(phases)) {
    if (phase.conditional) continue;
    if (wanted.has(phase.title.toLowerCase()) || wanted.has(phase.id)) mark(phase);
    else if (CONDITIONAL_TITLE.test(phase.title) && hasTrigger(phase, facts)) mark(phase);
  }
}

function hasTrigger(phase: Phase, facts: Facts): boolean {
  const [from, to] = [phase.range.start.offset, phase.sectionEnd.offset];
  return (
    TRIGGER.test(phase.title) ||
    between(facts.headings, from, to, (h) => h.range.start.offset).some((h) => TRIGGER.test(h.title)) ||
    between(facts.fields, from, to, (f) => f.range.start.offset).some((f) => TRIGGER.test(f.key))
  );
}

function assignItems(facts: Facts, flat: readonly FlatPhase[], headings: readonly HeadingFact[]): Item[] {
  const items: Item[] = [];
  // Item ids are `phase#slug`, numbered within their phase (`~2`): a phase's items are consecutive, so one
  // count per phase, keyed by the remembered slug strings (hashed once), does what an IdAllocator over the
  // joined strings would, without hashing a new string per item.
  let taken = new Map<string, number>();
  let index = -1;
  let phase: Phase | undefined;
  let prefix = '#';
  for (const fact of facts.items) {
    // Items and headings are both in document order: the owning heading only moves forward.
    const before = index;
    while (index + 1 < headings.length && headings[index + 1].range.start.offset <= fact.range.start.offset) index++;
    if (index !== before) {
      phase = flat[index].phase;
      prefix = `${phase.id}#`;
      taken = new Map();
    }
    // The parent item starts earlier in the same list: found among the items made so far.
    const parent = fact.parent && items[lastAtOrBefore(items, fact.parent.offset, (i) => i.range.start.offset)];
    const parentId = parent && parent.range.start.offset === fact.parent!.offset ? parent.id : undefined;
    const base = slugOf(fact.text || 'item');
    const n = (taken.get(base) ?? 0) + 1;
    taken.set(base, n);
    const id = n === 1 ? prefix + base : `${prefix}${base}~${n}`;
    const item = itemOf(fact, id, fact.struck || OPTIONAL.test(fact.text), phase, parentId);
    phase?.items.push(item);
    items.push(item);
  }
  return items;
}

/**
 * The item of a fact. Written out rather than spread, one literal per set of optional keys (in the same key
 * order): every item then gets one of a few shapes, which keeps later passes fast, and a spread inside a
 * literal is several times slower to build.
 */
function itemOf(fact: ItemFact, id: string, optional: boolean, phase: Phase | undefined, parentId: string | undefined): Item {
  const conditional = phase?.conditional ?? false;
  const phaseId = phase?.id ?? '';
  const { text, textWithCode, checked, struck, range, box, depth, parent, commands } = fact;
  if (!parent) return { text, textWithCode, checked, struck, range, box, depth, commands, id, optional, conditional, phaseId };
  if (parentId === undefined)
    return { text, textWithCode, checked, struck, range, box, depth, parent, commands, id, optional, conditional, phaseId };
  return { text, textWithCode, checked, struck, range, box, depth, parent, commands, id, optional, conditional, phaseId, parentId };
}

/** Item and heading texts repeat from one analysis to the next: their slugs are remembered (boundedly). */
const slugs = new Map<string, string>();
function slugOf(text: string): string {
  let hit = slugs.get(text);
  if (hit === undefined) {
    if (slugs.size >= 100_000) slugs.clear();
    hit = slug(text);
    slugs.set(text, hit);
  }
  return hit;
}

/** Index of the last heading starting at or before `offset`, or -1. */
function owner(offset: number, headings: readonly HeadingFact[]): number {
  return lastAtOrBefore(headings, offset, (h) => h.range.start.offset);
}

function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
