/** What git knows about a checklist's sign-offs: the commits touching it with their trailers, and its bytes per commit. */
import { createHash } from 'node:crypto';
import { git, gitOk } from './git.js';
import type { RepoPath } from './repoPath.js';

export interface LogCommit {
  sha: string;
  short: string;
  author: string;
  email: string;
  /** Author date, strict ISO 8601. */
  date: string;
  subject: string;
  /** Trailer values by lower-cased key (git matches trailer keys case-insensitively too). */
  trailers: Map<string, string[]>;
}

export interface SignoffLog {
  /** Commits reachable from HEAD that touch the file, newest first (children before parents). */
  commits: LogCommit[];
  /** The working tree differs from HEAD (or HEAD lacks the file). */
  uncommitted: boolean;
  shallow: boolean;
  /** sha256 (hex) of the file's bytes at a commit; undefined when the commit does not have the file. */
  contentHash(sha: string): Promise<string | undefined>;
  /** The file's bytes at a commit; undefined when the commit does not have the file. */
  content(sha: string): Promise<Buffer | undefined>;
}

const SEP = '\u001f';
const END = '\u001e';

export async function loadSignoffLog(at: RepoPath): Promise<SignoffLog> {
  const { top, path } = at;
  const hasHead = (await git(top, ['rev-parse', '--verify', '--quiet', 'HEAD'])).ok;
  const commits = hasHead
    ? (
        await gitOk(
          top,
          // %(trailers:only,unfold): the trailer block's `Key: value` lines, continuation lines joined.
          ['-c', 'log.showSignature=false', 'log', '--topo-order', `--format=%H${SEP}%h${SEP}%an${SEP}%ae${SEP}%aI${SEP}%s${SEP}%(trailers:only,unfold)${END}`, 'HEAD', '--', path],
          `cannot list the commits of ${path}`,
        )
      )
        .split(END)
        .map((r) => r.replace(/^\n+/, ''))
        .filter((r) => r.trim() !== '')
        .map(parseCommit)
    : [];
  const blobs = new Map<string, Promise<Buffer | undefined>>();
  const content = (sha: string) => {
    let hit = blobs.get(sha);
    if (!hit) {
      hit = git(top, ['cat-file', 'blob', `${sha}:${path}`]).then((r) => (r.ok ? r.stdout : undefined));
      blobs.set(sha, hit);
    }
    return hit;
  };
  const contentHash = async (sha: string) => {
    const bytes = await content(sha);
    return bytes && createHash('sha256').update(bytes).digest('hex');
  };
  // `git diff HEAD` ignores a file HEAD does not have, so that case is asked first.
  const inHead = hasHead && (await git(top, ['cat-file', '-e', `HEAD:${path}`])).ok;
  const uncommitted = !inHead || !(await git(top, ['diff', '--quiet', 'HEAD', '--', path])).ok;
  const shallow = (await git(top, ['rev-parse', '--is-shallow-repository'])).stdout.toString('utf8').trim() === 'true';
  return { commits, uncommitted, shallow, content, contentHash };
}

function parseCommit(record: string): LogCommit {
  const [sha, short, author, email, date, subject, trailerBlock = ''] = record.split(SEP);
  const trailers = new Map<string, string[]>();
  for (const line of trailerBlock.split('\n')) {
    const m = /^([A-Za-z0-9][A-Za-z0-9-]*)\s*:\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    const key = m[1].toLowerCase();
    trailers.set(key, [...(trailers.get(key) ?? []), m[2]]);
  }
  return { sha, short, author, email, date, subject: subject ?? '', trailers };
}

export function trailer(commit: LogCommit, key: string): string[] {
  return commit.trailers.get(key.toLowerCase()) ?? [];
}
