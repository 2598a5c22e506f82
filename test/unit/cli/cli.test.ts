/** The `preflight` bundle end to end: report, check and every bad-input error, through a real child process. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from '../../support/paths.ts';
import type { ChecklistReport, PhaseReport } from '../../../server/src/cli/reportModel.ts';
import { seedPath, seedText } from '../../support/material.ts';

const CLI = join(repoRoot, 'server', 'dist', 'cli.js');
// ../shared's seed, or the production template filled with its values where ../shared is absent.
const SEED = seedPath;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? repoRoot,
    input: options.input ?? '',
    encoding: 'utf8',
    env: options.env ?? process.env,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// ---- Independent expectations from the seed's raw lines (no core code involved) ----

/** Lines outside fenced code blocks, with their 1-based numbers. */
function proseLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let fence: string | null = null;
  text.split('\n').forEach((raw, i) => {
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(raw);
    if (m) {
      if (fence === null) fence = m[1][0];
      else if (m[1][0] === fence) fence = null;
      return;
    }
    if (fence === null) out.push({ line: i + 1, text: raw });
  });
  return out;
}

const seedProse = proseLines(seedText);
const seedTasks = seedProse.filter((l) => /^\s*[-*+] \[[ xX]\] /.test(l.text));
const seedH2 = seedProse.filter((l) => /^## /.test(l.text)).map((l) => ({ line: l.line, title: l.text.slice(3).trim() }));
const seedH3 = seedProse.filter((l) => /^### /.test(l.text));

// The JSON the CLI prints is typed by the report contract; the assertions check its values independently.
type PhaseJson = PhaseReport;
type ReportJson = ChecklistReport;

let dir = '';
before(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does it for you).`);
  dir = mkdtempSync(join(tmpdir(), 'preflight-cli-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('help, version and usage errors', () => {
  test('--help, -h and no arguments print the top-level usage with exit 0', () => {
    for (const args of [['--help'], ['-h'], []]) {
      const r = run(args);
      assert.equal(r.code, 0, args.join(' '));
      assert.match(r.stdout, /preflight report FILE/);
      assert.match(r.stdout, /preflight check FILE/);
      assert.match(r.stdout, /preflight diff/);
    }
  });

  test('each command has its own --help', () => {
    for (const [command, text] of [
      ['report', /--format/],
      ['check', /--require/],
      ['diff', /--from/],
    ] as const) {
      const r = run([command, '--help']);
      assert.equal(r.code, 0);
      assert.match(r.stdout, text);
      assert.match(r.stdout, new RegExp(`^preflight ${command}`));
    }
  });

  test('--version prints the package version', () => {
    const r = run(['--version']);
    assert.equal(r.code, 0);
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    assert.equal(r.stdout.trim(), pkg.version);
  });

  test('unknown command, unknown option, bad values and missing files are usage errors (exit 2)', () => {
    const cases: [string[], RegExp][] = [
      [['frobnicate'], /unknown command "frobnicate"/],
      [['--bogus'], /unknown option --bogus/],
      [['report', '--bogus', SEED], /Unknown option '--bogus'/],
      [['report', '--format', 'xml', SEED], /unknown format "xml"/],
      [['report'], /needs at least one markdown file/],
      [['check', '--fail-on', 'fatal', SEED], /--fail-on takes error, warning or info/],
      [['diff', 'a.md', 'b.md'], /diff takes one file/],
      [['diff', '--from=--oops', 'a.md'], /--from needs a git revision/],
    ];
    for (const [args, message] of cases) {
      const r = run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message);
      assert.match(r.stderr, /--help/, 'points at --help');
      assert.equal(r.stdout, '');
    }
  });
});

describe('report', () => {
  test('the seed really has 239 tasks and phases from its ## headings (sanity of the expectations)', () => {
    assert.equal(seedTasks.length, 239);
    assert.ok(seedH2.length >= 10);
  });

  test('json follows the contract and counts tasks exactly as the raw markdown says', () => {
    const r = run(['report', '--format', 'json', SEED]);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as ReportJson;
    for (const key of ['file', 'title', 'total', 'done', 'optional', 'phases', 'required', 'conditional', 'tableChecks'])
      assert.ok(key in report, key);
    assert.deepEqual(Object.keys(report.optional).sort(), ['done', 'total']);
    assert.equal(report.file, SEED);
    assert.equal(report.title, 'Production Deployment Checklist');
    assert.equal(report.total, seedTasks.length);
    assert.equal(report.done, seedTasks.filter((l) => /\[[xX]\]/.test(l.text)).length);
    assert.deepEqual(
      report.phases.map((p) => ({ line: p.line, title: p.title })),
      seedH2,
    );
    const check = (p: PhaseJson) => {
      for (const key of ['id', 'title', 'level', 'line', 'total', 'done', 'phases']) assert.ok(key in p, `${p.title}: ${key}`);
      assert.equal(p.total, p.phases.reduce((n, c) => n + c.total, 0) + directTasks(p), `${p.title}: total adds up`);
      p.phases.forEach(check);
    };
    report.phases.forEach(check);
    // Every task sits under some ## heading in the seed, so the phases add up to the whole.
    assert.equal(
      report.phases.reduce((n, p) => n + p.total, 0),
      report.total,
    );
    assert.equal(report.phases.flatMap((p) => p.phases).length, seedH3.length);
    const rollback = report.phases.find((p) => p.title === 'Rollback Procedures');
    assert.ok(rollback);
    assert.equal(rollback.conditional, true);
    assert.equal(rollback.required.total, 0, 'a conditional phase requires nothing');
    assert.equal(report.tableChecks.total, seedProse.filter((l) => /^\|.*\| \[ \] \|\s*$/.test(l.text)).length);
    assert.equal(report.optional.total, seedTasks.filter((l) => /\((?:optional|if\b[^)]*)\)/i.test(l.text)).length);
  });

  /** Tasks directly under a phase heading, counted from the raw lines. */
  function directTasks(p: PhaseJson): number {
    const start = p.line;
    const next = seedProse.find((l) => l.line > start && /^#{1,6} /.test(l.text))?.line ?? Infinity;
    return seedTasks.filter((t) => t.line > start && t.line < next).length;
  }

  test('text shows the tree, conditional phases, optional items and table checks apart', () => {
    const r = run(['report', SEED], { env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!r.stdout.includes('\u001b['), 'no colours when piped or with NO_COLOR');
    assert.match(r.stdout, /^Production Deployment Checklist/);
    assert.match(r.stdout, /0 of 239 tasks/);
    for (const h of seedH2) assert.match(r.stdout, new RegExp(`^${escape(h.title)}\\s`, 'm'), h.title);
    assert.match(r.stdout, /^ {2}Code Readiness\s+0\/7\s+░{10} 0%$/m, 'sub-phases indented with done/total, bar and percent');
    assert.match(r.stdout, /^Rollback Procedures\s+0\/9\s+\(conditional — applies only when triggered\)/m);
    assert.match(r.stdout, /Optional items \(0\/6/);
    assert.match(r.stdout, /\[ \] Integration tests passing \(if applicable\)/);
    assert.match(r.stdout, /Table checks \(0\/10/);
    assert.match(r.stdout, /\[ \] T-24h · Final code review · Engineering/);
  });

  test('markdown is a PR comment: heading with N of M tasks, a row per phase, indented sub-phases, bars', () => {
    const r = run(['report', '-f', 'markdown', SEED]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.match(lines[0], /^### .*Production Deployment Checklist.* 0 of 239 tasks$/);
    const rows = lines.filter((l) => /^\| /.test(l) && !/^\| (Phase|:--)/.test(l));
    assert.equal(rows.length, seedH2.length + seedH3.length, 'one row per phase');
    assert.equal(rows.filter((l) => l.includes('↳')).length, seedH3.length, 'sub-phases indented');
    assert.ok(rows.some((l) => /^\| \u00a0\u00a0↳ Code Readiness \| ░{10} 0% \| 0\/7 \|/.test(l)));
    assert.ok(rows.some((l) => /Rollback Procedures.*conditional — applies only when triggered/.test(l)));
    assert.match(r.stdout, /<details><summary>Table checks: 0\/10/);
    assert.doesNotMatch(r.stdout, /^\s*- \[[ x]\]/m, 'no live task boxes in the comment');
  });

  test('progress reflects checked items: bar, percent and done counts', () => {
    const path = file('half.md', '# Half\n\n## Build\n\n- [x] a\n- [x] b\n- [ ] c\n- [ ] d\n- [ ] e (optional)\n\n## Ship\n\n- [x] f\n');
    const json = JSON.parse(run(['report', '-f', 'json', path]).stdout) as ReportJson;
    assert.deepEqual([json.total, json.done, json.optional.total, json.required.total, json.required.done], [6, 3, 1, 5, 3]);
    const text = run(['report', path]).stdout;
    assert.match(text, /^Build\s+2\/4\s+▓{5}░{5} 50%\s+optional 0\/1$/m);
    assert.match(text, /^Ship\s+1\/1\s+▓{10} 100%$/m);
    assert.match(run(['report', '-f', 'markdown', path]).stdout, /\| \*\*Build\*\* \| ▓▓▓▓▓░░░░░ 50% \| 2\/4 \| 0\/1 \|/);
  });

  test('several files give a JSON array; a missing one is reported and exits 2 while the rest still print', () => {
    const a = file('a.md', '- [x] one\n');
    const both = run(['report', '-f', 'json', SEED, a]);
    assert.equal(both.code, 0);
    const reports = JSON.parse(both.stdout) as ReportJson[];
    assert.deepEqual(
      reports.map((x) => [x.total, x.done]),
      [
        [239, 0],
        [1, 1],
      ],
    );
    const partial = run(['report', '-f', 'json', a, join(dir, 'missing.md')]);
    assert.equal(partial.code, 2);
    assert.equal((JSON.parse(partial.stdout) as ReportJson[]).length, 1);
    assert.match(partial.stderr, /missing\.md" does not exist/);
  });

  test('reads standard input as "-"', () => {
    const r = run(['report', '-f', 'json', '-'], { input: '# T\n\n- [x] a\n- [ ] b\n' });
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as ReportJson;
    assert.deepEqual([report.file, report.total, report.done], ['<stdin>', 2, 1]);
  });

  test('malformed markdown does not crash', () => {
    const path = file(
      'weird.md',
      '# \n\n- [ ]\n- [x]\n> - [ ] quoted\n| a |\n|---|\n| [ ] |\n```\n- [ ] in code\n\n### ### \n* [X] upper\n',
    );
    for (const format of ['text', 'markdown', 'json']) {
      const r = run(['report', '-f', format, path]);
      assert.equal(r.code, 0, `${format}: ${r.stderr}`);
      assert.equal(r.stderr, '');
    }
  });
});

describe('check', () => {
  const findingLine = /^(.+):(\d+):(\d+): (error|warning|info) (\S+) (.+)$/;

  test('seed: findings as file:line:col; exit 1 exactly when there are errors, and with --fail-on warning', () => {
    // Other rules join over time: assert the format for all findings and the content for placeholders.
    const r = run(['check', SEED]);
    const lines = r.stdout.split('\n').filter((l) => /^\S+:\d+:\d+: /.test(l));
    const findings = lines.map((l) => findingLine.exec(l));
    assert.ok(
      findings.every((m) => m !== null),
      'every diagnostic line has the documented shape',
    );
    const placeholders = findings.filter((m) => m?.[5] === 'unfilled-placeholder');
    assert.ok(placeholders.length >= 30, 'the seed is full of [Name] and ____ placeholders');
    for (const m of placeholders) {
      const [, f, line, col, severity] = m ?? [];
      assert.equal(f, SEED);
      assert.equal(severity, 'warning');
      const source = seedText.split('\n')[Number(line) - 1];
      assert.match(source.slice(Number(col) - 1), /^(\[|_{3,}|\{\{)/, `${line}:${col} points at a placeholder`);
    }
    const errors = findings.filter((m) => m?.[4] === 'error').length;
    assert.equal(r.code, errors > 0 ? 1 : 0, r.stderr);
    assert.match(
      r.stdout,
      new RegExp(`1 file\\(s\\) checked: ${errors} error\\(s\\), ${findings.filter((m) => m?.[4] === 'warning').length} warning`),
    );
    assert.equal(run(['check', '--fail-on', 'warning', SEED]).code, 1);
  });

  test('a clean file exits 0 with no findings', () => {
    const r = run(['check', file('clean.md', '# Clean\n\n## Build\n\n- [x] compile\n')]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.split('\n').filter((l) => findingLine.test(l)).length, 0);
  });

  const phased =
    '# Release\n\n## Build\n\n- [x] compile\n- [x] test\n- [ ] docs (optional)\n\n## Ship It\n\n- [x] deploy\n- [ ] announce\n\n## Rollback\n\n### When to roll back\n\n- [ ] errors spike\n';

  test('--require passes when the required items of the phase are done (optional ones do not count)', () => {
    const path = file('phased.md', phased);
    for (const name of ['Build', 'build', 'BUILD']) {
      const r = run(['check', '--require', name, path]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /required phase "Build" .* is complete: 2 of 2/);
    }
  });

  test('--require fails with exit 1 on an incomplete phase and lists the unchecked items', () => {
    const path = file('phased2.md', phased);
    const r = run(['check', '-r', 'ship', path]);
    assert.equal(r.code, 1);
    assert.match(
      r.stdout,
      new RegExp(`^${escape(path)}:9:1: error required-phase "Ship It" \\(ship-it\\) is incomplete: 1 of 2 required items done\\.$`, 'm'),
    );
    assert.match(r.stdout, new RegExp(`^  ${escape(path)}:12:3: \\[ \\] announce$`, 'm'));
    assert.equal(run(['check', '-r', 'build', '-r', 'ship-it', path]).code, 1, 'one incomplete phase among several fails');
  });

  test('--require on a conditional phase is satisfied: it applies only when triggered', () => {
    const r = run(['check', '-r', 'rollback', file('phased3.md', phased)]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /conditional/);
  });

  test('--require with an unknown or ambiguous phase is a usage error listing the phases', () => {
    const path = file('phased4.md', phased);
    const unknown = run(['check', '--require', 'Deploy Prod', path]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no such phase/);
    for (const id of ['build', 'ship-it', 'rollback', 'rollback/when-to-roll-back'])
      assert.match(unknown.stderr, new RegExp(`^\\s+${escape(id)} — `, 'm'));
    const ambiguous = run(['check', '--require', 'o', path]);
    assert.equal(ambiguous.code, 2);
    assert.match(ambiguous.stderr, /ambiguous/);
  });
});

describe('bad input', () => {
  const cases: [string, () => string, RegExp][] = [
    ['missing file', () => join(dir, 'nope.md'), /nope\.md" does not exist .*Check the path/],
    ['directory', () => (mkdirSync(join(dir, 'folder'), { recursive: true }), join(dir, 'folder')), /is a directory, not a markdown file/],
    ['binary file', () => file('image.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])), /binary file \(NUL byte at offset 4\)/],
    ['non-UTF-8', () => file('latin1.md', Buffer.from('- [ ] caf\xe9\n', 'latin1')), /not valid UTF-8.*Re-save it as UTF-8/],
    ['empty file', () => file('empty.md', ''), /is empty: there is no checklist/],
    ['blank file', () => file('blank.md', ' \n\n\t\n'), /is empty/],
  ];
  for (const [name, make, message] of cases) {
    test(`${name}: a message on stderr and exit 2, for report and check`, () => {
      const path = make();
      for (const command of ['report', 'check']) {
        const r = run([command, path]);
        assert.equal(r.code, 2, `${command}: ${r.stdout}`);
        assert.match(r.stderr, message);
        assert.match(r.stderr, /^preflight: /);
        assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      }
    });
  }

  test('a UTF-8 byte order mark is fine', () => {
    const r = run(['report', '-f', 'json', file('bom.md', '\ufeff# T\n\n- [ ] a\n')]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as ReportJson).title, 'T');
  });
});

describe('one file', () => {
  // Teams commit the bundle alone as .preflight/preflight.cjs: nothing beside it, not even the bash parser's WASM.
  test('cli.js copied alone to an empty folder reports, checks and verifies a checklist with shell steps', () => {
    const lone = mkdtempSync(join(tmpdir(), 'preflight-lone-'));
    try {
      writeFileSync(join(lone, 'preflight.cjs'), readFileSync(CLI));
      const list = join(lone, 'runbook.md');
      writeFileSync(
        list,
        '# Roll back\n\n## Steps\n\n- [x] Stop `kubectl scale deploy web --replicas=0`\n\n```bash\naws ecs update-service --cluster prod --service web --force-new-deployment\n```\n',
      );
      for (const args of [
        ['report', '-f', 'json', list],
        ['check', list],
        ['report', list],
      ]) {
        const r = spawnSync(process.execPath, [join(lone, 'preflight.cjs'), ...args], { cwd: lone, encoding: 'utf8' });
        assert.equal(r.status, 0, `${args[0]}: ${r.stderr}`);
      }
    } finally {
      rmSync(lone, { recursive: true, force: true });
    }
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
