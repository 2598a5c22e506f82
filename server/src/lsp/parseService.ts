/**
 * The body of a parse pool's worker (parsePool.ts), whatever the host: answers a run of piece requests per
 * message. The entry scripts only adapt their host's message port (parseWorker.ts: worker_threads'
 * parentPort; web/parseWorker.ts: the worker's global scope).
 */
import { answerRequest, type PieceRequest } from '../core/parsePiece.js';
import type { ParseReply } from './parseThread.js';

export interface ParsePort {
  postMessage(reply: ParseReply): void;
  onMessage(listener: (requests: PieceRequest[]) => void): void;
  /** Runs `task` on a later turn of the event loop, after messages already queued. */
  later(task: () => void): void;
}

export function serveParses(port: ParsePort): void {
  port.onMessage((requests) => {
    const start = performance.now();
    try {
      port.postMessage({ answers: requests.map(answerRequest), ms: performance.now() - start });
    } catch (error) {
      port.postMessage({ error: (error as Error).stack ?? String(error), ms: performance.now() - start });
    }
  });
  warmUp(port);
}

/**
 * A fresh worker parses like a cold JIT: a small section took 8–22 ms in its first runs against ~3 ms warm.
 * It warms up on a sample with the usual constructs, one parse per turn of its event loop, so a real
 * request waits for one sample parse at most.
 */
function warmUp(port: ParsePort): void {
  const section =
    '## Deploy\n\n- [ ] Run `npm run lint` and **check** the [dashboard](https://example.com) for _errors_\n  - [x] nested step\n\n| Check | Done |\n|---|---|\n| smoke | [ ] |\n\n```bash\nnpm test\n```\n\n**Owner:** ____\n';
  const sample = `# Checklist\n\n${section.repeat(8)}`;
  let warmUps = 20;
  const step = () => {
    answerRequest({ text: sample, sourceLength: sample.length, frontMatter: false, at: { offset: 0, line: 1 }, cutLine: 0 });
    if (--warmUps > 0) port.later(step);
  };
  port.later(step);
}
