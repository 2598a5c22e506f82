/**
 * The three-way merge of one unit: a side that changed it wins, the same change on both is clean, different
 * changes on both are a conflict confined to the unit. A tick is a boolean: it takes the side that changed it.
 */
import type { MergeConflict } from './types.js';
import { type Content, type ItemContent, type LineContent, linesOf } from './content.js';
import { mergeFieldValues } from './fieldValues.js';
import { mergeNotes } from './mergeNotes.js';
import { quoted } from './plainLabel.js';

/** `group`: the role of a sign-off field line; consecutive lines of one role share one pair of markers. */
export type UnitMerge = { group: string } & (
  | { clean: true; lines: string[] }
  | { clean: false; kind: MergeConflict['kind']; ours: string[]; theirs: string[]; after: string[]; conflict: Described }
);

/** "SUBJECT: PART WHAT", e.g. `sign-off role "QA Lead": Name filled differently on both sides`; parts of one role join. */
export interface Described {
  subject: string;
  part?: string;
  what: string;
}

export function describe(conflicts: readonly Described[]): string {
  const parts = conflicts.flatMap((c) => (c.part ? [c.part] : []));
  const first = conflicts[0];
  return `${first.subject}: ${parts.length > 0 ? `${parts.join(', ')} ` : ''}${first.what}`;
}

export function mergeUnit(base: Content | undefined, ours: Content | undefined, theirs: Content | undefined): UnitMerge | undefined {
  const present = ours ?? theirs;
  if (!present) return undefined;
  return { group: present.kind === 'field' ? present.group : '', ...mergePresent(base, ours, theirs, present) };
}

type Merged = Omit<Extract<UnitMerge, { clean: true }>, 'group'> | Omit<Extract<UnitMerge, { clean: false }>, 'group'>;

function mergePresent(base: Content | undefined, ours: Content | undefined, theirs: Content | undefined, present: Content): Merged {
  // On one side only: placed, kept or dropped by the line merge like any line (a change against a removal is a conflict there).
  if (!ours || !theirs) return { clean: true, lines: linesOf(present) };
  if (ours.kind === 'item' && theirs.kind === 'item') return mergeItem(base?.kind === 'item' ? base : undefined, ours, theirs);
  if (ours.kind === 'notes' && theirs.kind === 'notes') return { clean: true, lines: mergeNotes([ours.notes, theirs.notes]) };
  if (ours.kind !== 'item' && ours.kind !== 'notes' && theirs.kind !== 'item' && theirs.kind !== 'notes') {
    const [b, o, t] = [base, ours, theirs].map((c) => (c ? linesOf(c).join('\n') : undefined));
    if (o === t || t === b) return { clean: true, lines: ours.lines };
    if (o === b) return { clean: true, lines: theirs.lines };
    const byField = base?.kind === 'field' ? fieldLine(base, ours, theirs) : undefined;
    if (byField && 'lines' in byField) return { clean: true, lines: byField.lines };
    const [role, all] = ours.label.split('\u0000');
    const fields = byField?.conflicting.join(', ') ?? all;
    const kind = ours.kind === 'field' ? 'role' : 'front-matter';
    const conflict =
      kind === 'role'
        ? {
            subject: `sign-off role ${quoted(role)}`,
            part: fields,
            what: base ? 'filled differently on both sides' : 'added differently on both sides',
          }
        : {
            subject: `front matter key ${quoted(ours.label)}`,
            what: base ? 'changed differently on both sides' : 'added differently on both sides',
          };
    return { clean: false, kind, ours: ours.lines, theirs: theirs.lines, after: [], conflict };
  }
  // Different kinds under one key cannot happen (keys carry the kind); stay safe with a conflict.
  return {
    clean: false,
    kind: 'text',
    ours: linesOf(ours),
    theirs: linesOf(theirs),
    after: [],
    conflict: { subject: 'lines', what: 'changed differently on both sides' },
  };
}

/** A field line changed on both sides, merged field by field when it can be. */
function fieldLine(base: LineContent, ours: LineContent, theirs: LineContent) {
  if ([base, ours, theirs].some((c) => c.lines.length !== 1 || !c.values)) return undefined;
  const line = (c: LineContent) => ({ line: c.lines[0], values: c.values! });
  const merged = mergeFieldValues(line(base), line(ours), line(theirs), ours.fields ?? []);
  return merged && 'line' in merged ? { lines: [merged.line] } : merged;
}

/** `[ ]` or `[x]` as the item writes it, with the box of `from` when their ticks differ. */
function withBox(item: ItemContent, from: ItemContent): string[] {
  if (item.checked === from.checked) return item.own;
  const own = [...item.own];
  const line = own[item.boxLine];
  own[item.boxLine] =
    line.slice(0, item.boxColumn) + from.own[from.boxLine].slice(from.boxColumn, from.boxColumn + 3) + line.slice(item.boxColumn + 3);
  return own;
}

/** An item that is a role of its own, filled on both sides: field by field, on its one line. */
function roleItem(base: ItemContent, ours: ItemContent, theirs: ItemContent, tick: ItemContent) {
  if ([base, ours, theirs].some((c) => !c.role || c.own.length !== 1)) return undefined;
  const line = (c: ItemContent) => ({ line: wording(c), values: c.role!.values });
  return mergeFieldValues(line(base), line(ours), line(theirs), ours.role!.fields, withBox(ours, tick)[0]);
}

/** The own text with the box blanked: what "reworded" compares. */
function wording(item: ItemContent): string {
  const own = [...item.own];
  const line = own[item.boxLine];
  own[item.boxLine] = `${line.slice(0, item.boxColumn)}[ ]${line.slice(item.boxColumn + 3)}`;
  return own.join('\n');
}

function mergeItem(base: ItemContent | undefined, ours: ItemContent, theirs: ItemContent): Merged {
  const notes = mergeNotes([ours.notes, theirs.notes]);
  const [o, t] = [wording(ours), wording(theirs)];
  if (!base) {
    if (o === t && ours.checked === theirs.checked) return { clean: true, lines: [...ours.own, ...notes] };
    const conflict = { subject: `item ${quoted(ours.text)}`, what: 'added differently on both sides' };
    return { clean: false, kind: 'item', ours: ours.own, theirs: theirs.own, after: notes, conflict };
  }
  const b = wording(base);
  const tick = ours.checked !== base.checked ? ours : theirs.checked !== base.checked ? theirs : ours;
  if (o !== b && t !== b && o !== t) {
    const byField = roleItem(base, ours, theirs, tick);
    if (byField && 'line' in byField) return { clean: true, lines: [byField.line, ...notes] };
    if (byField) {
      const conflict = {
        subject: `sign-off role ${quoted(ours.role!.name)}`,
        part: byField.conflicting.join(', '),
        what: 'filled differently on both sides',
      };
      return { clean: false, kind: 'role', ours: withBox(ours, tick), theirs: withBox(theirs, tick), after: notes, conflict };
    }
    const conflict = { subject: `item ${quoted(base.text)}`, what: 'reworded differently on both sides' };
    return { clean: false, kind: 'item', ours: withBox(ours, tick), theirs: withBox(theirs, tick), after: notes, conflict };
  }
  const source = t !== b && o === b ? theirs : ours;
  return { clean: true, lines: [...withBox(source, tick), ...notes] };
}
