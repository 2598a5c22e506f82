/** Toggling items and sections: edits applied to the text and the result parsed again. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseChecklist } from '../../../server/src/core/checklist.ts';
import { boxesAtLines, itemsAtLines, setItems, setPhase, toggleLines } from '../../../server/src/core/edits.ts';
import { allPhases } from '../../../server/src/core/progress.ts';
import { applyEdits } from '../../support/applyEdits.ts';
import { seedText } from '../../support/material.ts';

const seed = seedText;

const doc = '# Release\n\n## Build\n\n- [ ] lint\n- [X] test\n  - [ ] nested\n\n### Package\n\n1. [ ] zip\n\n## Ship\n\n- [ ] deploy\n';

describe('setItems', () => {
  test('flips exactly the box of each item and nothing else', () => {
    const c = parseChecklist(doc);
    const [lint, testItem] = c.items;
    const { edits, missing } = setItems(c, [lint.id, testItem.id]);
    assert.deepEqual(missing, []);
    assert.deepEqual(
      edits.map((e) => [c.text.slice(e.range.start.offset, e.range.end.offset), e.newText]),
      [
        ['[ ]', '[x]'],
        ['[X]', '[ ]'],
      ],
    );
    const text = applyEdits(c.text, edits);
    assert.equal(text, doc.replace('- [ ] lint', '- [x] lint').replace('- [X] test', '- [ ] test'));
    const after = parseChecklist(text);
    assert.deepEqual(
      after.items.map((i) => [i.id, i.checked]),
      c.items.map((i) => [i.id, i.id === lint.id ? true : i.id === testItem.id ? false : i.checked]),
    );
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
    const out = applyEdits(
      text,
      setItems(
        c,
        c.items.map((i) => i.id),
      ).edits,
    );
    assert.equal(out, '## A\r\n\r\n> - [x] quoted\r\n> - [ ] done\r\n');
  });
});

describe('setPhase', () => {
  test('checks every item of a phase and its sub-phases, and only those', () => {
    const c = parseChecklist(doc);
    const result = setPhase(c, 'build', true);
    assert.ok('edits' in result);
    const after = parseChecklist(applyEdits(c.text, result.edits));
    const build = after.phases.find((p) => p.id === 'build')!;
    assert.deepEqual([build.progress.done, build.progress.total], [4, 4]);
    assert.equal(after.phases.find((p) => p.id === 'ship')!.progress.done, 0);

    const cleared = setPhase(after, 'build', false);
    assert.ok('edits' in cleared);
    assert.equal(parseChecklist(applyEdits(after.text, cleared.edits)).progress.done, 0);
  });

  test('an unknown section is an error naming the known ones', () => {
    const result = setPhase(parseChecklist(doc), 'nope', true);
    assert.ok('error' in result);
    assert.match(result.error, /No phase 'nope'/);
    assert.match(result.error, /build, build\/package, ship/);
  });

  test('on the seed, the first phase ends done == total and nothing else moves', () => {
    const c = parseChecklist(seed);
    const first = c.phases[0];
    assert.ok(first.progress.total > 0 && first.progress.done < first.progress.total);
    const result = setPhase(c, first.id, true);
    assert.ok('edits' in result);
    assert.equal(result.edits.length, first.progress.total - first.progress.done);
    const after = parseChecklist(applyEdits(seed, result.edits));
    const phase = after.phases[0];
    assert.equal(phase.id, first.id);
    assert.equal(phase.progress.done, phase.progress.total);
    for (const sub of allPhases(phase.phases)) assert.equal(sub.progress.done, sub.progress.total, sub.id);
    assert.deepEqual(
      after.phases.slice(1).map((p) => p.progress),
      c.phases.slice(1).map((p) => p.progress),
    );
    assert.deepEqual(
      after.items.map((i) => i.text),
      c.items.map((i) => i.text),
    );
  });
});

describe('itemsAtLines', () => {
  test('items whose first line is in the range, in either order', () => {
    const c = parseChecklist(doc);
    // lint is on line 5, test on 6, nested on 7.
    assert.deepEqual(
      itemsAtLines(c, 5, 5).map((i) => i.text),
      ['lint'],
    );
    assert.deepEqual(
      itemsAtLines(c, 7, 5).map((i) => i.text),
      ['lint', 'test', 'nested'],
    );
    assert.deepEqual(itemsAtLines(c, 1, 3), []);
    assert.deepEqual(itemsAtLines(c, 1, 100).length, c.items.length);
  });
});

describe('boxesAtLines and toggleLines', () => {
  const lines = [
    '## Build', //                                   1
    '', //                                           2
    '- [ ] lint', //                                 3
    '- [x] a long item', //                          4
    '  that wraps', //                               5
    '  - [ ] child', //                              6
    '    wrapped child', //                          7
    '', //                                           8
    '  a second paragraph of the long item', //      9
    '- [ ] last', //                                 10
    '', //                                           11
    '| Step | Done |', //                            12
    '|---|---|', //                                  13
    '| a | [x] |', //                                14
    '',
  ];
  const c = parseChecklist(lines.join('\n'));
  const names = (from: number, to: number) =>
    boxesAtLines(c, from, to).map((b) => ('text' in b ? b.text.split('\n')[0] : `table ${b.row[0]}`));
  /** The lines that change when the boxes at [from, to] are toggled. */
  const toggled = (from: number, to: number) => {
    const after = applyEdits(c.text, toggleLines(c, from, to)).split('\n');
    return after.flatMap((line, i) => (line === lines[i] ? [] : [`${i + 1}: ${line}`]));
  };

  test('a cursor on the first line of an item or on its wrapped text means that item, innermost first', () => {
    assert.deepEqual(names(3, 3), ['lint']);
    assert.deepEqual(names(5, 5), ['a long item']);
    assert.deepEqual(names(6, 6), ['child']);
    assert.deepEqual(names(7, 7), ['child']);
    assert.deepEqual(names(14, 14), ['table a']);
  });

  test('a heading, a blank line, a table header or a later paragraph of an item mean nothing', () => {
    for (const line of [1, 2, 8, 9, 11, 12, 13]) {
      assert.deepEqual(names(line, line), [], `line ${line}`);
      assert.deepEqual(toggleLines(c, line, line), [], `line ${line}`);
    }
  });

  test('a selection: items starting in it, plus the item whose text continues onto its first line', () => {
    assert.deepEqual(names(5, 6), ['a long item', 'child']);
    assert.deepEqual(names(6, 3), ['lint', 'a long item', 'child']);
    assert.deepEqual(names(8, 14), ['last', 'table a']);
  });

  test('one item flips; a mixed selection is all checked; an all-checked one all unchecked', () => {
    assert.deepEqual(toggled(3, 3), ['3: - [x] lint']);
    assert.deepEqual(toggled(5, 5), ['4: - [ ] a long item']);
    assert.deepEqual(toggled(7, 7), ['6:   - [x] child']);
    assert.deepEqual(toggled(3, 6), ['3: - [x] lint', '6:   - [x] child']);
    assert.deepEqual(toggled(4, 5), ['4: - [ ] a long item']);
    assert.deepEqual(toggled(9, 14), ['10: - [x] last']);
    assert.deepEqual(toggled(14, 14), ['14: | a | [ ] |']);
  });

  test('lazy continuation lines, blockquotes and CRLF', () => {
    const lazy = parseChecklist('- [ ] lazy\ncontinued without indent\n\nafter\n');
    assert.deepEqual(
      boxesAtLines(lazy, 2, 2).map((i) => i.checked),
      [false],
    );
    assert.deepEqual(boxesAtLines(lazy, 4, 4), []);
    const quoted = parseChecklist('> - [ ] quoted\n>   wrapped\n> - [x] done\n');
    assert.equal(applyEdits(quoted.text, toggleLines(quoted, 2, 3)), '> - [x] quoted\n>   wrapped\n> - [x] done\n');
    const crlf = parseChecklist('## A\r\n\r\n- [x] one\r\n  wraps\r\n- [x] two\r\n');
    assert.equal(applyEdits(crlf.text, toggleLines(crlf, 4, 5)), '## A\r\n\r\n- [ ] one\r\n  wraps\r\n- [ ] two\r\n');
  });
});
