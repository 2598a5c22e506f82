/**
 * The pull request's one Preflight comment, through @actions/github: found by its hidden marker on any page of
 * the comments, then updated in place, or created. Rate limits are waited out (rateLimit.ts); other failures
 * become a GitHubProblem that says what failed and what to do.
 */
import { getOctokit } from '@actions/github';
import { plainLine } from '../text/plainText.js';
import type { Repo } from './event.js';
import { failureOf, RateLimited, withRateLimit } from './rateLimit.js';

export type ProblemKind = 'forbidden' | 'not-found' | 'invalid' | 'unauthorized' | 'rate-limited' | 'other';

export class GitHubProblem extends Error {
  constructor(
    message: string,
    readonly kind: ProblemKind,
  ) {
    super(message);
  }
}

export interface FoundComment {
  id: number;
  url: string;
}

export interface CommentApi {
  find(marker: string): Promise<FoundComment | undefined>;
  create(body: string): Promise<string>;
  update(id: number, body: string): Promise<string>;
}

export function commentApi(token: string, repo: Repo, number: number, log: (line: string) => void): CommentApi {
  const octokit = getOctokit(token);
  // Every request, the pages of a listing included, waits out a rate limit before it gives up.
  octokit.hook.wrap('request', (request, options) =>
    withRateLimit(`${options.method} ${options.url}`, async () => await request(options), log),
  );
  const where = { owner: repo.owner, repo: repo.repo };
  const target = `pull request #${number} of ${repo.owner}/${repo.repo}`;
  return {
    async find(marker) {
      try {
        const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, { ...where, issue_number: number, per_page: 100 });
        for await (const page of pages) {
          const ours = page.data.find((c) => typeof c.body === 'string' && c.body.startsWith(marker));
          if (ours) return { id: ours.id, url: ours.html_url };
        }
        return undefined;
      } catch (error) {
        throw problemOf(error, `listing the comments of ${target}`);
      }
    },
    async create(body) {
      try {
        return (await octokit.rest.issues.createComment({ ...where, issue_number: number, body })).data.html_url;
      } catch (error) {
        throw problemOf(error, `creating the Preflight comment on ${target}`);
      }
    },
    async update(id, body) {
      try {
        return (await octokit.rest.issues.updateComment({ ...where, comment_id: id, body })).data.html_url;
      } catch (error) {
        throw problemOf(error, `updating the Preflight comment ${id} on ${target}`);
      }
    },
  };
}

const PERMISSIONS = 'give the workflow `permissions: pull-requests: write` (and `contents: read`)';

export function problemOf(error: unknown, what: string): GitHubProblem {
  if (error instanceof RateLimited) return new GitHubProblem(error.message, 'rate-limited');
  const failure = failureOf(error);
  const said = plainLine(((error as Error)?.message ?? String(error)).split(' - https://')[0]).slice(0, 300);
  if (!failure)
    return new GitHubProblem(
      `${what} failed: ${said}. Check that GITHUB_API_URL (${process.env.GITHUB_API_URL ?? 'unset'}) is reachable from the runner.`,
      'other',
    );
  switch (failure.status) {
    case 401:
      return new GitHubProblem(
        `${what} failed: GitHub refused the token (401: ${said}). Pass a valid token in the token input (the default, github.token, works).`,
        'unauthorized',
      );
    case 403:
      return new GitHubProblem(
        `${what} failed: the token may not write here (403: ${said}). A pull request from a fork gets a read-only token; otherwise ${PERMISSIONS}.`,
        'forbidden',
      );
    case 404:
      return new GitHubProblem(
        `${what} failed: GitHub answered 404 (${said}): the repository or pull request does not exist for this token, or the token cannot see it. Check the token input and ${PERMISSIONS}.`,
        'not-found',
      );
    case 422:
      return new GitHubProblem(
        `${what} failed: GitHub refused the comment (422: ${said}). Its body may be too long (GitHub takes at most 65536 characters; the action cuts its comment below that) or the conversation is locked. The whole report is in the job summary.`,
        'invalid',
      );
    default:
      return new GitHubProblem(
        `${what} failed: GitHub answered ${failure.status} (${said}). Run the job again; if it persists, check githubstatus.com.`,
        'other',
      );
  }
}
