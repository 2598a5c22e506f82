/** What git knows about a checklist's sign-offs, gathered once (history.ts) and judged purely (evaluate.ts). */
import type { Signature } from './signature.js';

export interface CommitFacts {
  sha: string;
  short: string;
  author: string;
  email: string;
  /** Author date, strict ISO 8601. */
  date: string;
  subject: string;
  /** Trailer values by lower-cased key (git matches trailer keys case-insensitively too). */
  trailers: Record<string, string[]>;
  signature: Signature;
  /**
   * The checklist as this commit holds it, loaded for commits with a role trailer only: the sha256 of its
   * bytes and its text (null when it is not UTF-8 text); undefined when not loaded or the commit lacks the file.
   */
  content?: { sha256: string; text: string | null };
  /** The commit renamed the file without changing a byte of it. */
  renameOnly?: boolean;
}

export interface SignOffHistory {
  /** Path relative to the repository top. */
  path: string;
  /** Commits reachable from HEAD that touch the file, newest first (children before parents). */
  commits: CommitFacts[];
  /** The text being judged differs from the file at HEAD (or HEAD lacks the file). */
  uncommitted: boolean;
  shallow: boolean;
}

export function trailer(commit: Pick<CommitFacts, 'trailers'>, key: string): string[] {
  return commit.trailers[key.toLowerCase()] ?? [];
}
