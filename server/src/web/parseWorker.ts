/** A parse pool's worker in a browser (web/parseThread.ts): the shared body over the worker's own scope. */
import type { PieceRequest } from '../core/parsePiece.js';
import { serveParses } from '../lsp/parseService.js';
import { scope } from './workerScope.js';

/** This worker's global scope. */
const worker = scope();
serveParses({
  postMessage: (reply) => worker.postMessage(reply),
  onMessage: (listener) => worker.addEventListener('message', (event) => listener(event.data as PieceRequest[])),
  // A browser has no setImmediate; a zero timeout also lets queued messages in first.
  later: (task) => setTimeout(task, 0),
});
