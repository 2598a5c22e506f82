/**
 * Runs the committed GitHub Action bundle as a runner does: `node dist/action/index.js` with INPUT_* and
 * GITHUB_* set, an event payload file, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, in a real git repository.
 * Also builds such repositories with fixed authors and dates, so commits (and what links to them) are stable.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from './paths.ts';

export const ACTION_MAIN = join(repoRoot, 'dist', 'action', 'index.js');
export const REPOSITORY = 'acme/shop';
export const PR_NUMBER = 42;

export const PEOPLE = {
  dana: { name: 'Dana Deploy', email: 'dana@example.com' },
  quinn: { name: 'Quinn Quality', email: 'quinn@example.com' },
  devon: { name: 'Devon Ops', email: 'devon@example.com' },
} as const;
export type Person = keyof typeof PEOPLE;

/** Nothing of the machine's git configuration (signing, hooks, default branch) comes in. */
export function gitEnv(home: string): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: home, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', TZ: 'UTC', LC_ALL: 'C' };
}

export class Repo {
  constructor(
    readonly dir: string,
    readonly home: string,
  ) {}

  static create(parent: string, name: string): Repo {
    const dir = join(parent, name);
    mkdirSync(dir, { recursive: true });
    const repo = new Repo(dir, parent);
    repo.git(['init', '-q', '-b', 'main']);
    return repo;
  }

  git(args: string[], env: Record<string, string> = {}): string {
    return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8', env: { ...gitEnv(this.home), ...env } }).trim();
  }

  write(files: Record<string, string | null>): void {
    for (const [path, text] of Object.entries(files)) {
      const abs = join(this.dir, path);
      if (text === null) rmSync(abs);
      else {
        mkdirSync(dirname(abs), { recursive: true });
        writeFileSync(abs, text);
      }
    }
  }

  read(path: string): string {
    return readFileSync(join(this.dir, path), 'utf8');
  }

  /** Commits everything as `who` at `date` (author and committer), unsigned; returns the full sha. */
  commit(who: Person, date: string, message: string, extra: string[] = []): string {
    const { name, email } = PEOPLE[who];
    this.git(['add', '-A']);
    this.git(['commit', '-q', '--no-gpg-sign', '-m', message, ...extra], {
      GIT_AUTHOR_NAME: name,
      GIT_AUTHOR_EMAIL: email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: name,
      GIT_COMMITTER_EMAIL: email,
      GIT_COMMITTER_DATE: date,
    });
    return this.git(['rev-parse', 'HEAD']);
  }
}

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

export interface RunOptions {
  repo: Repo;
  /** GITHUB_API_URL: the fake's address. */
  api: string;
  event: 'pull_request' | 'pull_request_target' | 'push' | 'workflow_dispatch';
  payload: object;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
}

/** A pull_request payload as GitHub writes it (the fields the action reads, and a few it does not). */
export function pullRequestPayload(base: string, head: string, headRepo: string | null = REPOSITORY): object {
  return {
    action: 'synchronize',
    number: PR_NUMBER,
    pull_request: {
      number: PR_NUMBER,
      base: { sha: base, ref: 'main', repo: { full_name: REPOSITORY } },
      head: { sha: head, ref: 'feature', repo: headRepo === null ? null : { full_name: headRepo } },
    },
    repository: { full_name: REPOSITORY },
  };
}

/** Parses GITHUB_OUTPUT as the runner does: `name<<delimiter` blocks (and `name=value` lines). */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i]);
      out[heredoc[1]] = value.join('\n');
    } else {
      const eq = lines[i].indexOf('=');
      if (eq > 0) out[lines[i].slice(0, eq)] = lines[i].slice(eq + 1);
    }
  }
  return out;
}

export async function runAction(options: RunOptions): Promise<ActionRun> {
  const temp = mkdtempSync(join(options.repo.home, 'runner-'));
  const files = { event: join(temp, 'event.json'), output: join(temp, 'output'), summary: join(temp, 'summary.md') };
  writeFileSync(files.event, JSON.stringify(options.payload));
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const inputs = {
    require: '',
    'fail-on': 'error',
    files: '',
    comment: 'true',
    token: 'ghs_test-token',
    'allowed-signers': '',
    ...options.inputs,
  };
  const env: Record<string, string> = {
    ...gitEnv(options.repo.home),
    // @actions/core reads INPUT_<NAME upper-cased, spaces to _> (dashes stay: INPUT_FAIL-ON).
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v])),
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.event,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_API_URL: options.api,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_GRAPHQL_URL: `${options.api}/graphql`,
    GITHUB_WORKSPACE: options.repo.dir,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_RUN_ID: '7001',
    GITHUB_SHA: options.repo.git(['rev-parse', 'HEAD']),
    RUNNER_TEMP: temp,
    NO_PROXY: '127.0.0.1',
    no_proxy: '127.0.0.1',
    ...options.env,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ACTION_MAIN], { cwd: options.repo.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({
        code,
        stdout,
        stderr,
        outputs: parseOutputs(readFileSync(files.output, 'utf8')),
        summary: readFileSync(files.summary, 'utf8'),
      });
    });
  });
}
