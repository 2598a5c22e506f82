/**
 * Who answers a document's parse requests (core/parsePiece.ts) for the language server. On Node that is
 * a pool of worker threads (node/parsePool.ts), so no parse runs on the request loop and one that runs
 * past its budget can be stopped.
 */
import type { PieceAnswer, PieceRequest } from '../core/parsePiece.js';

export interface PieceParser {
  /**
   * The answers to `requests`, in order, and the time their parses took. `owner` (a document) shares the
   * parser fairly with other owners. Rejects with OverBudget once one parse has run `limitMs` (the
   * parser stops it), with another Error, whose message says what failed, when a parser fails.
   */
  parse(owner: string, requests: readonly PieceRequest[], limitMs: number): Promise<{ answers: PieceAnswer[]; workedMs: number }>;
  dispose(): void;
}

/** A parse ran past the analysis budget and was stopped. */
export class OverBudget extends Error {
  constructor(readonly limitMs: number) {
    super(`a parse ran past the analysis budget of ${limitMs} ms`);
  }
}
