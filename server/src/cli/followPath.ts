/**
 * A checklist keeps its history across renames: `git log --follow` lists the commits that touched the file
 * under any of its names, and this reads which name it had in each. A rename is found by content similarity,
 * as `git log --follow` and GitHub find it.
 */
import { gitOk } from './git.js';

export interface PathAtCommit {
  sha: string;
  /** The file's path in that commit. */
  path: string;
  /** The path before this commit, when the commit renamed (or copied) the file. */
  from?: string;
  /** The commit only renamed the file: its bytes are the same as before (git's R100). */
  renameOnly?: boolean;
}

/** Newest first, as git lists them; `revisions` is a range or a rev (`a..b`, `HEAD`). */
export async function pathsByCommit(top: string, revisions: string, path: string, pinned: readonly string[] = []): Promise<PathAtCommit[]> {
  const out = await gitOk(
    top,
    [...pinned, 'log', '--follow', '--topo-order', '--name-status', '-z', '--format=%x1e%H', revisions, '--', path],
    `cannot follow the history of ${path}`,
  );
  const found: PathAtCommit[] = [];
  for (const record of out.split('\u001e').slice(1)) {
    // <sha> NUL LF <status> NUL <path> [NUL <new path>] NUL
    const [sha, status = '', first = '', second] = record.split('\u0000').map((field) => field.replace(/^\n/, ''));
    const renamed = /^[RC]/.test(status) && second !== undefined && second !== '';
    if (!renamed) found.push({ sha, path: first || path });
    else found.push(status === 'R100' ? { sha, path: second, from: first, renameOnly: true } : { sha, path: second, from: first });
  }
  return found;
}

/** The file's path at the start of the range: before the oldest listed commit. */
export function pathBefore(commits: readonly PathAtCommit[], path: string): string {
  const oldest = commits.at(-1);
  return oldest ? (oldest.from ?? oldest.path) : path;
}
