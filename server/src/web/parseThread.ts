/** The parse pool's threads in a browser (lsp/parsePool.ts): Workers nested in the server's worker. */
import type { PieceRequest } from '../core/parsePiece.js';
import { poolSizeFor } from '../lsp/parsePool.js';
import type { ParseReply, ParseThreadFactory } from '../lsp/parseThread.js';
import { cores, startWorker } from './workerScope.js';

/** Workers running `script` (server/dist/web/parseWorker.js, as a URL this worker may start). */
export function webParseThreads(script: string): ParseThreadFactory {
  return () => {
    const worker = startWorker(script);
    return {
      post: (requests: PieceRequest[]) => worker.postMessage(requests),
      onReply: (listener) => worker.addEventListener('message', (event) => listener(event.data as ParseReply)),
      onLost: (listener) => {
        worker.addEventListener('error', (event) => {
          // Handled here: the pool fails the job. Unhandled, it would reach the server's global error log too.
          event.preventDefault();
          listener(event.message || 'an error in the worker');
        });
        worker.addEventListener('messageerror', () => listener('a message it could not read'));
      },
      // Ends it at once, mid-parse too; a browser sends no event for it, and the pool expects none.
      terminate: () => worker.terminate(),
    };
  };
}

export function webPoolSize(): number {
  return poolSizeFor(cores());
}
