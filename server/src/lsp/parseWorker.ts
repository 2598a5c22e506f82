/** A parse pool's worker thread on Node (nodeParseThread.ts): the shared body over worker_threads' parentPort. */
import { parentPort } from 'node:worker_threads';
import { serveParses } from './parseService.js';

const port = parentPort;
if (!port) throw new Error('parseWorker.js runs as a worker thread of the Preflight language server');

serveParses({
  postMessage: (reply) => port.postMessage(reply),
  onMessage: (listener) => port.on('message', listener),
  later: (task) => setImmediate(task),
});
