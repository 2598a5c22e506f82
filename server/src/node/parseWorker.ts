/** A parse pool's worker thread (node/parsePool.ts): answers a run of piece requests per message. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort } from 'node:worker_threads';
import { answerRequest, type PieceRequest } from '../core/parsePiece.js';

const port = parentPort;
if (!port) throw new Error('parseWorker.js runs as a worker thread of the Preflight language server');

/**
 * A big parse grows this thread's heap (to ~130 MB for half of a 30,000-item first analysis) and V8 does
 * not give it back while the thread idles. A full collection once no message has come for a second
 * returns it (RSS then falls to the idle size) and, unlike ending the worker, keeps its JIT warm.
 */
const COLLECT_AFTER_MS = 1000;
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
let idle: NodeJS.Timeout | undefined;

port.on('message', (requests: PieceRequest[]) => {
  clearTimeout(idle);
  const start = performance.now();
  try {
    port.postMessage({ answers: requests.map(answerRequest), ms: performance.now() - start });
  } catch (error) {
    port.postMessage({ error: (error as Error).stack ?? String(error), ms: performance.now() - start });
  }
  idle = setTimeout(collect, COLLECT_AFTER_MS);
});

/**
 * A fresh worker parses like a cold JIT: a small section took 8–22 ms in its first runs against ~3 ms warm.
 * It warms up on a sample with the usual constructs, one parse per turn of its event loop, so a real
 * request waits for one sample parse at most.
 */
const section = '## Deploy\n\n- [ ] Run `npm run lint` and **check** the [dashboard](https://example.com) for _errors_\n  - [x] nested step\n\n| Check | Done |\n|---|---|\n| smoke | [ ] |\n\n```bash\nnpm test\n```\n\n**Owner:** ____\n';
const sample = `# Checklist\n\n${section.repeat(8)}`;
let warmUps = 20;
const warmUp = () => {
  answerRequest({ text: sample, sourceLength: sample.length, frontMatter: false, at: { offset: 0, line: 1 }, cutLine: 0 });
  if (--warmUps > 0) setImmediate(warmUp);
};
setImmediate(warmUp);
