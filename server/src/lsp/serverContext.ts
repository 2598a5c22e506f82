/**
 * What the server's handlers share: the connection, the open documents, the commands that edit them, the
 * git-backed caches, and what the client announced. startServer builds it once; the handler tables read it.
 */
import { type CancellationToken, type Connection, ResponseError } from 'vscode-languageserver';
import type { DocumentEdits } from './documentEdits.js';
import type { GitAccess } from './gitAccess.js';
import type { Documents } from './documents.js';
import type { BurnUpCache } from './features/burnUp.js';
import type { ReviewHistoryCache } from './features/reviewHistoryCache.js';
import type { SignOffStatesCache } from './features/signOffStatesCache.js';

export interface ServerContext {
  connection: Connection;
  documents: Documents;
  edits: DocumentEdits;
  roleStates: SignOffStatesCache;
  reviewHistories: ReviewHistoryCache;
  burnUps: BurnUpCache;
  /** Client command ids announced in `initializationOptions.clientCommands`. */
  clientCommands(): ReadonlySet<string>;
  /** The client announces its commands only in a trusted workspace: that is when git may be run. */
  trusted(): boolean;
  /** trusted(), or 'absent' where the server has no git at all (VS Code for the Web). */
  gitAccess(): GitAccess;
  guard: Guard;
  /** Logs a failure of `what` to the client's output, with the stack. */
  log(what: string, error: unknown): void;
}

/** Registers one handler (or a few that belong together) on the connection. */
export type Registration = (server: ServerContext) => void;

/** Runs a handler; on an exception logs it and answers `fallback`, so one broken feature never takes the server down. */
export type Guard = <P, R>(
  what: string,
  fallback: R,
  handler: (params: P, token: CancellationToken) => R | Promise<R>,
) => (params: P, token: CancellationToken) => Promise<R>;

/**
 * A ResponseError is an answer the handler chose (wrong params), so it goes to the client as it is; any
 * other exception is a bug: logged, and the request answered with the fallback.
 */
export function guardWith(log: (what: string, error: unknown) => void): Guard {
  return (what, fallback, handler) => async (params, token) => {
    try {
      return await handler(params, token);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      log(what, error);
      return fallback;
    }
  };
}
