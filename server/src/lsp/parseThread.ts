/**
 * One thread of the parse pool (parsePool.ts), as the pool sees it: the host's kind of worker behind four
 * calls. Node runs worker_threads (nodeParseThread.ts), a browser nested Workers (web/parseThread.ts); both
 * run the same worker body (parseService.ts).
 */
import type { PieceAnswer, PieceRequest } from '../core/parsePiece.js';

/** A worker's answer to one message: the answers to its run of requests, or why they failed. */
export type ParseReply = ({ answers: PieceAnswer[] } | { error: string }) & { ms: number };

export interface ParseThread {
  /** Sends a run of requests; the thread replies once, through onReply. */
  post(requests: PieceRequest[]): void;
  onReply(listener: (reply: ParseReply) => void): void;
  /** The thread is gone (an exception outside a parse, out of memory, an exit); `why` says which. */
  onLost(listener: (why: string) => void): void;
  /** Ends the thread now, in the middle of a parse too: how an over-budget parse is stopped. */
  terminate(): void;
}

/** Starts a thread; the pool calls it for each slot, and again after it ended one. */
export type ParseThreadFactory = () => ParseThread;
