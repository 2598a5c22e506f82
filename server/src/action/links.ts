/** Links into the repository on GitHub: a file (and line) at a commit, a commit, the run. */
import type { Repo } from './event.js';

export interface LinkBase {
  serverUrl: string;
  repo: Repo;
}

/** A path for a URL: each segment percent-encoded, parentheses too, so the link's destination cannot end early. */
function encodePath(path: string): string {
  return path
    .split('/')
    .map((s) => encodeURIComponent(s).replace(/[()'*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

function repoUrl(base: LinkBase): string {
  return `${base.serverUrl.replace(/\/+$/, '')}/${encodeURIComponent(base.repo.owner)}/${encodeURIComponent(base.repo.repo)}`;
}

/** `…/blob/<sha>/<path>#L<line>`: lines are 1-based in the model and in GitHub's anchors alike. */
export function fileUrl(base: LinkBase, sha: string, path: string, line?: number): string {
  return `${repoUrl(base)}/blob/${sha}/${encodePath(path)}${line !== undefined ? `#L${line}` : ''}`;
}

export function commitUrl(base: LinkBase, sha: string): string {
  return `${repoUrl(base)}/commit/${sha}`;
}

export function runUrl(base: LinkBase, runId: string | undefined): string | undefined {
  return runId && /^\d+$/.test(runId) ? `${repoUrl(base)}/actions/runs/${runId}` : undefined;
}
