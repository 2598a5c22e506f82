/**
 * A checklist that follows edits: the model and findings of the latest text, kept up to date with as
 * little work as the edit allows.
 * - Ticking or clearing items' boxes changes the model in place: item states, progress up the phase chain,
 *   sign-off role states. Nothing is parsed; only rules whose findings an item's tick can change run again.
 * - Any other edit re-parses only the chunks it touches (ParsedText.update) and rebuilds the model
 *   from the cached chunk facts.
 * Either way the result equals a fresh analysis of the same text (test/unit/live.test.ts proves it).
 */
import { buildChecklist, degradedChecklist } from './checklist.js';
import { chunkFindingsOf } from './chunkFindings.js';
import { TooComplex, type TooComplexAt } from './complexity.js';
import { keepLineStarts } from './lines.js';
import { keepLookups, parentOf, phaseById } from './lookup.js';
import { check, type CheckOptions, recheckTicked } from './check.js';
import type { Checklist, Item, SignOffRole } from './model.js';
import { type BoxEdit, ChunkCache, ParsedText } from './parse.js';
import type { ParseSteps } from './parsePiece.js';
import type { Finding } from './rules/defineRule.js';
import { keepMasks } from './rules/support/source.js';
import { settleRole } from './signoff.js';
import { lastAtOrBefore } from './sorted.js';

/** A replacement of [from, to) by `insert`, offsets in the text the change applies to. */
export interface Change {
  from: number;
  to: number;
  insert: string;
}

/** The sign-off roles each statement item belongs to: what a toggle must settle again. */
type RolesOf = Map<Item, SignOffRole[]>;

export class LiveChecklist {
  private constructor(
    /** Undefined when the model is degraded (checklist.degraded): it came from the line scanner, not a parse. */
    readonly parsed: ParsedText | undefined,
    readonly checklist: Checklist,
    readonly findings: Finding[],
    readonly options: CheckOptions,
    private readonly rolesOf: RolesOf,
    private readonly cache: ChunkCache,
  ) {}

  get text(): string {
    return this.parsed?.text ?? this.checklist.text;
  }

  /** A stepwise first analysis: yields its chunks' parse requests (parsePiece.ts) for the caller to answer. */
  static *open(text: string, options: CheckOptions = {}, cache = new ChunkCache()): ParseSteps<LiveChecklist> {
    let parsed: ParsedText;
    try {
      parsed = yield* ParsedText.open(text, cache);
    } catch (error) {
      if (error instanceof TooComplex) return LiveChecklist.degraded(text, error.at, options, cache);
      throw error;
    }
    return LiveChecklist.analyse(parsed, options, cache);
  }

  /**
   * The degraded model of `text`: headings and task items from the line scanner, and one too-complex finding
   * giving `reason` (a string, e.g. "the analysis ran past its time budget", is reported at the first line).
   * Toggling works on it; an update() with another text tries the full analysis again.
   */
  static degraded(text: string, reason: string | TooComplexAt, options: CheckOptions = {}, cache = new ChunkCache()): LiveChecklist {
    const checklist = degradedChecklist(text, typeof reason === 'string' ? { reason, offset: 0 } : reason);
    return new LiveChecklist(undefined, checklist, check(checklist, options), options, rolesOf(checklist), cache);
  }

  /** The analysis of `text`, re-using what the edit left valid; `options` may differ from this one's. */
  *update(text: string, options: CheckOptions = this.options): ParseSteps<LiveChecklist> {
    if (text === this.text)
      return sameOptions(options, this.options)
        ? this
        : new LiveChecklist(this.parsed, this.checklist, check(this.checklist, options), options, this.rolesOf, this.cache);
    if (!this.parsed) return yield* LiveChecklist.open(text, options, this.cache);
    let parsed: ParsedText;
    try {
      parsed = yield* this.parsed.update(text);
    } catch (error) {
      if (error instanceof TooComplex) return LiveChecklist.degraded(text, error.at, options, this.cache);
      throw error;
    }
    return LiveChecklist.analyse(parsed, options, this.cache);
  }

  /**
   * Applies changes that only rewrite box states, in place; undefined (and nothing changed) when any
   * change does more than that.
   */
  toggle(changes: readonly Change[]): LiveChecklist | undefined {
    const edits: BoxEdit[] = [];
    for (const change of changes) {
      const edit = this.boxEdit(change);
      if (!edit) return undefined;
      edits.push(edit);
    }
    if (!this.parsed) return this.toggleDegraded(edits);
    // Items only: a table cell's tick also rewrites its row's label text and can show in malformed-checkbox's
    // message (an unmarked `[ ] | b` row), so ParsedText.toggle refuses it and its chunk is re-parsed.
    const parsed = this.parsed.toggle(edits);
    if (!parsed) return undefined;
    const checklist: Checklist = { ...this.checklist, text: parsed.text };
    keepLineStarts(this.checklist, checklist);
    keepLookups(this.checklist, checklist);
    keepMasks(this.checklist, checklist, edits);
    // Only rules whose findings an item's tick can change look again, each as near the ticked items as it can.
    const ticked = edits.map((edit) => this.apply(checklist, edit));
    return new LiveChecklist(
      parsed,
      checklist,
      recheckTicked(checklist, this.findings, ticked, this.options),
      this.options,
      this.rolesOf,
      this.cache,
    );
  }

  /** A degraded model has no parse to patch: rewrite the boxes and scan again (linear, and no parse). */
  private toggleDegraded(edits: readonly BoxEdit[]): LiveChecklist {
    let text = this.text;
    for (const { offset, mark } of edits) text = text.slice(0, offset + 1) + mark + text.slice(offset + 2);
    const { reason, range } = this.checklist.degraded!;
    return LiveChecklist.degraded(text, { reason, offset: range.start.offset }, this.options, this.cache);
  }

  private static analyse(parsed: ParsedText, options: CheckOptions, cache: ChunkCache): LiveChecklist {
    const facts = parsed.facts();
    const checklist = buildChecklist(parsed.text, facts);
    const spans = chunkFindingsOf(cache).spans(checklist, parsed.chunks(), facts);
    return new LiveChecklist(parsed, checklist, check(checklist, options, spans), options, rolesOf(checklist), cache);
  }

  /** The box edit a change amounts to, when it only rewrites the state character of one box. */
  private boxEdit(change: Change): BoxEdit | undefined {
    const box = this.boxAt(change.from);
    if (!box || change.to > box.offset + 3) return undefined;
    // The box's three characters, read from the parse's chunks: the document text may be a rope of edits.
    const old = [0, 1, 2].map((i) => (this.parsed ? this.parsed.charAt(box.offset + i) : this.text[box.offset + i])).join('');
    const after = old.slice(0, change.from - box.offset) + change.insert + old.slice(change.to - box.offset);
    const state = /^\[([ xX])\]$/.exec(after);
    return state ? { offset: box.offset, mark: state[1] as BoxEdit['mark'] } : undefined;
  }

  private boxAt(offset: number): { offset: number } | undefined {
    const { items, tableChecks } = this.checklist;
    const item = items[lastAtOrBefore(items, offset, (i) => i.box.start.offset)];
    if (item && offset < item.box.end.offset) return { offset: item.box.start.offset };
    const cell = tableChecks[lastAtOrBefore(tableChecks, offset, (c) => c.box.start.offset)];
    if (cell && offset < cell.box.end.offset) return { offset: cell.box.start.offset };
    return undefined;
  }

  /** Moves an item's box to its new state in the model: the item, its counts up the phase chain, its roles. */
  private apply(checklist: Checklist, edit: BoxEdit): Item {
    const item = checklist.items[lastAtOrBefore(checklist.items, edit.offset, (i) => i.box.start.offset)];
    const checked = edit.mark !== ' ';
    if (item.checked === checked) return item;
    item.checked = checked;
    const step = checked ? 1 : -1;
    const counts = [checklist.progress];
    for (let phase = phaseById(checklist, item.phaseId); phase; phase = parentOf(checklist, phase)) counts.push(phase.progress);
    for (const progress of counts) {
      progress.done += step;
      if (item.optional) progress.optional.done += step;
      else if (!item.conditional) progress.required.done += step;
    }
    for (const role of this.rolesOf.get(item) ?? []) settleRole(role);
    return item;
  }
}

function rolesOf(checklist: Checklist): RolesOf {
  const roles: RolesOf = new Map();
  for (const role of checklist.signOff?.roles ?? []) {
    for (const item of role.statements) roles.set(item, [...(roles.get(item) ?? []), role]);
  }
  return roles;
}

function sameOptions(a: CheckOptions, b: CheckOptions): boolean {
  return JSON.stringify(a.rules ?? {}) === JSON.stringify(b.rules ?? {});
}
