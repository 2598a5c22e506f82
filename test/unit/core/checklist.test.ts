import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseChecklist } from '../../../server/src/core/checklist.ts';
import { allPhases } from '../../../server/src/core/progress.ts';

const phaseTitles = (text: string) => [...allPhases(parseChecklist(text).phases)].map((p) => `${p.level}:${p.title}`);

describe('title and phases', () => {
  test('a single opening h1 is the title; its sub-headings are the phases', () => {
    const c = parseChecklist('# Release\n\n## Build\n\n- [ ] a\n\n### Lint\n\n- [x] b\n\n## Ship\n');
    assert.equal(c.title, 'Release');
    assert.deepEqual(phaseTitles(c.text), ['2:Build', '3:Lint', '2:Ship']);
    assert.deepEqual(
      c.phases.map((p) => p.id),
      ['build', 'ship'],
    );
    assert.equal(c.phases[0].phases[0].id, 'build/lint');
    assert.deepEqual([c.phases[0].progress.done, c.phases[0].progress.total], [1, 2]);
  });

  test('several h1 headings are all phases', () => {
    assert.deepEqual(phaseTitles('# One\n- [ ] a\n# Two\n- [ ] b\n'), ['1:One', '1:Two']);
  });

  test('setext headings nest like ATX ones', () => {
    const c = parseChecklist('Go live\n=======\n\nPrepare\n-------\n\n- [ ] a\n- [x] b\n');
    assert.equal(c.title, 'Go live');
    assert.equal(c.titleHeading?.setext, true);
    assert.deepEqual(
      c.phases.map((p) => [p.title, p.progress.done, p.progress.total]),
      [['Prepare', 1, 2]],
    );
  });

  test('items before the first heading count towards the total', () => {
    const c = parseChecklist('- [x] loose\n\n## Phase\n- [ ] a\n');
    assert.equal(c.looseItems.length, 1);
    assert.equal(c.looseItems[0].phaseId, '');
    assert.deepEqual([c.progress.done, c.progress.total], [1, 2]);
  });

  test('front matter title wins; an invalid front matter is reported, not thrown', () => {
    assert.equal(parseChecklist('---\ntitle: From YAML\n---\n# Heading\n').title, 'From YAML');
    const bad = parseChecklist('---\ntitle: [unclosed\n---\n# Heading\n- [ ] a\n');
    assert.match(bad.frontMatter?.error ?? '', /\S/);
    assert.equal(bad.progress.total, 1);
  });
});

describe('items', () => {
  test('optional items are counted apart from required ones', () => {
    const c = parseChecklist(
      '## P\n- [ ] plain\n- [x] Integration tests (if applicable)\n- [ ] Extra (optional)\n- [ ] ~~Dropped step~~\n',
    );
    assert.deepEqual(
      c.items.map((i) => i.optional),
      [false, true, true, true],
    );
    assert.deepEqual(c.progress.optional, { total: 3, done: 1 });
    assert.deepEqual(c.progress.required, { total: 1, done: 0 });
    assert.equal(c.progress.total, 4);
  });

  test('nesting: depth and parent ids', () => {
    const c = parseChecklist('## P\n- [ ] parent\n  - [x] child\n    - [ ] grandchild\n- plain\n  - [ ] under plain\n');
    const [parent, child, grandchild, underPlain] = c.items;
    assert.equal(child.parentId, parent.id);
    assert.equal(grandchild.parentId, child.id);
    assert.equal(underPlain.parentId, undefined);
    assert.deepEqual(
      c.items.map((i) => i.depth),
      [0, 1, 2, 1],
    );
  });

  test('the box range covers exactly the brackets', () => {
    const text = '## P\n1.  [X] numbered\n> - [ ] quoted\n';
    const c = parseChecklist(text);
    assert.deepEqual(
      c.items.map((i) => text.slice(i.box.start.offset, i.box.end.offset)),
      ['[X]', '[ ]'],
    );
    assert.deepEqual(
      c.items.map((i) => i.checked),
      [true, false],
    );
  });

  test('a link definition before the box: the box and text are those of the paragraph after it (as remark-gfm reads it)', () => {
    // Found by the fuzz test mutating test/fixtures/duplicate-item.md: the box was taken as `[fo`.
    const text = '## P\n- [foo]: /x\n[ ] Page the on-call\n- [bar]: /y\n  [x] Run `npm test`\n';
    const c = parseChecklist(text);
    assert.deepEqual(
      c.items.map((i) => [text.slice(i.box.start.offset, i.box.end.offset), i.checked, i.text]),
      [
        ['[ ]', false, 'Page the on-call'],
        ['[x]', true, 'Run npm test'],
      ],
    );
    assert.deepEqual(
      c.items[1].commands.map((x) => x.command),
      ['npm test'],
    );
  });

  test('inline code that reads as a command is recorded; names and versions are not', () => {
    const c = parseChecklist('## P\n- [ ] Lint: `npm run lint` on `main`\n- [ ] Tag `v1.0.0` then `./scripts/smoke.sh prod`\n');
    assert.deepEqual(
      c.items.map((i) => i.commands.map((x) => x.command)),
      [['npm run lint'], ['./scripts/smoke.sh prod']],
    );
  });

  test('duplicate texts in one phase get distinct ids; ids survive unrelated edits', () => {
    const before = parseChecklist('## A\n- [ ] same\n- [ ] same\n- [ ] other\n## B\n- [ ] same\n');
    assert.deepEqual(
      before.items.map((i) => i.id),
      ['a#same', 'a#same~2', 'a#other', 'b#same'],
    );
    const after = parseChecklist('## A\n- [ ] same\n- [x] same\n- [ ] other, reworded\n## B\n- [ ] same\n');
    assert.deepEqual([after.items[0].id, after.items[1].id, after.items[3].id], ['a#same', 'a#same~2', 'b#same']);
  });

  test('table checkbox cells are table checks, not tasks', () => {
    const c = parseChecklist('## T\n| Time | Status |\n|---|---|\n| T-1h | [ ] |\n| T-0 | [x] |\n');
    assert.equal(c.progress.total, 0);
    assert.deepEqual(c.tableProgress, { total: 2, done: 1 });
    assert.deepEqual(c.tableChecks[0].row, ['T-1h', '[ ]']);
  });
});

describe('conditional phases', () => {
  test('a rollback phase with triggers is conditional and never required', () => {
    const c = parseChecklist('## Deploy\n- [x] go\n## Rollback Procedures\n### When to Rollback\n- [ ] error rate > 5%\n');
    const rollback = c.phases[1];
    assert.equal(rollback.conditional, true);
    assert.equal(rollback.phases[0].conditional, true);
    assert.deepEqual(c.progress.required, { total: 1, done: 1 });
    assert.equal(c.progress.total, 2);
  });

  test('a rollback phase without trigger language is ordinary work', () => {
    const c = parseChecklist('## Rollback plan\n- [ ] Rollback plan documented\n');
    assert.equal(c.phases[0].conditional, false);
    assert.equal(c.progress.required.total, 1);
  });

  test('front matter names more conditional phases', () => {
    const c = parseChecklist('---\nconditional:\n  - Hotfix\n---\n## Hotfix\n- [ ] patch\n## Main\n- [ ] a\n');
    assert.deepEqual(
      c.phases.map((p) => p.conditional),
      [true, false],
    );
  });
});

describe('sign-off and metadata', () => {
  test('roles with statements and Name/Date/Time fields', () => {
    const c = parseChecklist(
      '# X\n## Sign-Off\n### QA Lead\n- [x] All QA requirements met\n- Name: Ada Lovelace\n- Date: ________\n- Time: [Time]\n### Product Owner\n- [ ] Approved\n- Name: ____\n',
    );
    const roles = c.signOff?.roles ?? [];
    assert.deepEqual(
      roles.map((r) => [r.name, r.signed, r.complete]),
      [
        ['QA Lead', true, false],
        ['Product Owner', false, false],
      ],
    );
    assert.deepEqual(
      roles[0].fields.map((f) => [f.key, f.filled]),
      [
        ['Name', true],
        ['Date', false],
        ['Time', false],
      ],
    );
    assert.equal(roles[0].statements[0].text, 'All QA requirements met');
  });

  test('a sign-off table gives a role per row, its columns the fields', () => {
    const c = parseChecklist(
      '## 📝 Sign-Off\n\n| Role | Name | Signature | Date |\n|---|---|---|---|\n| QA Lead | Grace | ok | ____ |\n| CTO | | | |\n',
    );
    const roles = c.signOff?.roles ?? [];
    assert.deepEqual(
      roles.map((r) => r.name),
      ['QA Lead', 'CTO'],
    );
    assert.deepEqual(
      roles[0].fields.map((f) => [f.key, f.value, f.filled]),
      [
        ['Name', 'Grace', true],
        ['Signature', 'ok', true],
        ['Date', '____', false],
      ],
    );
    assert.deepEqual(
      roles.map((r) => r.signed),
      [true, false],
    );
  });

  test('a task item per role: the label names the role, its text is the Name', () => {
    const c = parseChecklist('## Approvals\n- [x] QA Lead: Ada Date: 2026-12-01\n- [ ] Director: ____ Date: ____\n');
    const roles = c.signOff?.roles ?? [];
    assert.deepEqual(
      roles.map((r) => [r.name, r.complete]),
      [
        ['QA Lead', true],
        ['Director', false],
      ],
    );
    assert.deepEqual(
      roles[0].fields.map((f) => [f.key, f.value]),
      [
        ['Name', 'Ada'],
        ['Date', '2026-12-01'],
      ],
    );
  });

  test('bold key lines are metadata; placeholders are found with exact ranges', () => {
    const text = '# T\n\n**Version:** 1.2.3\n**Target Date**: [Set deployment date]\n';
    const c = parseChecklist(text);
    assert.deepEqual(
      c.metadata.map((m) => [m.key, m.value]),
      [
        ['Version', '1.2.3'],
        ['Target Date', '[Set deployment date]'],
      ],
    );
    const [p] = c.placeholders;
    assert.equal(text.slice(p.range.start.offset, p.range.end.offset), '[Set deployment date]');
    assert.equal(p.range.start.line, 4);
  });

  test('broken boxes and CI expressions are not placeholders', () => {
    const c = parseChecklist('## A\n- [x ] broken box\n- Run `echo ${{ secrets.TOKEN }}` for {{project}} by [Name]\n');
    assert.deepEqual(
      c.placeholders.map((x) => x.text),
      ['{{project}}', '[Name]'],
    );
  });
});
