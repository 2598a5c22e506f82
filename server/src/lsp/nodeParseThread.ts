/** The parse pool's threads on Node (parsePool.ts): worker_threads running parseWorker.js. */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { poolSizeFor } from './parsePool.js';
import type { ParseThreadFactory } from './parseThread.js';

/** Threads running `script` (server/dist/parseWorker.js). */
export function nodeParseThreads(script: string): ParseThreadFactory {
  return () => {
    // No resourceLimits: setting any of them made the parse 40% slower here (the heap then grows in
    // smaller steps). A worker that runs out of heap still ends alone (ERR_WORKER_OUT_OF_MEMORY).
    const worker = new Worker(script);
    // An idle pool must not keep the process alive.
    worker.unref();
    return {
      post: (requests) => worker.postMessage(requests),
      onReply: (listener) => worker.on('message', listener),
      onLost: (listener) => {
        worker.on('error', (error) => listener(error.message));
        worker.on('exit', (code) => listener(`exit code ${code}`));
      },
      terminate: () => void worker.terminate(),
    };
  };
}

export function defaultPoolSize(): number {
  return poolSizeFor(availableParallelism());
}
