/**
 * Templates: placeholder discovery and metadata, filling (refusals, literal values, the front matter's
 * `template:` block cut out as text, CRLF), new file names, the `{{x}}` findings, and every bundled
 * template filled and checked. Expectations are written out or counted from the texts.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { check } from '../../../server/src/core/check.ts';
import { parseChecklist } from '../../../server/src/core/checklist.ts';
import type { Phase } from '../../../server/src/core/model.ts';
import type { Finding } from '../../../server/src/core/rules/defineRule.ts';
import {
  fillTemplate,
  newChecklistPath,
  SYMBOLIC_DEFAULTS,
  type TemplateInfo,
  templateInfo,
  templateProblems,
} from '../../../server/src/core/template.ts';
import { isExtended, seedText } from '../../support/material.ts';
import { repoRoot } from '../../support/paths.ts';
import { checklistFromTemplate, SEED_VALUES } from '../../support/seedChecklist.mjs';
import { TemplateDefaults } from '../../../server/src/protocol/protocol.ts';

const templatesDir = path.join(repoRoot, 'templates');
const templateFiles = readdirSync(templatesDir)
  .filter((f) => f.endsWith('.md'))
  .sort();
const read = (name: string) => readFileSync(path.join(templatesDir, name), 'utf8');

function filled(text: string, values: Record<string, string>): string {
  const result = fillTemplate(text, values);
  if ('error' in result) assert.fail(result.error);
  return result.text;
}
const unfilled = (text: string) => check(parseChecklist(text)).filter((f) => f.ruleId === 'unfilled-placeholder');
const slice = (text: string, f: Finding) => text.slice(f.range.start.offset, f.range.end.offset);
const fmFindings = (text: string) => check(parseChecklist(text)).filter((f) => f.ruleId === 'front-matter-template');

const DEMO = `---
# Asked by New Checklist from Template.
template:
  name: Team hotfix
  description: The short path for an urgent fix.
  placeholders:
    project: { prompt: Service name, example: Checkout }   # {{not_a_use}} in a comment of the block
    date: { prompt: Release date, default: today }
    lead: { prompt: Hotfix lead, default: git user.name }
    version: { default: 1.0, example: yes }

# Steps run here.
cwd: services/{{ project }}
---

# Hotfix for {{project}}

**Lead:** {{lead}}
<!-- owner: {{owner}} -->

## Fix {{version}}

- [ ] Deployed \`{{project}}\` on {{date}}
- [ ] CI expression \${{ secrets.TOKEN }} and \${{project}} are not placeholders; {{Project}} and {{a.b}} are not template ones

\`\`\`bash
aws ecs update-service --cluster {{ecs_cluster}} --service {{project}}
\`\`\`
`;

describe('templateInfo', () => {
  const info = templateInfo(DEMO, 'some/dir/team-hotfix-template.md');

  test('every placeholder, in order of first use: front matter, headings, fields, comments, inline code and blocks', () => {
    assert.deepEqual(
      info.placeholders.map((p) => p.name),
      ['project', 'lead', 'owner', 'version', 'date', 'ecs_cluster'],
    );
  });

  test('metadata as written (a default such as today or git user.name is returned, not resolved; YAML numbers stay text)', () => {
    assert.deepEqual(info.placeholders, [
      { name: 'project', prompt: 'Service name', example: 'Checkout' },
      { name: 'lead', prompt: 'Hotfix lead', default: 'git user.name' },
      { name: 'owner', prompt: 'Owner' },
      { name: 'version', prompt: 'Version', default: '1.0', example: 'yes' },
      { name: 'date', prompt: 'Release date', default: 'today' },
      { name: 'ecs_cluster', prompt: 'Ecs cluster' },
    ]);
    assert.deepEqual([...SYMBOLIC_DEFAULTS], ['today', 'git user.name']);
    // Core and the protocol name them separately (core may not import the protocol): they must agree.
    assert.deepEqual(Object.values(TemplateDefaults), [...SYMBOLIC_DEFAULTS]);
  });

  test('name and description from the metadata; the slug from the file name without -template', () => {
    assert.equal(info.name, 'Team hotfix');
    assert.equal(info.description, 'The short path for an urgent fix.');
    assert.equal(info.slug, 'team-hotfix');
  });

  test('without metadata: the first H1 names it, else the file name; no description', () => {
    const plain = templateInfo('## Steps\n\n# Go live for {{project}}\n\n- [ ] {{ step_one }}\n', 'go-live-runbook.md');
    assert.deepEqual(plain, {
      name: 'Go live for {{project}}',
      slug: 'go-live',
      placeholders: [
        { name: 'project', prompt: 'Project' },
        { name: 'step_one', prompt: 'Step one' },
      ],
    });
    assert.equal(templateInfo('- [ ] x\n', 'C:\\teams\\ops\\Deploy Checklist.md').name, 'Deploy Checklist');
  });

  test('slugs: given ones made safe for a file name; defaults drop .md, -template and then -checklist or -runbook', () => {
    const slugOf = (file: string, meta = '') => templateInfo(`${meta ? `---\ntemplate:\n  slug: ${meta}\n---\n` : ''}# T\n`, file).slug;
    assert.equal(slugOf('production-deployment-checklist.md'), 'production-deployment');
    assert.equal(slugOf('incident-rollback-runbook.md'), 'incident-rollback');
    assert.equal(slugOf('release.template.md'), 'release');
    assert.equal(slugOf('checklist.md'), 'checklist');
    assert.equal(slugOf('Ops_Runbook.md'), 'ops');
    assert.equal(slugOf('x.md', 'Prod Deploy!'), 'prod-deploy');
    assert.equal(slugOf('x.md', 'db-failover'), 'db-failover');
  });

  test('wrong shapes in `template:` are ignored here', () => {
    const text = '---\ntemplate:\n  name: [a, b]\n  placeholders: [project]\n---\n# Title\n\n{{project}}\n';
    assert.deepEqual(templateInfo(text, 'x.md'), { name: 'Title', slug: 'x', placeholders: [{ name: 'project', prompt: 'Project' }] });
  });
});

describe('fillTemplate', () => {
  const values = {
    project: 'checkout',
    lead: 'Ada Lovelace',
    owner: 'payments',
    version: '2.4.1',
    date: '2026-12-01',
    ecs_cluster: 'prod',
  };

  test('replaces every placeholder, spaces in the braces too, and cuts the template block out of the front matter', () => {
    const out = filled(DEMO, values);
    assert.equal(
      out,
      [
        '---',
        '# Steps run here.',
        'cwd: services/checkout',
        '---',
        '',
        '# Hotfix for checkout',
        '',
        '**Lead:** Ada Lovelace',
        '<!-- owner: payments -->',
        '',
        '## Fix 2.4.1',
        '',
        '- [ ] Deployed `checkout` on 2026-12-01',
        '- [ ] CI expression ${{ secrets.TOKEN }} and ${{project}} are not placeholders; {{Project}} and {{a.b}} are not template ones',
        '',
        '```bash',
        'aws ecs update-service --cluster prod --service checkout',
        '```',
        '',
      ].join('\n'),
    );
    assert.deepEqual(parseYaml(out.split('---\n')[1]), { cwd: 'services/checkout' });
  });

  test('values are inserted literally: no re-expansion of {{…}}, no $& patterns', () => {
    const out = filled('# {{a}} and {{b}}\n', { a: '{{b}} $& $1', b: 'B' });
    assert.equal(out, '# {{b}} $& $1 and B\n');
    assert.deepEqual(
      unfilled(out).map((f) => [f.severity, slice(out, f)]),
      [['error', '{{b}}']],
      'a value holding {{b}} is reported, not filled again',
    );
  });

  test('refuses a missing, empty or blank value and one with a line break, naming each placeholder', () => {
    assert.deepEqual(fillTemplate(DEMO, { ...values, lead: '', owner: '  ' }), { error: 'No value for {{lead}} and {{owner}}.' });
    const noDate: Record<string, string> = { ...values };
    delete noDate.date;
    assert.deepEqual(fillTemplate(DEMO, noDate), { error: 'No value for {{date}}.' });
    assert.deepEqual(fillTemplate(DEMO, { ...values, project: 'a\nb', version: 'x\r\n' }), {
      error: 'The value of {{project}} and {{version}} has a line break (a value is one line).',
    });
    assert.deepEqual(fillTemplate(DEMO, { project: 'a\rb' }), {
      error:
        'No value for {{lead}}, {{owner}}, {{version}}, {{date}} and {{ecs_cluster}}; the value of {{project}} has a line break (a value is one line).',
    });
    // Inherited object keys are not values.
    assert.deepEqual(fillTemplate('{{constructor}}', {}), { error: 'No value for {{constructor}}.' });
  });

  test('values for placeholders the template lacks are ignored; a text without placeholders or template block is returned as is', () => {
    assert.deepEqual(fillTemplate('# Plain\n\n- [ ] step\n', { project: 'x' }), { text: '# Plain\n\n- [ ] step\n' });
  });

  test('a front matter with only the template block (and comments) goes, with the blank lines after it; a BOM stays', () => {
    const text = '\uFEFF---\n# About this template\ntemplate:\n  name: X\n\n# trailing comment\n---\n\n\n# {{project}}\n';
    assert.equal(filled(text, { project: 'P' }), '\uFEFF# P\n');
  });

  test('the block in the middle: keys and comments around it stay as written', () => {
    const text = [
      '---',
      'title: Deploy {{project}}   # shown in the tree',
      'template:',
      '  name: Deploy',
      '# a comment at column 0 inside the block',
      '  placeholders:',
      '    project: {prompt: Project}',
      '',
      '# Who signs for what',
      'gates:',
      '  QA Lead: [Testing]',
      '---',
      '# {{project}}',
      '',
    ].join('\n');
    assert.equal(
      filled(text, { project: 'api' }),
      ['---', 'title: Deploy api   # shown in the tree', '# Who signs for what', 'gates:', '  QA Lead: [Testing]', '---', '# api', ''].join(
        '\n',
      ),
    );
  });

  test("a `template:` list written at the key's column goes with it (a wrong shape, but still the template's)", () => {
    assert.equal(filled('---\ntemplate:\n- name\n-\ntitle: T {{x}}\n---\n# {{x}}\n', { x: 'Y' }), '---\ntitle: T Y\n---\n# Y\n');
  });

  test('CRLF line endings are kept, in the front matter and the body', () => {
    const text = DEMO.replace(/\n/g, '\r\n');
    const out = filled(text, values);
    assert.equal(out, filled(DEMO, values).replace(/\n/g, '\r\n'));
    assert.doesNotMatch(out, /[^\r]\n/);
  });

  test('a template whose front matter is only `template:` after filling is a checklist with no front matter', () => {
    const out = filled('---\ntemplate: { name: T }\n---\n# {{x}}\n\n## A\n\n- [ ] a\n', { x: 'Y' });
    assert.equal(out, '# Y\n\n## A\n\n- [ ] a\n');
    assert.equal(parseChecklist(out).frontMatter, undefined);
  });
});

describe('newChecklistPath', () => {
  const info: TemplateInfo = { name: 'Production deployment', slug: 'production-deployment', placeholders: [] };

  test('checklists/<slug>-<date>.md with the date value when it is a YYYY-MM-DD date, else today', () => {
    assert.equal(newChecklistPath(info, { date: '2026-12-01' }, '2026-11-28'), 'checklists/production-deployment-2026-12-01.md');
    assert.equal(newChecklistPath(info, { date: ' 2026-12-01 ' }, '2026-11-28'), 'checklists/production-deployment-2026-12-01.md');
    assert.equal(newChecklistPath(info, { date: 'December 1st' }, '2026-11-28'), 'checklists/production-deployment-2026-11-28.md');
    assert.equal(newChecklistPath(info, { date: '2026-13-01' }, '2026-11-28'), 'checklists/production-deployment-2026-11-28.md');
    assert.equal(newChecklistPath(info, {}, '2026-11-28'), 'checklists/production-deployment-2026-11-28.md');
  });
});

describe('unfilled-placeholder and template placeholders', () => {
  test('a {{name}} left in a checklist is an error that names it; [Name] and ____ stay warnings with their messages', () => {
    const text =
      '# Deploy {{project}}\n\n**Version:** {{ version }}\n**Lead:** [Name]\n\n## Sign-Off\n\n### QA Lead\n- [ ] Tested\n- Name: ____\n';
    const found = unfilled(text).map((f) => [f.severity, slice(text, f), f.message]);
    assert.deepEqual(found, [
      [
        'error',
        '{{project}}',
        'Template placeholder {{project}} is not filled: replace it with its value. Checklists made with New Checklist from Template or `preflight new` have every placeholder filled.',
      ],
      [
        'error',
        '{{ version }}',
        "Template placeholder {{ version }} in field 'Version' is not filled: replace it with its value. Checklists made with New Checklist from Template or `preflight new` have every placeholder filled.",
      ],
      [
        'warning',
        '[Name]',
        "Field 'Lead' still holds the placeholder [Name]: replace it with the real value before the checklist is used.",
      ],
      ['warning', '____', "Field 'Name' under 'QA Lead' is blank: fill it in before the checklist is used."],
    ]);
  });

  test('in code blocks, inline code and the front matter too; not CI expressions, Go templates or the template block', () => {
    const text =
      '---\nenv:\n  CLUSTER: "{{ecs_cluster}}"\n---\n# T\n\n## A\n\n- [ ] Run `deploy {{env}}`\n\n```bash\necho ${{ secrets.X }} {{region}}\ndocker ps --format "{{.Names}}"\n```\n';
    const found = unfilled(text).map((f) => [f.severity, slice(text, f)]);
    assert.deepEqual(found, [
      ['error', '{{ecs_cluster}}'],
      ['error', '{{env}}'],
      ['error', '{{region}}'],
      // `{{.Names}}` is docker's own Go template: no placeholder (rules.test.ts has more of them).
    ]);
  });

  test('in HTML comments too, but not in the output a run note quotes', () => {
    const text =
      '# T\n\n## A\n\n- [ ] Deploy <!-- owner: {{owner}} -->\n  <!-- preflight:run {"at":"2026-11-27T21:49:32+01:00","exit":0,"ms":5,"by":"ada","out":"{{name}}"} -->\n';
    assert.deepEqual(
      unfilled(text).map((f) => [f.severity, slice(text, f)]),
      [['error', '{{owner}}']],
    );
  });

  test('in a template (front matter `template:`), its placeholders are info, and none inside the template block', () => {
    const found = unfilled(DEMO);
    assert.deepEqual(
      found.map((f) => [f.severity, slice(DEMO, f)]),
      [
        ['info', '{{ project }}'],
        ['info', '{{project}}'],
        ['info', '{{lead}}'],
        ['info', '{{owner}}'],
        ['info', '{{version}}'],
        ['info', '{{project}}'],
        ['info', '{{date}}'],
        ['warning', '{{Project}}'],
        ['warning', '{{a.b}}'],
        ['info', '{{ecs_cluster}}'],
        ['info', '{{project}}'],
      ],
    );
    assert.match(found[0].message, /^Template placeholder \{\{ project \}\}: filled when a checklist is made from this template/);
  });

  test('severity can still be set for the rule as a whole', () => {
    const findings = check(parseChecklist('# {{project}}\n'), { rules: { 'unfilled-placeholder': 'warning' } });
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.severity]),
      [['unfilled-placeholder', 'warning']],
    );
  });
});

describe('`template:` mistakes (templateProblems, front-matter-template)', () => {
  const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

  test('wrong shapes, unknown keys and metadata for placeholders the text does not use: warnings on their lines', () => {
    const text = [
      '---',
      'template:',
      '  name: [Deploy]',
      '  slug: Prod Deploy',
      '  desciption: typo',
      '  placeholders:',
      '    projct: { prompt: Project }',
      '    Lead: { prompt: Lead }',
      '    date: { prompt: [a], default: today, sample: x }',
      '    version: 1.0',
      '---',
      '# {{project}} {{date}} {{version}}',
      '',
    ].join('\n');
    const found = fmFindings(text).map((f) => [f.severity, f.range.start.line, f.message]);
    assert.deepEqual(found, [
      [
        'warning',
        lineOf(text, '[Deploy]'),
        'Front matter `template: name` should be a string, not a list; the picker shows the first heading instead.',
      ],
      [
        'warning',
        lineOf(text, 'Prod Deploy'),
        'Front matter `template: slug` "Prod Deploy" is not a file name slug (lower-case letters, digits, `-` and `_`); new checklists are named "prod-deploy-<date>.md".',
      ],
      [
        'warning',
        lineOf(text, 'desciption'),
        'Front matter `template:` has the unknown key `desciption` (did you mean `description`?); it is ignored.',
      ],
      [
        'warning',
        lineOf(text, 'projct'),
        'Front matter `template: placeholders: projct` is not used: the text has no `{{projct}}` (did you mean `project`?).',
      ],
      [
        'warning',
        lineOf(text, 'Lead:'),
        'Front matter `template: placeholders` names "Lead", which is not a placeholder name (a lower-case letter, then lower-case letters, digits or `_`, as in `{{project}}`); it is ignored.',
      ],
      [
        'warning',
        lineOf(text, '[a]'),
        'Front matter `prompt` of `template: placeholders: date` should be a string, not a list; it is ignored.',
      ],
      [
        'warning',
        lineOf(text, 'sample'),
        'Front matter `template: placeholders: date` has the unknown key `sample` (did you mean `example`?); it is ignored.',
      ],
      [
        'warning',
        lineOf(text, 'version: 1.0'),
        'Front matter `template: placeholders: version` should be a mapping like `{ prompt: …, default: …, example: … }`, not the number 1; it is ignored.',
      ],
    ]);
  });

  test('`template:` that is not a mapping; a well-formed one and none at all give nothing', () => {
    assert.deepEqual(
      fmFindings('---\ntemplate: yes please\n---\n# T\n').map((f) => f.message),
      ['Front matter `template:` should be a mapping with `name`, `description`, `slug` and `placeholders`, not "yes please".'],
    );
    assert.deepEqual(templateProblems(parseChecklist(DEMO)), []);
    assert.deepEqual(templateProblems(parseChecklist('# T\n')), []);
  });
});

describe('the bundled templates (templates/*.md)', () => {
  test('there are the four templates', () => {
    assert.deepEqual(templateFiles, [
      'incident-rollback-runbook.md',
      'production-deployment-checklist.md',
      'release-checklist.md',
      'security-review-checklist.md',
    ]);
  });

  for (const file of templateFiles) {
    describe(file, () => {
      const text = read(file);
      const info = templateInfo(text, file);
      const sample = (p: TemplateInfo['placeholders'][number]) =>
        p.default === 'today'
          ? '2026-12-01'
          : p.default === 'git user.name'
            ? 'Dana Deploy'
            : (p.example ?? p.default ?? `sample ${p.name}`);
      const values = Object.fromEntries(info.placeholders.map((p) => [p.name, sample(p)]));
      const out = filled(text, values);
      const findings = check(parseChecklist(out));

      test('has a name, a description, a slug and at least the project, date and lead placeholders, each with a prompt', () => {
        assert.ok(info.name.length > 3 && info.description && info.description.length > 20, JSON.stringify(info));
        assert.match(info.slug, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
        for (const name of ['project', 'date', 'lead'])
          assert.ok(
            info.placeholders.some((p) => p.name === name),
            `{{${name}}}`,
          );
        assert.equal(info.placeholders.find((p) => p.name === 'date')?.default, 'today');
        assert.equal(info.placeholders.find((p) => p.name === 'lead')?.default, 'git user.name');
        // Every placeholder is described: a prompt of its own, not the humanised name.
        for (const p of info.placeholders) assert.notEqual(p.prompt.toLowerCase(), p.name.replace(/_/g, ' '), `{{${p.name}}} has a prompt`);
        assert.deepEqual(templateProblems(parseChecklist(text)), []);
      });

      test('filled, it keeps no placeholder and no template metadata, and `check` finds no errors (no front matter mistakes either)', () => {
        assert.doesNotMatch(out, /\{\{/);
        assert.equal((parseChecklist(out).frontMatter?.data ?? {}).template, undefined);
        assert.deepEqual(
          findings.filter((f) => f.severity === 'error').map((f) => `${f.range.start.line}: ${f.ruleId} ${f.message}`),
          [],
        );
        assert.deepEqual(
          findings.filter((f) => f.ruleId.startsWith('front-matter-')).map((f) => f.message),
          [],
        );
      });

      test('filled, what is left to fill on the day is sign-off and similar blanks: warnings only', () => {
        assert.deepEqual(
          [...new Set(findings.map((f) => `${f.severity} ${f.ruleId}`))],
          findings.length > 0 ? ['warning unfilled-placeholder'] : [],
        );
      });

      test('unfilled, its own placeholders are info, never errors', () => {
        const own = check(parseChecklist(text));
        assert.deepEqual(
          own.filter((f) => f.severity === 'error').map((f) => f.message),
          [],
        );
        assert.equal(
          own.filter((f) => f.ruleId === 'unfilled-placeholder' && f.severity === 'info').length,
          [...text.slice(text.indexOf('\n---', 3)).matchAll(/\{\{/g)].length,
        );
      });

      test('has gates for its sign-off roles, and a sign-off section with Name/Date/Time blanks per role', () => {
        const checklist = parseChecklist(out);
        const roles = checklist.signOff?.roles ?? [];
        assert.ok(roles.length >= 2, 'sign-off roles');
        for (const role of roles)
          assert.deepEqual(
            role.fields.map((f) => [f.key, f.filled]),
            [
              ['Name', false],
              ['Date', false],
              ['Time', false],
            ],
            role.name,
          );
        assert.ok(checklist.frontMatter && typeof checklist.frontMatter.data.gates === 'object', 'gates:');
      });
    });
  }
});

/**
 * The template's phases filled with the seed's values: [title, level, items, required, optional, conditional],
 * depth first. Written out once by hand from the template's headings and task lines (a line scan, not the
 * core); the seed's phases are the same.
 */
const PRODUCTION_PHASES: [string, number, number, number, number, boolean][] = [
  ['Pre-Deployment Phase (1-2 weeks before)', 2, 98, 97, 1, false],
  ['Code Readiness', 3, 7, 7, 0, false],
  ['Testing', 3, 10, 9, 1, false],
  ['Code Quality', 3, 7, 7, 0, false],
  ['Documentation', 3, 8, 8, 0, false],
  ['Infrastructure Setup', 3, 12, 12, 0, false],
  ['Secrets & Configuration', 3, 10, 10, 0, false],
  ['Database', 3, 10, 10, 0, false],
  ['Monitoring & Observability', 3, 10, 10, 0, false],
  ['Security', 3, 16, 16, 0, false],
  ['Compliance', 3, 8, 8, 0, false],
  ['Final Week Before Deployment', 2, 39, 39, 0, false],
  ['Staging Environment Verification', 3, 10, 10, 0, false],
  ['Performance Optimization', 3, 10, 10, 0, false],
  ['Team Preparation', 3, 9, 9, 0, false],
  ['Final Verification', 3, 10, 10, 0, false],
  ['Deployment Day', 2, 47, 45, 2, false],
  ['Pre-Deployment (T-1 hour)', 3, 10, 10, 0, false],
  ['Database Migration (T-30 minutes)', 3, 8, 8, 0, false],
  ['Application Deployment (T-15 minutes)', 3, 10, 10, 0, false],
  ['Post-Deployment Verification (T+0 to T+30 minutes)', 3, 13, 13, 0, false],
  ['Smoke Tests', 3, 0, 0, 0, false],
  ['Communication', 3, 6, 4, 2, false],
  ['Post-Deployment Phase (T+1 to T+24 hours)', 2, 31, 29, 2, false],
  ['Monitoring (Continuous)', 3, 10, 10, 0, false],
  ['Issue Response', 3, 5, 5, 0, false],
  ['Business Metrics', 3, 5, 5, 0, false],
  ['Optimization', 3, 5, 4, 1, false],
  ['Documentation', 3, 6, 5, 1, false],
  ['Rollback Procedures', 2, 9, 0, 0, true],
  ['When to Rollback', 3, 9, 0, 0, true],
  ['Rollback Execution', 3, 0, 0, 0, true],
  ['Sign-Off', 2, 5, 5, 0, false],
  ['Deployment Lead', 3, 1, 1, 0, false],
  ['QA Lead', 3, 1, 1, 0, false],
  ['DevOps Lead', 3, 2, 2, 0, false],
  ['Product Owner', 3, 1, 1, 0, false],
  ['Deployment Timeline', 2, 0, 0, 0, false],
  ['Contact Information', 2, 0, 0, 0, false],
  ['Communication Templates', 2, 0, 0, 0, false],
  ['Deployment Start', 3, 0, 0, 0, false],
  ['Deployment Success', 3, 0, 0, 0, false],
  ['Issue Notification', 3, 0, 0, 0, false],
  ['Post-Deployment Review (T+72 hours)', 2, 10, 9, 1, false],
];

// With ../shared, the seed itself; without it, the seed is this very template filled (test/support/material.ts), so the
// comparisons below are made against the facts written out here and against the template's own lines instead.
describe(
  isExtended ? 'the production deployment template against the seed' : "the production deployment template filled with the seed's values",
  () => {
    const seed = seedText;
    const template = read('production-deployment-checklist.md');
    // The seed's own values: filled with them the template is the seed again, front matter and the generalised lines aside.
    const out = filled(template, SEED_VALUES);
    const tree = (phases: readonly Phase[]): unknown[] =>
      phases.map((p) => [
        p.title,
        p.level,
        p.progress.total,
        p.progress.required.total,
        p.progress.optional.total,
        p.conditional,
        tree(p.phases),
      ]);
    const flat = (phases: readonly Phase[]): unknown[] =>
      phases.flatMap((p) => [
        [p.title, p.level, p.progress.total, p.progress.required.total, p.progress.optional.total, p.conditional],
        ...flat(p.phases),
      ]);

    test("`preflight new` with the seed's values writes exactly the filled template", () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'preflight-template-'));
      try {
        assert.equal(readFileSync(checklistFromTemplate(dir, SEED_VALUES), 'utf8'), out);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test(
      isExtended
        ? '239 items, with the same phases, per-phase counts and item texts as the seed'
        : '239 items, with the phases and per-phase counts written out',
      () => {
        const a = parseChecklist(out);
        assert.equal(a.items.length, 239);
        assert.equal(out.split('\n').filter((l) => /^\s*[-*+] \[[ xX]\] /.test(l)).length, 239, 'task lines (none in a code block)');
        assert.deepEqual(flat(a.phases), PRODUCTION_PHASES);
        assert.equal(a.title, 'Production Deployment Checklist');
        assert.equal(a.tableChecks.length, 10);
        if (!isExtended) return;
        const b = parseChecklist(seed);
        assert.equal(b.items.length, 239);
        assert.deepEqual(tree(a.phases), tree(b.phases));
        assert.deepEqual(
          a.items.map((i) => i.text),
          b.items.map((i) => i.text),
        );
        assert.equal(a.tableChecks.length, b.tableChecks.length);
      },
    );

    test('only the placeholder lines differ from the template', () => {
      const body = (text: string) => text.slice(text.indexOf('# Production Deployment Checklist')).split('\n');
      const ours = body(out);
      const theirs = body(template);
      assert.equal(ours.length, theirs.length);
      const changed = ours.flatMap((line, i) => (line === theirs[i] ? [] : [[theirs[i], line]]));
      assert.deepEqual(changed, [
        ['**{{project}}**', '**VIVR E-Commerce Platform**'],
        ['**Version:** {{version}}', '**Version:** 1.0.0'],
        ['**Target Date:** {{date}}', '**Target Date:** 2026-12-01'],
        ['**Deployment Lead:** {{lead}}', '**Deployment Lead:** Dana Deploy'],
        ['- [ ] Git tag created: `v{{version}}`', '- [ ] Git tag created: `v1.0.0`'],
        ['./scripts/smoke-tests.sh {{url}}', './scripts/smoke-tests.sh https://vivr.example.com'],
        ['  --cluster {{ecs_cluster}} \\', '  --cluster vivr-prod \\'],
        ['  --service {{ecs_service}} \\', '  --service vivr-app \\'],
        ['  --task-definition "{{ecs_service}}:${PREVIOUS_VERSION}"', '  --task-definition "vivr-app:${PREVIOUS_VERSION}"'],
        ['  --cluster {{ecs_cluster}} \\', '  --cluster vivr-prod \\'],
        ['  --services {{ecs_service}}', '  --services vivr-app'],
        [
          'Subject: {{project}} Production Deployment {{version}} - In Progress',
          'Subject: VIVR E-Commerce Platform Production Deployment 1.0.0 - In Progress',
        ],
        ['{{project}} {{version}} is being deployed to production.', 'VIVR E-Commerce Platform 1.0.0 is being deployed to production.'],
        [
          'Subject: {{project}} Production Deployment {{version}} - Complete',
          'Subject: VIVR E-Commerce Platform Production Deployment 1.0.0 - Complete',
        ],
        [
          '{{project}} {{version}} has been successfully deployed to production.',
          'VIVR E-Commerce Platform 1.0.0 has been successfully deployed to production.',
        ],
        ['Subject: URGENT - {{project}} Production Issue', 'Subject: URGENT - VIVR E-Commerce Platform Production Issue'],
        ['**Last Updated:** {{date}}', '**Last Updated:** 2026-12-01'],
      ]);
    });

    test(
      isExtended
        ? 'only the generalised lines differ from the seed; the sign-off blanks stay blanks'
        : 'the filled template is the seed of this set; the sign-off blanks stay blanks',
      () => {
        if (isExtended) {
          const body = out.slice(out.indexOf('# Production Deployment Checklist'));
          const ours = body.split('\n');
          const theirs = seed.split('\n');
          assert.equal(ours.length, theirs.length);
          const changed = ours.flatMap((line, i) => (line === theirs[i] ? [] : [[theirs[i], line]]));
          assert.deepEqual(changed, [
            ['**Target Date:** [Set deployment date]', '**Target Date:** 2026-12-01'],
            ['**Deployment Lead:** [Name]', '**Deployment Lead:** Dana Deploy'],
            [
              'Subject: VIVR Production Deployment - In Progress',
              'Subject: VIVR E-Commerce Platform Production Deployment 1.0.0 - In Progress',
            ],
            [
              'The VIVR e-commerce platform is being deployed to production.',
              'VIVR E-Commerce Platform 1.0.0 is being deployed to production.',
            ],
            ['Subject: VIVR Production Deployment - Complete', 'Subject: VIVR E-Commerce Platform Production Deployment 1.0.0 - Complete'],
            [
              'The VIVR e-commerce platform has been successfully deployed to production.',
              'VIVR E-Commerce Platform 1.0.0 has been successfully deployed to production.',
            ],
            ['Subject: URGENT - VIVR Production Issue', 'Subject: URGENT - VIVR E-Commerce Platform Production Issue'],
            ['**Last Updated:** January 21, 2026', '**Last Updated:** 2026-12-01'],
          ]);
        } else {
          assert.equal(seed, out, 'test/support/material.ts made the seed with `preflight new`');
        }
        const signOff = parseChecklist(out).signOff;
        assert.deepEqual(
          signOff?.roles.map((r) => [r.name, r.fields.map((f) => `${f.key}:${f.filled}`).join(' ')]),
          [
            ['Deployment Lead', 'Name:false Date:false Time:false'],
            ['QA Lead', 'Name:false Date:false Time:false'],
            ['DevOps Lead', 'Name:false Date:false Time:false'],
            ['Product Owner', 'Name:false Date:false Time:false'],
          ],
        );
      },
    );

    test('the front matter keeps its gates (and their comment) once the template block is cut out', () => {
      const front = out.slice(0, out.indexOf('\n---\n') + 5);
      assert.match(front, /^---\n# Who signs for what: each sign-off role and the phases it owns/);
      assert.deepEqual(Object.keys(parseChecklist(out).frontMatter?.data ?? {}), ['gates']);
      assert.deepEqual(parseChecklist(out).frontMatter?.data.gates, parseChecklist(template).frontMatter?.data.gates);
    });
  },
);
