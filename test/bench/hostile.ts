/**
 * `preflight check` on each adversarial class (test/support/adversarial.ts): the core check of the text
 * (parse or line scan, model, rules) against the seed's own check time, measured in the same run.
 * Target: each class within 5x the seed. BENCH_HOSTILE_BEFORE=1 also times one whole remark parse of
 * each class, what the check would cost without the pre-scan (a stack overflow shows as such); slow.
 * BENCH_HOSTILE_SCALE=0.1 shrinks every class (small sizes stay on the normal path).
 *
 *   node --import tsx test/bench/hostile.ts        (or as part of npm run bench)
 */
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { check } from '../../server/src/core/check.ts';
import { parseChecklist } from '../../server/src/core/checklist.ts';
import { adversarialCases } from '../support/adversarial.ts';
import { seedText } from '../support/material.ts';
import { median, sample } from './stats.ts';

const TARGET = 5;

/** Prints the table; `seed` is the seed's text, the baseline. */
export function hostileInput(seed: string, runs: number): void {
  const before = process.env.BENCH_HOSTILE_BEFORE === '1';
  const whole = unified().use(remarkParse).use(remarkGfm).freeze();
  const cases = adversarialCases(Number(process.env.BENCH_HOSTILE_SCALE) || 1);
  const checkOf = (text: string) => () => check(parseChecklist(text));
  // Warm up, then interleave the seed with every class each round, so load from elsewhere hits all alike.
  checkOf(seed)();
  for (const c of cases) checkOf(c.text)();
  const seedSamples: number[] = [];
  const samples = cases.map(() => [] as number[]);
  for (let r = 0; r < runs; r++) {
    seedSamples.push(sample(checkOf(seed)));
    cases.forEach((c, i) => samples[i].push(sample(checkOf(c.text))));
  }
  const base = median(seedSamples);
  console.log(
    `hostile input: core check (= preflight check) per class vs the seed's ${base.toFixed(1)} ms, median of ${runs}; target <= ${TARGET}x`,
  );
  const head = `${'class'.padEnd(28)} ${'KB'.padStart(6)} ${'path'.padStart(9)} ${'check ms'.padStart(9)} ${'x seed'.padStart(7)}${before ? ` ${'remark parse, no pre-scan'.padStart(26)}` : ''}`;
  console.log(head);
  console.log('-'.repeat(head.length));
  let over = 0;
  cases.forEach((c, i) => {
    const ms = median(samples[i]);
    const ratio = ms / base;
    if (ratio > TARGET) over++;
    const path = parseChecklist(c.text).degraded ? 'degraded' : 'normal';
    let raw = '';
    if (before) {
      try {
        raw = `${sample(() => whole.parse(c.text)).toFixed(0)} ms`;
      } catch (error) {
        raw = error instanceof RangeError ? 'stack overflow' : (error as Error).message.slice(0, 26);
      }
    }
    console.log(
      `${c.name.padEnd(28)} ${(Buffer.byteLength(c.text) / 1024).toFixed(0).padStart(6)} ${path.padStart(9)} ${ms.toFixed(1).padStart(9)} ${`${ratio.toFixed(2)}x`.padStart(7)}${before ? ` ${raw.padStart(26)}` : ''}`,
    );
  });
  console.log(over === 0 ? `every class within ${TARGET}x the seed: OK` : `${over} class(es) OVER ${TARGET}x the seed`);
}

if (process.argv[1]?.endsWith('hostile.ts')) hostileInput(seedText, Number(process.env.BENCH_RUNS) || 5);
