/**
 * Each rule's metadata is the source of its docs page (scripts/ruleDocs.mjs): its example must make the rule
 * fire, and a rule says it fixes exactly when it offers fixes, with the example's fixed text what the fix yields.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { repoRoot } from '../../support/paths.ts';
import { check } from '../../../server/src/core/check.ts';
import { parseChecklist } from '../../../server/src/core/checklist.ts';
import { applyEdits } from '../../../server/src/core/edits.ts';
import { rules } from '../../../server/src/core/rules/index.ts';

const run = (text: string, options = {}) => check(parseChecklist(text), options);

describe('each rule fires on its own example', () => {
  for (const rule of rules) {
    test(rule.id, () => {
      const mine = run(rule.example.text).filter((f) => f.ruleId === rule.id);
      assert.ok(mine.length > 0, `${rule.id} finds nothing in its example:\n${rule.example.text}`);
      if (rule.fixes === undefined) {
        assert.equal(rule.example.fixed, undefined, 'a fixed text for a rule that offers no fix');
        return;
      }
      const [first] = mine;
      assert.ok(first.fix, `${rule.id} says it fixes, but its example's finding has no fix`);
      assert.equal(applyEdits(rule.example.text, first.fix.edits), rule.example.fixed);
      const after = run(rule.example.fixed!).filter((f) => f.ruleId === rule.id && f.message === first.message);
      assert.deepEqual(after, [], 'the fix leaves its finding');
    });
  }
});

test('only rules that say they fix offer fixes (examples and fixtures)', () => {
  const fixtures = join(repoRoot, 'test', 'fixtures');
  const texts = [
    ...rules.map((r) => r.example.text),
    ...readdirSync(fixtures)
      .filter((f) => f.endsWith('.md'))
      .map((f) => readFileSync(join(fixtures, f), 'utf8')),
  ];
  const saysItFixes = new Set(rules.filter((r) => r.fixes !== undefined).map((r) => r.id));
  const offered = new Set(texts.flatMap((text) => run(text).filter((f) => f.fix)).map((f) => f.ruleId));
  assert.deepEqual([...offered].sort(), [...saysItFixes].sort());
});

describe('a setting for front-matter-invalid, the rule the front-matter-* rules were split from', () => {
  const split = rules.filter((r) => r.formerId === 'front-matter-invalid').map((r) => r.id);
  const everyMistake = [
    '---',
    'gates:',
    '  Nobody: [Deploy]',
    'ecs: {cluster: prod}',
    'signers: [x]',
    'env: [A]',
    'template: 3',
    '---',
    '# Release {{project}}',
    '',
    '## Deploy',
    '',
    '- [ ] x',
    '',
  ].join('\n');
  const frontMatterRules = (options = {}) =>
    [...new Set(run(everyMistake, options).map((f) => f.ruleId))].filter((id) => split.includes(id));

  test('splits it into one rule per concern', () => {
    assert.deepEqual(split.sort(), [
      'front-matter-ecs',
      'front-matter-gates',
      'front-matter-run-context',
      'front-matter-signers',
      'front-matter-template',
      'front-matter-yaml',
    ]);
    assert.deepEqual(frontMatterRules().sort(), split.filter((id) => id !== 'front-matter-yaml').sort());
  });

  test('off turns every one of them off, and a severity re-grades them all', () => {
    assert.deepEqual(frontMatterRules({ rules: { 'front-matter-invalid': 'off' } }), []);
    const graded = run(everyMistake, { rules: { 'front-matter-invalid': 'info' } }).filter((f) => split.includes(f.ruleId));
    assert.ok(graded.length >= 5);
    assert.ok(graded.every((f) => f.severity === 'info'));
    const yaml = run('---\na: [\n---\n# T\n\n- [ ] x\n', { rules: { 'front-matter-invalid': 'off' } });
    assert.deepEqual(
      yaml.filter((f) => f.ruleId === 'front-matter-yaml'),
      [],
    );
  });

  test('a setting for the new id wins over the old one', () => {
    const options = { rules: { 'front-matter-invalid': 'off', 'front-matter-ecs': 'error' } };
    assert.deepEqual(frontMatterRules(options), ['front-matter-ecs']);
    assert.ok(run(everyMistake, options).every((f) => f.ruleId !== 'front-matter-ecs' || f.severity === 'error'));
  });
});

test("package.json's preflight.rules setting offers every rule id with its description and default, and the former ids as deprecated", () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const properties = pkg.contributes.configuration.properties['preflight.rules'].properties as Record<
    string,
    { default?: string; markdownDescription?: string; markdownDeprecationMessage?: string }
  >;
  const formerIds = [...new Set(rules.flatMap((r) => (r.formerId ? [r.formerId] : [])))];
  assert.deepEqual(Object.keys(properties).sort(), [...rules.map((r) => r.id), ...formerIds].sort());
  for (const rule of rules) {
    assert.equal(properties[rule.id].default, rule.severity, rule.id);
    assert.equal(properties[rule.id].markdownDescription, rule.description, rule.id);
  }
  for (const id of formerIds) assert.ok(properties[id].markdownDeprecationMessage, id);
});
