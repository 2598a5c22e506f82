/**
 * The language server's parse pool (server/src/lsp/parsePool.ts, over Node's threads: lsp/nodeParseThread.ts) with its real worker bundle: answers equal
 * a parse on this thread, a parse past its limit is stopped and the pool goes on, a failing parse says where,
 * and one document's long batch does not hold back another's request. No time is asserted.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { check } from '../../../server/src/core/check.ts';
import { parseChecklist } from '../../../server/src/core/checklist.ts';
import { LiveChecklist } from '../../../server/src/core/live.ts';
import { ChunkCache } from '../../../server/src/core/parse.ts';
import { type PieceAnswer, type PieceRequest, type ParseSteps, runToEnd } from '../../../server/src/core/parsePiece.ts';
import { nodeParseThreads } from '../../../server/src/lsp/nodeParseThread.ts';
import { ParsePool } from '../../../server/src/lsp/parsePool.ts';
import { OverBudget } from '../../../server/src/lsp/pieceParser.ts';
import { realisticChecklist, TOKENS } from '../../support/generate.ts';
import { firstDifference } from '../../support/diff.ts';
import { repoRoot } from '../../support/paths.ts';
import { Rng } from '../../support/prng.ts';

const WORKER = path.join(repoRoot, 'server', 'dist', 'parseWorker.js');
const THREADS = nodeParseThreads(WORKER);
const NO_LIMIT = 600_000;

/** A stepwise analysis driven by the pool, as the server drives it. */
async function throughPool<T>(pool: ParsePool, steps: ParseSteps<T>): Promise<{ value: T; batches: number[] }> {
  const batches: number[] = [];
  let answers: PieceAnswer[] = [];
  for (;;) {
    const next = steps.next(answers);
    if (next.done) return { value: next.value, batches };
    batches.push(next.value.length);
    answers = (await pool.parse('doc', next.value, NO_LIMIT)).answers;
  }
}

function request(text: string, line = 1): PieceRequest {
  return { text, sourceLength: text.length, frontMatter: false, at: { offset: 0, line }, cutLine: 0 };
}

describe('the parse pool', () => {
  let pool: ParsePool;
  before(() => {
    if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run "npm run build" first (npm test does it for you).`);
    pool = new ParsePool(THREADS, 2);
  });
  after(() => pool.dispose());

  test('an analysis whose pieces the workers parse equals one parsed on this thread, and its chunks go out in one batch', async () => {
    const text = realisticChecklist(new Rng(11), 800);
    const pooled = await throughPool(pool, LiveChecklist.open(text, {}, new ChunkCache()));
    const local = runToEnd(LiveChecklist.open(text, {}, new ChunkCache()));
    if (!isDeepStrictEqual(pooled.value.checklist, local.checklist))
      assert.fail(`models differ at ${firstDifference(pooled.value.checklist, local.checklist)}`);
    assert.deepEqual(pooled.value.findings, local.findings);
    assert.ok(pooled.batches[0] > 10, `the first batch holds every proposed chunk (${pooled.batches.join(', ')})`);
    // An edit afterwards asks only for the chunks it touched.
    const at = text.indexOf('- [ ] ', text.length / 2) + 6;
    const edited = await throughPool(pool, pooled.value.update(`${text.slice(0, at)}Now ${text.slice(at)}`));
    assert.ok(
      edited.batches.reduce((a, b) => a + b, 0) <= 3,
      `an edit re-parses at most its chunk and a neighbour (${edited.batches.join(', ')})`,
    );
  });

  test('through the pool, a live checklist kept up to date over random edits equals a fresh analysis after each', async () => {
    const rng = new Rng(23);
    let live = (await throughPool(pool, LiveChecklist.open(realisticChecklist(new Rng(5), 300), {}, new ChunkCache()))).value;
    for (let i = 0; i < 60; i++) {
      const text = live.text;
      const at = rng.int(0, text.length);
      const next = rng.chance(0.3)
        ? text.slice(0, at) + text.slice(Math.min(text.length, at + rng.int(1, 40)))
        : text.slice(0, at) + rng.pick(TOKENS) + text.slice(at);
      live = (await throughPool(pool, live.update(next))).value;
      const fresh = parseChecklist(next);
      if (!isDeepStrictEqual(live.checklist, fresh))
        assert.fail(`edit ${i + 1}: live model differs from a fresh analysis at ${firstDifference(live.checklist, fresh)}`);
      assert.deepEqual(live.findings, check(fresh), `edit ${i + 1}: findings`);
    }
  });

  test('a parse that runs past its limit is stopped, and the pool then parses as before', async () => {
    // Under every pre-scan limit (400 emphasis runs per item), yet seconds of parsing in all.
    const slow = request(`- [ ] ${'*a_ '.repeat(200)}\n\n`.repeat(200));
    await assert.rejects(pool.parse('doc', [slow], 50), OverBudget);
    const { answers } = await pool.parse('doc', [request('# T\n\n- [x] done\n')], NO_LIMIT);
    assert.ok(!('tooComplex' in answers[0]) && answers[0].facts.items.length === 1 && answers[0].facts.items[0].checked);
  });

  test('a request the parser cannot handle fails with where it was, and does not take the pool down', async () => {
    const broken = { ...request('[a]\n'), seed: { definitions: null, footnotes: null } as never, at: { offset: 40, line: 7 } };
    await assert.rejects(pool.parse('doc', [broken], NO_LIMIT), /the parser failed on the sections from line 7/);
    const { answers } = await pool.parse('doc', [request('- [ ] a\n')], NO_LIMIT);
    assert.equal(answers.length, 1);
  });

  test('a too-complex piece is answered as such, not thrown', async () => {
    const { answers } = await pool.parse('doc', [request(`- [ ] ${'*a_'.repeat(8000)}\n`, 3)], NO_LIMIT);
    assert.ok('tooComplex' in answers[0] && /runs of emphasis delimiters/.test(answers[0].tooComplex.reason));
  });

  test("one document's long batch does not hold back another document's request", async () => {
    const single = new ParsePool(THREADS, 1);
    try {
      const big = Array.from({ length: 60 }, (_, i) =>
        request(`## Phase ${i}\n\n${'- [ ] a step with `npm run lint` in it\n'.repeat(800)}`),
      );
      let bigDone = false;
      const bigBatch = single.parse('big.md', big, NO_LIMIT).then(() => (bigDone = true));
      const small = await single.parse('small.md', [request('- [ ] quick\n')], NO_LIMIT);
      assert.equal(small.answers.length, 1);
      assert.equal(bigDone, false, "the small document's request was answered between the big one's runs");
      await bigBatch;
    } finally {
      single.dispose();
    }
  });

  test('once idle, the workers that parsed a lot are ended and one worker is kept; a big batch starts the others again', async () => {
    const recycling = new ParsePool(THREADS, 2, { afterMs: 100, chars: 10_000 });
    try {
      const batch = Array.from({ length: 8 }, (_, i) => request(`## Phase ${i}\n\n${'- [ ] a step\n'.repeat(400)}`));
      const first = await recycling.parse('doc', batch, NO_LIMIT);
      const running = () => recycling.workers;
      assert.equal(running(), 2);
      for (let waited = 0; running() !== 1 && waited < 10_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(running(), 1, 'one worker is left after the pool idled');
      // The first worker took the first run (36 KB) and was ended; the second, with 5 KB, was kept.
      await recycling.parse('doc', [request('- [ ] quick\n')], NO_LIMIT);
      assert.equal(running(), 1, 'a small request goes to the running worker, not to a cold one');
      const again = await recycling.parse('doc', batch, NO_LIMIT);
      assert.deepEqual(again.answers, first.answers, 'a fresh worker answers as the ones it replaced');
      assert.equal(running(), 2, 'the batch needed both workers again');
    } finally {
      recycling.dispose();
    }
  });

  test('dispose rejects the work still queued', async () => {
    const doomed = new ParsePool(THREADS, 1);
    const pending = doomed.parse(
      'doc',
      Array.from({ length: 20 }, () => request('- [ ] a\n'.repeat(5000))),
      NO_LIMIT,
    );
    doomed.dispose();
    await assert.rejects(pending, /shutting down/);
  });
});
