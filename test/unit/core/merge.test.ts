/**
 * The checklist merge (issue 16) on scripted three-way cases, with git's own line merge underneath. Each
 * expected result is written out by hand; where it matters, the plain line merge is shown to fail first.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gitLineMerge } from '../../../server/src/cli/lineMerge.ts';
import { mergeChecklists, type MergeResult } from '../../../server/src/core/merge/mergeChecklists.ts';
import { MAX_NOTES } from '../../../server/src/core/runNote.ts';

const labels = { ours: 'ours', base: 'base', theirs: 'theirs' };
const merge = (base: string, ours: string, theirs: string): MergeResult => mergeChecklists(base, ours, theirs, gitLineMerge);
const lines = (...l: string[]) => `${l.join('\n')}\n`;
/** 1-based lines holding a `<<<<<<<` marker, read off the text. */
const markerLines = (text: string) => text.split(/\r?\n/).flatMap((l, i) => (l.startsWith('<<<<<<<') ? [i + 1] : []));
const note = (at: string, by: string, indent = '  ') => `${indent}<!-- preflight:run {"at":"${at}","exit":0,"ms":1200,"by":"${by}"} -->`;

describe('items', () => {
  const base = lines('# Release', '', '## Deploy', '', '- [ ] Back up the database', '- [ ] Deploy to production', '- [ ] Run smoke tests');

  test('ticks on adjacent items merge cleanly (git merge-file alone conflicts on them)', () => {
    const ours = base.replace('- [ ] Back up', '- [x] Back up');
    const theirs = base.replace('- [ ] Deploy', '- [X] Deploy');
    assert.ok(gitLineMerge(base, ours, theirs, labels).conflicts > 0, 'the plain line merge conflicts on adjacent lines');
    const result = merge(base, ours, theirs);
    assert.deepEqual(result.conflicts, []);
    assert.equal(
      result.text,
      lines('# Release', '', '## Deploy', '', '- [x] Back up the database', '- [X] Deploy to production', '- [ ] Run smoke tests'),
    );
  });

  test('an untick on one side and nothing on the other takes the untick; the same tick on both is clean', () => {
    const ticked = base.replace('- [ ] Run', '- [x] Run');
    assert.deepEqual(merge(ticked, base, ticked), { text: base, conflicts: [] });
    assert.deepEqual(merge(base, ticked, ticked), { text: ticked, conflicts: [] });
  });

  test('reworded on one side and ticked on the other: the new wording, ticked', () => {
    const ours = base.replace('- [ ] Deploy to production', '- [ ] Deploy to production (blue/green)');
    const theirs = base.replace('- [ ] Deploy to production', '- [x] Deploy to production');
    const result = merge(base, ours, theirs);
    assert.deepEqual(result.conflicts, []);
    assert.equal(result.text, base.replace('- [ ] Deploy to production', '- [x] Deploy to production (blue/green)'));
  });

  test('replaced by an unrelated item on one side and ticked on the other: the tick does not move onto the new item', () => {
    const ours = base.replace('- [ ] Deploy to production', '- [x] Deploy to production');
    const theirs = base.replace('- [ ] Deploy to production', '- [ ] Notify the on-call channel');
    const result = merge(base, ours, theirs);
    assert.equal(result.conflicts.length, 1);
    assert.equal(result.conflicts[0].description, 'item "Deploy to production": changed on one side and removed on the other');
    assert.match(result.text, /^- \[ \] Notify the on-call channel$/m);
    assert.match(result.text, /^- \[x\] Deploy to production$/m);
  });

  test('reworded differently on both sides: a conflict around that item only, the other changes merged', () => {
    const ours = lines(
      '# Release',
      '',
      '## Deploy',
      '',
      '- [x] Back up the database',
      '- [ ] Deploy to production (canary)',
      '- [ ] Run smoke tests',
    );
    const theirs = lines('# Release', '', '## Deploy', '', '- [ ] Back up the database', '- [x] Deploy to prod', '- [x] Run smoke tests');
    const result = merge(base, ours, theirs);
    assert.equal(
      result.text,
      lines(
        '# Release',
        '',
        '## Deploy',
        '',
        '- [x] Back up the database',
        '<<<<<<< ours',
        '- [x] Deploy to production (canary)',
        '=======',
        '- [x] Deploy to prod',
        '>>>>>>> theirs',
        '- [x] Run smoke tests',
      ),
    );
    assert.deepEqual(result.conflicts, [
      { kind: 'item', line: 6, description: 'item "Deploy to production": reworded differently on both sides' },
    ]);
    assert.deepEqual(markerLines(result.text), [6]);
  });

  test('removed on one side: removed; removed on one side and ticked on the other: a conflict', () => {
    const removed = base.replace('- [ ] Run smoke tests\n', '');
    assert.deepEqual(merge(base, removed, base.replace('- [ ] Back up', '- [x] Back up')), {
      text: removed.replace('- [ ] Back up', '- [x] Back up'),
      conflicts: [],
    });
    const result = merge(base, removed, base.replace('- [ ] Run', '- [x] Run'));
    assert.equal(
      result.text,
      lines(
        '# Release',
        '',
        '## Deploy',
        '',
        '- [ ] Back up the database',
        '- [ ] Deploy to production',
        '<<<<<<< ours',
        '=======',
        '- [x] Run smoke tests',
        '>>>>>>> theirs',
      ),
    );
    assert.deepEqual(result.conflicts, [
      { kind: 'item', line: 7, description: 'item "Run smoke tests": changed on one side and removed on the other' },
    ]);
  });

  test('sections and items added on both sides are all applied; the same item added on both sides appears once', () => {
    const base2 = `${base}\n## After\n\n- [ ] Close the incident channel\n`;
    const ours = lines(
      '# Release',
      '',
      '## Prepare',
      '',
      '- [ ] Freeze merges',
      '',
      '## Deploy',
      '',
      '- [ ] Back up the database',
      '- [ ] Deploy to production',
      '- [ ] Run smoke tests',
      '- [ ] Announce in #releases',
      '',
      '## After',
      '',
      '- [ ] Close the incident channel',
    );
    const theirs = lines(
      '# Release',
      '',
      '## Deploy',
      '',
      '- [ ] Back up the database',
      '- [ ] Deploy to production',
      '- [ ] Run smoke tests',
      '- [ ] Announce in #releases',
      '',
      '## After',
      '',
      '- [ ] Close the incident channel',
      '',
      '## Verify',
      '',
      '- [x] Error rate normal',
    );
    const result = merge(base2, ours, theirs);
    assert.deepEqual(result, { text: ours + lines('', '## Verify', '', '- [x] Error rate normal'), conflicts: [] });
  });

  test('lines outside items changed differently on both sides: a text conflict that names its section', () => {
    const text = (intro: string) => lines('# Release', '', '## Deploy', '', intro, '', '- [ ] Deploy to production');
    const result = merge(text('Deploy on Tuesdays.'), text('Deploy on Wednesdays.'), text('Deploy on Thursdays.'));
    assert.equal(
      result.text,
      lines(
        '# Release',
        '',
        '## Deploy',
        '',
        '<<<<<<< ours',
        'Deploy on Wednesdays.',
        '=======',
        'Deploy on Thursdays.',
        '>>>>>>> theirs',
        '',
        '- [ ] Deploy to production',
      ),
    );
    assert.deepEqual(result.conflicts, [
      { kind: 'text', line: 5, description: 'lines changed differently on both sides (in section "Deploy")' },
    ]);
  });

  test('moved to different places on both sides: a conflict at each place, the item on the side that put it there', () => {
    const ours = lines(
      '# Release',
      '',
      '## Deploy',
      '',
      '- [ ] Run smoke tests',
      '- [ ] Back up the database',
      '- [ ] Deploy to production',
      '',
      '## After',
    );
    const theirs = lines(
      '# Release',
      '',
      '## Deploy',
      '',
      '- [ ] Back up the database',
      '- [ ] Deploy to production',
      '',
      '## After',
      '',
      '- [x] Run smoke tests',
    );
    const base2 = `${base}\n## After\n`;
    const result = merge(base2, ours, theirs);
    assert.equal(
      result.text,
      lines(
        '# Release',
        '',
        '## Deploy',
        '',
        '<<<<<<< ours',
        '- [x] Run smoke tests',
        '=======',
        '>>>>>>> theirs',
        '- [ ] Back up the database',
        '- [ ] Deploy to production',
        '',
        '## After',
        '',
        '<<<<<<< ours',
        '=======',
        '- [x] Run smoke tests',
        '>>>>>>> theirs',
      ),
    );
    assert.deepEqual(markerLines(result.text), [5, 14]);
    const description = 'item "Run smoke tests": moved to different places on both sides';
    assert.deepEqual(result.conflicts, [
      { kind: 'item', line: 5, description },
      { kind: 'item', line: 14, description },
    ]);
  });

  test('the labels given name the markers', () => {
    const result = mergeChecklists(lines('- [ ] a'), lines('- [ ] b'), lines('- [ ] c'), gitLineMerge, {
      ours: 'HEAD',
      base: 'merge base',
      theirs: 'feature/x',
    });
    assert.deepEqual(markerLines(result.text), [1]);
    assert.match(result.text, /^<<<<<<< HEAD\n[^]*\n>>>>>>> feature\/x\n$/);
  });
});

describe('run notes', () => {
  const base = lines('# Release', '', '- [ ] Run `npm test`', '- [ ] Tag the release');

  test('notes recorded on both sides under one step: both kept, oldest first, and one tick each', () => {
    const ours = lines('# Release', '', '- [x] Run `npm test`', note('2026-11-27T10:00:00Z', 'ada'), '- [ ] Tag the release');
    const theirs = lines('# Release', '', '- [ ] Run `npm test`', note('2026-11-27T09:00:00Z', 'bob'), '- [x] Tag the release');
    const result = merge(base, ours, theirs);
    assert.deepEqual(result.conflicts, []);
    assert.equal(
      result.text,
      lines(
        '# Release',
        '',
        '- [x] Run `npm test`',
        note('2026-11-27T09:00:00Z', 'bob'),
        note('2026-11-27T10:00:00Z', 'ada'),
        '- [x] Tag the release',
      ),
    );
  });

  test('a note both sides have appears once, and at most MAX_NOTES are kept, the oldest dropped', () => {
    const at = (n: number) => `2026-11-27T1${n}:00:00Z`;
    const shared = [0, 1, 2].map((n) => note(at(n), 'ada'));
    const ours = lines('# Release', '', '- [x] Run `npm test`', ...shared, note(at(3), 'ada'), note(at(5), 'ada'), '- [ ] Tag the release');
    const theirs = lines('# Release', '', '- [x] Run `npm test`', ...shared, note(at(4), 'bob'), '- [ ] Tag the release');
    const result = merge(base, ours, theirs);
    assert.equal(MAX_NOTES, 5, 'the expected text below keeps five notes');
    assert.equal(
      result.text,
      lines(
        '# Release',
        '',
        '- [x] Run `npm test`',
        ...[1, 2, 3].map((n) => note(at(n), 'ada')),
        note(at(4), 'bob'),
        note(at(5), 'ada'),
        '- [ ] Tag the release',
      ),
    );
  });

  test('notes under a code block from both sides are kept', () => {
    const block = (...notes: string[]) =>
      lines('## Build', '', '- [ ] Build', '', '```bash', 'npm run build', '```', ...notes, '', '- [ ] Ship');
    const a = note('2026-11-27T10:00:00Z', 'ada', '');
    const b = note('2026-11-28T10:00:00Z', 'bob', '');
    assert.deepEqual(merge(block(), block(a), block(b)), { text: block(a, b), conflicts: [] });
  });
});

describe('sign-off', () => {
  const role = (name: string, date: string, time: string) =>
    lines('## Sign-Off', '', '### QA Lead', '- [ ] All QA requirements met', `- Name: ${name}`, `- Date: ${date}`, `- Time: ${time}`);
  const blank = '________';

  test('fields filled on different sides, on adjacent lines: both taken', () => {
    const result = merge(role(blank, blank, blank), role('Quinn Quality', blank, blank), role(blank, '2026-11-27', blank));
    assert.deepEqual(result, { text: role('Quinn Quality', '2026-11-27', blank), conflicts: [] });
  });

  test("a field filled differently on both sides: one conflict around the role's field lines", () => {
    const result = merge(role(blank, blank, blank), role('Quinn Quality', '2026-11-27', blank), role('Sam Tester', '2026-11-27', '10:00'));
    assert.equal(
      result.text,
      lines(
        '## Sign-Off',
        '',
        '### QA Lead',
        '- [ ] All QA requirements met',
        '<<<<<<< ours',
        '- Name: Quinn Quality',
        '- Date: 2026-11-27',
        '- Time: 10:00',
        '=======',
        '- Name: Sam Tester',
        '- Date: 2026-11-27',
        '- Time: 10:00',
        '>>>>>>> theirs',
      ),
    );
    assert.deepEqual(result.conflicts, [
      { kind: 'role', line: 5, description: 'sign-off role "QA Lead": Name filled differently on both sides' },
    ]);
  });
});

describe('sign-off table', () => {
  const table = (qa: string, date: string, ops: string) =>
    lines('## Sign-off', '', '| Role | Name | Date |', '| --- | --- | --- |', `| QA Lead | ${qa} | ${date} |`, `| Ops | ${ops} | |`);

  test('different cells of one row filled on different sides: both taken', () => {
    assert.deepEqual(merge(table('', '', ''), table('Quinn', '', ''), table('', '2026-11-27', 'Olly')), {
      text: table('Quinn', '2026-11-27', 'Olly'),
      conflicts: [],
    });
  });

  test('one cell filled differently on both sides: a conflict on that row', () => {
    const result = merge(table('', '', ''), table('Quinn', '', ''), table('Sam', '', ''));
    assert.equal(
      result.text,
      lines(
        '## Sign-off',
        '',
        '| Role | Name | Date |',
        '| --- | --- | --- |',
        '<<<<<<< ours',
        '| QA Lead | Quinn |  |',
        '=======',
        '| QA Lead | Sam |  |',
        '>>>>>>> theirs',
        '| Ops |  | |',
      ),
    );
    assert.deepEqual(result.conflicts, [
      { kind: 'role', line: 5, description: 'sign-off role "QA Lead": Name filled differently on both sides' },
    ]);
  });
});

describe('sign-off roles as items', () => {
  const doc = (box: string, name: string, date: string) =>
    lines('## Sign-off', '', `- [${box}] QA Lead: ${name} Date: ${date}`, '- [ ] Ops: ____ Date: ____');

  test('the name filled and ticked on one side, the date on the other: both, ticked', () => {
    assert.deepEqual(merge(doc(' ', '____', '____'), doc('x', 'Quinn', '____'), doc(' ', '____', '2026-11-27')), {
      text: doc('x', 'Quinn', '2026-11-27'),
      conflicts: [],
    });
  });

  test('the name filled differently on both sides: a role conflict on that item', () => {
    const result = merge(doc(' ', '____', '____'), doc('x', 'Quinn', '____'), doc(' ', 'Sam', '2026-11-27'));
    assert.equal(
      result.text,
      lines(
        '## Sign-off',
        '',
        '<<<<<<< ours',
        '- [x] QA Lead: Quinn Date: ____',
        '=======',
        '- [x] QA Lead: Sam Date: 2026-11-27',
        '>>>>>>> theirs',
        '- [ ] Ops: ____ Date: ____',
      ),
    );
    assert.deepEqual(result.conflicts, [
      { kind: 'role', line: 3, description: 'sign-off role "QA Lead": Name filled differently on both sides' },
    ]);
  });
});

describe('front matter', () => {
  const doc = (owner: string, env: string) =>
    lines('---', 'title: Release', `owner: ${owner}`, 'env:', `  STAGE: ${env}`, '---', '# Release', '', '- [ ] Deploy');

  test('keys changed on different sides, on adjacent lines: both taken', () => {
    assert.deepEqual(merge(doc('ada', 'staging'), doc('bob', 'staging'), doc('ada', 'production')), {
      text: doc('bob', 'production'),
      conflicts: [],
    });
  });

  test('one key changed differently on both sides: a conflict on that key only', () => {
    const result = merge(doc('ada', 'staging'), doc('bob', 'staging'), doc('cy', 'production'));
    assert.equal(
      result.text,
      lines(
        '---',
        'title: Release',
        '<<<<<<< ours',
        'owner: bob',
        '=======',
        'owner: cy',
        '>>>>>>> theirs',
        'env:',
        '  STAGE: production',
        '---',
        '# Release',
        '',
        '- [ ] Deploy',
      ),
    );
    assert.deepEqual(result.conflicts, [
      { kind: 'front-matter', line: 3, description: 'front matter key "owner": changed differently on both sides' },
    ]);
  });
});

describe('line endings', () => {
  const base = lines('# Release', '', '- [ ] one', '- [ ] two');

  test('CRLF in OURS: the result is CRLF whatever THEIRS uses', () => {
    const ours = base.replace('- [ ] one', '- [x] one').replace(/\n/g, '\r\n');
    const theirs = base.replace('- [ ] two', '- [x] two');
    assert.deepEqual(merge(base, ours, theirs), { text: '# Release\r\n\r\n- [x] one\r\n- [x] two\r\n', conflicts: [] });
  });

  test('LF in OURS and CRLF in THEIRS: LF; no final newline in OURS: none in the result', () => {
    const ours = base.replace('- [ ] one', '- [x] one').replace(/\n$/, '');
    const theirs = base.replace('- [ ] two', '- [x] two').replace(/\n/g, '\r\n');
    assert.deepEqual(merge(base, ours, theirs), { text: '# Release\n\n- [x] one\n- [x] two', conflicts: [] });
  });
});
