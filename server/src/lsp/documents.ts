/**
 * Open documents and their analyses. Each document keeps its text (incremental sync), its chunk
 * cache and the latest LiveChecklist. A box toggle is applied at once, in place; other edits wait for
 * a short debounce and re-analyse only what they touched. The analysis's parses run off the request
 * loop (a PieceParser: worker threads on Node), the chunks of a first analysis in parallel; work for a
 * version that an edit has made stale is dropped between batches, its parsed chunks kept in the cache.
 *
 * Two bounds keep a slow analysis from leaving the editor with nothing:
 * - a request that arrives before a document's first analysis waits for it up to FIRST_ANSWER_WAIT_MS
 *   after the open, then is answered from the degraded (line-scanner) model of the current text;
 * - an analysis whose work (parses in workers plus its own time on this thread) passes
 *   `preflight.analysisBudgetMs` on one version is stopped, a running parse included, and the degraded
 *   model, with its one information diagnostic, is published for that version; the full analysis is
 *   tried again after the next edit (the chunks it parsed stay in the cache).
 * Core's pre-scan sends the known super-linear shapes to the line scanner before they are parsed at all.
 */
import type { CancellationToken, Connection, Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CheckOptions } from '../core/check.js';
import type { ParseSteps, PieceAnswer } from '../core/parsePiece.js';
import { type Change, LiveChecklist } from '../core/live.js';
import { ChunkCache } from '../core/parse.js';
import type { Finding } from '../core/rules/defineRule.js';
import { toDiagnostics } from './features/diagnostics.js';
import { progressParams } from './features/outline.js';
import { OverBudget, type PieceParser } from './pieceParser.js';
import { ProgressNotification, type Settings } from '../protocol/protocol.js';
import { isChecklistFile } from '../core/selector.js';

/** Why a document gets no analysis; undefined when it is a checklist that can be analysed. */
type Refusal = { kind: 'not-a-checklist' } | { kind: 'refused'; message: string };

export interface Analysed {
  uri: string;
  version: number;
  live: LiveChecklist;
  settings: Settings;
}

interface Entry {
  doc: TextDocument;
  languageId: string;
  cache: ChunkCache;
  live?: LiveChecklist;
  liveVersion: number;
  settings?: Settings;
  /** `live` is the degraded model of a version whose analysis ran past the budget or whose parser failed. */
  overBudget: boolean;
  /** A degraded model answered before the first analysis finished (built on demand, once per version). */
  interim?: { version: number; live: LiveChecklist };
  /** When the document was opened: requests before its first analysis wait until FIRST_ANSWER_WAIT_MS after. */
  openedAt: number;
  refusal?: Refusal;
  timer?: NodeJS.Timeout;
  running: boolean;
  waiters: (() => void)[];
  closed: boolean;
}

/**
 * A short debounce gathers the change events of one keystroke or paste. Longer bursts of typing need
 * no more: an analysis made stale by a newer version is dropped at its next slice and restarted from
 * the newest text, its parsed chunks still in the cache.
 */
const DEBOUNCE_MS = 8;
/**
 * How long after the open a request waits for the first analysis (the seed's takes ~100 ms, 3,000
 * items ~1.3 s here) before it is answered from the degraded model: an outline picker opened at once
 * shows the headings instead of nothing, and is not kept waiting by a document that takes seconds.
 */
const FIRST_ANSWER_WAIT_MS = 1500;

export interface DocumentHooks {
  settings(uri: string): Promise<Settings>;
  folders(): readonly string[];
  /**
   * Lenses answered earlier may be empty or stale: a first analysis (requests that waited past
   * FIRST_ANSWER_WAIT_MS were answered from the degraded model), one after a degraded model, or one after
   * a settings change has just been published. Not called per keystroke: the
   * editor asks for lenses after each edit itself, and those requests wait for the analysis.
   */
  lensesStale(): void;
}

export class Documents {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly connection: Connection,
    private readonly hooks: DocumentHooks,
    private readonly parser: PieceParser,
  ) {}

  open(uri: string, languageId: string, version: number, text: string): void {
    const previous = this.entries.get(uri);
    if (previous) {
      previous.closed = true;
      clearTimeout(previous.timer);
    }
    const entry: Entry = {
      doc: TextDocument.create(uri, languageId, version, text),
      languageId,
      cache: new ChunkCache(),
      liveVersion: -1,
      overBudget: false,
      openedAt: performance.now(),
      running: false,
      waiters: [],
      closed: false,
    };
    this.entries.set(uri, entry);
    void this.run(uri, entry);
  }

  change(uri: string, version: number, events: readonly TextDocumentContentChangeEvent[]): void {
    const entry = this.entries.get(uri);
    if (!entry) return;
    const wasCurrent = entry.live !== undefined && entry.liveVersion === entry.doc.version && !entry.running;
    let changes: Change[] | undefined = [];
    let doc = entry.doc;
    for (const event of events) {
      if ('range' in event) changes?.push({ from: doc.offsetAt(event.range.start), to: doc.offsetAt(event.range.end), insert: event.text });
      else changes = undefined;
      doc = TextDocument.update(doc, [event], version);
    }
    entry.doc = doc;
    // Ticking a box: the model moves in place, diagnostics go out now, nothing waits for a debounce.
    const toggled = wasCurrent && changes ? entry.live!.toggle(changes) : undefined;
    if (toggled && toggled.text === doc.getText()) {
      const before = entry.live!.findings;
      entry.live = toggled;
      entry.liveVersion = version;
      // A toggle moves no text: when it changes no finding either, the client's diagnostics are still
      // exact, and sending them again would only cost a large message per tick.
      this.publish(uri, entry, !sameFindings(before, toggled.findings));
      return;
    }
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => void this.run(uri, entry), DEBOUNCE_MS);
  }

  close(uri: string): void {
    const entry = this.entries.get(uri);
    if (!entry) return;
    entry.closed = true;
    clearTimeout(entry.timer);
    this.entries.delete(uri);
    for (const wake of entry.waiters.splice(0)) wake();
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Settings changed: analyse every document again with its new settings. */
  refreshAll(): void {
    for (const [uri, entry] of this.entries) {
      entry.liveVersion = -1;
      void this.run(uri, entry);
    }
  }

  /**
   * The analysis of the document's current version, waiting for one in progress. Before the first
   * analysis of a document is done, waits up to FIRST_ANSWER_WAIT_MS after its open, then answers from
   * the degraded model (a refresh of lenses follows the real analysis). Undefined when the document is
   * not a checklist, is closed, or the request was cancelled.
   */
  current(uri: string, token?: CancellationToken): Promise<Analysed | undefined> {
    return this.waitFor(uri, token, false);
  }

  /**
   * The analysis of the document's current version itself, never the stand-in answered while a first
   * analysis runs: edits must act on the model they will be checked against. Its budget bounds the wait.
   */
  settled(uri: string): Promise<Analysed | undefined> {
    return this.waitFor(uri, undefined, true);
  }

  private async waitFor(uri: string, token: CancellationToken | undefined, patient: boolean): Promise<Analysed | undefined> {
    const entry = this.entries.get(uri);
    if (!entry) return undefined;
    while (!entry.closed && !entry.refusal && entry.liveVersion !== entry.doc.version && !token?.isCancellationRequested) {
      if (entry.live || patient) {
        await this.wake(entry, undefined, token);
        continue;
      }
      const left = entry.openedAt + FIRST_ANSWER_WAIT_MS - performance.now();
      if (left <= 0) return this.interim(uri, entry);
      await this.wake(entry, left, token);
    }
    return this.analysed(uri, entry);
  }

  /** Resolves at the entry's next publish, after `ms` (when given), or when the request is cancelled. */
  private wake(entry: Entry, ms: number | undefined, token: CancellationToken | undefined): Promise<void> {
    return new Promise<void>((resolve) => {
      // Whichever of the three wakes it first, `done` removes the other two.
      const cleanup: (() => void)[] = [];
      const done = () => {
        for (const undo of cleanup) undo();
        const at = entry.waiters.indexOf(done);
        if (at >= 0) entry.waiters.splice(at, 1);
        resolve();
      };
      entry.waiters.push(done);
      if (ms !== undefined) {
        const timer = setTimeout(done, ms);
        cleanup.push(() => clearTimeout(timer));
      }
      const cancelled = token?.onCancellationRequested(done);
      if (cancelled) cleanup.push(() => cancelled.dispose());
    });
  }

  /** The degraded model of the current text, for a request that has waited long enough for the first analysis. */
  private interim(uri: string, entry: Entry): Analysed | undefined {
    const { version } = entry.doc;
    if (entry.closed || entry.refusal || !entry.settings) return undefined;
    if (entry.interim?.version !== version) {
      entry.interim = {
        version,
        live: LiveChecklist.degraded(entry.doc.getText(), `its first analysis is still running after ${FIRST_ANSWER_WAIT_MS} ms`, {
          rules: entry.settings.rules,
        }),
      };
    }
    return { uri, version, live: entry.interim.live, settings: entry.settings };
  }

  private analysed(uri: string, entry: Entry): Analysed | undefined {
    if (entry.closed || !entry.live || entry.refusal || entry.liveVersion !== entry.doc.version) return undefined;
    return { uri, version: entry.liveVersion, live: entry.live, settings: entry.settings! };
  }

  private async run(uri: string, entry: Entry): Promise<void> {
    if (entry.running) return;
    entry.running = true;
    try {
      while (!entry.closed && entry.liveVersion !== entry.doc.version) {
        const { version } = entry.doc;
        const text = entry.doc.getText();
        const settings = await this.hooks.settings(uri);
        if (entry.closed || entry.doc.version !== version) continue;
        entry.settings = settings;
        const before = entry.liveVersion < 0 ? undefined : entry.live ? 'analysed' : JSON.stringify(entry.refusal);
        entry.refusal = this.refusal(uri, entry.languageId, text, settings);
        if (entry.refusal) {
          entry.live = undefined;
          entry.liveVersion = version;
          // Once per change of state, not per keystroke in every README.
          if (before !== JSON.stringify(entry.refusal)) this.publishRefusal(uri, entry);
          continue;
        }
        const lensesStale = !entry.live || entry.liveVersion < 0 || entry.overBudget;
        const options: CheckOptions = { rules: settings.rules };
        // After a degraded model the full analysis starts afresh; the chunks it parsed before are cached.
        const steps = entry.live && !entry.overBudget ? entry.live.update(text, options) : LiveChecklist.open(text, options, entry.cache);
        const stale = () => entry.closed || entry.doc.version !== version;
        const result = await this.drive(uri, entry, steps, stale, settings.analysisBudgetMs);
        if (result === 'stale') continue;
        const overBudget = 'degrade' in result;
        if (overBudget)
          this.connection.console.info(
            `Preflight: ${uri} (version ${version}): ${result.degrade}; showing headings and task items until the next edit.`,
          );
        entry.live = overBudget ? LiveChecklist.degraded(text, result.degrade, options) : result.done;
        entry.overBudget = overBudget;
        entry.interim = undefined;
        entry.liveVersion = version;
        this.publish(uri, entry);
        if (lensesStale) this.hooks.lensesStale();
      }
    } catch (error) {
      this.connection.console.error(`Preflight: analysis of ${uri} failed: ${(error as Error).stack ?? String(error)}`);
      entry.liveVersion = entry.doc.version;
    } finally {
      entry.running = false;
      for (const wake of entry.waiters.splice(0)) wake();
    }
  }

  /**
   * Runs a stepwise analysis, its parse requests answered by the parser: its result, 'stale' once
   * `stale()` after a batch, or why to degrade: its work has used `budgetMs`, or the parser failed (a
   * worker ran out of memory, say). Work is the parses' own time plus this thread's time on the analysis,
   * not the time spent waiting for workers or answering requests for other documents: a document is
   * degraded for its own cost only. Answers of an abandoned batch still go into the cache: the next
   * analysis starts from them.
   */
  private async drive<T>(
    uri: string,
    entry: Entry,
    steps: ParseSteps<T>,
    stale: () => boolean,
    budgetMs: number,
  ): Promise<{ done: T } | 'stale' | { degrade: string }> {
    const overBudget = { degrade: `its analysis took more than ${budgetMs} ms of work (setting preflight.analysisBudgetMs)` };
    let workedMs = 0;
    let answers: PieceAnswer[] = [];
    for (;;) {
      const start = performance.now();
      const next = steps.next(answers);
      workedMs += performance.now() - start;
      if (next.done) return { done: next.value };
      if (workedMs >= budgetMs) return overBudget;
      const requests = next.value;
      try {
        const batch = await this.parser.parse(uri, requests, budgetMs - workedMs);
        answers = batch.answers;
        workedMs += batch.workedMs;
      } catch (error) {
        if (error instanceof OverBudget) return overBudget;
        this.connection.console.error(`Preflight: parsing ${uri} failed: ${(error as Error).message}`);
        return { degrade: (error as Error).message };
      }
      if (workedMs >= budgetMs || stale()) {
        requests.forEach((request, i) => entry.cache.remember(request, answers[i]));
        return workedMs >= budgetMs ? overBudget : 'stale';
      }
    }
  }

  private refusal(uri: string, languageId: string, text: string, settings: Settings): Refusal | undefined {
    if (languageId !== 'markdown' && !/\.(?:md|markdown)$/i.test(uri)) return { kind: 'not-a-checklist' };
    if (!isChecklistFile(uri, text, settings.files, this.hooks.folders())) return { kind: 'not-a-checklist' };
    const kb = text.length / 1024;
    if (kb > settings.maxFileSizeKB) {
      return {
        kind: 'refused',
        message: `This file is ${(kb / 1024).toFixed(1)} MB, over the limit of ${settings.maxFileSizeKB} KB (setting preflight.maxFileSizeKB): Preflight does not analyse it. Raise the limit to analyse it anyway.`,
      };
    }
    if (text.slice(0, 8192).includes('\u0000'))
      return { kind: 'refused', message: 'This file looks binary (it holds NUL characters): Preflight does not analyse it.' };
    return undefined;
  }

  private publishRefusal(uri: string, entry: Entry): void {
    const diagnostics: Diagnostic[] = [];
    if (entry.refusal?.kind === 'refused') {
      diagnostics.push({
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Information,
        source: 'preflight',
        message: entry.refusal.message,
      });
      this.connection.console.info(`Preflight: ${uri}: ${entry.refusal.message}`);
    }
    void this.connection.sendDiagnostics({ uri, version: entry.doc.version, diagnostics });
  }

  /** Diagnostics (unless unchanged), then the progress notification that says this version is analysed. */
  private publish(uri: string, entry: Entry, diagnostics = true): void {
    const live = entry.live!;
    if (diagnostics) void this.connection.sendDiagnostics({ uri, version: entry.liveVersion, diagnostics: toDiagnostics(live.findings) });
    void this.connection.sendNotification(ProgressNotification.type, progressParams(live.checklist, uri, entry.liveVersion));
    for (const wake of entry.waiters.splice(0)) wake();
  }
}

function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((f, i) => {
    const g = b[i];
    return (
      f === g ||
      (f.ruleId === g.ruleId &&
        f.severity === g.severity &&
        f.message === g.message &&
        f.range.start.offset === g.range.start.offset &&
        f.range.end.offset === g.range.end.offset)
    );
  });
}
