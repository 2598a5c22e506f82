/**
 * How a change since the reviewed ref reads in the Checklists view and the editor hover: who, which commit,
 * git's verdict on its signature, and the evidence (a recorded run, or ticked by hand; never "verified").
 * Document and git text is escaped: the markdown parses to the literal text.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toString } from 'mdast-util-to-string';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { ReviewChange, ReviewChanges } from '../../../server/src/protocol/protocol.ts';
import { changeMarkdown, changeRow, changesSection, evidenceText } from '../../../client/src/review/changeRow.ts';

const commit = {
  kind: 'commit' as const,
  sha: 'a1b2c3d4e5f6a7b8c9d0',
  short: 'a1b2c3d',
  author: 'Alice Archer',
  email: 'alice@example.com',
  date: '2026-12-04T09:30:00+01:00',
  subject: 'compiled',
};
const run = { at: '2026-12-05T10:00:00+00:00', exitCode: 0, durationMs: 2300, by: 'ada' };

function change(over: Partial<ReviewChange>): ReviewChange {
  return {
    kind: 'checked',
    itemId: 'build/compile',
    text: 'Compile',
    checked: true,
    line: 4,
    phase: 'Build',
    by: { ...commit, signature: { status: 'unsigned', label: 'unsigned' } },
    ...over,
  };
}

test('a checked item with a recorded run: who, commit, signature and the run, in the row and the hover', () => {
  const c = change({ evidence: run });
  const row = changeRow(c, 'merge base with main (1234567)');
  assert.deepEqual(
    [row.label, row.description, row.icon],
    ['Compile', 'checked · Alice Archer · a1b2c3d · unsigned · run recorded: exit 0', 'pass'],
  );
  const md = changeMarkdown(c, 'merge base with main (1234567)');
  assert.match(md, /^\*\*Checked\*\* since merge base with main \(1234567\): Compile/);
  assert.match(md, /By: Alice Archer \\<alice@example\.com\\>, 2026-12-04T09:30:00\+01:00/);
  assert.match(md, /Commit: `a1b2c3d` compiled/);
  assert.match(md, /Signature: unsigned/);
  assert.match(md, /Evidence: run recorded: exit 0, 2026-12-05T10:00:00\+00:00, by ada, 2\.3 s/);
  assert.doesNotMatch(md, /verified/i, 'a run note records a run; it proves nothing');
});

test('a tick with no run is "ticked by hand"; an unchecked or removed item claims no evidence; a failed run says so', () => {
  assert.equal(evidenceText(change({})), 'ticked by hand (no run recorded)');
  assert.equal(changeRow(change({}), 'main').description, 'checked · Alice Archer · a1b2c3d · unsigned · ticked by hand');
  assert.equal(evidenceText(change({ kind: 'unchecked', checked: false })), '');
  assert.equal(evidenceText(change({ kind: 'removed', checked: true, line: undefined })), '');
  assert.equal(
    evidenceText(change({ evidence: { ...run, exitCode: 3 } })),
    'run recorded: exit 3 (failed), 2026-12-05T10:00:00+00:00, by ada, 2.3 s',
  );
});

test('uncommitted edits and added or removed items read as such', () => {
  const unsaved = change({ by: { kind: 'uncommitted' } });
  assert.equal(changeRow(unsaved, 'main').description, 'checked · not committed · ticked by hand');
  assert.match(changeMarkdown(unsaved, 'main'), /By: not committed yet \(the text in the editor\)/);
  assert.match(changeMarkdown(change({ kind: 'added', checked: false }), 'main'), /^\*\*Added\*\* \(open\) since main/);
  const removed = changeMarkdown(change({ kind: 'removed', line: undefined }), 'main');
  assert.match(removed, /^\*\*Removed\*\* \(checked\) since main/);
  assert.match(removed, /not in the document any more/);
});

test('document and git text is escaped: the hover renders it literally, opening no link, emphasis or HTML', () => {
  const hostile = change({
    text: 'Deploy [prod](https://evil.example) <img src=x onerror=alert(1)> **now** `kubectl apply`',
    phase: '# Ship | <b>x</b>',
    by: {
      ...commit,
      author: 'Mallory *[x](javascript:alert(1))*',
      subject: '<script>alert(1)</script> _fix_',
      signature: { status: 'bad', label: 'bad signature (gpg)' },
    },
  });
  const md = changeMarkdown(hostile, 'v1.0 <b>');
  const tree = unified().use(remarkParse).parse(md);
  const kinds = new Set<string>();
  const walk = (node: { type: string; children?: unknown[] }) => {
    kinds.add(node.type);
    for (const child of (node.children ?? []) as { type: string }[]) walk(child);
  };
  walk(tree);
  for (const kind of ['link', 'html', 'emphasis', 'heading', 'image']) assert.ok(!kinds.has(kind), `the hover has a ${kind}: ${md}`);
  const text = toString(tree);
  for (const literal of [hostile.text, hostile.phase, 'Mallory *[x](javascript:alert(1))*', '<script>alert(1)</script> _fix_', 'v1.0 <b>'])
    assert.ok(text.includes(literal), `"${literal}" is not shown literally in: ${text}`);
});

test('the section row: counts per kind, or why nothing could be compared', () => {
  const base: ReviewChanges = {
    uri: 'file:///x.md',
    version: 3,
    checked: true,
    ref: 'abc',
    sha: 'abcdef0123456789',
    existedAtRef: true,
    changes: [],
    summary: { checked: 2, unchecked: 0, added: 1, removed: 1 },
    progress: { from: { done: 1, total: 5 }, to: { done: 3, total: 5 } },
  };
  assert.deepEqual(
    [changesSection(base, 'main').label, changesSection(base, 'main').description],
    ['Changes', '2 checked · 1 added · 1 removed · since main'],
  );
  assert.match(changesSection(base, 'main').tooltip, /1\/5 → 3\/5 done/);
  assert.equal(
    changesSection({ ...base, summary: { checked: 0, unchecked: 0, added: 0, removed: 0 } }, 'main').description,
    'no item changed · since main',
  );
  const refused = changesSection({ ...base, checked: false, reason: 'unknown revision "x"' }, 'x');
  assert.deepEqual([refused.description, refused.icon], ['not checked · since x', 'warning']);
  assert.match(refused.tooltip, /unknown revision "x"/);
  assert.equal(changesSection(undefined, 'main').description, 'checking… · since main');
});
