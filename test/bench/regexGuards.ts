/**
 * Linear guards: `preflight check`'s core (parse, model, rules) on each regex adversary
 * (test/support/regexAdversaries.ts) against the seed's own check time, measured in the same run
 * (target: within 5x), and the `preflight.files` glob matcher on a glob built to backtrack.
 *
 *   node --import tsx test/bench/regexGuards.ts        (or as part of npm run bench)
 */
import { check } from '../../server/src/core/check.ts';
import { parseChecklist } from '../../server/src/core/checklist.ts';
import { compileGlob } from '../../server/src/core/globs.ts';
import { regexAdversaries } from '../support/regexAdversaries.ts';
import { seedText } from '../support/material.ts';
import { median, sample } from './stats.ts';

const TARGET = 5;

/** Prints one line per adversary and the glob line; `seed` is the seed's text, the baseline. */
export function regexGuards(seed: string, runs: number): void {
  const cases = regexAdversaries();
  const checkOf = (text: string) => () => check(parseChecklist(text));
  checkOf(seed)();
  for (const c of cases) checkOf(c.text)();
  // Interleaved rounds, so load from elsewhere on the machine hits the seed and every case alike.
  const seedTimes: number[] = [];
  const times = cases.map((): number[] => []);
  for (let r = 0; r < runs; r++) {
    seedTimes.push(sample(checkOf(seed)));
    cases.forEach((c, i) => times[i].push(sample(checkOf(c.text))));
  }
  const base = median(seedTimes);
  console.log(`regex adversaries, core check vs the seed's ${base.toFixed(1)} ms (target <= ${TARGET}x):`);
  let over = 0;
  cases.forEach((c, i) => {
    const ms = median(times[i]);
    const ratio = ms / base;
    if (ratio > TARGET) over++;
    console.log(
      `  ${c.name.padEnd(16)} ${(c.text.length / 1024).toFixed(0).padStart(4)} KB ${ms.toFixed(1).padStart(8)} ms ${ratio.toFixed(2).padStart(6)}x  ${ratio <= TARGET ? 'OK' : 'OVER TARGET'}  (${c.aims})`,
    );
  });
  console.log(`  ${over === 0 ? 'all within target' : `${over} over target`}`);

  // The RegExp translation this matcher replaced took tens of seconds here.
  const glob = '**/*a*a*a*a*a*a*a*b';
  const path = `${'x/'.repeat(200)}${'a'.repeat(5_000)}.md`;
  const matcher = compileGlob(glob);
  matcher(path);
  const globMs = median(Array.from({ length: runs }, () => sample(() => matcher(path))));
  console.log(
    `glob ${glob} against a ${(path.length / 1024).toFixed(1)} KB path: ${globMs.toFixed(2)} ms (${(globMs / base).toFixed(2)}x the seed's check)`,
  );
}

if (process.argv[1]?.endsWith('regexGuards.ts')) regexGuards(seedText, Number(process.env.BENCH_RUNS) || 5);
