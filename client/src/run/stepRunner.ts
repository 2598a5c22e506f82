/**
 * Runs a script with bash in a visible VS Code terminal (a pseudoterminal, so the output can be kept)
 * and reports the exit code, duration and the tail of the output. The process itself is stepProcess.ts:
 * it leads its own process group, so Cancel (or closing the terminal, or Ctrl+C in it) ends everything
 * the step started.
 */
import * as vscode from 'vscode';
import { startStep, type StepOutcome } from './stepProcess';

export type { StepOutcome } from './stepProcess';

export interface StepRun {
  readonly terminal: vscode.Terminal;
  readonly outcome: Promise<StepOutcome>;
  cancel(): void;
}

export function runInTerminal(options: { name: string; script: string; cwd: string; env: Record<string, string> }): StepRun {
  const write = new vscode.EventEmitter<string>();
  const close = new vscode.EventEmitter<number | void>();
  let cancel = () => {};
  let settle: (outcome: StepOutcome) => void = () => {};
  const outcome = new Promise<StepOutcome>((resolve) => (settle = resolve));
  const show = (text: string) => write.fire(text.replace(/\r?\n/g, '\r\n'));

  const start = () => {
    show(`\x1b[2m${options.cwd}\x1b[0m\n`);
    const step = startStep({ script: options.script, cwd: options.cwd, env: options.env, onOutput: show });
    if (step.refused.length > 0)
      show(`\x1b[33mNot passed to the step (they change how programs start): ${step.refused.join(', ')}\x1b[0m\n`);
    cancel = () => {
      if (step.cancel()) show('\n\x1b[33mCancelling: ending the step and everything it started…\x1b[0m\n');
    };
    pty.handleInput = (data) => {
      if (data === '\x03') return cancel();
      // No tty: echo what is typed and hand it to the process as lines.
      show(data === '\r' ? '\n' : data);
      step.write(data === '\r' ? '\n' : data);
    };
    void step.outcome.then((result) => {
      if (result.error) show(`\x1b[31m${result.error}\x1b[0m\n`);
      const seconds = (result.durationMs / 1000).toFixed(1);
      show(
        result.cancelled
          ? `\n\x1b[33m■ cancelled after ${seconds} s\x1b[0m\n`
          : result.exitCode === 0
            ? `\n\x1b[32m✓ exit 0 in ${seconds} s\x1b[0m\n`
            : `\n\x1b[31m✗ exit ${result.exitCode} in ${seconds} s\x1b[0m\n`,
      );
      settle(result);
    });
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
