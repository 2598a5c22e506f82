/**
 * `preflight signoffs`: is each signature in a checklist backed by a sign-off commit? A signed role
 * verifies when the newest commit carrying its `Preflight-Role` trailer was authored by the name stamped
 * in the role, records the sha256 of the file it commits, and nothing but other sign-off commits has
 * changed the file since (the working tree included).
 */
import { normalise } from '../core/gate.js';
import type { Checklist, SignOffRole } from '../core/model.js';
import { NAME_KEY } from '../core/stamp.js';
import { SignOffTrailers } from '../protocol.js';
import { analyse } from './analyse.js';
import { CliError, EXIT } from './errors.js';
import { paint } from './format/color.js';
import { signoffsText } from './format/signoffsText.js';
import type { Io } from './io.js';
import { decode, readInput } from './readInput.js';
import { repoPathOf } from './repoPath.js';
import { type LogCommit, type SignoffLog, loadSignoffLog, trailer } from './signoffLog.js';

export interface RoleVerdict {
  id: string;
  name: string;
  signed: boolean;
  /** Signed, and the sign-off commit checks out; false for a role nobody signed. */
  verified: boolean;
  /** The name stamped in the role's Name (Signature, Signed by) field, if any. */
  signer: string | null;
  /** The newest commit carrying `Preflight-Role: <id>`. */
  commit: string | null;
  short: string | null;
  author: string | null;
  date: string | null;
  progress?: string;
  exception?: string;
  problems: string[];
}

export interface SignoffsReport {
  file: string;
  /** Path relative to the repository top. */
  path: string;
  title: string;
  /** Every signed role verifies (true when nobody has signed). */
  verified: boolean;
  /** False when the checklist has no sign-off section. */
  hasSignOff: boolean;
  roles: RoleVerdict[];
}

/** Exit 0 when every signed role verifies, 1 when one does not, 2 when a file cannot be read or is not in git. */
export async function runSignoffs(files: readonly string[], format: 'text' | 'json', io: Io): Promise<number> {
  const p = paint(io.color);
  const reports: SignoffsReport[] = [];
  let code: number = EXIT.ok;
  for (const file of files) {
    try {
      const report = await verifyFile(file, io.cwd);
      reports.push(report);
      if (!report.verified && code === EXIT.ok) code = EXIT.failed;
      if (format === 'text') io.out(`${reports.length > 1 ? '\n' : ''}${signoffsText(report, p)}`);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      io.err(`preflight: ${error.message}`);
      code = EXIT.usage;
    }
  }
  if (format === 'json' && (reports.length > 0 || files.length > 1)) io.out(JSON.stringify(files.length === 1 ? reports[0] : reports, withoutShort, 2));
  return code;
}

/** `short` serves the text output; JSON has the full sha. */
function withoutShort(key: string, value: unknown): unknown {
  return key === 'short' ? undefined : value;
}

export async function verifyFile(file: string, cwd: string): Promise<SignoffsReport> {
  const checklist = analyse(file, readInput(file, cwd).text);
  const at = await repoPathOf(file, cwd, 'signoffs');
  const base = { file, path: at.path, title: checklist.title };
  const roles = checklist.signOff?.roles ?? [];
  if (!checklist.signOff) return { ...base, verified: true, hasSignOff: false, roles: [] };
  const log = await loadSignoffLog(at);
  const verdicts: RoleVerdict[] = [];
  for (const role of roles) verdicts.push(await verifyRole(role, log, at.path));
  return { ...base, verified: verdicts.every((v) => !v.signed || v.verified), hasSignOff: true, roles: verdicts };
}

async function verifyRole(role: SignOffRole, log: SignoffLog, path: string): Promise<RoleVerdict> {
  const signer = signerOf(role) ?? null;
  const verdict: RoleVerdict = { id: role.id, name: role.name, signed: role.signed, verified: false, signer, commit: null, short: null, author: null, date: null, problems: [] };
  if (!role.signed) return verdict;
  const problems = verdict.problems;
  const index = log.commits.findIndex((c) => trailer(c, SignOffTrailers.role).some((v) => v === role.id));
  if (index < 0) {
    const shallow = log.shallow ? ' (this clone is shallow: fetch the whole history, e.g. `git fetch --unshallow` or actions/checkout with fetch-depth: 0)' : '';
    problems.push(`signed in the text, but no commit carries ${SignOffTrailers.role}: ${role.id}${shallow}`);
    return verdict;
  }
  const commit = log.commits[index];
  Object.assign(verdict, { commit: commit.sha, short: commit.short, author: commit.author, date: commit.date });
  const progress = trailer(commit, SignOffTrailers.progress)[0];
  const exception = trailer(commit, SignOffTrailers.exception).join('; ');
  if (progress) verdict.progress = progress;
  if (exception) verdict.exception = exception;

  // (b) The commit records what it signed: the sha256 of the file's bytes in that very commit.
  const bytes = await log.content(commit.sha);
  if (!bytes) {
    problems.push(`${commit.short} carries ${SignOffTrailers.role}: ${role.id} but does not contain ${path}`);
  } else {
    const recorded = trailer(commit, SignOffTrailers.contentSha256)[0]?.toLowerCase();
    const actual = await log.contentHash(commit.sha);
    if (!recorded) problems.push(`${commit.short} has no ${SignOffTrailers.contentSha256} trailer, so what it signed cannot be checked`);
    else if (recorded !== actual) problems.push(`content hash mismatch: ${commit.short} records ${SignOffTrailers.contentSha256} ${recorded.slice(0, 12)}… but the file it commits hashes to ${actual?.slice(0, 12) ?? '?'}…`);
  }

  // (a) The name the commit stamped is its author's. The signed version decides; the current text must agree.
  const signedRole = bytes ? roleIn(analyse(`${path}@${commit.short}`, decode(bytes, `"${path}" at ${commit.short}`, { allowEmpty: true })), role.id) : undefined;
  const stamped = signedRole ? signerOf(signedRole) : signer;
  if (bytes && !signedRole?.signed) problems.push(`${commit.short} carries ${SignOffTrailers.role}: ${role.id} but the file it commits does not sign "${role.name}"`);
  else if (!stamped) problems.push(`no name is stamped in "${role.name}" (a Name: field), so the commit author ${commit.author} cannot be checked against it`);
  else if (normalise(stamped) !== normalise(commit.author)) problems.push(`signed as "${stamped}" but ${commit.short} was committed by ${commit.author}`);
  if (stamped && signer && normalise(stamped) !== normalise(signer)) problems.push(`the name changed after sign-off: "${stamped}" in ${commit.short}, "${signer}" now`);

  // (c) Since then only sign-off commits (a role trailer and a matching hash) may have touched the file.
  const later: string[] = [];
  for (const c of log.commits.slice(0, index).reverse()) {
    if (await isSignOffCommit(c, log)) continue;
    const forged = trailer(c, SignOffTrailers.role).length > 0 ? ` (it carries ${SignOffTrailers.role} but its ${SignOffTrailers.contentSha256} does not match the file)` : '';
    later.push(`changed after sign-off in ${c.short} by ${c.author}: ${c.subject}${forged}`);
  }
  if (later.length > 0) problems.push(later.length === 1 ? later[0] : `${later[0]} (and ${later.length - 1} more commit${later.length === 2 ? '' : 's'})`);
  if (log.uncommitted) problems.push('changed after sign-off: uncommitted edits');

  verdict.verified = problems.length === 0;
  // Problems last, so JSON reads: who, what, then why not.
  const { problems: why, ...rest } = verdict;
  return { ...rest, problems: why };
}

async function isSignOffCommit(commit: LogCommit, log: SignoffLog): Promise<boolean> {
  if (trailer(commit, SignOffTrailers.role).length === 0) return false;
  const recorded = trailer(commit, SignOffTrailers.contentSha256)[0]?.toLowerCase();
  return recorded !== undefined && recorded === (await log.contentHash(commit.sha));
}

function roleIn(checklist: Checklist, id: string): SignOffRole | undefined {
  return checklist.signOff?.roles.find((r) => r.id === id);
}

/** The stamped name: a filled name field, `Name` itself before Signature or Signed by. */
export function signerOf(role: SignOffRole): string | undefined {
  const named = role.fields.filter((f) => f.filled && NAME_KEY.test(f.key));
  const field = named.find((f) => /name/i.test(f.key)) ?? named[0];
  return field?.value.replace(/^[*_\s]+|[*_\s]+$/g, '').replace(/\s+/g, ' ');
}
