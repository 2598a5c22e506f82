/**
 * The process part of running a step, without VS Code (unit tests run it for real): the environment it gets,
 * `bash -e -c` leading its own process group, the output tail, cancel, and the outcome. stepRunner.ts puts
 * it in a terminal.
 */
import { spawn } from 'node:child_process';
import { deniedEnvReason } from '../../../server/src/core/deniedEnv';
import { isoWithOffset } from '../time';

/** How the step's process ended, cancelled or failed to start included; runStep reports it as a RunResult. */
export interface StepOutcome {
  exitCode: number;
  durationMs: number;
  /** ISO 8601 with the local offset. */
  startedAt: string;
  /** The last lines of stdout and stderr together, as the terminal showed them. */
  outputTail: string;
  cancelled: boolean;
  /** Why bash did not start, when it did not. */
  error?: string;
}

export interface StepProcess {
  readonly outcome: Promise<StepOutcome>;
  /** Names the checklist or a prompt gave that were not passed on, because they change how programs start. */
  readonly refused: readonly string[];
  /** Ends the step and everything it started; false when it already ended or is being cancelled. */
  cancel(): boolean;
  /** Hands typed text to the step's standard input. */
  write(data: string): void;
}

export interface StepProcessOptions {
  script: string;
  cwd: string;
  /** Front matter `env:` and the values given at prompts. */
  env: Record<string, string>;
  /** The environment the step inherits: VS Code's own, unless a test gives another. */
  base?: NodeJS.ProcessEnv;
  onOutput?: (text: string) => void;
}

const TAIL_CHARS = 4000;
const KILL_GRACE_MS = 3000;
const signalNumbers: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

/**
 * The step's environment: the inherited one plus the given variables, less any given name that changes how a
 * shell or program starts. The server already drops those from `env:`; this is the second line, and the only
 * one for values typed at a prompt. The inherited environment is the user's own and is kept as it is.
 */
export function stepEnvironment(base: NodeJS.ProcessEnv, given: Record<string, string>): { env: NodeJS.ProcessEnv; refused: string[] } {
  const env: NodeJS.ProcessEnv = { ...base };
  const refused: string[] = [];
  for (const [name, value] of Object.entries(given)) {
    if (deniedEnvReason(name)) refused.push(name);
    else env[name] = value;
  }
  return { env, refused };
}

export function startStep(options: StepProcessOptions): StepProcess {
  const started = new Date();
  const t0 = performance.now();
  const { env, refused } = stepEnvironment(options.base ?? process.env, options.env);
  let tail = '';
  let cancelled = false;
  let settle: (outcome: StepOutcome) => void = () => {};
  const outcome = new Promise<StepOutcome>((resolve) => (settle = resolve));
  // -e: a block of several commands fails at its first failing command, as a runbook reader expects.
  // detached: bash leads a new process group, so cancel reaches everything the step started.
  const child = spawn('bash', ['-e', '-c', options.script], { cwd: options.cwd, env, detached: true });
  const out = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    tail = (tail + text).slice(-TAIL_CHARS);
    options.onOutput?.(text);
  };
  child.stdout.on('data', out);
  child.stderr.on('data', out);
  let done = false;
  const finish = (exitCode: number, error?: string) => {
    if (done) return;
    done = true;
    settle({
      exitCode,
      durationMs: Math.round(performance.now() - t0),
      startedAt: isoWithOffset(started),
      outputTail: tail,
      cancelled,
      ...(error ? { error } : {}),
    });
  };
  child.on('error', (error) => finish(127, `Could not start bash: ${error.message}. Is bash installed and on the PATH?`));
  child.on('close', (code, signal) => finish(code ?? (signal ? 128 + (signalNumbers[signal] ?? 15) : 1)));
  // A step that does not read its input must not fail on what is typed.
  child.stdin.on('error', () => {});

  const cancel = () => {
    if (done || child.exitCode !== null || child.signalCode !== null || cancelled || child.pid === undefined) return false;
    cancelled = true;
    const group = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // The group is already gone.
      }
    };
    group('SIGTERM');
    setTimeout(() => group('SIGKILL'), KILL_GRACE_MS).unref();
    return true;
  };
  return { outcome, refused, cancel, write: (data) => void child.stdin.write(data) };
}
