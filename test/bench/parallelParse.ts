/**
 * The first analysis of a big checklist on this thread (as the CLI runs it) against the language server's
 * parse pool (server/src/node/parsePool.ts, the built worker bundle, its default size), interleaved round
 * by round so load from elsewhere hits both alike, with warm workers (as a running server's are). Target: the pool at least 1.6x faster
 * than this thread on 2 cores. The ceiling on a machine is how well it runs two parses at once: the same
 * parse in one process, then in two processes together, is printed beside it.
 *
 *   npm run build && node --import tsx test/bench/parallelParse.ts      (or as part of npm run bench)
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { LiveChecklist } from '../../server/src/core/live.ts';
import { ChunkCache } from '../../server/src/core/parse.ts';
import { type PieceAnswer, type ParseSteps, runToEnd } from '../../server/src/core/parsePiece.ts';
import { defaultPoolSize, nodeParseThreads } from '../../server/src/lsp/nodeParseThread.ts';
import { ParsePool } from '../../server/src/lsp/parsePool.ts';
import { realisticChecklist } from '../support/generate.ts';
import { repoRoot } from '../support/paths.ts';
import { Rng } from '../support/prng.ts';
import { median } from './stats.ts';

const WORKER = path.join(repoRoot, 'server', 'dist', 'parseWorker.js');

async function throughPool<T>(pool: ParsePool, steps: ParseSteps<T>): Promise<T> {
  let answers: PieceAnswer[] = [];
  for (;;) {
    const next = steps.next(answers);
    if (next.done) return next.value;
    answers = (await pool.parse('bench', next.value, 600_000)).answers;
  }
}

async function timed(work: () => unknown): Promise<number> {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
}

/** Wall time of `copies` processes each running this thread's first analysis of the 30,000-item document at once. */
function processes(copies: number): Promise<number> {
  const one = () =>
    new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', __filename, '--one-analysis'], {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.on('exit', (code) => (code === 0 ? resolve(Number(out)) : reject(new Error(`exit ${code}`))));
    });
  return Promise.all(Array.from({ length: copies }, one)).then((times) => Math.max(...times));
}

export async function parallelFirstAnalysis(runs: number): Promise<void> {
  const text = realisticChecklist(new Rng(30_000), 30_000);
  const size = defaultPoolSize();
  const many = new ParsePool(nodeParseThreads(WORKER), size);
  const fresh = () => LiveChecklist.open(text, {}, new ChunkCache());
  try {
    // Warm-up: the JIT here and in every worker.
    runToEnd(fresh());
    await throughPool(many, fresh());
    await throughPool(many, fresh());
    const samples = { thread: [] as number[], many: [] as number[] };
    for (let r = 0; r < runs; r++) {
      samples.thread.push(await timed(() => runToEnd(fresh())));
      samples.many.push(await timed(() => throughPool(many, fresh())));
    }
    const [thread, pooled] = [median(samples.thread), median(samples.many)];
    const speedUp = thread / pooled;
    console.log(
      `first analysis of 30,000 items (${availableParallelism()} cores), median of ${runs}: this thread ${thread.toFixed(0)} ms, the pool of ${size} workers ${pooled.toFixed(0)} ms`,
    );
    console.log(
      `  the pool of ${size} is ${speedUp.toFixed(2)}x this thread (target >= 1.6x on 2 cores): ${speedUp >= 1.6 ? 'OK' : 'MISSED'}`,
    );
  } finally {
    many.dispose();
  }
  const alone = await processes(1);
  const together = await processes(2);
  console.log(
    `  the machine's ceiling: the same analysis in one process ${alone.toFixed(0)} ms, in each of two processes at once ${together.toFixed(0)} ms (${((2 * alone) / together).toFixed(2)}x the work per second)`,
  );
}

/** One warm first analysis on this thread, its time printed: a process of the ceiling measurement. */
function oneAnalysis(): void {
  const text = realisticChecklist(new Rng(30_000), 30_000);
  runToEnd(LiveChecklist.open(text));
  const t0 = performance.now();
  runToEnd(LiveChecklist.open(text));
  console.log(performance.now() - t0);
}

if (process.argv.includes('--one-analysis')) oneAnalysis();
else if (process.argv[1]?.endsWith('parallelParse.ts')) void parallelFirstAnalysis(Number(process.env.BENCH_RUNS) || 3);
