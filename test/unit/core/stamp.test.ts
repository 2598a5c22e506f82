/** Stamping a sign-off role in its three shapes: edits applied, the document parsed again. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseChecklist } from '../../../server/src/core/checklist.ts';
import type { SignOffRole } from '../../../server/src/core/model.ts';
import { stampSignOff, type Stamp } from '../../../server/src/core/stamp.ts';
import { applyEdits } from '../../support/applyEdits.ts';
import { seedText } from '../../support/material.ts';

const seed = seedText;
const ada: Stamp = { name: 'Ada Lovelace', at: '2026-11-27T21:49:32+01:00' };

/** Stamps `roleId` and returns the new text and the role as parsed from it. */
function stamped(text: string, roleId: string, stamp: Stamp = ada): { text: string; role: SignOffRole } {
  const result = stampSignOff(parseChecklist(text), roleId, stamp);
  if ('error' in result) assert.fail(result.error);
  const out = applyEdits(text, result.edits);
  const role = parseChecklist(out).signOff?.roles.find((r) => r.id === roleId);
  assert.ok(role, `role ${roleId} after stamping`);
  return { text: out, role };
}

const values = (role: SignOffRole) => Object.fromEntries(role.fields.map((f) => [f.key, f.value]));

describe('stampSignOff on the seed', () => {
  test('QA Lead: statement checked, name, date and time filled; nothing else changes', () => {
    const { text, role } = stamped(seed, 'sign-off/qa-lead');
    assert.equal(role.complete, true);
    assert.deepEqual(values(role), { Name: 'Ada Lovelace', Date: '2026-11-27', Time: '21:49+01:00' });
    assert.ok(role.statements.every((s) => s.checked));
    assert.ok(text.includes('### QA Lead\n- [x] All QA requirements met\n- Name: Ada Lovelace\n- Date: 2026-11-27\n- Time: 21:49+01:00\n'));
    // Other roles untouched (positions after the edit move, so compare what they say).
    const summary = (source: string) =>
      parseChecklist(source)
        .signOff!.roles.filter((r) => r.id !== role.id)
        .map((r) => ({ id: r.id, signed: r.signed, statements: r.statements.map((s) => [s.text, s.checked]), fields: values(r) }));
    assert.deepEqual(summary(text), summary(seed));
    assert.equal(text.length - seed.length, 'Ada Lovelace2026-11-2721:49+01:00'.length - 3 * 16);
  });

  test('stamping again by the same signer changes nothing; another signer is refused', () => {
    const { text } = stamped(seed, 'sign-off/qa-lead');
    const again = stampSignOff(parseChecklist(text), 'sign-off/qa-lead', ada);
    assert.deepEqual(again, { edits: [] });
    const other = stampSignOff(parseChecklist(text), 'sign-off/qa-lead', { name: 'Grace Hopper', at: ada.at });
    assert.ok('error' in other);
    assert.match(other.error, /already signed \(Name: Ada Lovelace\)/);
  });

  test('an unknown role lists the known ones', () => {
    const result = stampSignOff(parseChecklist(seed), 'sign-off/qa', ada);
    assert.ok('error' in result);
    assert.match(result.error, /No sign-off role 'sign-off\/qa'/);
    assert.match(result.error, /sign-off\/deployment-lead, sign-off\/qa-lead, sign-off\/devops-lead, sign-off\/product-owner/);
  });
});

describe('stampSignOff in other shapes', () => {
  test('a table row: cells keep their pipes and padding, a `|` in the name is escaped', () => {
    const text = '## Sign-off\n\n| Role | Name | Signature | Date |\n|---|---|---|---|\n| QA Lead |  | | |\n| Dev | ____ | ____ | ____ |\n';
    const { text: out, role } = stamped(text, 'sign-off/qa-lead', { name: 'Ada | Lovelace', at: ada.at });
    assert.equal(out.split('\n')[4], '| QA Lead | Ada \\| Lovelace | Ada \\| Lovelace | 2026-11-27T21:49:32+01:00 |');
    assert.equal(out.split('\n')[5], '| Dev | ____ | ____ | ____ |');
    assert.equal(role.complete, true);
    // No Time column: the whole timestamp goes into Date.
    assert.deepEqual(values(role), { Name: 'Ada | Lovelace', Signature: 'Ada | Lovelace', Date: ada.at });
  });

  test('a table with underscores and aligned columns', () => {
    const text =
      '## Approvals\n\n| Role | Name         | Date       | Time     |\n|------|--------------|------------|----------|\n| QA   | ____________ |            | ________ |\n';
    const { text: out, role } = stamped(text, 'approvals/qa');
    assert.equal(out.split('\n')[4], '| QA   | Ada Lovelace | 2026-11-27 | 21:49+01:00 |');
    assert.deepEqual(values(role), { Name: 'Ada Lovelace', Date: '2026-11-27', Time: '21:49+01:00' });
  });

  test('a task item per role: the box is checked and the blanks filled', () => {
    const text = '## Sign-off\n\n- [ ] QA Lead: ____ Date: ____\n- [ ] Dev Lead: ____\n';
    const { text: out, role } = stamped(text, 'sign-off/qa-lead', { name: 'Ada', at: ada.at });
    assert.equal(out, '## Sign-off\n\n- [x] QA Lead: Ada Date: 2026-11-27T21:49:32+01:00\n- [ ] Dev Lead: ____\n');
    assert.equal(role.complete, true);
  });

  test('empty values get a spaced name; bold keys, placeholders and CRLF are kept', () => {
    const text = '## Sign-off\r\n\r\n### QA\r\n- [ ] Tested\r\n- [x] Reviewed\r\n- Name:\r\n- **Date:**   \r\n- Time: [time]\r\n';
    const { text: out, role } = stamped(text, 'sign-off/qa', { name: ' Ada\nLovelace ', at: '2026-11-27T20:49:32Z' });
    assert.equal(
      out,
      '## Sign-off\r\n\r\n### QA\r\n- [x] Tested\r\n- [x] Reviewed\r\n- Name: Ada Lovelace\r\n- **Date:** 2026-11-27\r\n- Time: 20:49+00:00\r\n',
    );
    assert.equal(role.complete, true);
  });

  test('printed name and signature both take the name', () => {
    const { role } = stamped('## Sign-Off\n\n### Ops\n- Printed name: ________\n- Signature: ________\n', 'sign-off/ops');
    assert.deepEqual(values(role), { 'Printed name': 'Ada Lovelace', Signature: 'Ada Lovelace' });
  });

  test('errors say what is missing', () => {
    const none = stampSignOff(parseChecklist('## Work\n\n- [ ] a\n'), 'sign-off/qa', ada);
    assert.ok('error' in none);
    assert.match(none.error, /no sign-off section/);

    const empty = stampSignOff(parseChecklist('## Sign-off\n\n### QA\n\nNothing here yet.\n'), 'sign-off/qa', ada);
    assert.ok('error' in empty);
    assert.match(empty.error, /neither fields .* nor statements/);

    const badTime = stampSignOff(parseChecklist('## Sign-off\n\n### QA\n- Name: ___\n'), 'sign-off/qa', { name: 'Ada', at: '27/11/2026' });
    assert.ok('error' in badTime);
    assert.match(badTime.error, /not ISO 8601/);
  });
});
