/**
 * Keeps the pull request's one Preflight comment: updated in place when it exists, created only when there is
 * something to say. A fork's read-only token (or any 403) skips it with a notice; the job summary has the report.
 */
import * as core from '@actions/core';
import { type CommentApi, GitHubProblem } from './githubComments.js';
import { MARKER } from './comment.js';

export type CommentOutcome =
  | { kind: 'created' | 'updated'; url: string }
  | { kind: 'nothing' }
  | { kind: 'skipped'; why: string }
  | { kind: 'failed'; problem: GitHubProblem };

export async function postComment(api: CommentApi, body: string, somethingToSay: boolean): Promise<CommentOutcome> {
  try {
    const ours = await api.find(MARKER);
    if (ours) return { kind: 'updated', url: await api.update(ours.id, body) };
    if (!somethingToSay) return { kind: 'nothing' };
    return { kind: 'created', url: await api.create(body) };
  } catch (error) {
    if (!(error instanceof GitHubProblem)) throw error;
    if (error.kind === 'forbidden') return { kind: 'skipped', why: `${error.message} The report is in the job summary.` };
    return { kind: 'failed', problem: error };
  }
}

export function logOutcome(outcome: CommentOutcome): void {
  if (outcome.kind === 'created') core.info(`Created the Preflight comment: ${outcome.url}`);
  else if (outcome.kind === 'updated') core.info(`Updated the Preflight comment: ${outcome.url}`);
  else if (outcome.kind === 'nothing') core.info('No checklist changed and there is no Preflight comment yet: nothing to post.');
  else if (outcome.kind === 'skipped') core.notice(`Preflight comment skipped: ${outcome.why}`);
  else if (outcome.kind === 'failed') core.error(outcome.problem.message);
}
