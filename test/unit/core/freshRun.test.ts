/** A fresh run: a checklist that was checked, signed and run goes back to the text it started from. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { parseChecklist } from '../../../server/src/core/checklist.ts';
import { boxEdit, setItems } from '../../../server/src/core/edits.ts';
import { freshRun } from '../../../server/src/core/freshRun.ts';
import type { Checklist } from '../../../server/src/core/model.ts';
import { formatRunNote, recordRun, type RunNote } from '../../../server/src/core/runNote.ts';
import { stampSignOff } from '../../../server/src/core/stamp.ts';
import { stepsOf } from '../../../server/src/core/steps.ts';
import { applyEdits } from '../../support/applyEdits.ts';
import { repoRoot } from '../../support/paths.ts';

const template = readFileSync(path.join(repoRoot, 'templates/production-deployment-checklist.md'), 'utf8');
const note = (n: number, exitCode = 0): RunNote => ({
  at: `2026-11-27T21:${String(n).padStart(2, '0')}:00+01:00`,
  exitCode,
  durationMs: 1000 + n,
  by: 'ada',
  excerpt: 'done',
});
const noteLine = (n: number) => formatRunNote(note(n));

/** Checks every item and table box, as a finished run leaves them. */
function checkAll(c: Checklist): Checklist {
  const edits = [
    ...setItems(
      c,
      c.items.map((i) => i.id),
      true,
    ).edits,
    ...c.tableChecks.flatMap((check) => boxEdit(check, true) ?? []),
  ];
  return parseChecklist(applyEdits(c.text, edits));
}

function stamp(c: Checklist, roleId: string, name: string): Checklist {
  const result = stampSignOff(c, roleId, { name, at: '2026-11-27T21:49:32+01:00' });
  if ('error' in result) assert.fail(result.error);
  return parseChecklist(applyEdits(c.text, result.edits));
}

/** Records a run of `stepId` (failed ones too), its item checked on success. */
function run(c: Checklist, stepId: string, n: number): Checklist {
  const result = recordRun(c, stepId, note(n, n % 3), { check: true });
  if ('error' in result) assert.fail(result.error);
  return parseChecklist(applyEdits(c.text, result.edits));
}

/** The template worked through: everything checked, two roles signed, every step run twice and one block seven times. */
function workedThrough(text: string): Checklist {
  let c = checkAll(parseChecklist(text));
  c = stamp(c, 'sign-off/qa-lead', 'Ada Lovelace');
  c = stamp(c, 'sign-off/devops-lead', 'Grace Hopper');
  for (const n of [1, 2]) for (const step of stepsOf(c)) c = run(c, step.id, n);
  const block = stepsOf(c).find((s) => s.kind === 'code')!;
  for (let n = 3; n <= 7; n++) c = run(c, block.id, n);
  return c;
}

describe('freshRun on the template', () => {
  const boxes = (template.match(/\[ \]/g) ?? []).length;

  test('checked, signed and run, it gives back exactly the template', () => {
    const done = workedThrough(template);
    // The run really changed the text: boxes, signatures and notes are there to undo.
    assert.equal(done.progress.done, done.progress.total);
    assert.equal((done.text.match(/\[ \]/g) ?? []).length, 0);
    assert.equal(
      done.text.split('preflight:run').length - 1,
      (stepsOf(done).length - 1) * 2 + 5,
      'two notes per step, five kept under the block',
    );
    assert.match(done.text, /- Name: Ada Lovelace\n- Date: 2026-11-27\n- Time: 21:49\+01:00\n/);
    assert.match(done.text, /- Name: Grace Hopper\n/);

    const fresh = freshRun(done);
    assert.equal(fresh.text, template);
    assert.ok(boxes > 200);
    assert.equal(fresh.cleared, boxes, 'every box of the template, items and table checks');
  });

  test('CRLF stays CRLF, and the round trip is just as exact', () => {
    const crlf = template.replace(/\n/g, '\r\n');
    const done = workedThrough(crlf);
    assert.ok(done.text.includes('preflight:run') && !/[^\r]\n/.test(done.text), 'the run kept CRLF');
    const fresh = freshRun(done);
    assert.equal(fresh.text, crlf);
    assert.equal(fresh.cleared, boxes);
  });

  test('the template itself is already fresh', () => {
    assert.deepEqual(freshRun(parseChecklist(template)), { text: template, cleared: 0 });
  });
});

describe('freshRun on small documents', () => {
  test('nested items: every level cleared, notes under a nested item removed with their line break', () => {
    const text = '## Build\n\n- [x] parent\n  - [X] child: `npm test`\n    - [x] grandchild\n  - [ ] open child\n- [ ] sibling\n';
    let c = parseChecklist(text);
    const child = c.items[1];
    for (const n of [1, 2]) {
      const result = recordRun(c, child.id, note(n), { check: false });
      assert.ok('edits' in result);
      c = parseChecklist(applyEdits(c.text, result.edits));
    }
    assert.ok(c.text.includes(`  - [X] child: \`npm test\`\n    ${noteLine(1)}\n    ${noteLine(2)}\n    - [x] grandchild\n`));
    const fresh = freshRun(c);
    assert.equal(
      fresh.text,
      '## Build\n\n- [ ] parent\n  - [ ] child: `npm test`\n    - [ ] grandchild\n  - [ ] open child\n- [ ] sibling\n',
    );
    assert.equal(fresh.cleared, 3);
  });

  test('without a sign-off section, `Name:` lines are content and stay', () => {
    const text =
      '# Runbook\n\n**Owner:** Ada\n\n## Steps\n\n- [x] one\n- Name: Ada\n- Date: 2026-11-27\n\n| Step | Done |\n|---|---|\n| a | [x] |\n| b | [ ] |\n';
    const fresh = freshRun(parseChecklist(text));
    assert.equal(fresh.text, text.replace('- [x] one', '- [ ] one').replace('| a | [x] |', '| a | [ ] |'));
    assert.equal(fresh.cleared, 2);
  });

  test('a sign-off table: filled cells get a blank padded to the old width; unfilled cells and the role column stay', () => {
    const text =
      '## Approvals\n\n| Role | Name         | Date       | Time        |\n|------|--------------|------------|-------------|\n| QA   | Ada Lovelace | 2026-11-27 | 21:49+01:00 |\n| Dev  |              |            |             |\n';
    const fresh = freshRun(parseChecklist(text));
    assert.equal(fresh.text.split('\n')[4], '| QA   | ____         | ____       | ____        |');
    assert.equal(fresh.text.split('\n')[5], '| Dev  |              |            |             |');
    assert.equal(fresh.text.split('\n').slice(0, 4).join('\n'), text.split('\n').slice(0, 4).join('\n'));
    assert.equal(parseChecklist(fresh.text).signOff!.roles.filter((r) => r.signed).length, 0);
  });

  test('a `[x]` in a sign-off column is cleared as a box, not blanked as a value', () => {
    const text = '## Sign-off\n\n| Role | Name | Signed |\n|---|---|---|\n| QA | Ada | [x] |\n';
    const fresh = freshRun(parseChecklist(text));
    assert.equal(fresh.text.split('\n')[4], '| QA | ____ | [ ] |');
    assert.equal(fresh.cleared, 1);
  });

  test('a task item per role: the box cleared and the values blanked', () => {
    const fresh = freshRun(parseChecklist('## Sign-off\n\n- [x] QA Lead: Ada Date: 2026-11-27\n- [ ] Dev Lead: ____\n'));
    assert.equal(fresh.text, '## Sign-off\n\n- [ ] QA Lead: ____ Date: ____\n- [ ] Dev Lead: ____\n');
  });

  test('a filled field gets the blank the document uses elsewhere, or `____`', () => {
    const own = '## Sign-off\n\n### QA\n- Name: Ada\n- Date: ________\n\n### Dev\n- Name: ________\n';
    assert.equal(freshRun(parseChecklist(own)).text, own.replace('Name: Ada', 'Name: ________'));
    const none = '## Sign-off\n\n### QA\n- Name: Ada\n- Date: 2026-11-27\n';
    assert.equal(freshRun(parseChecklist(none)).text, '## Sign-off\n\n### QA\n- Name: ____\n- Date: ____\n');
  });

  test('notes at the end of a text without a final line break take the break before them', () => {
    const text = `## T\n\n- [x] run \`npm test\`\n  ${noteLine(1)}\n  ${noteLine(2)}`;
    assert.deepEqual(freshRun(parseChecklist(text)), { text: '## T\n\n- [ ] run `npm test`', cleared: 1 });
  });

  test('a note inside a code block is an example and stays; a stray note elsewhere goes', () => {
    const text = `## Notes\n\n\`\`\`md\n${noteLine(1)}\n\`\`\`\n${noteLine(2)}\n- [ ] b\n`;
    assert.equal(freshRun(parseChecklist(text)).text, `## Notes\n\n\`\`\`md\n${noteLine(1)}\n\`\`\`\n- [ ] b\n`);
  });
});
