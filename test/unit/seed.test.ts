/**
 * The seed (../shared/seed/production-deployment-checklist.md) reported correctly. Expected numbers are
 * counted here independently of the core (line scans and a plain remark-gfm parse), not copied from it.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import { parseChecklist } from '../../server/src/core/checklist.ts';
import type { Checklist, Phase } from '../../server/src/core/model.ts';
import { allPhases } from '../../server/src/core/progress.ts';
import { remarkTaskCount } from '../support/gfm.ts';
import { seedMissing, seedPath } from '../support/paths.ts';

const present = existsSync(seedPath);
const text = present ? readFileSync(seedPath, 'utf8') : '';

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

describe('the seed checklist', { skip: present ? false : seedMissing }, () => {
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
    assert.equal(checklist.titleHeading?.range.start.line, 1);
  });

  test('phases are the ## headings; the title is not a phase', () => {
    const expected = proseLines(text).filter((l) => /^## /.test(l.line)).map((l) => l.line.slice(3).trim());
    assert.ok(expected.length >= 8);
    assert.deepEqual(checklist.phases.map((p) => p.title), expected);
    assert.ok(checklist.phases.every((p) => p.level === 2));
    assert.ok(!checklist.phases.some((p) => p.title === checklist.title));
    const sections = proseLines(text).filter((l) => /^### /.test(l.line)).map((l) => l.line.slice(4).trim());
    assert.deepEqual(checklist.phases.flatMap((p) => p.phases.map((s) => s.title)), sections, '### headings nest under their phase');
  });

  test('0 of N done, N counted independently', () => {
    const byLine = proseLines(text).filter((l) => /^\s*[-*+] \[[ xX]\] \S/.test(l.line)).length;
    const plain = remarkTaskCount(text);
    assert.equal(plain.total, byLine, 'line scan and remark-gfm agree on the seed');
    assert.equal(checklist.progress.total, byLine);
    assert.equal(checklist.progress.done, 0);
    assert.equal(checklist.items.length, byLine);
    assert.deepEqual(checklist.items.map((i) => i.range.start.line), plain.lines);
    const sum = checklist.phases.reduce((n, p) => n + p.progress.total, checklist.looseItems.length);
    assert.equal(sum, byLine, 'phase totals add up to the document total');
  });

  test('Rollback Procedures is conditional and left out of required', () => {
    const rollback = phase('Rollback Procedures');
    assert.equal(rollback.conditional, true);
    assert.ok(rollback.phases.length >= 1 && rollback.phases.every((p) => p.conditional), 'its sub-phases too');
    const inside = checklist.items.filter((i) => i.range.start.offset >= rollback.range.start.offset && i.range.start.offset < rollback.sectionEnd.offset);
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
    assert.deepEqual(checklist.tableChecks.map((c) => c.box.start.line), rows.map((r) => r.n));
    assert.equal(timeline.tableChecks.length, 10);
    assert.equal(timeline.progress.total, 0, 'no task items in the timeline');
    const itemLines = new Set(checklist.items.map((i) => i.range.start.line));
    assert.ok(rows.every((r) => !itemLines.has(r.n)));
    assert.deepEqual(checklist.tableChecks[0].row, ['T-24h', 'Final code review', 'Engineering', '[ ]']);
  });

  test('placeholders: [Set deployment date], [Name] and every ____ blank', () => {
    const texts = checklist.placeholders.map((p) => p.text);
    assert.ok(texts.includes('[Set deployment date]'));
    assert.ok(texts.includes('[Name]'));
    const blanks = text.match(/_{4,}/g) ?? [];
    assert.ok(blanks.length >= 20);
    assert.equal(checklist.placeholders.filter((p) => p.kind === 'blank').length, blanks.length);
    for (const p of checklist.placeholders) assert.equal(text.slice(p.range.start.offset, p.range.end.offset), p.text);
    const date = checklist.placeholders.find((p) => p.text === '[Set deployment date]');
    assert.equal(date?.kind, 'bracket');
    assert.equal(date?.range.start.line, 5);
  });

  test('sign-off: four roles with blank Name/Date/Time', () => {
    const signOff = checklist.signOff;
    assert.ok(signOff, 'a sign-off section');
    assert.equal(signOff.phase.title, 'Sign-Off');
    assert.deepEqual(signOff.roles.map((r) => r.name), ['Deployment Lead', 'QA Lead', 'DevOps Lead', 'Product Owner']);
    assert.deepEqual(signOff.roles.map((r) => r.statements.length), [1, 1, 2, 1]);
    for (const role of signOff.roles) {
      assert.deepEqual(role.fields.map((f) => f.key), ['Name', 'Date', 'Time'], role.name);
      assert.ok(role.fields.every((f) => !f.filled && /^_+$/.test(f.value)), `${role.name}: fields blank`);
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

  test('metadata: Version, Target Date, Status', () => {
    const meta = Object.fromEntries(checklist.metadata.filter((m) => m.range.start.line < 10).map((m) => [m.key, m.value]));
    assert.equal(meta.Version, '1.0.0');
    assert.equal(meta['Target Date'], '[Set deployment date]');
    assert.equal(meta.Status, 'READY FOR EXECUTION');
  });

  test('ids are unique, and stable when another item is edited, toggled or added', () => {
    const ids = checklist.items.map((i) => i.id);
    assert.equal(new Set(ids).size, ids.length, 'unique');
    const target = checklist.items.findIndex((i) => i.text === 'Deprecated code removed');
    assert.ok(target >= 0);

    const renamed = parseChecklist(text.replace('- [ ] Deprecated code removed', '- [ ] Deprecated code removed and archived'));
    assert.notEqual(renamed.items[target].id, ids[target], 'the edited item gets a new id');
    assert.deepEqual(renamed.items.map((i) => i.id).filter((_, n) => n !== target), ids.filter((_, n) => n !== target));

    const toggled = parseChecklist(text.replace('- [ ] Deprecated code removed', '- [x] Deprecated code removed'));
    assert.deepEqual(toggled.items.map((i) => i.id), ids, 'checking a box changes no id');

    const added = parseChecklist(text.replace('- [ ] Deprecated code removed\n', '- [ ] Deprecated code removed\n- [ ] A brand new step\n'));
    assert.deepEqual(added.items.map((i) => i.id).filter((id) => !id.endsWith('#a-brand-new-step')), ids, 'adding an item changes no other id');

    const moved = parseChecklist(text.replace('**Status:** READY FOR EXECUTION', '**Status:** READY FOR EXECUTION\n\nSome added prose.\n'));
    assert.deepEqual(moved.items.map((i) => i.id), ids, 'ids do not depend on line numbers');
  });
});
