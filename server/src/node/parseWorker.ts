/** A parse pool's worker thread (node/parsePool.ts): answers a run of piece requests per message. */
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { answerRequest, type PieceRequest } from '../core/parsePiece.js';

const port = parentPort;
if (!port) throw new Error('parseWorker.js runs as a worker thread of the Preflight language server');
/** This thread's heap, which the pool reads to decide when to replace the worker. */
const heapMB = () => getHeapStatistics().total_heap_size / 2 ** 20;

port.on('message', (requests: PieceRequest[]) => {
  const start = performance.now();
  try {
    const answers = requests.map(answerRequest);
    port.postMessage({ answers, ms: performance.now() - start, heapMB: heapMB() });
  } catch (error) {
    port.postMessage({ error: (error as Error).stack ?? String(error), ms: performance.now() - start, heapMB: heapMB() });
  }
});
