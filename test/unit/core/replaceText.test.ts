/**
 * replaceText: the one edit "Merge with Preflight…" sends. Applied to the old text it gives the new one, its
 * points agree with their offsets, it starts and ends at line starts (never inside a CRLF), and it spares the
 * lines both texts share at the top and the bottom.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { replaceText } from '../../../server/src/core/replaceText.ts';
import { applyEdits } from '../../support/applyEdits.ts';
import { Rng } from '../../support/prng.ts';

const LINES = ['- [ ] a\n', '- [x] a\n', '- [ ] b\r\n', '<<<<<<< HEAD\n', '=======\r\n', '>>>>>>> qa\n', '\n', '\r\n', 'x', '😀 y\n', '\r'];

test('applied to the old text the edit gives the new text, from line start to line start', () => {
  const rng = new Rng(16);
  for (let n = 0; n < 2000; n++) {
    const from = Array.from({ length: rng.int(0, 12) }, () => rng.pick(LINES)).join('');
    // The new text: the old one with a few lines replaced, inserted or removed.
    const lines = from.split(/(?<=\n)/);
    for (let k = rng.int(0, 3); k > 0; k--)
      lines.splice(rng.int(0, lines.length), rng.int(0, 2), ...(rng.chance(0.7) ? [rng.pick(LINES)] : []));
    const to = lines.join('');
    const edit = replaceText(from, to);
    assert.equal(applyEdits(from, [edit]), to, JSON.stringify({ from, to }));
    for (const p of [edit.range.start, edit.range.end]) {
      assert.ok(
        p.offset === 0 || from[p.offset - 1] === '\n' || p.offset === from.length,
        `${JSON.stringify({ from, to })}: ${p.offset} is not at a line start`,
      );
    }
  }
});

test('only the lines that differ are replaced', () => {
  const from = '# T\n\n- [ ] a\n<<<<<<< HEAD\n- [x] b\n=======\n- [ ] b\n>>>>>>> qa\n- [ ] c\n';
  const to = '# T\n\n- [ ] a\n- [x] b\n- [ ] c\n';
  const edit = replaceText(from, to);
  assert.deepEqual([edit.range.start.line, edit.range.end.line, edit.newText], [4, 9, '- [x] b\n']);
  assert.deepEqual(replaceText('same\n', 'same\n').newText, '');
});
