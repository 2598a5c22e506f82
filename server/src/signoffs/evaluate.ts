/**
 * Facts about commits -> a state per sign-off role. Pure (no git, no I/O): the CLI's `preflight signoffs`
 * and the language server's role states share it, so both say the same thing about the same history.
 *
 * A signed role is `verified` when the newest commit carrying its `Preflight-Role` trailer
 * - holds the file, records its sha256 in `Preflight-Content-SHA256`, and that file signs the role;
 * - carries a good signature (git's own verification) by a signer allowed for the role: one listed in
 *   `signers:` for it, or, without an entry, the commit author's own address;
 * - was authored by the name stamped in the role;
 * and nothing but verified sign-off commits has changed the file since (the text being judged included).
 */
import { parseChecklist } from '../core/checklist.js';
import { normalise } from '../core/signOffGate.js';
import type { Checklist, SignOffRole } from '../core/model.js';
import { sameIdentity, signersOf } from '../core/signers.js';
import { NAME_KEY } from '../core/stamp.js';
import { SignOffTrailers } from '../protocol/protocol.js';
import { type CommitFacts, type SignOffHistory, trailer } from './facts.js';
import { type RoleProblem, type RoleState, stateOf } from './roleState.js';
import { describeSignature, type Signature } from './signature.js';
import { trimEndChars, trimStartChars } from '../core/trimChars.js';

export interface RoleVerdict {
  id: string;
  name: string;
  signed: boolean;
  state: RoleState;
  /** Signed, and proven: state `verified`. */
  verified: boolean;
  /** Signed and nothing but a missing proof is wrong (what passes without --require-signatures). */
  passes: boolean;
  /** The name stamped in the role's Name (Signature, Signed by) field, if any. */
  signer: string | null;
  /** The addresses `signers:` allows for the role; null without an entry. */
  allowed: string[] | null;
  /** The newest commit carrying `Preflight-Role: <id>`. */
  commit: string | null;
  short: string | null;
  author: string | null;
  date: string | null;
  signature: Signature | null;
  progress?: string;
  exception?: string;
  problems: string[];
}

export function evaluateRoles(checklist: Checklist, history: SignOffHistory): RoleVerdict[] {
  return (checklist.signOff?.roles ?? []).map((role) => evaluateRole(checklist, role, history));
}

export function evaluateRole(checklist: Checklist, role: SignOffRole, history: SignOffHistory): RoleVerdict {
  const allowed = signersOf(checklist, role) ?? null;
  const stampedNow = signerOf(role) ?? null;
  const base = {
    id: role.id,
    name: role.name,
    signed: role.signed,
    state: 'not signed' as RoleState,
    verified: false,
    passes: true,
    signer: stampedNow,
    allowed,
    commit: null,
    short: null,
    author: null,
    date: null,
    signature: null,
  };
  if (!role.signed) return { ...base, problems: [] };
  const problems: RoleProblem[] = [];
  const hard = (state: RoleState, message: string) => problems.push({ state, message, soft: false });
  // Without `signers:` for the role a missing proof is soft; with it, the checklist asks for a signature.
  const unproven = (state: RoleState, message: string) => problems.push({ state, message, soft: allowed === null });

  const index = history.commits.findIndex((c) => trailer(c, SignOffTrailers.role).includes(role.id));
  if (index < 0) {
    const shallow = history.shallow
      ? ' (this clone is shallow: fetch the whole history, e.g. `git fetch --unshallow` or actions/checkout with fetch-depth: 0)'
      : '';
    hard('no commit', `signed in the text, but no commit carries ${SignOffTrailers.role}: ${role.id}${shallow}`);
    return finish(base, problems);
  }
  const commit = history.commits[index];
  const found = { ...base, commit: commit.sha, short: commit.short, author: commit.author, date: commit.date, signature: commit.signature };
  const progress = trailer(commit, SignOffTrailers.progress)[0];
  const exception = trailer(commit, SignOffTrailers.exception).join('; ');
  const extra = { ...(progress ? { progress } : {}), ...(exception ? { exception } : {}) };

  // What it signed: the commit records the sha256 of the file's bytes in that very commit.
  const content = commit.content;
  if (!content) hard('no commit', `${commit.short} carries ${SignOffTrailers.role}: ${role.id} but does not contain ${history.path}`);
  else {
    const recorded = trailer(commit, SignOffTrailers.contentSha256)[0]?.toLowerCase();
    if (!recorded)
      hard('hash mismatch', `${commit.short} has no ${SignOffTrailers.contentSha256} trailer, so what it signed cannot be checked`);
    else if (recorded !== content.sha256)
      hard(
        'hash mismatch',
        `content hash mismatch: ${commit.short} records ${SignOffTrailers.contentSha256} ${recorded.slice(0, 12)}… but the file it commits hashes to ${content.sha256.slice(0, 12)}…`,
      );
  }

  // Who signed: git's verdict on the signature, and the signer against the role's allowed list.
  signatureProblems(commit, role, allowed, hard, unproven);

  // The name stamped in the signed version is the commit author's; the current text must still agree.
  const signedRole = content?.text != null ? parseChecklist(content.text).signOff?.roles.find((r) => r.id === role.id) : undefined;
  const stamped = signedRole ? signerOf(signedRole) : stampedNow;
  if (content && !signedRole?.signed)
    hard('no commit', `${commit.short} carries ${SignOffTrailers.role}: ${role.id} but the file it commits does not sign "${role.name}"`);
  else if (!stamped)
    hard(
      'name mismatch',
      `no name is stamped in "${role.name}" (a Name: field), so the commit author ${commit.author} cannot be checked against it`,
    );
  else if (normalise(stamped) !== normalise(commit.author))
    hard('name mismatch', `signed as "${stamped}" but ${commit.short} was committed by ${commit.author}`);
  if (stamped && stampedNow && normalise(stamped) !== normalise(stampedNow))
    hard('name mismatch', `the name changed after sign-off: "${stamped}" in ${commit.short}, "${stampedNow}" now`);

  // Since then only verified sign-off commits may have touched the file.
  // A later sign-off commit that is merely unproven matters only to a role whose own signature is good.
  const later = laterChanges(checklist, history, index);
  if (later.hard.length > 0) hard('edited after sign-off', summary(later.hard));
  else if (later.soft.length > 0 && commit.signature.status === 'good')
    problems.push({ state: 'edited after sign-off', message: summary(later.soft), soft: true });
  if (history.uncommitted) hard('edited after sign-off', 'changed after sign-off: uncommitted edits');
  // Problems last, so JSON reads: who, what, then why not.
  const { problems: why, ...rest } = finish(found, problems);
  return { ...rest, ...extra, problems: why };
}

function finish<T extends object>(
  base: T,
  problems: RoleProblem[],
): T & { state: RoleState; verified: boolean; passes: boolean; problems: string[] } {
  const state = stateOf(problems);
  return {
    ...base,
    state,
    verified: state === 'verified',
    passes: problems.every((p) => p.soft),
    problems: problems.map((p) => p.message),
  };
}

type Report = (state: RoleState, message: string) => void;

function signatureProblems(commit: CommitFacts, role: SignOffRole, allowed: string[] | null, hard: Report, unproven: Report): void {
  const s = commit.signature;
  const note = s.note ? `: ${s.note}` : '';
  switch (s.status) {
    case 'unsigned':
      unproven(
        'unsigned',
        `${commit.short} is not signed: the author name ${commit.author} is all that backs it, and anyone can set that (git commit --author)`,
      );
      return;
    case 'bad':
      hard('bad signature', `${commit.short} has a bad signature: the commit was changed after it was signed`);
      return;
    case 'unknown key':
      unproven('unknown key', `${commit.short} is signed with a key git cannot check${s.key ? ` (${s.key})` : ''}${note}`);
      return;
    case 'expired':
    case 'revoked':
      hard(
        'untrusted key',
        `${commit.short} is signed by ${s.signer ?? 'a key'} whose ${s.status === 'expired' ? 'signature or key has expired' : 'key was revoked'}`,
      );
      return;
    case 'good': {
      const why = signerRefusal(commit, role, allowed);
      if (why) hard('signer not allowed', why);
      return;
    }
  }
}

/** Why a good signature does not back this role, or undefined when it does. */
function signerRefusal(commit: CommitFacts, role: Pick<SignOffRole, 'name'>, allowed: string[] | null): string | undefined {
  const signer = commit.signature.signer;
  if (allowed !== null) {
    if (signer && allowed.some((a) => sameIdentity(a, signer))) return undefined;
    const list = allowed.length > 0 ? allowed.join(', ') : 'nobody (fix `signers:`)';
    return `${commit.short} is signed by ${signer ?? 'an unnamed key'}, who is not allowed to sign "${role.name}" (signers: ${list})`;
  }
  // Without a list the signature must at least be the author's own: a colleague's key cannot vouch for another name.
  if (signer && sameIdentity(signer, commit.email)) return undefined;
  return `${commit.short} is signed by ${signer ?? 'an unnamed key'} but authored as ${commit.email}: the signature does not back the author (add \`signers:\` to name who may sign "${role.name}")`;
}

/**
 * Commits after the sign-off that changed the file: harmless only when each is itself a verified sign-off
 * commit. Soft: sign-off commits (trailer and hash right) that are merely unproven; hard: everything else.
 */
function laterChanges(checklist: Checklist, history: SignOffHistory, index: number): { hard: string[]; soft: string[] } {
  const found = { hard: [] as string[], soft: [] as string[] };
  for (const c of history.commits.slice(0, index).reverse()) {
    if (c.renameOnly) continue; // the same bytes under a new name: nothing signed was changed
    const roles = trailer(c, SignOffTrailers.role);
    const recorded = trailer(c, SignOffTrailers.contentSha256)[0]?.toLowerCase();
    const hashOk = roles.length > 0 && recorded !== undefined && recorded === c.content?.sha256;
    if (!hashOk) {
      const forged =
        roles.length > 0 ? ` (it carries ${SignOffTrailers.role} but its ${SignOffTrailers.contentSha256} does not match the file)` : '';
      found.hard.push(`changed after sign-off in ${c.short} by ${c.author}: ${c.subject}${forged}`);
      continue;
    }
    const targets = roles.map((id) => checklist.signOff?.roles.find((r) => r.id === id) ?? { id, name: id });
    const refusals = targets.map((r) => signatureVerdict(c, r, signersOf(checklist, r) ?? null)).filter((v) => v !== 'verified');
    if (refusals.length === 0) continue;
    const message = `changed after sign-off in ${c.short} by ${c.author}: ${c.subject} (a sign-off commit that is not verified: ${describeSignature(c.signature)})`;
    (refusals.every((v) => v === 'unproven') ? found.soft : found.hard).push(message);
  }
  return found;
}

function summary(messages: readonly string[]): string {
  return messages.length === 1 ? messages[0] : `${messages[0]} (and ${messages.length - 1} more commit${messages.length === 2 ? '' : 's'})`;
}

/** A later sign-off commit's signature for one of its roles: verified, merely unproven, or refused. */
function signatureVerdict(
  commit: CommitFacts,
  role: Pick<SignOffRole, 'id' | 'name'>,
  allowed: string[] | null,
): 'verified' | 'unproven' | 'refused' {
  const s = commit.signature.status;
  if (s === 'good') return signerRefusal(commit, role, allowed) ? 'refused' : 'verified';
  return s === 'unsigned' || s === 'unknown key' ? 'unproven' : 'refused';
}

/** The stamped name: a filled name field, `Name` itself before Signature or Signed by. */
export function signerOf(role: SignOffRole): string | undefined {
  const named = role.fields.filter((f) => f.filled && NAME_KEY.test(f.key));
  const field = named.find((f) => /name/i.test(f.key)) ?? named[0];
  return field && trimEndChars(trimStartChars(field.value, /[*_\s]/), /[*_\s]/).replace(/\s+/g, ' ');
}
