/**
 * The committed part of a review's history, per open checklist. Git and the parse of every committed version
 * are the expensive part of preflight/reviewChanges, and an edit changes only the last version (the editor's
 * text), so that part is kept while the ref and HEAD name the same commits and for at most MAX_AGE_MS (git's
 * verdict on a signature can change with its config). The editor's text is analysed afresh every time.
 */
import { dirname } from 'node:path';
import { analyse } from '../../cli/analyse.js';
import { git } from '../../cli/git.js';
import { type History, loadHistory } from '../../cli/history.js';

const MAX_AGE_MS = 60_000;

interface Entry {
  commits: string;
  at: number;
  history: History;
}

export class ReviewHistoryCache {
  private readonly entries = new Map<string, Entry>();

  /** loadHistory(file, dir, ref, working tree, text), from what is kept when the commits are the same. */
  async load(uri: string, file: string, ref: string, text: string, now = Date.now()): Promise<History> {
    const commits = await commitsOf(dirname(file), ref);
    const entry = this.entries.get(uri);
    if (commits && entry && entry.commits === commits && now - entry.at < MAX_AGE_MS) return withText(entry.history, file, text);
    const history = await loadHistory(file, dirname(file), ref, undefined, text);
    if (commits) this.entries.set(uri, { commits, at: now, history });
    else this.entries.delete(uri);
    return history;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }
}

/** The shas HEAD and the ref name now, or undefined when git cannot say (loadHistory then says why). */
async function commitsOf(dir: string, ref: string): Promise<string | undefined> {
  const result = await git(dir, ['rev-parse', 'HEAD', `${ref}^{commit}`]);
  return result.ok ? result.stdout.toString('utf8').trim() : undefined;
}

/** The kept history with the editor's text as its last version (loadHistory ends with the working tree's). */
function withText(history: History, file: string, text: string): History {
  const versions = [...history.versions.slice(0, -1), { checklist: analyse(file, text), by: { kind: 'uncommitted' as const } }];
  return { ...history, to: { ...history.to, exists: true }, versions };
}
