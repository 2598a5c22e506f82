/** `preflight new` end to end: the bundle in a child process, temporary folders, real git for the user.name default. */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from '../../support/paths.ts';

const CLI = join(repoRoot, 'server', 'dist', 'cli.js');
// Keep the machine's git configuration (its user.name above all) out of the temporary folders.
const ENV: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1' };
const BUNDLED = readdirSync(join(repoRoot, 'templates'))
  .filter((f) => f.endsWith('.md'))
  .sort();

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: ENV });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The local date, computed here independently of the CLI. */
function today(): string {
  const d = new Date();
  return [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n, i) => String(n).padStart(i === 0 ? 4 : 2, '0')).join('-');
}

const TEAM_TEMPLATE = `---
template:
  name: Team hotfix
  description: The team's short path for an urgent fix.
  placeholders:
    project: { prompt: Service name, example: checkout }
    date: { prompt: Release date, default: today }
    lead: { prompt: Hotfix lead, default: git user.name }
    ticket: { prompt: Ticket, default: OPS-1 }
---

# Hotfix for {{project}}

**Lead:** {{lead}}
**Date:** {{date}}
**Ticket:** {{ticket}}

## Fix

- [ ] Fix reviewed by a second engineer
- [ ] Tests pass: \`npm test\`
`;

let root = '';
let repo = '';
let bare = '';
before(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does it for you).`);
  root = mkdtempSync(join(tmpdir(), 'preflight-new-'));
  // A git repository with a user.name of its own, holding a team template.
  repo = join(root, 'repo');
  mkdirSync(join(repo, '.preflight', 'templates'), { recursive: true });
  execFileSync('git', ['init', '-q', repo], { env: ENV });
  execFileSync('git', ['config', 'user.name', 'Grace Hopper'], { cwd: repo, env: ENV });
  writeFileSync(join(repo, '.preflight', 'templates', 'team-hotfix.md'), TEAM_TEMPLATE);
  // A folder outside any repository: git has no user.name there.
  bare = join(root, 'bare');
  mkdirSync(bare);
});
after(() => rmSync(root, { recursive: true, force: true }));

describe('preflight new: help and usage', () => {
  test('the top-level help and `new --help` show it', () => {
    assert.match(
      run(['--help'], root).stdout,
      /preflight new TEMPLATE \[--set NAME=VALUE\]… \[--dir DIR\]\n {2}preflight new --list \[DIR\]/,
    );
    const help = run(['new', '--help'], root);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^preflight new TEMPLATE/);
    assert.match(help.stdout, /never overwritten/);
    assert.match(help.stdout, /git user\.name/);
  });

  test('usage errors exit 2 and point at --help', () => {
    const cases: [string[], RegExp][] = [
      [['new'], /new needs a template/],
      [['new', 'a.md', 'b.md'], /new takes one template, got 2/],
      [['new', 'release-checklist', '--set', 'project'], /--set takes name=value/],
      [['new', 'release-checklist', '--set', 'Project=X'], /--set takes name=value .* not "Project=X"/],
      [['new', '--list', '--set', 'a=b'], /--list only lists the templates/],
      [['new', '--list', 'a', 'b'], /--list takes one folder/],
      [['new', 'release-checklist', '--force'], /Unknown option '--force'/],
    ];
    for (const [args, message] of cases) {
      const r = run(args, root);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message, args.join(' '));
      assert.match(r.stderr, /preflight new --help/);
      assert.equal(r.stdout, '');
    }
  });
});

describe('preflight new --list', () => {
  test("lists the folder's own templates, then the bundled ones, with names and descriptions", () => {
    const r = run(['new', '--list', repo], root);
    assert.equal(r.code, 0, r.stderr);
    const own = r.stdout.indexOf('Templates of ');
    const bundled = r.stdout.indexOf('Bundled templates');
    assert.ok(own >= 0 && bundled > own, r.stdout);
    assert.match(r.stdout.slice(own, bundled), /team-hotfix +Team hotfix\n +The team's short path for an urgent fix\./);
    for (const file of BUNDLED) {
      const stem = file.replace(/\.md$/, '');
      const name = /^ {2}name: (.+)$/m.exec(readFileSync(join(repoRoot, 'templates', file), 'utf8'))?.[1];
      assert.match(r.stdout.slice(bundled), new RegExp(`\\n  ${stem} +${name}\\n {4,}\\S`), `${file} with its name and a description line`);
    }
  });

  test('without a folder: the current directory (here one without templates of its own)', () => {
    const r = run(['new', '--list'], bare);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Templates of \.preflight\/templates\n {2}none yet/);
    assert.match(r.stdout, /production-deployment-checklist +Production deployment/);
  });

  test('a folder that does not exist is an error (exit 2)', () => {
    const r = run(['new', '--list', join(root, 'nope')], root);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /is not a directory/);
  });
});

describe('preflight new TEMPLATE', () => {
  test('a bundled template by name: filled, written to checklists/<slug>-<date>.md, the path printed, and it checks clean', () => {
    const r = run(
      [
        'new',
        'production-deployment-checklist',
        '--set',
        'project=Checkout',
        '--set',
        'version=2.4.0',
        '--set',
        'date=2026-12-01',
        '--set',
        'url=https://shop.example.com',
        '--set',
        'ecs_cluster=shop-prod',
        '--set',
        'ecs_service=shop-web',
      ],
      repo,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'checklists/production-deployment-2026-12-01.md\n');
    const text = readFileSync(join(repo, 'checklists', 'production-deployment-2026-12-01.md'), 'utf8');
    assert.doesNotMatch(text, /\{\{|^template:/m);
    assert.match(
      text,
      /^\*\*Checkout\*\*\n\*\*Version:\*\* 2\.4\.0\n\*\*Target Date:\*\* 2026-12-01\n\*\*Deployment Lead:\*\* Grace Hopper$/m,
      "lead from git's user.name in the folder",
    );
    assert.match(text, /--cluster shop-prod \\\n\s+--service shop-web/);
    const checked = run(['check', 'checklists/production-deployment-2026-12-01.md'], repo);
    assert.equal(checked.code, 0, checked.stdout);
    assert.match(checked.stdout, /1 file\(s\) checked: 0 error\(s\)/);
  });

  test('defaults: the date is today and names the file; a written default is used as is', () => {
    const r = run(['new', 'team-hotfix', '--set', 'project=checkout'], repo);
    assert.equal(r.code, 0, r.stderr);
    const path = `checklists/team-hotfix-${today()}.md`;
    assert.equal(r.stdout.trim(), path);
    const text = readFileSync(join(repo, path), 'utf8');
    assert.equal(
      text,
      `# Hotfix for checkout\n\n**Lead:** Grace Hopper\n**Date:** ${today()}\n**Ticket:** OPS-1\n\n## Fix\n\n- [ ] Fix reviewed by a second engineer\n- [ ] Tests pass: \`npm test\`\n`,
    );
  });

  test('an existing file is never overwritten: exit 1, the file unchanged', () => {
    const args = ['new', 'team-hotfix', '--set', 'project=other', '--set', 'date=2026-01-02'];
    assert.equal(run(args, repo).code, 0);
    const target = join(repo, 'checklists', 'team-hotfix-2026-01-02.md');
    writeFileSync(target, 'worked on\n');
    const r = run(args, repo);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /checklists\/team-hotfix-2026-01-02\.md exists, not overwritten/);
    assert.equal(r.stdout, '');
    assert.equal(readFileSync(target, 'utf8'), 'worked on\n');
  });

  test('a template file by path, --dir elsewhere: checklists/ created there, the path printed relative to the current directory', () => {
    const template = join(root, 'ops-runbook.md');
    writeFileSync(template, '# Ops for {{project}}\n\n## Steps\n\n- [ ] Page {{lead}}\n');
    const r = run(['new', template, '--dir', 'bare', '--set', 'project=api', '--set', 'lead=Ada', '--set', 'date=2026-12-24'], root);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), join('bare', 'checklists', 'ops-2026-12-24.md'));
    assert.equal(readFileSync(join(bare, 'checklists', 'ops-2026-12-24.md'), 'utf8'), '# Ops for api\n\n## Steps\n\n- [ ] Page Ada\n');
  });

  test('placeholders without a value or default: exit 2 listing the --set to add, nothing written', () => {
    const dir = mkdtempSync(join(root, 'empty-'));
    const r = run(['new', 'release-checklist', '--dir', dir, '--set', 'lead=Ada'], root);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /the template "Software release" needs values for:\n {2}--set project=… {2}Product or project name \(e\.g\. Checkout SDK\)\n {2}--set version=… {2}Version to release \(semver, without the v\) \(e\.g\. 2\.4\.0\)\n {2}--set package=… {2}npm package name \(e\.g\. @acme\/checkout-sdk\)\nPass/,
    );
    assert.match(r.stderr, /Pass them with --set, e\.g\. preflight new release-checklist --set project="…"\./);
    assert.equal(r.stdout, '');
    assert.deepEqual(readdirSync(dir), [], 'no checklists/ folder, no file');
  });

  test('no --set lead and no user.name for git in the folder: exit 2 asking for --set lead=…', () => {
    const r = run(
      [
        'new',
        'incident-rollback-runbook',
        '--set',
        'project=api',
        '--set',
        'ecs_cluster=prod',
        '--set',
        'ecs_service=api',
        '--set',
        'aws_region=eu-west-1',
      ],
      bare,
    );
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /needs a value for:\n {2}--set lead=… {2}Incident commander: defaults to git's user\.name, but git has none in /,
    );
    assert.equal(existsSync(join(bare, 'checklists', `incident-rollback-${today()}.md`)), false);
    const given = run(
      [
        'new',
        'incident-rollback-runbook',
        '--set',
        'project=api',
        '--set',
        'ecs_cluster=prod',
        '--set',
        'ecs_service=api',
        '--set',
        'aws_region=eu-west-1',
        '--set',
        'lead=Ada',
      ],
      bare,
    );
    assert.equal(given.code, 0, given.stderr);
    assert.match(readFileSync(join(bare, given.stdout.trim()), 'utf8'), /^\*\*Incident Commander:\*\* Ada$/m);
  });

  test('values that cannot be used: empty, multi-line, or for a placeholder the template lacks (exit 2)', () => {
    const cases: [string[], RegExp][] = [
      [['--set', 'project='], /--set project=… {2}Service name \(e\.g\. checkout\): the value given is empty/],
      [['--set', 'project=a\nb'], /could not be filled: The value of \{\{project\}\} has a line break/],
      [['--set', 'project=x', '--set', 'leed=Bob'], /has no \{\{leed\}\} \(its placeholders are project, lead, date, ticket\)/],
    ];
    for (const [extra, message] of cases) {
      const r = run(['new', 'team-hotfix', '--set', 'date=2030-01-01', ...extra], repo);
      assert.equal(r.code, 2, extra.join(' '));
      assert.match(r.stderr, message);
    }
    assert.equal(existsSync(join(repo, 'checklists', 'team-hotfix-2030-01-01.md')), false);
  });

  test('an unknown template name lists the ones there are (exit 2)', () => {
    const r = run(['new', 'no-such-template'], repo);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /no template "no-such-template": .*\(team-hotfix, incident-rollback-runbook, production-deployment-checklist, release-checklist, security-review-checklist\)\. Run "preflight new --list"/,
    );
  });

  test('every bundled template, filled with its examples, passes `preflight check` (no errors)', () => {
    const dir = mkdtempSync(join(root, 'all-'));
    for (const file of BUNDLED) {
      const text = readFileSync(join(repoRoot, 'templates', file), 'utf8');
      const sets = [...text.matchAll(/^ {4}([a-z][a-z0-9_]*): \{ prompt: [^}]*?example: ("[^"]*"|[^,}]+?) \}$/gm)].flatMap((m) => [
        '--set',
        `${m[1]}=${m[2].replace(/^"|"$/g, '')}`,
      ]);
      const r = run(['new', file, '--dir', dir, '--set', 'lead=Ada Lovelace', ...sets], root);
      assert.equal(r.code, 0, `${file}: ${r.stderr}`);
      const written = join(root, r.stdout.trim());
      assert.ok(relative(dir, written).startsWith('checklists'), r.stdout);
      const checked = run(['check', written], root);
      assert.equal(checked.code, 0, `${file}:\n${checked.stdout}`);
      assert.doesNotMatch(checked.stdout, /:\d+:\d+: error /);
    }
    assert.equal(readdirSync(join(dir, 'checklists')).length, BUNDLED.length);
  });
});
