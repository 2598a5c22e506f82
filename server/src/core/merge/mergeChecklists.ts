/**
 * Three-way merge of a checklist (issue 16): what git's line merge does, except that the checklist's own
 * parts merge by meaning. Each item, code step's run notes, sign-off field line and front-matter key is
 * replaced in all three texts by a placeholder line that is the same wherever the part exists, the rest
 * is line-merged, and each placeholder is then replaced by the part merged on its own. So ticks on
 * adjacent items no longer conflict, run notes from both branches are kept, and a real disagreement is
 * a conflict confined to the item, role or key. Pure: the line merge is handed in.
 */
import { parseChecklist } from '../checklist.js';
import { classify } from './classes.js';
import { type Content, contentOf, linesOf } from './content.js';
import { type Described, describe, mergeUnit, type UnitMerge } from './mergeUnit.js';
import { quoted } from './plainLabel.js';
import { fromLines, lineMergeInput, toLines } from './textLines.js';
import { DEFAULT_LABELS, type LineMerge, type MergeConflict, type MergeLabels, type MergeResult } from './types.js';
import { type Unit, unitsOf } from './units.js';

export type { LineMerge, MergeConflict, MergeLabels, MergeResult } from './types.js';

/** Marks a placeholder whose part one side changed and the other removed: the line merge then sees a conflict. */
const CHANGED = '~';

export function mergeChecklists(
  base: string,
  ours: string,
  theirs: string,
  lineMerge: LineMerge,
  labels: MergeLabels = DEFAULT_LABELS,
): MergeResult {
  const texts = [base, ours, theirs];
  const split = texts.map(toLines);
  const token = placeholderToken(texts);
  const units = texts.map((text, v) => unitsOf(parseChecklist(text), split[v].lines));
  const classes = classify(units);

  const contents = new Map<string, (Content | undefined)[]>();
  const kept = units.map((list, v) =>
    list.filter((unit) => {
      const key = classes[v].get(unit)!;
      const entry = contents.get(key) ?? [undefined, undefined, undefined];
      if (entry[v]) return false; // the same key twice in one version: the second stays plain lines
      entry[v] = contentOf(unit, split[v].lines);
      contents.set(key, entry);
      return true;
    }),
  );
  const changedAlone = [new Set<string>(), new Set<string>(), new Set<string>()];
  for (const [key, [b, o, t]] of contents) {
    const side = o && !t ? 1 : t && !o ? 2 : 0;
    const present = o ?? t;
    if (b && side && present && linesOf(present).join('\n') !== linesOf(b).join('\n')) changedAlone[side].add(key);
  }
  // Placeholders carry a number, not the key: keys hold document text, which has no place in the line merge's input.
  const numbers = new Map([...contents.keys()].map((key, n) => [key, String(n)]));
  const keys = new Map([...numbers].map(([key, n]) => [n, key]));
  const placeholder = (v: number) => (unit: Unit) => {
    const key = classes[v].get(unit)!;
    return token + numbers.get(key)! + (changedAlone[v].has(key) ? CHANGED : '');
  };
  const masked = kept.map((list, v) => mask(split[v].lines, list, placeholder(v)));
  const merged = lineMerge(lineMergeInput(masked[0]), lineMergeInput(masked[1]), lineMergeInput(masked[2]), labels);

  const merges = new Map<string, UnitMerge | undefined>();
  for (const [key, [b, o, t]] of contents) merges.set(key, mergeUnit(b, o, t));
  const keyOf = (line: string) => (line.startsWith(token) ? keys.get(line.slice(token.length).replace(/~$/, '')) : undefined);
  const placedAt = new Map<string, [number | undefined, number | undefined]>();
  for (const side of [1, 2] as const) {
    masked[side].forEach((line, i) => {
      const key = keyOf(line);
      if (key === undefined) return;
      const entry = placedAt.get(key) ?? [undefined, undefined];
      entry[side - 1] = i;
      placedAt.set(key, entry);
    });
  }
  const placedIn = { at: placedAt, ours: masked[1], theirs: masked[2] };
  const { lines, conflicts } = substitute(toLines(merged.text).lines, { keyOf, merges, contents, labels, placedIn });
  return { text: fromLines(lines, split[1].eol, split[1].finalNewline), conflicts };
}

/** A prefix no line of the three texts starts with (private-use characters, so never NUL: git would call the text binary). */
function placeholderToken(texts: readonly string[]): string {
  let token = '\uE000preflight-merge\uE001';
  while (texts.some((t) => t.includes(token))) token += '\uE001';
  return token;
}

function mask(lines: readonly string[], units: readonly Unit[], placeholder: (unit: Unit) => string): string[] {
  const out: string[] = [];
  let i = 0;
  for (const unit of units) {
    while (i < unit.start) out.push(lines[i++]);
    out.push(placeholder(unit));
    i = unit.end;
  }
  while (i < lines.length) out.push(lines[i++]);
  return out;
}

interface Hunk {
  open: string;
  /** Every line from the opening marker on, for a marker that never closes. */
  raw: string[];
  ours: string[];
  base?: string[];
  theirs: string[];
  section: 'ours' | 'base' | 'theirs';
  close?: string;
}

interface Parts {
  keyOf: (line: string) => string | undefined;
  merges: Map<string, UnitMerge | undefined>;
  contents: Map<string, (Content | undefined)[]>;
  labels: MergeLabels;
  /** Where each part's placeholder is in OURS and in THEIRS (as line-merged): which side put it where. */
  placedIn: { at: Map<string, [number | undefined, number | undefined]>; ours: readonly string[]; theirs: readonly string[] };
}

/** Replaces each placeholder of the line merge's result by its merged part; describes each conflict. */
function substitute(mergedLines: readonly string[], parts: Parts): { lines: string[]; conflicts: MergeConflict[] } {
  const { keyOf, merges, contents, labels } = parts;
  const out: string[] = [];
  const conflicts: MergeConflict[] = [];
  let pending: { group: string; entries: UnitMerge[] } | undefined;
  const flush = () => {
    if (!pending) return;
    const { entries } = pending;
    pending = undefined;
    const failed = entries.filter((e): e is Extract<UnitMerge, { clean: false }> => !e.clean);
    if (failed.length === 0) {
      for (const e of entries) if (e.clean) out.push(...e.lines);
      return;
    }
    conflicts.push({ kind: failed[0].kind, line: out.length + 1, description: describe(failed.map((f) => f.conflict)) });
    out.push(`<<<<<<< ${labels.ours}`);
    for (const e of entries) out.push(...(e.clean ? e.lines : e.ours));
    out.push('=======');
    for (const e of entries) out.push(...(e.clean ? e.lines : e.theirs));
    out.push(`>>>>>>> ${labels.theirs}`);
    for (const e of failed) out.push(...e.after);
  };

  const plain = (line: string) => {
    const key = keyOf(line);
    if (key === undefined) {
      flush();
      out.push(line);
      return;
    }
    const merge = merges.get(key);
    if (!merge) return;
    if (pending && merge.group !== '' && pending.group === merge.group) pending.entries.push(merge);
    else {
      flush();
      pending = { group: merge.group, entries: [merge] };
    }
  };
  // Inside a conflict each side shows a part as merged (so either choice keeps both sides' ticks), or as
  // that side has it when the part itself conflicts.
  const sideOf = (line: string, side: 1 | 2) => {
    const key = keyOf(line);
    if (key === undefined) return [line];
    const merge = merges.get(key);
    const own = contents.get(key)?.[side] ?? contents.get(key)?.find((c) => c !== undefined);
    return merge?.clean ? merge.lines : own ? linesOf(own) : [];
  };

  const segments = segmentsOf(mergedLines);
  // A part placed twice: both sides moved it (or added it) to different places.
  const placed = new Map<string, number>();
  for (const segment of segments) {
    const keys = typeof segment === 'string' ? [segment] : [...new Set([...segment.ours, ...segment.theirs])];
    for (const key of keys.map(keyOf)) if (key !== undefined) placed.set(key, (placed.get(key) ?? 0) + 1);
  }
  // The side whose lines around the placeholder match the lines around this place put it here.
  const CONTEXT = 3;
  const around = (lines: readonly (string | Hunk)[], at: number) => {
    const line = (i: number) => (i >= 0 && i < lines.length && typeof lines[i] === 'string' ? (lines[i] as string) : undefined);
    return Array.from({ length: 2 * CONTEXT }, (_, n) => line(n < CONTEXT ? at - CONTEXT + n : at + n - CONTEXT + 1));
  };
  const likeness = (a: readonly (string | undefined)[], b: readonly (string | undefined)[]) =>
    a.filter((l, i) => l !== undefined && l === b[i]).length;
  segments.forEach((segment, index) => {
    if (typeof segment === 'string') {
      const key = keyOf(segment);
      if (key !== undefined && placed.get(key)! > 1) {
        flush();
        const here = around(segments, index);
        const [inOurs, inTheirs] = parts.placedIn.at.get(key) ?? [];
        const score = (lines: readonly string[], at: number | undefined) => (at === undefined ? -1 : likeness(here, around(lines, at)));
        const side = score(parts.placedIn.theirs, inTheirs) > score(parts.placedIn.ours, inOurs) ? 2 : 1;
        const lines = sideOf(segment, side);
        const content = contents.get(key)!.find((c) => c !== undefined)!;
        conflicts.push({
          kind: kindOf(content),
          line: out.length + 1,
          description: describe([{ subject: subjectOf(content), what: 'moved to different places on both sides' }]),
        });
        out.push(
          `<<<<<<< ${labels.ours}`,
          ...(side === 1 ? lines : []),
          '=======',
          ...(side === 2 ? lines : []),
          `>>>>>>> ${labels.theirs}`,
        );
      } else plain(segment);
      return;
    }
    flush();
    const { ours, theirs } = segment;
    const conflict: MergeConflict = { kind: 'text', line: out.length + 1, description: '' };
    conflicts.push(conflict);
    out.push(segment.open, ...ours.flatMap((l) => sideOf(l, 1)), '=======', ...theirs.flatMap((l) => sideOf(l, 2)), segment.close!);
    const changedAlone = [...ours, ...theirs].filter((l) => keyOf(l) !== undefined && l.endsWith(CHANGED)).map((l) => keyOf(l)!);
    describeHunk({ conflict, changedAlone }, out, contents);
  });
  flush();
  conflicts.sort((a, b) => a.line - b.line);
  return { lines: out, conflicts };
}

/**
 * The line merge's result as plain lines and conflict hunks. A line merge that shows the base of a hunk
 * (diff3 style) may leave one whose base equals a side: that is a change on the other side only, and taken.
 * An unclosed marker (a document that held one already) stays plain lines.
 */
function segmentsOf(mergedLines: readonly string[]): (string | Hunk)[] {
  const out: (string | Hunk)[] = [];
  let hunk: Hunk | undefined;
  for (const line of mergedLines) {
    if (!hunk) {
      if (line.startsWith('<<<<<<<')) hunk = { open: line, raw: [line], ours: [], theirs: [], section: 'ours' };
      else out.push(line);
      continue;
    }
    hunk.raw.push(line);
    if (hunk.section === 'ours' && line.startsWith('|||||||')) {
      hunk.base = [];
      hunk.section = 'base';
    } else if (hunk.section !== 'theirs' && line === '=======') hunk.section = 'theirs';
    else if (hunk.section === 'theirs' && line.startsWith('>>>>>>>')) {
      const { ours, base, theirs } = hunk;
      const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((l, i) => l === b[i]);
      const resolved = base && same(ours, base) ? theirs : base && same(theirs, base) ? ours : undefined;
      if (resolved) out.push(...resolved);
      else out.push({ ...hunk, close: line });
      hunk = undefined;
    } else hunk[hunk.section]!.push(line);
  }
  if (hunk) out.push(...hunk.raw);
  return out;
}

function kindOf(content: Content): MergeConflict['kind'] {
  return content.kind === 'item' ? 'item' : content.kind === 'field' ? 'role' : content.kind === 'key' ? 'front-matter' : 'text';
}

function subjectOf(content: Content): string {
  if (content.kind === 'item') return `item ${quoted(content.text)}`;
  if (content.kind === 'field') return `sign-off role ${quoted(content.label.split('\u0000')[0])}`;
  if (content.kind === 'key') return `front matter key ${quoted(content.label)}`;
  return 'run notes of a code step';
}

/** A hunk around a part changed on one side and removed on the other says so; any other hunk names its section. */
function describeHunk(
  hunk: { conflict: MergeConflict; changedAlone: string[] },
  out: readonly string[],
  contents: Parts['contents'],
): void {
  const key = hunk.changedAlone[0];
  const base = key === undefined ? undefined : contents.get(key)?.[0];
  const removed: Described = { subject: '', what: 'changed on one side and removed on the other' };
  if (base?.kind === 'item') {
    hunk.conflict.kind = 'item';
    hunk.conflict.description = describe([{ ...removed, subject: `item ${quoted(base.text)}` }]);
  } else if (base?.kind === 'notes') {
    hunk.conflict.description = describe([
      { subject: 'run notes of a code step', what: 'added on one side, the step removed on the other' },
    ]);
  } else if (base?.kind === 'field') {
    hunk.conflict.kind = 'role';
    const [role, fields] = base.label.split('\u0000');
    hunk.conflict.description = describe([{ ...removed, subject: `sign-off role ${quoted(role)}`, part: fields }]);
  } else if (base?.kind === 'key') {
    hunk.conflict.kind = 'front-matter';
    hunk.conflict.description = describe([{ ...removed, subject: `front matter key ${quoted(base.label)}` }]);
  } else {
    const section = sectionAbove(out, hunk.conflict.line - 1);
    hunk.conflict.description = `lines changed differently on both sides${section ? ` (in section ${quoted(section)})` : ''}`;
  }
}

function sectionAbove(lines: readonly string[], index: number): string | undefined {
  for (let i = index - 1; i >= 0; i--) {
    const m = /^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$/.exec(lines[i]);
    if (m) return m[1];
  }
  return undefined;
}
