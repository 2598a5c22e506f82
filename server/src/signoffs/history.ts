/**
 * Reads a checklist's sign-off history from git: the commits touching it with their trailers, git's own
 * verdict on each signature, and the file's bytes at each sign-off commit. Read-only, with programs pinned
 * (pinnedGit.ts). Judging the facts is evaluate.ts' job.
 */
import { createHash } from 'node:crypto';
import { pathsByCommit } from '../cli/followPath.js';
import { git, gitOk } from '../cli/git.js';
import type { CommitFacts, SignOffHistory } from './facts.js';
import { trailer } from './facts.js';
import { pinnedArgs } from './pinnedGit.js';
import { formatOfArmour, type Signature, signatureOf, UNSIGNED } from './signature.js';
import { SignOffTrailers } from '../protocol/protocol.js';

export interface HistoryOptions {
  /** The repository's top directory and the file's path in it, with `/`. */
  top: string;
  path: string;
  /** The bytes being judged (the file on disk, or an editor's unsaved text): compared with HEAD's. */
  current: Uint8Array | undefined;
  /** An allowed-signers file for SSH signatures, instead of the one git's config names. */
  allowedSigners?: string;
}

const SEP = '\u001f';
const END = '\u001e';

export async function loadHistory(options: HistoryOptions): Promise<SignOffHistory> {
  const { top, path } = options;
  const pinned = pinnedArgs(options.allowedSigners);
  const hasHead = (await git(top, [...pinned, 'rev-parse', '--verify', '--quiet', 'HEAD'])).ok;
  const commits: CommitFacts[] = [];
  if (hasHead) {
    // %(trailers:only,unfold): the trailer block's `Key: value` lines, continuation lines joined.
    const format = `%H${SEP}%h${SEP}%an${SEP}%ae${SEP}%aI${SEP}%s${SEP}%(trailers:only,unfold)${END}`;
    // --follow: a sign-off made before the checklist was renamed still counts.
    const log = await gitOk(
      top,
      [...pinned, 'log', '--follow', '--topo-order', `--format=${format}`, 'HEAD', '--', path],
      `cannot list the commits of ${path}`,
    );
    const signatures = await signaturesOf(top, ['--follow', 'HEAD', '--', path], options.allowedSigners);
    const paths = new Map((await pathsByCommit(top, 'HEAD', path, pinned)).map((p) => [p.sha, p]));
    for (const record of log
      .split(END)
      .map((r) => r.replace(/^\n+/, ''))
      .filter((r) => r.trim() !== '')) {
      const [sha, short, author, email, date, subject, trailerBlock = ''] = record.split(SEP);
      const commit: CommitFacts = {
        sha,
        short,
        author,
        email,
        date,
        subject: subject ?? '',
        trailers: parseTrailers(trailerBlock),
        signature: signatures.get(sha) ?? UNSIGNED,
      };
      if (paths.get(sha)?.renameOnly) commit.renameOnly = true;
      if (trailer(commit, SignOffTrailers.role).length > 0) {
        const bytes = await blob(top, pinned, `${sha}:${paths.get(sha)?.path ?? path}`);
        if (bytes) commit.content = { sha256: sha256(bytes), text: utf8(bytes) };
      }
      commits.push(commit);
    }
  }
  const uncommitted = !hasHead || !options.current || !(await sameAsHead(top, pinned, path, options.current));
  const shallow = (await git(top, [...pinned, 'rev-parse', '--is-shallow-repository'])).stdout.toString('utf8').trim() === 'true';
  return { path, commits, uncommitted, shallow };
}

/**
 * Git's verdict on the signature of each commit `git log <revisions>` lists, by sha (%G? %GS %GK), read
 * with programs pinned. `preflight diff` shows them per change too.
 */
export async function signaturesOf(top: string, revisions: readonly string[], allowedSigners?: string): Promise<Map<string, Signature>> {
  const pinned = pinnedArgs(allowedSigners);
  const log = await gitOk(
    top,
    [...pinned, 'log', `--format=%H${SEP}%G?${SEP}%GS${SEP}%GK${END}`, ...revisions],
    'cannot read the commit signatures',
  );
  const armour = await signatureHeaders(top, pinned, revisions);
  const found = new Map<string, Signature>();
  for (const record of log
    .split(END)
    .map((r) => r.trim())
    .filter((r) => r !== '')) {
    const [sha, code = 'N', signer = '', key = ''] = record.split(SEP);
    found.set(sha, signatureOf({ code, signer, key, format: formatOfArmour(armour.get(sha) ?? '') }));
  }
  return found;
}

/** The first line of each commit's `gpgsig` header, by sha: git's %G? says N for an SSH signature it cannot check. */
async function signatureHeaders(top: string, pinned: string[], revisions: readonly string[]): Promise<Map<string, string>> {
  const raw = await gitOk(top, [...pinned, 'log', '--pretty=raw', ...revisions], 'cannot read the commit headers');
  const found = new Map<string, string>();
  for (const block of raw.split(/^(?=commit [0-9a-f]+)/m)) {
    const sha = /^commit ([0-9a-f]+)/.exec(block)?.[1];
    const headers = block.split('\n\n')[0];
    const sig = /^gpgsig(?:-sha256)? (.*)$/m.exec(headers)?.[1];
    if (sha && sig) found.set(sha, sig);
  }
  return found;
}

/**
 * Whether `current` is what HEAD stores: compared as git would store it (core.autocrlf, .gitattributes `eol`
 * and clean filters applied by `git hash-object --path`), so a CRLF checkout of an LF blob is not "changed".
 */
async function sameAsHead(top: string, pinned: string[], path: string, current: Uint8Array): Promise<boolean> {
  const head = await git(top, [...pinned, 'rev-parse', '--verify', '--quiet', `HEAD:${path}`]);
  if (!head.ok) return false;
  const stored = await git(top, [...pinned, 'hash-object', '--stdin', `--path=${path}`], current);
  return stored.ok && stored.stdout.toString('utf8').trim() === head.stdout.toString('utf8').trim();
}

async function blob(top: string, pinned: string[], spec: string): Promise<Buffer | undefined> {
  const r = await git(top, [...pinned, 'cat-file', 'blob', spec]);
  return r.ok ? r.stdout : undefined;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function parseTrailers(block: string): Record<string, string[]> {
  // No prototype: a trailer named `__proto__` or `constructor` is just a key.
  const trailers = Object.create(null) as Record<string, string[]>;
  for (const line of block.split('\n')) {
    const m = /^([A-Za-z0-9][A-Za-z0-9-]*)\s*:\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    const key = m[1].toLowerCase();
    (trailers[key] ??= []).push(m[2]);
  }
  return trailers;
}
