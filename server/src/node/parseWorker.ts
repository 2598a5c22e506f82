/** A parse pool's worker thread (node/parsePool.ts): answers a run of piece requests per message. */
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { answerRequest, type PieceRequest } from '../core/parsePiece.js';

const port = parentPort;
if (!port) throw new Error('parseWorker.js runs as a worker thread of the Preflight language server');
/**
 * A fresh worker parses like a cold JIT: a small section took 8–22 ms in its first runs against ~1 ms warm.
 * It warms up on a sample with the usual constructs before its first message (which waits meanwhile).
 */
function warmUp(): void {
  const section = '## Deploy\n\n- [ ] Run `npm run lint` and **check** the [dashboard](https://example.com) for _errors_\n  - [x] nested step\n\n| Check | Done |\n|---|---|\n| smoke | [ ] |\n\n```bash\nnpm test\n```\n\n**Owner:** ____\n';
  const text = `# Checklist\n\n${section.repeat(8)}`;
  for (let i = 0; i < 20; i++) answerRequest({ text, sourceLength: text.length, frontMatter: false, at: { offset: 0, line: 1 }, cutLine: 0 });
}
warmUp();

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
