/** Sign-off gates: front matter `gates:` by role, the default gate, and the findings for typos in it. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { check } from '../../../server/src/core/check.ts';
import { parseChecklist } from '../../../server/src/core/checklist.ts';
import { gateOf, gateProblems } from '../../../server/src/core/signOffGate.ts';
import type { Checklist } from '../../../server/src/core/model.ts';
import { outline } from '../../../server/src/lsp/features/outline.ts';
import { withShellParser } from '../../support/shellParser.ts';

// Outlines and code lenses read shell steps (ECS targets) with the bash parser.
withShellParser();

const BODY = `# Release

- [ ] Loose item

## Build

- [ ] Compile
- [ ] Docs (optional)

### Testing

- [x] Unit tests
- [ ] E2E tests
  - [ ] Nested required
  - [ ] ~~Struck~~

#### Load

- [ ] Load test

## Deploy

- [x] Ship

## Rollback Procedures

### When to Rollback

- [ ] Error rate above 5%

## Sign-Off

### QA Lead
- [ ] QA approved
- Name: ____

### Ops Lead
- Name: ____

### Product Owner
- Name: ____

## Afterwards

- [ ] Retro
`;

const withGates = (yaml: string) => `---\n${yaml}\n---\n\n${BODY}`;
const texts = (checklist: Checklist, roleName: string) => {
  const role = checklist.signOff?.roles.find((r) => r.name === roleName);
  assert.ok(role, roleName);
  return gateOf(checklist, role).items.map((i) => i.text);
};
const DEFAULT = ['Loose item', 'Compile', 'Unit tests', 'E2E tests', 'Nested required', 'Load test', 'Ship'];

describe('gateOf', () => {
  test('without gates: every required item above the sign-off; optional, struck, conditional and sign-off items left out', () => {
    const checklist = parseChecklist(BODY);
    for (const role of ['QA Lead', 'Ops Lead', 'Product Owner']) assert.deepEqual(texts(checklist, role), DEFAULT, role);
    const role = checklist.signOff!.roles[0];
    assert.deepEqual(gateOf(checklist, role).phases, []);
    assert.deepEqual(gateOf(checklist, role).unknown, []);
  });

  test('a list of titles, matched case-insensitively at any depth, sub-sections included', () => {
    const checklist = parseChecklist(withGates('gates:\n  QA Lead: [testing]'));
    const gate = gateOf(checklist, checklist.signOff!.roles[0]);
    assert.deepEqual(
      gate.phases.map((p) => p.title),
      ['Testing'],
    );
    assert.deepEqual(
      gate.items.map((i) => i.text),
      ['Unit tests', 'E2E tests', 'Nested required', 'Load test'],
    );
    // Roles without an entry keep the default gate.
    assert.deepEqual(texts(checklist, 'Product Owner'), DEFAULT);
  });

  test('a single title as a string; role keys ignore case and runs of whitespace', () => {
    const checklist = parseChecklist(withGates('gates:\n  "  ops   LEAD ": Deploy\n  qa lead: [Build]'));
    assert.deepEqual(texts(checklist, 'Ops Lead'), ['Ship']);
    assert.deepEqual(texts(checklist, 'QA Lead'), ['Compile', 'Unit tests', 'E2E tests', 'Nested required', 'Load test']);
  });

  test('phase ids and role ids are accepted; several phases merge in document order without duplicates', () => {
    const checklist = parseChecklist(withGates('gates:\n  sign-off/qa-lead: [Deploy, build/testing/load, Testing]'));
    const gate = gateOf(checklist, checklist.signOff!.roles[0]);
    assert.deepEqual(
      gate.phases.map((p) => p.id),
      ['build/testing', 'build/testing/load', 'deploy'],
    );
    assert.deepEqual(
      gate.items.map((i) => i.text),
      ['Unit tests', 'E2E tests', 'Nested required', 'Load test', 'Ship'],
    );
  });

  test('a phase after the sign-off may be named; a conditional phase yields nothing required; sign-off statements never count', () => {
    const checklist = parseChecklist(
      withGates('gates:\n  QA Lead: [Afterwards]\n  Ops Lead: [Rollback Procedures]\n  Product Owner: [Sign-Off, Deploy]'),
    );
    assert.deepEqual(texts(checklist, 'QA Lead'), ['Retro']);
    assert.deepEqual(texts(checklist, 'Ops Lead'), []);
    assert.deepEqual(texts(checklist, 'Product Owner'), ['Ship']);
  });

  test('unknown titles are left out; an entry naming nothing known keeps the default gate', () => {
    const checklist = parseChecklist(withGates('gates:\n  QA Lead: [Testng, Deploy]\n  Ops Lead: [Nope]\n  Product Owner: []'));
    const qa = gateOf(checklist, checklist.signOff!.roles[0]);
    assert.deepEqual(
      qa.items.map((i) => i.text),
      ['Ship'],
    );
    assert.deepEqual(qa.unknown, ['Testng']);
    const ops = gateOf(checklist, checklist.signOff!.roles[1]);
    assert.deepEqual(ops.phases, []);
    assert.deepEqual(ops.unknown, ['Nope']);
    assert.deepEqual(
      ops.items.map((i) => i.text),
      DEFAULT,
    );
    assert.deepEqual(texts(checklist, 'Product Owner'), DEFAULT);
  });

  test('a title two headings share names both', () => {
    const text =
      '---\ngates:\n  QA: [Docs]\n---\n# T\n## A\n### Docs\n- [ ] a\n## B\n### Docs\n- [ ] b\n## Sign-Off\n### QA\n- Name: ____\n';
    const checklist = parseChecklist(text);
    assert.deepEqual(texts(checklist, 'QA'), ['a', 'b']);
  });
});

describe('gates: findings (front-matter-gates)', () => {
  const findings = (text: string) => check(parseChecklist(text)).filter((f) => f.ruleId === 'front-matter-gates');

  test('a gate that applies as written gives nothing', () => {
    assert.deepEqual(findings(withGates('gates:\n  QA Lead: [Testing]\n  Ops Lead: Deploy')), []);
    assert.deepEqual(gateProblems(parseChecklist(BODY)), []);
  });

  test('an unknown phase: a warning on its line, with a likely title and what happens meanwhile', () => {
    const [f, ...rest] = findings(withGates('gates:\n  QA Lead: [Test]'));
    assert.equal(rest.length, 0);
    assert.equal(f.severity, 'warning');
    assert.match(
      f.message,
      /`gates: QA Lead` names the phase "Test", which no heading has \(did you mean "Testing"\?\): until one does, "QA Lead" keeps the default gate/,
    );
    assert.equal(f.range.start.line, 3);
    assert.equal(f.range.start.column, 13);
    const partly = findings(withGates('gates:\n  QA Lead: [Deploy, Nope]'));
    assert.match(partly[0].message, /"Nope".*: it is left out of the gate/);
  });

  test('an unknown role, a value of the wrong shape, `gates:` not a mapping, an empty list', () => {
    const messages = findings(withGates('gates:\n  Security Lead: [Deploy]\n  QA Lead: {a: 1}\n  Ops Lead: []')).map((f) => f.message);
    assert.equal(messages.length, 3);
    assert.match(
      messages[0],
      /names the role "Security Lead", which the sign-off does not have \(its roles are "QA Lead", "Ops Lead", "Product Owner"\)/,
    );
    assert.match(messages[1], /`gates: QA Lead` should be a phase title or a list of titles/);
    assert.match(messages[2], /`gates: Ops Lead` lists no phase/);
    assert.match(findings(withGates('gates: [Testing]'))[0].message, /`gates:` should map sign-off role names to phase titles/);
  });

  test('a YAML error is one front-matter-yaml error, and gates are not read', () => {
    const all = check(parseChecklist(withGates('gates:\n  QA Lead: [Testing'))).filter((f) => f.ruleId.startsWith('front-matter-'));
    const [f, ...rest] = all;
    assert.equal(rest.length, 0);
    assert.equal(f.ruleId, 'front-matter-yaml');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /Front matter is not valid/);
  });
});

describe('outline: each role carries its gate', () => {
  test('phases as the document titles them, counts, open items by 0-based line', () => {
    const checklist = parseChecklist(withGates('gates:\n  QA Lead: [TESTING]'));
    const [qa, ops] = outline(checklist, 'file:///c.md', 1).signOff;
    assert.deepEqual(qa.gate, {
      phases: ['Testing'],
      done: 1,
      total: 4,
      open: [
        { id: 'build/testing#e2e-tests', text: 'E2E tests', line: 17 },
        { id: 'build/testing#nested-required', text: 'Nested required', line: 18 },
        { id: 'build/testing/load#load-test', text: 'Load test', line: 23 },
      ],
    });
    assert.equal(checklist.text.split('\n')[17], '- [ ] E2E tests');
    assert.deepEqual(ops.gate.phases, []);
    assert.equal(ops.gate.total, DEFAULT.length);
    assert.equal(ops.gate.done, 2);
    assert.equal(ops.gate.open[0].text, 'Loose item');
  });
});
