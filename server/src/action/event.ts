/**
 * What triggered the run, from the event payload GitHub writes (GITHUB_EVENT_PATH): a pull request (base and
 * head commits, whether it comes from a fork) or anything else (push, workflow_dispatch: the workspace).
 */
import { context } from '@actions/github';

export interface Repo {
  owner: string;
  repo: string;
}

export interface PullRequestEvent {
  kind: 'pull-request';
  name: string;
  repo: Repo;
  number: number;
  baseSha: string;
  headSha: string;
  /** The head lives in another repository (a fork, or a deleted one): the token is read-only there. */
  fromFork: boolean;
}

export interface WorkspaceEvent {
  kind: 'workspace';
  name: string;
  repo: Repo;
  sha: string;
}

export type ActionEvent = PullRequestEvent | WorkspaceEvent;

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

export class EventProblem extends Error {}

export function readEvent(): ActionEvent {
  const name = context.eventName;
  const repo = repoOf();
  if (!PULL_REQUEST_EVENTS.has(name)) return { kind: 'workspace', name, repo, sha: context.sha };
  const pr = context.payload.pull_request as PullRequestPayload | undefined;
  const baseSha = pr?.base?.sha;
  const headSha = pr?.head?.sha;
  if (!pr || typeof pr.number !== 'number' || !isSha(baseSha) || !isSha(headSha)) {
    throw new EventProblem(
      `the ${name} event payload (GITHUB_EVENT_PATH) has no pull request with base and head commits. Run the action in a workflow triggered by pull_request.`,
    );
  }
  const headRepo = pr.head?.repo?.full_name;
  const baseRepo = pr.base?.repo?.full_name ?? `${repo.owner}/${repo.repo}`;
  return {
    kind: 'pull-request',
    name,
    repo,
    number: pr.number,
    baseSha,
    headSha,
    fromFork: !headRepo || headRepo.toLowerCase() !== baseRepo.toLowerCase(),
  };
}

interface PullRequestPayload {
  number?: number;
  base?: { sha?: string; repo?: { full_name?: string } | null };
  head?: { sha?: string; repo?: { full_name?: string } | null };
}

function repoOf(): Repo {
  const full = process.env.GITHUB_REPOSITORY ?? '';
  const [owner, repo] = full.split('/');
  if (!owner || !repo)
    throw new EventProblem(`GITHUB_REPOSITORY is "${full}", not owner/name. The action runs inside GitHub Actions, which sets it.`);
  return { owner, repo };
}

function isSha(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(value);
}
