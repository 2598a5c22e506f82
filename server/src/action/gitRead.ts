/**
 * Git plumbing the action reads the pull request with: commits, merge base, changed paths, file contents at a
 * commit. Nothing from the pull request runs: programs a repository's config could name are pinned, and no
 * diff driver or text conversion is used.
 */
import { git } from '../cli/git.js';
import { pinnedArgs } from '../signoffs/pinnedGit.js';

export class GitProblem extends Error {}

const FETCH_ADVICE = 'The clone lacks the history: use actions/checkout with fetch-depth: 0 (and ref: the pull request head sha).';

function run(cwd: string, args: readonly string[]) {
  return git(cwd, [...pinnedArgs(), ...args]);
}

export async function requireCommit(cwd: string, sha: string, what: string): Promise<void> {
  if (!(await run(cwd, ['cat-file', '-e', `${sha}^{commit}`])).ok)
    throw new GitProblem(`the ${what} commit ${sha} is not in this clone. ${FETCH_ADVICE}`);
}

export async function mergeBase(cwd: string, base: string, head: string): Promise<string> {
  await requireCommit(cwd, base, 'base');
  await requireCommit(cwd, head, 'head');
  const found = await run(cwd, ['merge-base', base, head]);
  const sha = found.stdout.toString('utf8').trim();
  if (!found.ok || sha === '')
    throw new GitProblem(`git found no merge base of ${base.slice(0, 7)} and ${head.slice(0, 7)}. ${FETCH_ADVICE}`);
  return sha;
}

export interface ChangedPath {
  path: string;
  /** The path at the merge base, for a renamed file. */
  previousPath?: string;
}

/** Files added, modified or renamed between two commits (deleted ones have nothing left to report on). */
export async function changedPaths(cwd: string, from: string, to: string): Promise<ChangedPath[]> {
  const r = await run(cwd, [
    'diff',
    '--no-ext-diff',
    '--no-textconv',
    '--name-status',
    '-z',
    '--find-renames',
    '--diff-filter=AMR',
    from,
    to,
    '--',
  ]);
  if (!r.ok) throw new GitProblem(`git diff ${from.slice(0, 7)} ${to.slice(0, 7)} failed: ${r.stderr.split('\n')[0]}. ${FETCH_ADVICE}`);
  const fields = r.stdout.toString('utf8').split('\0');
  const out: ChangedPath[] = [];
  for (let i = 0; i + 1 < fields.length;) {
    const status = fields[i++];
    if (status.startsWith('R')) {
      const previousPath = fields[i++];
      out.push({ path: fields[i++], previousPath });
    } else out.push({ path: fields[i++] });
  }
  return out;
}

/** The file's bytes at a commit; undefined when it does not exist there. */
export async function blobAt(cwd: string, sha: string, path: string): Promise<Buffer | undefined> {
  const r = await run(cwd, ['cat-file', 'blob', `${sha}:${path}`]);
  return r.ok ? r.stdout : undefined;
}

/** Tracked files of the working tree; undefined when the folder is not a git work tree. */
export async function trackedFiles(cwd: string): Promise<string[] | undefined> {
  const r = await run(cwd, ['ls-files', '-z', '--cached']);
  return r.ok
    ? r.stdout
        .toString('utf8')
        .split('\0')
        .filter((p) => p !== '')
    : undefined;
}

/** The commit checked out in the workspace, or undefined outside git. */
export async function headOf(cwd: string): Promise<string | undefined> {
  const r = await run(cwd, ['rev-parse', '--verify', '--quiet', 'HEAD']);
  return r.ok ? r.stdout.toString('utf8').trim() : undefined;
}

/** The runner's own git setting for SSH signers (system, global or this clone's .git/config: never a file of the pull request). */
export async function configuredAllowedSigners(cwd: string): Promise<string | undefined> {
  const r = await git(cwd, ['config', '--get', 'gpg.ssh.allowedSignersFile']);
  const value = r.ok ? r.stdout.toString('utf8').trim() : '';
  return value === '' ? undefined : value;
}
