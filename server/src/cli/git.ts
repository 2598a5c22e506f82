import { execFile } from 'node:child_process';
import { InputError } from './errors.js';

export interface GitResult {
  ok: boolean;
  stdout: Buffer;
  stderr: string;
}

/**
 * Runs git with an argument vector (never a shell string), `input` on its stdin. A failing git is a result;
 * a missing git throws.
 */
export function git(cwd: string, args: readonly string[], input?: Uint8Array): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      // LC_ALL=C: stable English messages to quote; no prompts in CI.
      { cwd, encoding: 'buffer', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' } },
      (error, stdout, stderr) => {
        const code = (error as NodeJS.ErrnoException | null)?.code;
        if (code === 'ENOENT') {
          reject(
            new InputError(
              'git is not installed or not on PATH. Install git (https://git-scm.com/downloads) or add it to PATH; `preflight diff` and `preflight signoffs` read the checklist history from git.',
            ),
          );
          return;
        }
        if (error && typeof code !== 'number' && code !== undefined) {
          reject(new InputError(`could not run git: ${error.message}`));
          return;
        }
        resolve({ ok: !error, stdout, stderr: stderr.toString('utf8').trim() });
      },
    );
    // A git that exits before reading all of it closes the pipe: its exit code tells, not EPIPE.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input);
  });
}

/** Like `git`, but a failure becomes an InputError built from git's own first line of complaint. */
export async function gitOk(cwd: string, args: readonly string[], what: string): Promise<string> {
  const result = await git(cwd, args);
  if (!result.ok) throw new InputError(`${what}: ${firstLine(result.stderr) || `git ${args[0]} failed`}`);
  return result.stdout.toString('utf8');
}

export function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? ''
  );
}
