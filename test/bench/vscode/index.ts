// Tests module of the extension bench (test/bench/extension.mjs bundles it and hands it to a fresh VS Code
// window whose folder holds only a .txt file, so no activation event of Preflight or of the built-in markdown
// extension has fired). run() times, with performance.now() in the extension host:
//   (a) Preflight's activate(), from not active to resolved (client, server start, initialize handshake)
//   (b) the built-in vscode.markdown-language-features activate() (also starts a language server): the baseline
//   (c) opening the seed checklist in an editor until its outline is there (tree, decorations and status bar drawn)
// (a) and (b) run in the order PREFLIGHT_BENCH_ORDER says, so the launcher can alternate who pays first.
// The numbers go to the file PREFLIGHT_BENCH_OUT as one JSON object, and to console.log behind a marker.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { PreflightApi } from '../../../client/src/extension.ts';

export const RESULT_MARKER = 'PREFLIGHT_BENCH_RESULT';
const PREFLIGHT = 'preflight.preflight';
const MARKDOWN = 'vscode.markdown-language-features';
const TIMEOUT_MS = 30_000;

export interface WindowResult {
  order: string;
  /** Was either extension active before run() touched it? Then its time is not an activation time. */
  alreadyActive: { preflight: boolean; markdown: boolean };
  /** Extensions already active when run() started (start-up activity shares the extension host). */
  activeAtStart: string[];
  preflightMs: number;
  markdownMs: number;
  /** openTextDocument + showTextDocument resolved. */
  editorMs: number;
  /** First `preflight/progress` of the file known to the client (the server analysed it). */
  progressMs: number;
  /** api.outlines.get(uri) defined: the outline behind the tree, the decorations and the status bar. */
  outlineMs: number;
  statusBar: string;
  /** When each new progress of the file was seen (ms after the open): the outline fetch waits for progress to settle. */
  progressAt: number[];
}

function need(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this through test/bench/extension.mjs`);
  return value;
}

async function timeActivation(id: string): Promise<{ ms: number; wasActive: boolean; exports: unknown }> {
  const ext = vscode.extensions.getExtension(id);
  if (!ext) throw new Error(`${id} is not installed in this window`);
  const wasActive = ext.isActive;
  const t0 = performance.now();
  const exports: unknown = await ext.activate(); // rethrows a failed activation
  return { ms: performance.now() - t0, wasActive, exports };
}

/** Resolves when `probe` holds: checked at once, on every `event`, and every few ms (for state with no event). */
function whenTrue(probe: () => boolean, event: vscode.Event<unknown> | undefined, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const subs: vscode.Disposable[] = [];
    const done = (error?: Error) => {
      clearInterval(poll);
      clearTimeout(timer);
      for (const s of subs) s.dispose();
      if (error) reject(error);
      else resolve(performance.now());
    };
    const check = () => {
      if (probe()) done();
    };
    const poll = setInterval(check, 2);
    const timer = setTimeout(() => done(new Error(`timed out after ${TIMEOUT_MS} ms waiting for ${what}`)), TIMEOUT_MS);
    if (event) subs.push(event(check));
    check();
  });
}

export async function run(): Promise<void> {
  const out = need('PREFLIGHT_BENCH_OUT');
  const seed = vscode.Uri.file(need('PREFLIGHT_BENCH_SEED'));
  const order = process.env.PREFLIGHT_BENCH_ORDER === 'markdown-first' ? 'markdown-first' : 'preflight-first';
  const activeAtStart = vscode.extensions.all.filter((e) => e.isActive).map((e) => e.id);

  const first = order === 'preflight-first' ? PREFLIGHT : MARKDOWN;
  const second = first === PREFLIGHT ? MARKDOWN : PREFLIGHT;
  const a = await timeActivation(first);
  const b = await timeActivation(second);
  const preflight = first === PREFLIGHT ? a : b;
  const markdown = first === PREFLIGHT ? b : a;
  const api = preflight.exports as PreflightApi;

  const t0 = performance.now();
  const progressAt: number[] = [];
  let lastProgress: unknown;
  /** Notes every new progress of the seed (a new object per notification); true once there is one. */
  const noteProgress = () => {
    const current = api.outlines.progressOf(seed);
    if (current && current !== lastProgress) progressAt.push(performance.now() - t0);
    lastProgress = current;
    return current !== undefined;
  };
  const outline = whenTrue(() => api.outlines.get(seed) !== undefined, api.outlines.onDidChange, `the outline of ${seed.fsPath}`);
  const progress = whenTrue(noteProgress, undefined, `the progress of ${seed.fsPath}`);
  const watch = setInterval(noteProgress, 2); // keeps noting progress until the outline is there
  const doc = await vscode.workspace.openTextDocument(seed);
  await vscode.window.showTextDocument(doc, { preview: false });
  const editorMs = performance.now() - t0;
  const [outlineAt, firstProgressAt] = await Promise.all([outline, progress]).finally(() => clearInterval(watch));

  const result: WindowResult = {
    order,
    alreadyActive: { preflight: preflight.wasActive, markdown: markdown.wasActive },
    activeAtStart,
    preflightMs: preflight.ms,
    markdownMs: markdown.ms,
    editorMs,
    progressMs: firstProgressAt - t0,
    outlineMs: outlineAt - t0,
    statusBar: api.statusBar.item.text,
    progressAt: progressAt.map((ms) => Math.round(ms)),
  };
  fs.writeFileSync(out, JSON.stringify(result));
  console.log(`${RESULT_MARKER} ${JSON.stringify(result)}`);
}
