/**
 * Ticks over time in the current run of a checklist: the file's commits, newest first, back to its last fresh
 * run (the newest committed version with nothing ticked) or its first version, each with its progress.
 */
import type { Count } from '../core/model.js';
import { analyse } from './analyse.js';
import { pathsByCommit } from './followPath.js';
import { git, gitOk } from './git.js';
import { decode } from './readInput.js';
import { repoPathOf } from './repoPath.js';
import { pinnedArgs } from '../signoffs/pinnedGit.js';

interface CommittedTicks extends Count {
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
const TICK_HISTORY_LIMIT = 200;

export async function loadTickHistory(file: string, cwd: string, limit = TICK_HISTORY_LIMIT): Promise<TickHistory> {
  const { top, path } = await repoPathOf(file, cwd, 'burn-up');
  if (!(await git(top, ['rev-parse', '--verify', '--quiet', 'HEAD'])).ok) return { points: [], truncated: false };
  // The file's name in each commit, across renames (the same walk as diff and signoffs).
  const listed = await pathsByCommit(top, 'HEAD', path, pinnedArgs());
  const commits = listed.slice(0, limit);
  if (commits.length === 0) return { points: [], truncated: false };
  const dates = await gitOk(
    top,
    [...pinnedArgs(), 'show', '--no-patch', `--format=%H${SEP}%h${SEP}%aI`, ...commits.map((c) => c.sha)],
    `cannot read the dates of the commits of ${path}`,
  );
  const when = new Map(
    dates
      .split('\n')
      .filter((line) => line.includes(SEP))
      .map((line) => {
        const [sha, short, at] = line.split(SEP);
        return [sha, { short, at }] as const;
      }),
  );
  const points: CommittedTicks[] = [];
  for (const commit of commits) {
    const { short = commit.sha.slice(0, 7), at = '' } = when.get(commit.sha) ?? {};
    const blob = await git(top, ['cat-file', 'blob', `${commit.sha}:${commit.path}`]);
    if (!blob.ok) continue; // a commit that deleted the file
    const text = decode(blob.stdout, `"${commit.path}" at ${short}`, { allowEmpty: true });
    const { done, total } = analyse(`${commit.path}@${short}`, text).progress;
    points.push({ at, sha: commit.sha, short, done, total });
    if (done === 0) return { points: points.reverse(), truncated: false };
  }
  return { points: points.reverse(), truncated: listed.length > limit };
}
