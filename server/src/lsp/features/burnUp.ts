/**
 * The dashboard's burn-up: the committed ticks of this run (cli/tickHistory.ts), kept while HEAD stays the
 * same commit, then the editor's text as the last point. Git runs only for a trusted workspace.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError } from '../../cli/errors.js';
import { git } from '../../cli/git.js';
import { loadTickHistory, type TickHistory } from '../../cli/tickHistory.js';
import type { Checklist } from '../../core/model.js';
import { type GitAccess, NO_GIT_ON_THE_WEB } from '../gitAccess.js';
import type { BurnUp, BurnUpPoint } from '../../protocol/protocol.js';

export class BurnUpCache {
  private readonly entries = new Map<string, { head: string; history: TickHistory }>();

  async load(uri: string, file: string): Promise<TickHistory> {
    const dir = dirname(file);
    const head = await git(dir, ['rev-parse', 'HEAD']);
    const key = head.ok ? head.stdout.toString('utf8').trim() : undefined;
    const entry = this.entries.get(uri);
    if (key && entry?.head === key) return entry.history;
    const history = await loadTickHistory(file, dir);
    if (key) this.entries.set(uri, { head: key, history });
    return history;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }
}

export async function burnUp(
  checklist: Checklist,
  uri: string,
  version: number,
  access: GitAccess,
  cache: BurnUpCache,
  now = new Date(),
): Promise<BurnUp> {
  const { done, total } = checklist.progress;
  const editor = (uncommitted: boolean): BurnUpPoint => ({ at: now.toISOString(), done, total, ...(uncommitted ? { uncommitted } : {}) });
  const editorOnly = (reason: string): BurnUp => ({ uri, version, checked: false, reason, points: [editor(true)] });
  if (access === 'absent') return editorOnly(`${NO_GIT_ON_THE_WEB}: the ticks over time come from it.`);
  if (!access) return editorOnly('The ticks over time come from git, which needs a trusted workspace: trust the workspace to see them.');
  if (!uri.startsWith('file:')) return editorOnly('Save the checklist to a file in a git repository to see its ticks over time.');
  let history: TickHistory;
  try {
    history = await cache.load(uri, fileURLToPath(uri));
  } catch (error) {
    // The CLI's errors say what is wrong and what to do (not a repository, git missing).
    if (error instanceof CliError) return editorOnly(error.message);
    throw error;
  }
  const committed = history.points.map((p): BurnUpPoint => ({ at: p.at, done: p.done, total: p.total, commit: p.short }));
  const last = history.points.at(-1);
  const uncommitted = !last || last.done !== done || last.total !== total;
  return {
    uri,
    version,
    checked: true,
    ...(history.truncated ? { reason: `Only the last ${history.points.length} commits of the file are shown.` } : {}),
    ...(history.points.length === 0 ? { reason: 'The checklist has no commits yet: the chart starts with the next one.' } : {}),
    points: [...committed, editor(uncommitted)],
  };
}
