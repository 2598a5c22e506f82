/** The GFM reference count: ../shared/oracles/gfm-count.mjs over cmark-gfm (GitHub's C parser). */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { gfmOraclePath } from './paths.ts';

const run = promisify(execFile);

export interface OracleItem {
  line: number;
  checked: boolean;
}

export interface OracleCount {
  total: number;
  checked: number;
  items: OracleItem[];
}

/** Why the oracle cannot run here, or undefined when it can. */
export function oracleUnavailable(): string | undefined {
  if (!existsSync(gfmOraclePath)) return `GFM oracle not found at ${gfmOraclePath}`;
  const probe = spawnSync('cmark-gfm', ['--version'], { encoding: 'utf8' });
  if (probe.error) return 'cmark-gfm is not on PATH: install it (apt-get install -y cmark-gfm); CI installs it, so this skip must not happen there';
  return undefined;
}

/** Task items per cmark-gfm, `checked` re-read from the marker bytes (`--strict-checked`) unless `strict` is false. */
export async function oracleCount(file: string, strict = true): Promise<OracleCount> {
  const args = [gfmOraclePath, file, '--lines', ...(strict ? ['--strict-checked'] : [])];
  const { stdout } = await run(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(stdout) as OracleCount;
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
        .then((c) => waiting.get(file)!.resolve(c), (e: unknown) => waiting.get(file)!.reject(e))
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
