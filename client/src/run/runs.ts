/**
 * The steps running now (one at a time per step), and the history of finished runs in the
 * "Preflight Runs" output channel. Values of variables are never logged.
 */
import * as vscode from 'vscode';
import type { StepRun } from './stepRunner';

/** A finished run, as the "Preflight Runs" channel logs it (its run note goes into the checklist). */
export interface FinishedRun {
  uri: string;
  stepId: string;
  label: string;
  line: number;
  exitCode: number;
  durationMs: number;
  cancelled: boolean;
}

export class Runs implements vscode.Disposable {
  private readonly running = new Map<string, StepRun>();
  /** The terminal of each step's latest run: a new run of the step replaces it instead of piling up. */
  private readonly terminals = new Map<string, vscode.Terminal>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** A step started or finished: Run lenses read "Running… (Cancel)" while it runs. */
  readonly onDidChange = this.changed.event;
  readonly history = vscode.window.createOutputChannel('Preflight Runs', { log: true });

  isRunning(uri: string, stepId: string): boolean {
    return this.running.has(key(uri, stepId));
  }

  started(uri: string, stepId: string, run: StepRun): void {
    const k = key(uri, stepId);
    this.terminals.get(k)?.dispose();
    this.terminals.set(k, run.terminal);
    this.running.set(k, run);
    this.changed.fire();
  }

  finished(run: FinishedRun): void {
    this.running.delete(key(run.uri, run.stepId));
    this.changed.fire();
    const where = `${vscode.workspace.asRelativePath(vscode.Uri.parse(run.uri))}:${run.line + 1}`;
    const seconds = `${(run.durationMs / 1000).toFixed(1)} s`;
    if (run.cancelled) this.history.warn(`cancelled after ${seconds}  ${where}  ${run.label}`);
    else if (run.exitCode === 0) this.history.info(`passed in ${seconds}  ${where}  ${run.label}`);
    else this.history.error(`failed, exit ${run.exitCode}, in ${seconds}  ${where}  ${run.label}`);
  }

  /** Ends a running step and everything it started; false when it is not running. */
  cancel(uri: string, stepId: string): boolean {
    const run = this.running.get(key(uri, stepId));
    run?.cancel();
    return Boolean(run);
  }

  dispose(): void {
    for (const run of this.running.values()) run.cancel();
    this.changed.dispose();
    this.history.dispose();
  }
}

function key(uri: string, stepId: string): string {
  return `${uri}\n${stepId}`;
}
