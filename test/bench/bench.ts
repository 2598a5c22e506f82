/**
 * Parse and analysis timings, printed against a baseline measured in the same process (these machines
 * are noisy: compare ratios, not absolute numbers). A script, not a test: nothing here asserts a time.
 *
 *   node --import tsx test/bench/bench.ts          (BENCH_RUNS=n to change the number of timed runs)
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { check } from '../../server/src/core/check.ts';
import { rules } from '../../server/src/core/rules/index.ts';
import { LiveChecklist } from '../../server/src/core/live.ts';
import { parseChecklist } from '../../server/src/core/checklist.ts';
import { ChunkCache, parseFacts } from '../../server/src/core/parse.ts';
import { runToEnd } from '../../server/src/core/parsePiece.ts';
import { realisticChecklist } from '../support/generate.ts';
import { hostileInput } from './hostile.ts';
import { parallelFirstAnalysis } from './parallelParse.ts';
import { regexGuards } from './regexGuards.ts';
import { Rng } from '../support/prng.ts';
import { material, seedText } from '../support/material.ts';
import { repoRoot } from '../support/paths.ts';
import { stepsOf } from '../../server/src/core/steps.ts';
import { parseShell } from '../../server/src/shell/current.ts';
import { initShellParser } from '../../server/src/shell/load.ts';
import { median } from './stats.ts';

const RUNS = Number(process.env.BENCH_RUNS) || 5;
const whole = unified().use(remarkParse).use(remarkGfm).freeze();
const markdownIt = new MarkdownIt();

/** Median wall time of `runs` calls, after one warm-up call unless the JIT is already warm. */
function time(fn: () => unknown, runs: number, warmUp = true): number {
  if (warmUp) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

function versionOf(pkgDir: string): string {
  const file = path.join(pkgDir, 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version : 'not installed';
}

/** Every installed copy of micromark: a nested copy would escape the `overrides` pin. */
function micromarkCopies(): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 4 || !existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      if (name === '.bin') continue;
      const full = path.join(dir, name);
      if (name.startsWith('@')) walk(full, depth);
      else {
        if (name === 'micromark') out.push(`${path.relative(repoRoot, full)}@${versionOf(full)}`);
        walk(path.join(full, 'node_modules'), depth + 1);
      }
    }
  };
  walk(path.join(repoRoot, 'node_modules'), 0);
  return out;
}

const pad = (s: string | number, n: number) => String(s).padStart(n);
const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

interface Row {
  name: string;
  kb: number;
  items: number;
  whole: number;
  chunked: number;
  analysis: number;
  edit: number;
  markdownIt: number;
}

function measure(name: string, text: string, runs: number, warmUp = true): Row {
  const kb = Buffer.byteLength(text) / 1024;
  const checklist = parseChecklist(text);
  // A keystroke: one box toggled (a different item each time, so its chunk is never cached yet),
  // re-analysed through a cache that holds the rest of the document.
  const cache = new ChunkCache();
  let current = text;
  parseChecklist(current, { cache });
  let nth = 0;
  const toggle = () => {
    const item = checklist.items[(checklist.items.length >> 1) + ((nth++ * 97) % Math.max(1, checklist.items.length >> 1))];
    if (!item) return current;
    const box = current.slice(item.box.start.offset, item.box.end.offset);
    current = current.slice(0, item.box.start.offset) + (box === '[ ]' ? '[x]' : '[ ]') + current.slice(item.box.end.offset);
    return current;
  };
  // Runs are interleaved (one of each per round), so a burst of load from elsewhere on the machine
  // hits every column alike and the ratios stay meaningful.
  const fns = {
    whole: () => whole.parse(text),
    chunked: () => parseFacts(text),
    analysis: () => check(parseChecklist(text)),
    edit: () => check(parseChecklist(toggle(), { cache })),
    markdownIt: () => markdownIt.parse(text, {}),
  };
  const samples: Record<keyof typeof fns, number[]> = { whole: [], chunked: [], analysis: [], edit: [], markdownIt: [] };
  const names = Object.keys(fns) as (keyof typeof fns)[];
  if (warmUp) for (const name of names) fns[name]();
  for (let r = 0; r < runs; r++) {
    for (const name of names) {
      const t0 = performance.now();
      fns[name]();
      samples[name].push(performance.now() - t0);
    }
  }
  return {
    name,
    kb,
    items: checklist.progress.total,
    whole: median(samples.whole),
    chunked: median(samples.chunked),
    analysis: median(samples.analysis),
    edit: median(samples.edit),
    markdownIt: median(samples.markdownIt),
  };
}

function printRows(rows: Row[]): void {
  const head = [
    pad('document', 14),
    pad('KB', 8),
    pad('items', 7),
    pad('remark ms', 10),
    pad('ms/KB', 6),
    pad('chunked', 9),
    pad('ms/KB', 6),
    pad('ch/whole', 9),
    pad('analysis', 9),
    pad('ms/KB', 6),
    pad('edit ms', 8),
    pad('md-it ms', 9),
    pad('md-it/KB', 9),
  ].join(' ');
  console.log(head);
  console.log('-'.repeat(head.length));
  for (const r of rows) {
    console.log(
      [
        pad(r.name, 14),
        pad(r.kb.toFixed(0), 8),
        pad(r.items, 7),
        pad(fmt(r.whole), 10),
        pad((r.whole / r.kb).toFixed(2), 6),
        pad(fmt(r.chunked), 9),
        pad((r.chunked / r.kb).toFixed(2), 6),
        pad(`${(r.chunked / r.whole).toFixed(2)}x`, 9),
        pad(fmt(r.analysis), 9),
        pad((r.analysis / r.kb).toFixed(2), 6),
        pad(fmt(r.edit), 8),
        pad(fmt(r.markdownIt), 9),
        pad((r.markdownIt / r.kb).toFixed(3), 9),
      ].join(' '),
    );
  }
}

function micromarkRegression(): void {
  // Every list item is a container that closes when the next one opens: micromark 4.0.3 copies its
  // event array on each close (quadratic); 4.0.2 does not.
  const doc = (n: number) => Array.from({ length: n }, (_, i) => `- [ ] item ${i}`).join('\n');
  const small = doc(10_000);
  const large = doc(20_000);
  const a = time(() => whole.parse(small), 2);
  const b = time(() => whole.parse(large), 2, false);
  const ratio = b / a;
  const verdict = ratio < 2.8 ? 'linear, OK' : ratio < 3.4 ? 'SUSPICIOUS' : 'QUADRATIC: check the micromark version';
  console.log(`micromark ${versionOf(path.join(repoRoot, 'node_modules/micromark'))}; copies: ${micromarkCopies().join(', ')}`);
  console.log(
    `many closing containers, whole remark parse: 10,000 items ${fmt(a)} ms, 20,000 items ${fmt(b)} ms -> ${ratio.toFixed(2)}x per doubling (linear ~2x, quadratic ~4x): ${verdict}`,
  );
}

/**
 * A box toggle on a LiveChecklist, timed twice: as the server runs it (the model moved in place, then
 * the rules that read tick state run again), and with every rule off, which leaves the in-place update.
 */
function toggles(name: string, text: string): void {
  const noRules = { rules: Object.fromEntries(rules.map((r) => [r.id, 'off' as const])) };
  const timeToggles = (live: LiveChecklist, count: number) => {
    const rng = new Rng(11);
    const samples: number[] = [];
    for (let i = 0; i < count; i++) {
      const box = live.checklist.items[Math.floor(rng.next() * live.checklist.items.length)].box.start.offset + 1;
      const t0 = performance.now();
      live = live.toggle([{ from: box, to: box + 1, insert: live.text[box] === ' ' ? 'x' : ' ' }])!;
      samples.push(performance.now() - t0);
    }
    return median(samples.slice(10));
  };
  const whole = timeToggles(runToEnd(LiveChecklist.open(text)), 40);
  const update = timeToggles(runToEnd(LiveChecklist.open(text, noRules)), 200);
  console.log(
    `box toggle in process, ${name}: ${whole.toFixed(2)} ms with the tick-state rules; the in-place model update alone ${update.toFixed(3)} ms`,
  );
}

/** The bash parser (tree-sitter-bash via WASM) on the seed's steps: per step, and against remark on the seed. */
function shellParsing(text: string): void {
  const steps = stepsOf(parseChecklist(text));
  const blocks = steps.filter((s) => s.kind === 'code').map((s) => s.command);
  const inline = steps.filter((s) => s.kind === 'inline').map((s) => s.command);
  const each = (commands: string[]) => median(commands.map((command) => time(() => parseShell(command), RUNS * 4)));
  const all = time(() => steps.forEach((s) => parseShell(s.command)), RUNS);
  const remark = time(() => whole.parse(text), RUNS);
  console.log(
    `bash parser (parse + model), median per step: the seed's ${blocks.length} shell blocks ${each(blocks).toFixed(3)} ms, its ${inline.length} inline commands ${each(inline).toFixed(3)} ms; ` +
      `all ${steps.length} steps ${fmt(all)} ms = ${((all / remark) * 100).toFixed(0)}% of one remark parse of the seed (${fmt(remark)} ms)`,
  );
}

async function main(): Promise<void> {
  const started = performance.now();
  console.log(
    `Preflight bench: node ${process.version}, median of ${RUNS} runs after a warm-up (30k document: ${Math.min(RUNS, 3)} runs, no warm-up: the smaller ones warmed the JIT)\n`,
  );
  const rows: Row[] = [];
  // The seed is ../shared's where it exists, else the production template filled with its values (test/support/material.ts).
  console.log(`seed: ${material.seedName} (${material.line})\n`);
  rows.push(measure('seed', seedText, RUNS));
  const small = realisticChecklist(new Rng(3_000), 3_000);
  const large = realisticChecklist(new Rng(30_000), 30_000);
  rows.push(measure('3,000 items', small, RUNS));
  rows.push(measure('30,000 items', large, Math.min(RUNS, 3), false));
  printRows(rows);

  const [s, l] = rows.slice(-2);
  const scale = l.analysis / l.kb / (s.analysis / s.kb);
  console.log('');
  console.log(`chunked vs whole remark parse: ${rows.map((r) => `${r.name} ${(r.chunked / r.whole).toFixed(2)}x`).join(', ')}`);
  const relative = l.analysis / l.whole / (s.analysis / s.whole);
  console.log(
    `analysis ms/KB, 30k vs 3k: ${scale.toFixed(2)}x (target <= 1.3x): ${scale <= 1.3 ? 'OK' : 'OVER TARGET'}; ` +
      `relative to the remark baseline measured alongside: ${relative.toFixed(2)}x`,
  );
  console.log(
    `remark ms/KB, 30k vs 3k: ${(l.whole / l.kb / (s.whole / s.kb)).toFixed(2)}x; markdown-it is ${(l.whole / l.markdownIt).toFixed(0)}x faster than remark on 30k`,
  );
  console.log(
    `edit = one box toggled, re-analysed through a ChunkCache holding the rest (${rows.map((r) => `${r.name} ${((r.edit / r.analysis) * 100).toFixed(0)}% of a full analysis`).join(', ')})`,
  );
  console.log('');
  toggles('seed', seedText);
  shellParsing(seedText);
  toggles('3,000 items', small);
  toggles('30,000 items', large);
  console.log('');
  hostileInput(seedText, RUNS);
  console.log('');
  regexGuards(seedText, RUNS);
  console.log('');
  micromarkRegression();
  console.log('');
  await parallelFirstAnalysis(Math.min(RUNS, 3));
  console.log(`\nbench took ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

// Shell steps are read by the bash parser: loaded once (WASM) before anything is measured.
void initShellParser().then(main);
