/**
 * The seed reported correctly: ../shared/seed/production-deployment-checklist.md in the extended material set,
 * the production template filled with the seed's values in the own set (test/support/material.ts). Expected
 * numbers are counted here independently of the core (line scans and a plain remark-gfm parse) or written
 * out by hand from the document (SEED_FACTS), not copied from the core.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { parseChecklist } from '../../../server/src/core/checklist.ts';
import type { Checklist, Phase } from '../../../server/src/core/model.ts';
import { allPhases } from '../../../server/src/core/progress.ts';
import { remarkTaskCount } from '../../support/gfm.ts';
import { isExtended, material, seedText as text } from '../../support/material.ts';

/**
 * Where the two seeds differ, read off each document by hand. The filled template starts with 9 lines of
 * front matter (the gates), and its date and lead are filled in where the seed has [Set deployment date]
 * and [Name]; the other bracket placeholders are the same lines, 9 further down.
 */
const SEED_FACTS = isExtended
  ? {
      titleLine: 1,
      targetDate: '[Set deployment date]',
      lead: '[Name]',
      brackets: [
        ['[Set deployment date]', 5],
        ['[Name]', 6],
        ['[date - minimum 6 months]', 188],
        ['[List new features]', 492],
        ['[List improvements]', 493],
        ['[Description]', 505],
        ['[User impact]', 506],
        ['[Being taken]', 507],
        ['[Estimated fix time]', 508],
        ['[channel]', 510],
      ],
    }
  : {
      titleLine: 10,
      targetDate: '2026-12-01',
      lead: 'Dana Deploy',
      brackets: [
        ['[date - minimum 6 months]', 197],
        ['[List new features]', 501],
        ['[List improvements]', 502],
        ['[Description]', 514],
        ['[User impact]', 515],
        ['[Being taken]', 516],
        ['[Estimated fix time]', 517],
        ['[channel]', 519],
      ],
    };

/** The seed's lines outside fenced code, with their 1-based numbers. */
function proseLines(source: string): { n: number; line: string }[] {
  const out: { n: number; line: string }[] = [];
  let fence: string | undefined;
  source.split('\n').forEach((line, i) => {
    const m = /^(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length && line.slice(m[1].length).trim() === '') fence = undefined;
      return;
    }
    if (m) fence = m[1];
    else out.push({ n: i + 1, line });
  });
  return out;
}

describe(`the seed checklist (${material.seedName})`, () => {
  let checklist: Checklist;
  const phase = (title: string): Phase => {
    const found = [...allPhases(checklist.phases)].find((p) => p.title === title);
    assert.ok(found, `no phase titled ${JSON.stringify(title)}`);
    return found;
  };
  before(() => {
    checklist = parseChecklist(text);
  });

  test('title is the level-1 heading', () => {
    assert.equal(checklist.title, 'Production Deployment Checklist');
    assert.equal(checklist.titleHeading?.depth, 1);
    assert.equal(checklist.titleHeading?.range.start.line, SEED_FACTS.titleLine);
  });

  test('phases are the ## headings; the title is not a phase', () => {
    const expected = proseLines(text)
      .filter((l) => /^## /.test(l.line))
      .map((l) => l.line.slice(3).trim());
    assert.ok(expected.length >= 8);
    assert.deepEqual(
      checklist.phases.map((p) => p.title),
      expected,
    );
    assert.ok(checklist.phases.every((p) => p.level === 2));
    assert.ok(!checklist.phases.some((p) => p.title === checklist.title));
    const sections = proseLines(text)
      .filter((l) => /^### /.test(l.line))
      .map((l) => l.line.slice(4).trim());
    assert.deepEqual(
      checklist.phases.flatMap((p) => p.phases.map((s) => s.title)),
      sections,
      '### headings nest under their phase',
    );
  });

  test('0 of N done, N counted independently', () => {
    const byLine = proseLines(text).filter((l) => /^\s*[-*+] \[[ xX]\] \S/.test(l.line)).length;
    const plain = remarkTaskCount(text);
    assert.equal(plain.total, byLine, 'line scan and remark-gfm agree on the seed');
    assert.equal(checklist.progress.total, byLine);
    assert.equal(checklist.progress.done, 0);
    assert.equal(checklist.items.length, byLine);
    assert.deepEqual(
      checklist.items.map((i) => i.range.start.line),
      plain.lines,
    );
    const sum = checklist.phases.reduce((n, p) => n + p.progress.total, checklist.looseItems.length);
    assert.equal(sum, byLine, 'phase totals add up to the document total');
  });

  test('Rollback Procedures is conditional and left out of required', () => {
    const rollback = phase('Rollback Procedures');
    assert.equal(rollback.conditional, true);
    assert.ok(rollback.phases.length >= 1 && rollback.phases.every((p) => p.conditional), 'its sub-phases too');
    const inside = checklist.items.filter(
      (i) => i.range.start.offset >= rollback.range.start.offset && i.range.start.offset < rollback.sectionEnd.offset,
    );
    assert.ok(inside.length >= 9, `rollback triggers are items (${inside.length})`);
    assert.ok(inside.every((i) => i.conditional));
    assert.equal(rollback.progress.total, inside.length);
    assert.equal(rollback.progress.required.total, 0);
    const optional = checklist.items.filter((i) => i.optional).length;
    assert.equal(checklist.progress.required.total, checklist.progress.total - optional - inside.filter((i) => !i.optional).length);
    for (const p of checklist.phases.filter((p) => p !== rollback)) assert.equal(p.conditional, false, `${p.title} is not conditional`);
  });

  test('the timeline table has 10 `[ ]` cells: table checks, not tasks', () => {
    const timeline = phase('Deployment Timeline');
    const rows = proseLines(text).filter((l) => /^\|.*\|\s*\[ \]\s*\|\s*$/.test(l.line));
    assert.equal(rows.length, 10);
    assert.equal(checklist.tableChecks.length, 10);
    assert.deepEqual(checklist.tableProgress, { total: 10, done: 0 });
    assert.deepEqual(
      checklist.tableChecks.map((c) => c.box.start.line),
      rows.map((r) => r.n),
    );
    assert.equal(timeline.tableChecks.length, 10);
    assert.equal(timeline.progress.total, 0, 'no task items in the timeline');
    const itemLines = new Set(checklist.items.map((i) => i.range.start.line));
    assert.ok(rows.every((r) => !itemLines.has(r.n)));
    assert.deepEqual(checklist.tableChecks[0].row, ['T-24h', 'Final code review', 'Engineering', '[ ]']);
  });

  test(
    isExtended
      ? 'placeholders: [Set deployment date], [Name], the other brackets and every ____ blank'
      : 'placeholders: the brackets and every ____ blank; the filled date and lead are none',
    () => {
      const brackets = checklist.placeholders.filter((p) => p.kind === 'bracket').map((p) => [p.text, p.range.start.line]);
      assert.deepEqual(brackets, SEED_FACTS.brackets);
      const blanks = text.match(/_{4,}/g) ?? [];
      assert.ok(blanks.length >= 20);
      assert.equal(checklist.placeholders.filter((p) => p.kind === 'blank').length, blanks.length);
      assert.equal(checklist.placeholders.length, brackets.length + blanks.length, 'nothing else is a placeholder');
      for (const p of checklist.placeholders) assert.equal(text.slice(p.range.start.offset, p.range.end.offset), p.text);
    },
  );

  test('sign-off: four roles with blank Name/Date/Time', () => {
    const signOff = checklist.signOff;
    assert.ok(signOff, 'a sign-off section');
    assert.equal(signOff.phase.title, 'Sign-Off');
    assert.deepEqual(
      signOff.roles.map((r) => r.name),
      ['Deployment Lead', 'QA Lead', 'DevOps Lead', 'Product Owner'],
    );
    assert.deepEqual(
      signOff.roles.map((r) => r.statements.length),
      [1, 1, 2, 1],
    );
    for (const role of signOff.roles) {
      assert.deepEqual(
        role.fields.map((f) => f.key),
        ['Name', 'Date', 'Time'],
        role.name,
      );
      assert.ok(
        role.fields.every((f) => !f.filled && /^_+$/.test(f.value)),
        `${role.name}: fields blank`,
      );
      assert.equal(role.signed, false);
      assert.equal(role.complete, false);
    }
  });

  test('items with inline commands', () => {
    const commands = checklist.items.flatMap((i) => i.commands.map((c) => c.command));
    for (const c of ['npm run test', 'npx tsc --noEmit', 'npm run lint', 'npm audit', 'npx prisma migrate deploy']) {
      assert.ok(commands.includes(c), `command ${c}`);
      const item = checklist.items.find((i) => i.commands.some((x) => x.command === c))!;
      assert.ok(item.text.includes(c));
      const range = item.commands.find((x) => x.command === c)!.range;
      assert.equal(text.slice(range.start.offset, range.end.offset), `\`${c}\``);
    }
    assert.ok(!commands.includes('main'), '`main` is a branch name, not a command');
  });

  test('metadata: Version, Target Date, Deployment Lead, Status', () => {
    const meta = Object.fromEntries(
      checklist.metadata.filter((m) => m.range.start.line < SEED_FACTS.titleLine + 9).map((m) => [m.key, m.value]),
    );
    assert.equal(meta.Version, '1.0.0');
    assert.equal(meta['Target Date'], SEED_FACTS.targetDate);
    assert.equal(meta['Deployment Lead'], SEED_FACTS.lead);
    assert.equal(meta.Status, 'READY FOR EXECUTION');
  });

  test('ids are unique, and stable when another item is edited, toggled or added', () => {
    const ids = checklist.items.map((i) => i.id);
    assert.equal(new Set(ids).size, ids.length, 'unique');
    const target = checklist.items.findIndex((i) => i.text === 'Deprecated code removed');
    assert.ok(target >= 0);

    const renamed = parseChecklist(text.replace('- [ ] Deprecated code removed', '- [ ] Deprecated code removed and archived'));
    assert.notEqual(renamed.items[target].id, ids[target], 'the edited item gets a new id');
    assert.deepEqual(
      renamed.items.map((i) => i.id).filter((_, n) => n !== target),
      ids.filter((_, n) => n !== target),
    );

    const toggled = parseChecklist(text.replace('- [ ] Deprecated code removed', '- [x] Deprecated code removed'));
    assert.deepEqual(
      toggled.items.map((i) => i.id),
      ids,
      'checking a box changes no id',
    );

    const added = parseChecklist(
      text.replace('- [ ] Deprecated code removed\n', '- [ ] Deprecated code removed\n- [ ] A brand new step\n'),
    );
    assert.deepEqual(
      added.items.map((i) => i.id).filter((id) => !id.endsWith('#a-brand-new-step')),
      ids,
      'adding an item changes no other id',
    );

    const moved = parseChecklist(text.replace('**Status:** READY FOR EXECUTION', '**Status:** READY FOR EXECUTION\n\nSome added prose.\n'));
    assert.deepEqual(
      moved.items.map((i) => i.id),
      ids,
      'ids do not depend on line numbers',
    );
  });
});
