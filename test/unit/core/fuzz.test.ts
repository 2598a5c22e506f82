/**
 * Thousands of random and mutated documents: the parser never throws, every position it reports lies
 * inside the document and agrees with itself, every box range holds `[ ]`/`[x]`/`[X]` as the item
 * says, and the task counts equal a plain remark-gfm count.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { check } from '../../../server/src/core/check.ts';
import { parseChecklist } from '../../../server/src/core/checklist.ts';
import type { Checklist } from '../../../server/src/core/model.ts';
import { mutate, randomDocument, window } from '../../support/generate.ts';
import { remarkTaskCount } from '../../support/gfm.ts';
import { baseSeed, Rng } from '../../support/prng.ts';
import { rangeProblems } from '../../support/ranges.ts';
import { corpus, seedText } from '../../support/material.ts';

const SEED = baseSeed(977);
const BATCH = 250;
const RANDOM_BATCHES = 4; // 1,000 generated documents
const MUTATED_BATCHES = 8; // 2,000 mutated pieces of real checklists

const sources = [...corpus.map((f) => readFileSync(f, 'utf8')), seedText];

/** Problems with one document; empty when all properties hold. */
function problemsOf(text: string): string[] {
  let checklist: Checklist;
  try {
    checklist = parseChecklist(text);
  } catch (error) {
    return [`parseChecklist threw: ${(error as Error).stack ?? String(error)}`];
  }
  const problems = rangeProblems(checklist);
  const expected = remarkTaskCount(text);
  const lines = checklist.items.map((i) => i.range.start.line);
  if (checklist.progress.total !== expected.total || checklist.progress.done !== expected.done) {
    problems.push(`counts ${checklist.progress.done}/${checklist.progress.total}, remark-gfm ${expected.done}/${expected.total}`);
  } else if (lines.join() !== expected.lines.join()) {
    problems.push(`item lines ${lines.join()} but remark-gfm ${expected.lines.join()}`);
  }
  if (checklist.items.length !== checklist.progress.total)
    problems.push(`${checklist.items.length} items but progress.total ${checklist.progress.total}`);
  return problems;
}

function runBatch(make: (rng: Rng) => string, from: number): void {
  const failures: string[] = [];
  for (let i = from; i < from + BATCH; i++) {
    const text = make(new Rng(SEED + i));
    const problems = problemsOf(text);
    if (problems.length > 0 && failures.length < 5) {
      failures.push(
        `document #${i} (PREFLIGHT_SEED=${SEED}): ${problems.slice(0, 3).join('; ')}\n  text: ${JSON.stringify(text).slice(0, 500)}`,
      );
    }
  }
  assert.deepEqual(failures, []);
}

describe('fuzz: generated documents', () => {
  for (let b = 0; b < RANDOM_BATCHES; b++) {
    const from = b * BATCH;
    test(`documents ${from}-${from + BATCH - 1}`, () => runBatch((rng) => randomDocument(rng, { maxBlocks: 6 }), from));
  }
});

describe('fuzz: mutated real checklists', () => {
  for (let b = 0; b < MUTATED_BATCHES; b++) {
    const from = 100_000 + b * BATCH;
    test(`documents ${from}-${from + BATCH - 1}`, () => {
      runBatch((rng) => mutate(rng, window(rng, rng.pick(sources), 30)), from);
    });
  }
});

describe('fuzz: degenerate inputs', () => {
  const inputs = [
    '',
    '\n',
    '\r',
    '\r\n',
    '\0',
    '\uFEFF',
    '\uFEFF- [ ] a',
    '- [ ]',
    '- [x]',
    '-',
    '#',
    '---',
    '---\n',
    '---\n---',
    '---\r\n---\r\n- [ ] a',
    '- [ ] \0',
    '- [\0] a',
    '> - [ ]\n> a',
    '\uD800- [ ] a',
    '- [ ] \uDC00',
    '*\t[x]\tx',
    '1) [X] 😀',
    '- [ ]\u2028a',
    '- [ ]\u00A0a',
    '```\n',
    '<!--',
    '[^1]:',
    '[a]:',
    '|[ ]|\n|-|\n|[ ]|',
    '- '.repeat(200) + '[ ] deep',
    '> '.repeat(200) + '- [ ] deep',
    '# '.repeat(50),
    '- [ ] a\n'.repeat(500),
    '\r- [ ] a\r\r- [x] b\r',
    // Found mutating the project's fixtures: a NUL in a command (parsed as U+FFFD), a definition before the box.
    '- [ ] run `npm run l\0int`',
    '- [foo]: /x\n[ ] Page the on-call',
    '- [foo]: /x\n  [x] b\n',
  ];
  for (const [n, text] of inputs.entries()) {
    test(`input ${n}: ${JSON.stringify(text).slice(0, 40)}`, () => {
      assert.deepEqual(problemsOf(text), []);
    });
  }
});

describe('fuzz: the rules never throw', () => {
  test('check() over 300 generated and mutated documents', () => {
    const failures: string[] = [];
    for (let i = 0; i < 300; i++) {
      const rng = new Rng(SEED + 200_000 + i);
      const text = i % 2 === 0 ? randomDocument(rng, { maxBlocks: 6 }) : mutate(rng, window(rng, rng.pick(sources), 30));
      try {
        const findings = check(parseChecklist(text));
        for (const f of findings) {
          if (f.range.start.offset < 0 || f.range.end.offset > text.length || f.range.start.offset > f.range.end.offset) {
            failures.push(
              `document #${200_000 + i}: ${f.ruleId} reports range ${f.range.start.offset}-${f.range.end.offset} outside 0-${text.length}`,
            );
          }
        }
      } catch (error) {
        failures.push(
          `document #${200_000 + i} (PREFLIGHT_SEED=${SEED}): check() threw ${(error as Error).stack}\n  text: ${JSON.stringify(text).slice(0, 400)}`,
        );
      }
      if (failures.length >= 5) break;
    }
    assert.deepEqual(failures, []);
  });
});
