import { existsSync } from 'node:fs';
import { analyse } from './analyse.js';
import type { Attribution, Endpoint, Version } from './diffModel.js';
import { InputError } from './errors.js';
import { pathBefore, pathsByCommit } from './followPath.js';
import { git, gitOk } from './git.js';
import { decode, readInput } from './readInput.js';
import { repoPathOf } from './repoPath.js';
import { signaturesOf } from '../signoffs/history.js';
import { type Signature, UNSIGNED } from '../signoffs/signature.js';

export interface History {
  /** Path relative to the repository top, with `/`. */
  path: string;
  /** The path at --from, when the file was renamed since (the history follows renames). */
  renamedFrom?: string;
  from: Endpoint;
  to: Endpoint;
  versions: Version[];
}

const SEP = '\u001f';
const END = '\u001e';

/**
 * Loads the checklist at --from, at every commit in from..to that touched it (under any of its names), and at
 * --to or the working tree. `current`: the working tree's text to use instead of the file on disk (an editor's
 * unsaved text).
 */
export async function loadHistory(file: string, cwd: string, from: string, to: string | undefined, current?: string): Promise<History> {
  // Pathspecs are relative to git's cwd and `rev:path` to the top: running from the top makes both agree.
  const { abs, top: repo, path } = await repoPathOf(file, cwd, 'diff');

  const fromSha = await resolveRevision(repo, from);
  const toSha = to === undefined ? null : await resolveRevision(repo, to);
  const range = `${fromSha}..${toSha ?? 'HEAD'}`;
  // --follow lists newest first (with --reverse git stops following): oldest first comes from reversing.
  const log = await gitOk(
    repo,
    [
      '-c',
      'log.showSignature=false',
      'log',
      '--follow',
      '--topo-order',
      `--format=%H${SEP}%h${SEP}%an${SEP}%ae${SEP}%aI${SEP}%s${END}`,
      range,
      '--',
      path,
    ],
    `cannot list the commits between ${from} and ${to ?? 'HEAD'}`,
  );
  const commits = log
    .split(END)
    .map((r) => r.trim())
    .filter((r) => r !== '')
    .map(parseCommit)
    .reverse();
  const paths = await pathsByCommit(repo, range, path);
  const pathAt = new Map(paths.map((p) => [p.sha, p.path]));
  const fromPath = pathBefore(paths, path);
  // Each change names its commit's signature state: git's own verification, programs pinned.
  const signatures = commits.length > 0 ? await signaturesOf(repo, ['--follow', range, '--', path]) : new Map<string, Signature>();
  for (const commit of commits) commit.signature = signatures.get(commit.sha ?? '') ?? UNSIGNED;

  const versions: Version[] = [{ ...(await versionAt(repo, fromSha, fromPath, from)) }];
  for (const commit of commits)
    versions.push({ ...(await versionAt(repo, commit.sha ?? '', pathAt.get(commit.sha ?? '') ?? path, commit.short ?? '')), by: commit });
  // Path-limited history normally ends with the --to content already; merges and a --from that is not an
  // ancestor can break that, so the net comparison always ends on the real content at --to.
  const end = await versionAt(repo, toSha ?? 'HEAD', path, to ?? 'HEAD');
  if (end.checklist?.text !== versions[versions.length - 1].checklist?.text) versions.push(end);
  if (to === undefined)
    versions.push({
      ...(current === undefined ? workingTree(abs, file) : { checklist: analyse(file, current) }),
      by: { kind: 'uncommitted' },
    });
  return {
    path,
    ...(fromPath !== path && versions[0].checklist ? { renamedFrom: fromPath } : {}),
    from: { rev: from, sha: fromSha, exists: versions[0].checklist !== undefined },
    to: { rev: to ?? null, sha: toSha, exists: versions[versions.length - 1].checklist !== undefined },
    versions,
  };
}

async function resolveRevision(repo: string, rev: string): Promise<string> {
  const result = await git(repo, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  if (result.ok) return result.stdout.toString('utf8').trim();
  if (rev === 'HEAD' && !(await git(repo, ['rev-parse', '--verify', '--quiet', 'HEAD'])).ok) {
    throw new InputError(
      'the repository has no commits yet, so there is nothing to compare with. Commit the checklist first (git add FILE && git commit).',
    );
  }
  throw new InputError(
    `unknown revision "${rev}": it is not a commit in this repository. Check the name (git log --oneline lists commits); in CI, fetch enough history (e.g. actions/checkout with fetch-depth: 0).`,
  );
}

function parseCommit(record: string): Attribution {
  const [sha, short, author, email, date, subject] = record.split(SEP);
  return { kind: 'commit', sha, short, author, email, date, subject: subject ?? '' };
}

async function versionAt(repo: string, sha: string, path: string, label: string): Promise<Pick<Version, 'checklist'>> {
  const blob = await git(repo, ['rev-parse', '--verify', '--quiet', `${sha}:${path}`]);
  if (!blob.ok) return {}; // the file does not exist at that commit
  const bytes = (await git(repo, ['cat-file', 'blob', blob.stdout.toString('utf8').trim()])).stdout;
  const text = decode(bytes, `"${path}" at ${label}`, { allowEmpty: true });
  return { checklist: analyse(`${path}@${label}`, text) };
}

function workingTree(abs: string, file: string): Pick<Version, 'checklist'> {
  if (!existsSync(abs)) return {}; // deleted in the working tree
  return { checklist: analyse(file, readInput(abs, '/', { allowEmpty: true }).text) };
}
