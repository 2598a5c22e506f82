/**
 * The GFM reference count over cmark-gfm (GitHub's C parser): ../shared/oracles/gfm-count.mjs in the
 * extended set, as it always was; the project's own counter (./cmarkTasks.ts) in the own set.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { cmarkMissing, cmarkTasks, type TaskCount, type TaskItem } from './cmarkTasks.ts';
import { material } from './material.ts';

const run = promisify(execFile);

export type OracleItem = TaskItem;
export type OracleCount = TaskCount;

/** Which counter answers, for messages. */
export const oracleName = material.sharedOracle
  ? 'cmark-gfm via ../shared/oracles/gfm-count.mjs'
  : 'cmark-gfm via test/support/cmarkTasks.ts';

/** Why the oracle cannot run here, or undefined when it can. Both counters need cmark-gfm on PATH. */
export function oracleUnavailable(): string | undefined {
  return cmarkMissing();
}

/** The shared counter's answer for one file (extended set only). */
export async function sharedOracleCount(file: string, strict = true): Promise<OracleCount> {
  if (!material.sharedOracle) throw new Error('no shared oracle in the own material set');
  const args = [material.sharedOracle, file, '--lines', ...(strict ? ['--strict-checked'] : [])];
  const { stdout } = await run(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(stdout) as OracleCount;
}

/** Task items per cmark-gfm, `checked` re-read from the marker bytes unless `strict` is false. */
export function oracleCount(file: string, strict = true): Promise<OracleCount> {
  return material.sharedOracle ? sharedOracleCount(file, strict) : cmarkTasks(file, strict);
}

/** Starts the oracle on every file, a few at a time, so its start-up cost overlaps the parsing. */
export function prefetchOracle(files: readonly string[], concurrency = 3): Map<string, Promise<OracleCount>> {
  const out = new Map<string, Promise<OracleCount>>();
  const queue = [...files];
  let running = 0;
  const waiting = new Map<string, { resolve: (c: OracleCount) => void; reject: (e: unknown) => void }>();
  const pump = () => {
    while (running < concurrency && queue.length > 0) {
      const file = queue.shift()!;
      running++;
      oracleCount(file)
        .then(
          (c) => waiting.get(file)!.resolve(c),
          (e: unknown) => waiting.get(file)!.reject(e),
        )
        .finally(() => {
          running--;
          pump();
        });
    }
  };
  for (const file of files) {
    const promise = new Promise<OracleCount>((resolve, reject) => waiting.set(file, { resolve, reject }));
    promise.catch(() => undefined); // a failure surfaces in the test that awaits it, not as an unhandled rejection
    out.set(file, promise);
  }
  pump();
  return out;
}
