/**
 * What changed in an open checklist since a ref, by the same core as `preflight diff`: the history from git
 * (cli/history.ts) with the editor's text, saved or not, as the last version, compared by diffVersions.
 * Lines are converted to the LSP's 0-based lines of that text. Git runs only for a trusted workspace.
 */
import { fileURLToPath } from 'node:url';
import { type Attribution, diffVersions, type ItemChange } from '../../cli/diffModel.js';
import { CliError } from '../../cli/errors.js';
import type { ReviewAuthor, ReviewChange, ReviewChanges } from '../../protocol/protocol.js';
import { describeSignature } from '../../signoffs/signature.js';
import type { ReviewHistoryCache } from './reviewHistoryCache.js';
import { type GitAccess, NO_GIT_ON_THE_WEB } from '../gitAccess.js';

export async function reviewChanges(
  text: string,
  uri: string,
  version: number,
  ref: string,
  access: GitAccess,
  histories: ReviewHistoryCache,
): Promise<ReviewChanges> {
  const empty = {
    uri,
    version,
    ref,
    changes: [],
    summary: { checked: 0, unchecked: 0, added: 0, removed: 0 },
    progress: { from: { done: 0, total: 0 }, to: { done: 0, total: 0 } },
  };
  const unchecked = (reason: string): ReviewChanges => ({ ...empty, checked: false, reason });
  if (access === 'absent') return unchecked(`${NO_GIT_ON_THE_WEB}; the pull request's own view shows its changes.`);
  if (!access) return unchecked('Reviewing changes reads git, which needs a trusted workspace: trust the workspace to review.');
  if (!uri.startsWith('file:')) return unchecked('Save the checklist to a file in a git repository to review its changes.');
  // A ref is a name or a sha, never an option: git must not read `--output=…` as one.
  if (ref.trim() === '' || ref.startsWith('-')) return unchecked(`"${ref}" is not a git ref: pick a branch, a tag or a commit.`);
  const file = fileURLToPath(uri);
  let history;
  try {
    history = await histories.load(uri, file, ref, text);
  } catch (error) {
    // The CLI's errors say what is wrong and what to do (not a repository, an unknown revision, no commits).
    if (error instanceof CliError) return unchecked(error.message);
    throw error;
  }
  const diff = diffVersions(history.versions);
  return {
    ...empty,
    checked: true,
    sha: history.from.sha ?? undefined,
    existedAtRef: history.from.exists,
    changes: diff.changes.map(toReviewChange),
    summary: diff.summary,
    progress: diff.progress,
  };
}

function toReviewChange(c: ItemChange): ReviewChange {
  return {
    kind: c.kind,
    itemId: c.id,
    text: c.text,
    checked: c.checked,
    // A removed item has no line in the document: its line is at the ref.
    ...(c.kind === 'removed' ? {} : { line: c.line - 1 }),
    phase: c.phase,
    ...(c.by ? { by: author(c.by) } : {}),
    ...(c.evidence ? { evidence: { ...c.evidence } } : {}),
  };
}

function author(by: Attribution): ReviewAuthor {
  // Undefined fields drop out of the JSON on the wire.
  const { kind, sha, short, author, email, date, subject, signature } = by;
  return {
    kind,
    sha,
    short,
    author,
    email,
    date,
    subject,
    ...(signature ? { signature: { status: signature.status, label: describeSignature(signature) } } : {}),
  };
}
