/**
 * Two-branch merges in real temporary git repositories, for the merge driver's tests: a base commit on
 * main, THEIRS on a branch, OURS on main, then `git merge theirs`, with or without the Preflight driver.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './paths.ts';

export const CLI = join(repoRoot, 'server', 'dist', 'cli.js');
// Keep the machine's git configuration (signing, hooks, templates, a global merge driver) out.
export const ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  NO_COLOR: '1',
  GIT_AUTHOR_NAME: 'Ada Lovelace',
  GIT_AUTHOR_EMAIL: 'ada@example.com',
  GIT_COMMITTER_NAME: 'Ada Lovelace',
  GIT_COMMITTER_EMAIL: 'ada@example.com',
};

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The built CLI in a child process. */
export function cli(args: readonly string[], cwd: string): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: ENV });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: ENV });
}

export function gitRun(cwd: string, ...args: string[]): Run {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: ENV });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** How the repository gets its merge driver: none (plain git), `preflight merge --install`, or config written by hand. */
export type DriverSetup = 'none' | 'install' | 'manual';

/** The driver line as the README tells users to write it by hand (the CLI through node: `preflight` is not on PATH here). */
export function manualDriverLine(): string {
  return `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} merge %O %A %B --path %P`;
}

export interface MergeOutcome {
  dir: string;
  /** `git merge`'s result. */
  merge: Run;
  /** The file in the working tree after the merge. */
  text: string;
  /** Paths git lists as unmerged. */
  unmerged: string[];
  /** What `--install` printed, when it ran. */
  install?: Run;
}

/** Base committed on main, THEIRS committed on branch `theirs`, OURS on main, then `git merge theirs`. */
export function mergeBranches(options: { base: string; ours: string; theirs: string; setup: DriverSetup; file?: string }): MergeOutcome {
  const file = options.file ?? 'release-checklist.md';
  const dir = tempDir('preflight-merge-');
  git(dir, 'init', '-q', '-b', 'main');
  let install: Run | undefined;
  if (options.setup === 'install') {
    install = cli(['merge', '--install'], dir);
    if (install.code !== 0) throw new Error(`preflight merge --install exited ${install.code}: ${install.stderr}${install.stdout}`);
  } else if (options.setup === 'manual') {
    git(dir, 'config', 'merge.preflight.name', 'Preflight checklist merge');
    git(dir, 'config', 'merge.preflight.driver', manualDriverLine());
    writeFileSync(join(dir, '.gitattributes'), '*checklist*.md merge=preflight\n');
  }
  writeFileSync(join(dir, file), options.base);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  git(dir, 'checkout', '-q', '-b', 'theirs');
  writeFileSync(join(dir, file), options.theirs);
  git(dir, 'commit', '-q', '-am', 'theirs');
  git(dir, 'checkout', '-q', 'main');
  writeFileSync(join(dir, file), options.ours);
  git(dir, 'commit', '-q', '-am', 'ours');
  const merge = gitRun(dir, 'merge', '--no-edit', 'theirs');
  const unmerged = git(dir, 'diff', '--name-only', '--diff-filter=U').split('\n').filter(Boolean);
  return { dir, merge, text: readFileSync(join(dir, file), 'utf8'), unmerged, ...(install ? { install } : {}) };
}

/** Conflict regions of a text: the lines of each side between git's markers. */
export interface ConflictRegion {
  /** 1-based line of `<<<<<<<`. */
  line: number;
  ours: string[];
  base: string[];
  theirs: string[];
}

export function conflictRegions(text: string): ConflictRegion[] {
  const lines = text.split(/\r?\n/);
  const out: ConflictRegion[] = [];
  let current: ConflictRegion | undefined;
  let part: 'ours' | 'base' | 'theirs' = 'ours';
  lines.forEach((line, i) => {
    if (line.startsWith('<<<<<<<')) {
      current = { line: i + 1, ours: [], base: [], theirs: [] };
      part = 'ours';
    } else if (current && line.startsWith('|||||||')) part = 'base';
    else if (current && line.startsWith('=======')) part = 'theirs';
    else if (current && line.startsWith('>>>>>>>')) {
      out.push(current);
      current = undefined;
    } else if (current) current[part].push(line);
  });
  return out;
}

export function hasMarkers(text: string): boolean {
  return /^(?:<<<<<<<|>>>>>>>)/m.test(text);
}
