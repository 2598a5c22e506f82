/**
 * The refs a review can compare with, read from git (read-only): the default base (the merge base with the
 * upstream branch, else with the default branch), local branches, tags and recent commits. Git runs with an
 * argument vector, never a shell.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';

/** A repository's config must not make these reads run a program of its choosing (a signature check, a monitor, a pager). */
const PINNED = ['-c', 'log.showSignature=false', '-c', 'core.fsmonitor=false', '-c', 'core.pager=cat'];

export interface RefEntry {
  /** What git is asked to resolve: a sha for the merge base and commits, a full ref name otherwise. */
  ref: string;
  /** A branch or tag name, or a short sha with the commit's subject. */
  name: string;
  /** Short sha. */
  short: string;
  detail?: string;
}

export interface ReviewBase {
  sha: string;
  short: string;
  /** The branch HEAD was compared with: `origin/main`, `main`. */
  against: string;
  /** How that branch was found: the upstream of HEAD, or the default branch. */
  source: 'upstream' | 'default branch';
}

export interface RepoRefs {
  base?: ReviewBase;
  branches: RefEntry[];
  tags: RefEntry[];
  commits: RefEntry[];
}

const SEP = '\u001f';
const RECENT_COMMITS = 20;
const MAX_REFS = 50;

function git(root: string, args: readonly string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      'git',
      [...PINNED, ...args],
      { cwd: root, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' } },
      (error, stdout) => resolve(error ? undefined : stdout.trim()),
    );
  });
}

/** The repository's top directory for a file or folder, or undefined outside git (or without git). */
export function repositoryOf(dir: string): Promise<string | undefined> {
  return git(dir, ['rev-parse', '--show-toplevel']);
}

/**
 * Where HEAD and the branches live: the git directory, and the common one a linked worktree shares with its
 * main checkout (the same folder otherwise). Absolute paths; undefined outside git.
 */
export async function gitDirs(root: string): Promise<{ gitDir: string; commonDir: string } | undefined> {
  const out = await git(root, ['rev-parse', '--absolute-git-dir', '--git-common-dir']);
  const [gitDir, common] = out?.split('\n') ?? [];
  if (!gitDir || !common) return undefined;
  return { gitDir, commonDir: path.resolve(root, common) };
}

/**
 * `git merge-base HEAD @{upstream}`; without an upstream, the merge base with the default branch: the one
 * origin/HEAD names, else main, else master.
 */
export async function defaultBase(root: string): Promise<ReviewBase | undefined> {
  const upstream = await git(root, ['rev-parse', '--abbrev-ref', '--symbolic-full-name', '@{upstream}']);
  const candidates: [string, ReviewBase['source']][] = upstream ? [[upstream, 'upstream']] : [];
  const originHead = await git(root, ['symbolic-ref', '-q', '--short', 'refs/remotes/origin/HEAD']);
  if (originHead) candidates.push([originHead, 'default branch']);
  candidates.push(['main', 'default branch'], ['master', 'default branch']);
  for (const [against, source] of candidates) {
    const sha = await git(root, ['merge-base', 'HEAD', against]);
    if (sha) return { sha, short: sha.slice(0, 7), against, source };
  }
  return undefined;
}

export async function repoRefs(root: string): Promise<RepoRefs> {
  const refs = (pattern: string, sort: string) =>
    git(root, [
      'for-each-ref',
      `--sort=${sort}`,
      `--count=${MAX_REFS}`,
      `--format=%(refname)${SEP}%(refname:short)${SEP}%(objectname:short)${SEP}%(contents:subject)`,
      pattern,
    ]).then((out) => lines(out).map(([ref, name, short, subject]) => ({ ref, name, short, detail: subject })));
  const [base, branches, tags, log] = await Promise.all([
    defaultBase(root),
    refs('refs/heads/', '-committerdate'),
    refs('refs/tags/', '-creatordate'),
    git(root, ['log', `-n${RECENT_COMMITS}`, `--format=%H${SEP}%h${SEP}%s${SEP}%an${SEP}%ar`, 'HEAD']),
  ]);
  const commits = lines(log).map(([sha, short, subject, author, when]) => ({
    ref: sha,
    name: subject,
    short,
    detail: `${author}, ${when}`,
  }));
  return { base, branches, tags, commits };
}

/** Whether git knows `ref` as a commit here (what the "type a ref" entry checks before reviewing). */
export async function resolveCommit(root: string, ref: string): Promise<string | undefined> {
  if (ref.startsWith('-')) return undefined;
  return git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
}

function lines(out: string | undefined): string[][] {
  return (out ?? '')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split(SEP));
}
