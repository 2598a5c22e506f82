/** Inline cases for the rules: the registry, fixes, secrets, the seed document, parse-mode parity. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { repoRoot } from '../../support/paths.ts';
import { check } from '../../../server/src/core/check.ts';
import { parseChecklist } from '../../../server/src/core/checklist.ts';
import type { TextEdit } from '../../../server/src/core/model.ts';
import type { Finding, Rule } from '../../../server/src/core/rules/defineRule.ts';
import { rules } from '../../../server/src/core/rules/index.ts';
import { isPlaceholderValue } from '../../../server/src/core/rules/secret-in-checklist.ts';
import { isExtended, material, seedText } from '../../support/material.ts';

const rulesDir = join(repoRoot, 'server', 'src', 'core', 'rules');
const fixturesDir = join(repoRoot, 'test', 'fixtures');

const run = (text: string) => check(parseChecklist(text));
const only = (text: string, ruleId: string) => run(text).filter((f) => f.ruleId === ruleId);
const at = (f: Finding) => `${f.range.start.line}:${f.range.start.column}`;

function apply(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.range.start.offset - a.range.start.offset)) {
    out = out.slice(0, edit.range.start.offset) + edit.newText + out.slice(edit.range.end.offset);
  }
  return out;
}

const fixtureTexts = readdirSync(fixturesDir)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => ({ name: f, text: readFileSync(join(fixturesDir, f), 'utf8') }));

describe('rule registry', () => {
  const helpers = new Set(['defineRule.ts', 'index.ts']);
  const files = readdirSync(rulesDir, { withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts') && !helpers.has(d.name))
    .map((d) => d.name.slice(0, -3))
    .sort();

  test('every rule file is registered, and every registered rule has its own file', () => {
    assert.deepEqual(rules.map((r) => r.id).sort(), files);
  });

  test('ids are unique and kebab-case', () => {
    assert.equal(new Set(rules.map((r) => r.id)).size, rules.length);
    for (const rule of rules) assert.match(rule.id, /^[a-z]+(?:-[a-z]+)*$/, rule.id);
  });

  test('at least 12 rules', () => {
    assert.ok(rules.length >= 12, `only ${rules.length} rules`);
  });

  for (const rule of rules) {
    test(`${rule.id}: the file's default export is the registered rule, with a description and severity`, async () => {
      const mod = (await import(pathToFileURL(join(rulesDir, `${rule.id}.ts`)).href)) as { default: Rule };
      assert.equal(mod.default, rule);
      assert.equal(mod.default.id, rule.id);
      assert.ok(rule.description.trim().length > 10, 'description');
      assert.ok(['error', 'warning', 'info'].includes(rule.severity));
    });
  }
});

describe('fixes', () => {
  const cases = [
    ...fixtureTexts,
    { name: 'crlf malformed', text: '# T\r\n\r\n## A\r\n\r\n- [] one\r\n-[x] two\r\n☐ three\r\n' },
    { name: 'crlf heading', text: '# T\r\n\r\n#### Deep\r\n\r\n- [ ] step\r\n' },
    { name: 'quoted heading', text: '# T\n\n> ### Quoted skip\n> - [ ] step\n' },
    { name: 'indented heading', text: '# T\n\n   #### Indented skip\n\n- [ ] step\n' },
    { name: 'tilde fence', text: '# T\n\n## A\n\n- [ ] step\n\n~~~~\nkubectl rollout status deploy/api\n~~~~\n' },
    { name: 'duplicate at end without newline', text: '# T\n\n## A\n\n- [ ] Same\n- [ ] same' },
  ];
  for (const { name, text } of cases) {
    const findings = run(text).filter((f) => f.fix);
    if (findings.length === 0) continue;
    test(`${name}: applying each fix makes its finding disappear`, () => {
      for (const finding of findings) {
        const fixed = apply(text, finding.fix!.edits);
        assert.notEqual(fixed, text, `${finding.ruleId} at ${at(finding)}: the fix changes nothing`);
        const before = run(text).filter((f) => f.ruleId === finding.ruleId);
        const after = run(fixed).filter((f) => f.ruleId === finding.ruleId);
        const stillThere = after.some((f) => f.range.start.line === finding.range.start.line && f.message === finding.message);
        assert.ok(!stillThere || after.length < before.length, `${finding.ruleId} at ${at(finding)} survives its fix:\n${fixed}`);
      }
    });
  }

  test('the malformed-checkbox fix turns the line into a real task with the intended state', () => {
    const text = '# T\n\n## A\n\n- [ x] done\n- [] open\n☒ crossed\n';
    let fixed = text;
    // Apply from the bottom so earlier ranges stay valid.
    for (const f of only(text, 'malformed-checkbox').reverse()) fixed = apply(fixed, f.fix!.edits);
    const items = parseChecklist(fixed).items.map((i) => [i.text, i.checked]);
    assert.deepEqual(items, [
      ['done', true],
      ['open', false],
      ['crossed', true],
    ]);
  });
});

describe('malformed-checkbox', () => {
  test('never fires on a valid task, whatever the marker', () => {
    const text = [
      '# T',
      '',
      '## A',
      '',
      '- [ ] a',
      '- [x] b',
      '* [X] c',
      '+ [ ] d',
      '1. [x] e',
      '3) [ ] f',
      '- [ ]\tg',
      '  - [ ] nested',
      '> - [x] quoted',
    ].join('\n');
    assert.equal(parseChecklist(text).items.length, 9);
    assert.deepEqual(only(text, 'malformed-checkbox'), []);
  });

  test('does not fire inside fenced code, indented code or HTML comments', () => {
    const text = '# T\n\n## A\n\n- [ ] real\n\n```\n- [] x\n```\n\n    - [ x] y\n\n<!-- - [] z -->\n<!--\n☐ w\n-->\n';
    assert.deepEqual(only(text, 'malformed-checkbox'), []);
  });
});

describe('secret-in-checklist', () => {
  const secrets = [
    { kind: 'AWS access key id', secret: 'AKIAZ7Q3M5VXK2LRT4PB', line: 'Use key AKIAZ7Q3M5VXK2LRT4PB' },
    { kind: 'GitHub token', secret: 'ghp_R8x2Lk9QmZ4vT7nB3cY6wP1sD5fG0hJ2aE8u', line: 'token ghp_R8x2Lk9QmZ4vT7nB3cY6wP1sD5fG0hJ2aE8u' },
    {
      kind: 'GitHub token',
      secret: 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuv',
      line: 'token github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuv',
    },
    { kind: 'Slack token', secret: 'xoxp-2048-9173-Qm8ZrT2vLk4Wn', line: 'slack xoxp-2048-9173-Qm8ZrT2vLk4Wn' },
    { kind: 'Stripe live secret key', secret: 'sk_live_51HqZ2eK8Lm3NpQ4rS5tU6vW7', line: 'stripe sk_live_51HqZ2eK8Lm3NpQ4rS5tU6vW7' },
    { kind: 'password', secret: 'Tr0ub4dor3', line: '`PGPASSWORD=Tr0ub4dor3 psql -h db`' },
    { kind: 'password', secret: 'hunter2xyz', line: '`psql postgres://admin:hunter2xyz@db:5432/app`' },
    { kind: 'password', secret: 's3cretPw', line: "`mysql -u root -p's3cretPw' app`" },
    { kind: 'password', secret: 'S3cr3tPass', line: '`mysql -u admin -pS3cr3tPass prod`' },
    { kind: 'password', secret: 'wJalrXUtnFEMI', line: '`tool login --password wJalrXUtnFEMI`' },
    { kind: 'password', secret: 'quoted pass phrase', line: '`tool login --password="quoted pass phrase"`' },
  ];
  for (const { kind, secret, line } of secrets) {
    test(`finds a ${kind} and never echoes it`, () => {
      const findings = only(`# T\n\n## A\n\n- [ ] ${line}\n`, 'secret-in-checklist');
      assert.equal(findings.length, 1, JSON.stringify(findings));
      const [finding] = findings;
      assert.equal(finding.severity, 'error');
      assert.ok(!finding.message.includes(secret), finding.message);
      // Nor any long piece of it.
      for (let i = 0; i + 6 <= secret.length; i++)
        assert.ok(!finding.message.includes(secret.slice(i, i + 6)), `${finding.message} contains ${secret.slice(i, i + 6)}`);
      assert.ok(finding.message.toLowerCase().includes(kind.toLowerCase()), finding.message);
    });
  }

  test('secrets in the fixture are reported without their values', () => {
    const text = fixtureTexts.find((f) => f.name === 'secret-in-checklist.md')!.text;
    const findings = only(text, 'secret-in-checklist');
    assert.ok(findings.length >= 10);
    for (const f of findings) {
      const value = text.slice(f.range.start.offset, f.range.end.offset);
      assert.ok(value.length >= 6, `range too small: ${value}`);
      assert.ok(!f.message.includes(value), f.message);
    }
  });

  test('placeholders and variables are not secrets', () => {
    assert.deepEqual(only('# T\n\n## A\n\n- [ ] key AKIAXXXXXXXXXXXXXXXX and sk_live_xxxxxxxxxxxxxxxxxxxx\n', 'secret-in-checklist'), []);
    for (const value of [
      '$DB_PASSWORD',
      '${TOKEN}',
      '$(cat pw)',
      '<password>',
      '****',
      'xxxx',
      'changeme',
      '"<your-token>"',
      '{{ secret }}',
      '[password]',
      '%PASS%',
      'EXAMPLE-key',
      'true',
    ]) {
      assert.ok(isPlaceholderValue(value), value);
    }
    for (const value of ['hunter2xyz', 'Tr0ub4dor3', "'n0tAPlaceh0lder'"]) assert.ok(!isPlaceholderValue(value), value);
  });
});

describe('status-contradiction', () => {
  test('READY FOR EXECUTION on an unticked checklist does not fire', () => {
    assert.deepEqual(only('# T\n**Status:** READY FOR EXECUTION\n\n## A\n\n- [ ] one\n', 'status-contradiction'), []);
  });

  test('a completion claim fires only while required items are open', () => {
    assert.equal(only('# T\n**Status:** DONE\n\n## A\n\n- [ ] one\n', 'status-contradiction').length, 1);
    assert.deepEqual(only('# T\n**Status:** DONE\n\n## A\n\n- [x] one\n- [ ] two (optional)\n', 'status-contradiction'), []);
  });

  test('a checklist without required items never contradicts its status', () => {
    assert.deepEqual(only('# T\n**Status:** PENDING\n\nJust text.\n', 'status-contradiction'), []);
  });
});

describe('gate-order and sign-off', () => {
  test('one finding per later phase, at its first checked item', () => {
    const text = '# T\n\n## Phase 1\n\n- [ ] a\n\n## Phase 2\n\n- [ ] b\n- [x] c\n- [x] d\n\n## Phase 3\n\n- [x] e\n';
    const findings = only(text, 'gate-order');
    assert.deepEqual(findings.map(at), ['10:1', '15:1']);
    assert.match(findings[0].message, /^2 items checked in 'Phase 2' while 'Phase 1' still has 1 open required item:/);
  });

  test('phases that are topics rather than steps in time are not gates', () => {
    assert.deepEqual(only('# T\n\n## Security\n\n- [ ] a\n\n## Monitoring\n\n- [x] b\n', 'gate-order'), []);
  });

  test('with front matter gates, a signed role answers only for its own phases', () => {
    const text =
      '---\ngates:\n  QA: [Testing]\n---\n# T\n\n## Build\n\n- [ ] compile\n\n## Testing\n\n- [x] unit\n- [ ] e2e\n\n## Sign-Off\n\n### QA\n- [x] Ready\n- Name: Ada\n';
    const [finding, ...rest] = only(text, 'signoff-before-complete');
    assert.equal(rest.length, 0);
    assert.match(
      finding.message,
      /^'QA' has signed off while 1 required item of its gate \('Testing'\) is still open \(first in 'Testing', line 14\)/,
    );
    assert.deepEqual(only(text.replace('- [ ] e2e', '- [x] e2e'), 'signoff-before-complete'), [], "the open Build item is not QA's");
  });

  test('a signed role with all earlier work done only needs its Name and Date', () => {
    const text = '# T\n\n## Work\n\n- [x] a\n\n## Sign-Off\n\n### Lead\n- [x] Ready\n- Name: Ada\n- Date: ____\n';
    assert.deepEqual(only(text, 'signoff-before-complete'), []);
    assert.deepEqual(only(text, 'signoff-blank-fields').map(at), ['12:3']);
  });
});

describe('all rules', () => {
  for (const { name, text } of fixtureTexts) {
    test(`${name}: the same findings from a chunked and a whole-document parse, and on a second run`, () => {
      const chunked = check(parseChecklist(text));
      assert.deepEqual(check(parseChecklist(text, { chunked: false })), chunked);
      assert.deepEqual(check(parseChecklist(text)), chunked);
    });
  }

  test('an empty document yields no findings', () => {
    assert.deepEqual(run(''), []);
  });

  test("a command's own Go-template syntax in code is no placeholder; a placeholder beside it, or in prose, still is", () => {
    const text = [
      '# Runbook',
      '',
      '## Check',
      '',
      "- [ ] List the pods: `kubectl get pods -o go-template --template '{{range .items}}{{.metadata.name}}{{end}}'`",
      '',
      '```bash',
      'helm upgrade web ./chart --set image={{ .Values.image }} --namespace {{namespace}}',
      "kubectl get nodes --template '{{range .items}}{{if .spec.unschedulable}}{{.metadata.name}}{{else}}-{{end}}{{end}}'",
      '```',
      '',
      '- [ ] Prose is not a command: {{end}}',
      '',
    ].join('\n');
    const found = only(text, 'unfilled-placeholder').map((f) => `${text.slice(f.range.start.offset, f.range.end.offset)} ${f.severity}`);
    assert.deepEqual(found, ['{{namespace}} error', '{{end}} error']);
  });

  test('a rule can be switched off or re-graded', () => {
    const text = '# T\n\n## A\n\n- [] x\n';
    assert.equal(only(text, 'malformed-checkbox').length, 1);
    assert.deepEqual(
      check(parseChecklist(text), { rules: { 'malformed-checkbox': 'off' } }).filter((f) => f.ruleId === 'malformed-checkbox'),
      [],
    );
    assert.equal(
      check(parseChecklist(text), { rules: { 'malformed-checkbox': 'error' } }).find((f) => f.ruleId === 'malformed-checkbox')?.severity,
      'error',
    );
  });
});

describe(`the seed checklist (${material.seedName})`, () => {
  test('placeholders are reported; no secrets, conflicts or status contradictions', () => {
    const text = seedText;
    const findings = run(text);
    const placeholders = findings.filter((f) => f.ruleId === 'unfilled-placeholder');
    const slice = (f: Finding) => text.slice(f.range.start.offset, f.range.end.offset);
    const lines = text.split('\n');
    if (isExtended) {
      assert.ok(
        placeholders.some((f) => slice(f) === '[Set deployment date]'),
        'Target Date',
      );
      assert.ok(
        placeholders.some((f) => slice(f) === '[Name]'),
        'Deployment Lead',
      );
    } else {
      // Filled by `preflight new`: the date and lead are values now; the template's other brackets are still open.
      for (const key of ['Target Date', 'Deployment Lead']) {
        const line = lines.findIndex((l) => l.startsWith(`**${key}:** `)) + 1;
        assert.ok(line > 0, key);
        assert.deepEqual(placeholders.filter((f) => f.range.start.line === line).map(slice), [], `${key} is filled`);
      }
      assert.ok(
        placeholders.some((f) => slice(f) === '[date - minimum 6 months]'),
        'the SSL item',
      );
    }
    for (const key of ['Name', 'Date', 'Time']) {
      const blanks = lines.flatMap((l, i) => (l.startsWith(`- ${key}: ____`) ? [i + 1] : []));
      assert.ok(blanks.length >= 4, `${key} fields in the seed`);
      for (const line of blanks) {
        assert.ok(
          placeholders.some((f) => f.range.start.line === line && f.message.includes(`'${key}'`)),
          `no unfilled-placeholder for ${key} at line ${line}`,
        );
      }
    }
    for (const code of ['secret-in-checklist', 'conflict-markers', 'status-contradiction']) {
      assert.deepEqual(
        findings.filter((f) => f.ruleId === code),
        [],
        code,
      );
    }
  });
});
