/**
 * Ticks over time in the current run of a checklist: the file's commits, newest first, back to its last fresh
 * run (the newest committed version with nothing ticked) or its first version, each with its progress.
 */
import type { Count } from '../core/model.js';
import { analyse } from './analyse.js';
import { git, gitOk } from './git.js';
import { decode } from './readInput.js';
import { repoPathOf } from './repoPath.js';

export interface CommittedTicks extends Count {
  /** The commit's author date, ISO 8601. */
  at: string;
  sha: string;
  short: string;
}

export interface TickHistory {
  /** Oldest first. */
  points: CommittedTicks[];
  /** The walk stopped at `limit` commits before it found the run's start. */
  truncated: boolean;
}

const SEP = '\u001f';
/** A long release can take many commits; beyond this the chart starts at the oldest one read. */
export const TICK_HISTORY_LIMIT = 200;

export async function loadTickHistory(file: string, cwd: string, limit = TICK_HISTORY_LIMIT): Promise<TickHistory> {
  const { top, path } = await repoPathOf(file, cwd, 'burn-up');
  if (!(await git(top, ['rev-parse', '--verify', '--quiet', 'HEAD'])).ok) return { points: [], truncated: false };
  // --name-only names the file as each commit has it, so renames are followed into older versions.
  const log = await gitOk(
    top,
    [
      '-c',
      'log.showSignature=false',
      'log',
      '--follow',
      '--name-only',
      `--format=%x1e%H${SEP}%h${SEP}%aI`,
      '-n',
      String(limit),
      'HEAD',
      '--',
      path,
    ],
    `cannot list the commits of ${path}`,
  );
  const commits = log
    .split('\u001e')
    .map((record) => record.trim())
    .filter((record) => record !== '')
    .map((record) => {
      const [header, name] = record.split('\n').map((line) => line.trim());
      const [sha, short, at] = header.split(SEP);
      return { sha, short, at, path: name || path };
    });
  const points: CommittedTicks[] = [];
  for (const commit of commits) {
    const blob = await git(top, ['cat-file', 'blob', `${commit.sha}:${commit.path}`]);
    if (!blob.ok) continue; // a commit that deleted the file
    const text = decode(blob.stdout, `"${commit.path}" at ${commit.short}`, { allowEmpty: true });
    const { done, total } = analyse(`${commit.path}@${commit.short}`, text).progress;
    points.push({ at: commit.at, sha: commit.sha, short: commit.short, done, total });
    if (done === 0) return { points: points.reverse(), truncated: false };
  }
  return { points: points.reverse(), truncated: commits.length >= limit };
}
