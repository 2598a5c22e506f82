/**
 * Role states per open document, kept for the version they were computed from: a hover over a role asks
 * git once per version, not on every mouse rest. A commit leaves the text (and so the version) as it was,
 * so the client's `preflight/signoffStates` request, sent after a save, a sign-off or a HEAD change, always
 * computes afresh and replaces what hovers use; and hovers take nothing older than MAX_AGE_MS, for a commit
 * made where the client did not see it (a terminal in another window).
 */
import type { SignOffStates } from '../../protocol/protocol.js';

const MAX_AGE_MS = 10_000;

interface Entry {
  version: number;
  at: number;
  states: Promise<SignOffStates>;
}

export class SignOffStatesCache {
  private readonly entries = new Map<string, Entry>();

  /** The states of this version, computed at most once while they last. */
  forVersion(uri: string, version: number, compute: () => Promise<SignOffStates>, now = Date.now()): Promise<SignOffStates> {
    const entry = this.entries.get(uri);
    return entry && entry.version === version && now - entry.at < MAX_AGE_MS ? entry.states : this.fresh(uri, version, compute, now);
  }

  /** Computes the states again and keeps them for this version. */
  fresh(uri: string, version: number, compute: () => Promise<SignOffStates>, now = Date.now()): Promise<SignOffStates> {
    const entry: Entry = { version, at: now, states: compute() };
    this.entries.set(uri, entry);
    // A failure (git gone, say) is not kept: the next request tries again.
    entry.states.catch(() => this.entries.get(uri) === entry && this.entries.delete(uri));
    return entry.states;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }
}
