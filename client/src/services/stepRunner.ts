/**
 * Runs a script with bash in a visible VS Code terminal (a pseudoterminal, so the output can be kept)
 * and reports the exit code, duration and the tail of the output. The process leads its own process
 * group, so Cancel (or closing the terminal, or Ctrl+C in it) ends everything the step started.
 */
import { spawn } from 'node:child_process';
import * as vscode from 'vscode';
import { isoWithOffset } from '../time';

export interface StepOutcome {
  exitCode: number;
  durationMs: number;
  /** ISO 8601 with the local offset. */
  startedAt: string;
  /** The last lines of stdout and stderr together, as the terminal showed them. */
  outputTail: string;
  cancelled: boolean;
}

export interface StepRun {
  readonly terminal: vscode.Terminal;
  readonly outcome: Promise<StepOutcome>;
  cancel(): void;
}

const TAIL_CHARS = 4000;
const KILL_GRACE_MS = 3000;

export function runInTerminal(options: { name: string; script: string; cwd: string; env: Record<string, string> }): StepRun {
  const write = new vscode.EventEmitter<string>();
  const close = new vscode.EventEmitter<number | void>();
  let cancel = () => {};
  let settle: (outcome: StepOutcome) => void = () => {};
  const outcome = new Promise<StepOutcome>((resolve) => (settle = resolve));
  const show = (text: string) => write.fire(text.replace(/\r?\n/g, '\r\n'));

  const start = () => {
    const started = new Date();
    const t0 = performance.now();
    let tail = '';
    let cancelled = false;
    show(`\x1b[2m${options.cwd}\x1b[0m\n`);
    // -e: a block of several commands fails at its first failing command, as a runbook reader expects.
    const child = spawn('bash', ['-e', '-c', options.script], { cwd: options.cwd, env: { ...process.env, ...options.env }, detached: true });
    const out = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      tail = (tail + text).slice(-TAIL_CHARS);
      show(text);
    };
    child.stdout.on('data', out);
    child.stderr.on('data', out);
    cancel = () => {
      if (child.exitCode !== null || child.signalCode !== null || cancelled) return;
      cancelled = true;
      show('\n\x1b[33mCancelling: ending the step and everything it started…\x1b[0m\n');
      const group = (signal: NodeJS.Signals) => {
        try {
          process.kill(-child.pid!, signal);
        } catch {
          // The group is already gone.
        }
      };
      group('SIGTERM');
      setTimeout(() => group('SIGKILL'), KILL_GRACE_MS).unref();
    };
    pty.handleInput = (data) => {
      if (data === '\x03') return cancel();
      // No tty: echo what is typed and hand it to the process as lines.
      show(data === '\r' ? '\n' : data);
      child.stdin.write(data === '\r' ? '\n' : data);
    };
    const finish = (exitCode: number, error?: string) => {
      if (error) show(`\x1b[31m${error}\x1b[0m\n`);
      const durationMs = Math.round(performance.now() - t0);
      const seconds = (durationMs / 1000).toFixed(1);
      show(
        cancelled ? `\n\x1b[33m■ cancelled after ${seconds} s\x1b[0m\n` : exitCode === 0 ? `\n\x1b[32m✓ exit 0 in ${seconds} s\x1b[0m\n` : `\n\x1b[31m✗ exit ${exitCode} in ${seconds} s\x1b[0m\n`,
      );
      settle({ exitCode, durationMs, startedAt: isoWithOffset(started), outputTail: tail, cancelled });
    };
    child.on('error', (error) => finish(127, `Could not start bash: ${error.message}. Is bash installed and on the PATH?`));
    child.on('close', (code, signal) => finish(code ?? (signal ? 128 + (signalNumbers[signal] ?? 15) : 1)));
  };

  const pty: vscode.Pseudoterminal = {
    onDidWrite: write.event,
    onDidClose: close.event,
    open: start,
    close: () => cancel(),
  };
  const terminal = vscode.window.createTerminal({ name: options.name, pty, iconPath: new vscode.ThemeIcon('play') });
  terminal.show(true);
  return { terminal, outcome, cancel: () => cancel() };
}

const signalNumbers: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
