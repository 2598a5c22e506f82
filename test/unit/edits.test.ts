/** Toggling items and sections: edits applied to the text and the result parsed again. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseChecklist } from '../../server/src/core/checklist.ts';
import { itemsAtLines, setItems, setSection } from '../../server/src/core/edits.ts';
import { allPhases } from '../../server/src/core/progress.ts';
import { applyEdits } from '../support/applyEdits.ts';
import { seedMissing, seedPath } from '../support/paths.ts';

const present = existsSync(seedPath);
const seed = present ? readFileSync(seedPath, 'utf8') : '';

const doc = '# Release\n\n## Build\n\n- [ ] lint\n- [X] test\n  - [ ] nested\n\n### Package\n\n1. [ ] zip\n\n## Ship\n\n- [ ] deploy\n';

describe('setItems', () => {
  test('flips exactly the box of each item and nothing else', () => {
    const c = parseChecklist(doc);
    const [lint, testItem] = c.items;
    const { edits, missing } = setItems(c, [lint.id, testItem.id]);
    assert.deepEqual(missing, []);
    assert.deepEqual(edits.map((e) => [c.text.slice(e.range.start.offset, e.range.end.offset), e.newText]), [['[ ]', '[x]'], ['[X]', '[ ]']]);
    const text = applyEdits(c.text, edits);
    assert.equal(text, doc.replace('- [ ] lint', '- [x] lint').replace('- [X] test', '- [ ] test'));
    const after = parseChecklist(text);
    assert.deepEqual(after.items.map((i) => [i.id, i.checked]), c.items.map((i) => [i.id, i.id === lint.id ? true : i.id === testItem.id ? false : i.checked]));
  });

  test('an explicit state edits only the items not in it; unknown ids are reported', () => {
    const c = parseChecklist(doc);
    const ids = c.items.map((i) => i.id);
    const { edits, missing } = setItems(c, [...ids, ids[0], 'build#nope'], true);
    assert.deepEqual(missing, ['build#nope']);
    assert.equal(edits.length, c.items.filter((i) => !i.checked).length);
    const after = parseChecklist(applyEdits(c.text, edits));
    assert.ok(after.items.every((i) => i.checked));
    assert.deepEqual(setItems(after, ids, true).edits, []);
  });

  test('works the same on CRLF text and in blockquotes', () => {
    const text = '## A\r\n\r\n> - [ ] quoted\r\n> - [x] done\r\n';
    const c = parseChecklist(text);
    const out = applyEdits(text, setItems(c, c.items.map((i) => i.id)).edits);
    assert.equal(out, '## A\r\n\r\n> - [x] quoted\r\n> - [ ] done\r\n');
  });
});

describe('setSection', () => {
  test('checks every item of a phase and its sub-phases, and only those', () => {
    const c = parseChecklist(doc);
    const result = setSection(c, 'build', true);
    assert.ok('edits' in result);
    const after = parseChecklist(applyEdits(c.text, result.edits));
    const build = after.phases.find((p) => p.id === 'build')!;
    assert.deepEqual([build.progress.done, build.progress.total], [4, 4]);
    assert.equal(after.phases.find((p) => p.id === 'ship')!.progress.done, 0);

    const cleared = setSection(after, 'build', false);
    assert.ok('edits' in cleared);
    assert.equal(parseChecklist(applyEdits(after.text, cleared.edits)).progress.done, 0);
  });

  test('an unknown section is an error naming the known ones', () => {
    const result = setSection(parseChecklist(doc), 'nope', true);
    assert.ok('error' in result);
    assert.match(result.error, /No section 'nope'/);
    assert.match(result.error, /build, build\/package, ship/);
  });

  test('on the seed, the first phase ends done == total and nothing else moves', { skip: present ? false : seedMissing }, () => {
    const c = parseChecklist(seed);
    const first = c.phases[0];
    assert.ok(first.progress.total > 0 && first.progress.done < first.progress.total);
    const result = setSection(c, first.id, true);
    assert.ok('edits' in result);
    assert.equal(result.edits.length, first.progress.total - first.progress.done);
    const after = parseChecklist(applyEdits(seed, result.edits));
    const phase = after.phases[0];
    assert.equal(phase.id, first.id);
    assert.equal(phase.progress.done, phase.progress.total);
    for (const sub of allPhases(phase.phases)) assert.equal(sub.progress.done, sub.progress.total, sub.id);
    assert.deepEqual(after.phases.slice(1).map((p) => p.progress), c.phases.slice(1).map((p) => p.progress));
    assert.deepEqual(after.items.map((i) => i.text), c.items.map((i) => i.text));
  });
});

describe('itemsAtLines', () => {
  test('items whose first line is in the range, in either order', () => {
    const c = parseChecklist(doc);
    // lint is on line 5, test on 6, nested on 7.
    assert.deepEqual(itemsAtLines(c, 5, 5).map((i) => i.text), ['lint']);
    assert.deepEqual(itemsAtLines(c, 7, 5).map((i) => i.text), ['lint', 'test', 'nested']);
    assert.deepEqual(itemsAtLines(c, 1, 3), []);
    assert.deepEqual(itemsAtLines(c, 1, 100).length, c.items.length);
  });
});
