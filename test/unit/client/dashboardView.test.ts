/**
 * The dashboard's view model from the server's real answers: the outline, the dashboard (merge gate and
 * runs) and the burn-up, built by the server's own features from the seed. The numbers must equal what
 * `preflight report --format json` prints for the same text, phase by phase; the gate what the server's
 * merge gate says; the burn-up's chart the commits of a real git repository.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import { dashboardView, MAX_RUNS, type DashboardView } from '../../../client/src/dashboard/dashboardView.ts';
import { defaultDashboardSettings } from '../../../client/src/dashboard/dashboardSettings.ts';
import type { ChecklistReport, PhaseReport } from '../../../server/src/cli/reportModel.ts';
import { parseChecklist } from '../../../server/src/core/checklist.ts';
import { BurnUpCache, burnUp } from '../../../server/src/lsp/features/burnUp.ts';
import { dashboard } from '../../../server/src/lsp/features/dashboard.ts';
import { outline } from '../../../server/src/lsp/features/outline.ts';
import type { SignOffStates } from '../../../server/src/protocol/protocol.ts';
import { seedText } from '../../support/material.ts';
import { repoRoot } from '../../support/paths.ts';
import { withShellParser } from '../../support/shellParser.ts';

withShellParser();

const CLI = join(repoRoot, 'server', 'dist', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'preflight-dashboard-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Ticks every `every`-th open task line outside fenced code: a release day part of the way through. */
function tickSome(text: string, every: number): string {
  let fence: string | undefined;
  let n = 0;
  return text
    .split('\n')
    .map((line) => {
      const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (f) fence = fence === undefined ? f[1][0] : line.trim().startsWith(fence) ? undefined : fence;
      if (fence !== undefined || !/^\s*[-*+] \[ \] \S/.test(line)) return line;
      return n++ % every === 0 ? line.replace('[ ]', '[x]') : line;
    })
    .join('\n');
}

function report(text: string, name: string): ChecklistReport {
  const file = join(dir, name);
  writeFileSync(file, text);
  const r = spawnSync(process.execPath, [CLI, 'report', '--format', 'json', file], { encoding: 'utf8' });
  assert.ok(r.stdout, `the CLI printed nothing: ${r.stderr}`);
  return JSON.parse(r.stdout) as ChecklistReport;
}

const flatten = (phases: readonly PhaseReport[]): PhaseReport[] => phases.flatMap((p) => [p, ...flatten(p.phases)]);

function viewOf(text: string, options: Partial<Parameters<typeof dashboardView>[0]> = {}): DashboardView {
  const checklist = parseChecklist(text);
  const uri = 'file:///w/production-deployment-checklist.md';
  return dashboardView({
    outline: outline(checklist, uri, 3),
    dashboard: dashboard(checklist, uri, 3, [], 'error'),
    burnUp: undefined,
    roles: undefined,
    trusted: true,
    settings: defaultDashboardSettings,
    ...options,
  });
}

describe('dashboard numbers equal preflight report', () => {
  for (const every of [0, 3, 1]) {
    const text = every === 0 ? seedText : tickSome(seedText, every);
    const label = every === 0 ? 'nothing ticked' : every === 1 ? 'everything ticked' : `every ${every}rd item ticked`;
    test(`the seed with ${label}: overall, required / optional / conditional, and every phase`, () => {
      const expected = report(text, `seed-${every}.md`);
      const view = viewOf(text);
      assert.deepEqual([view.overall.done, view.overall.total], [expected.done, expected.total]);
      const split = Object.fromEntries(view.split.map((s) => [s.kind, { done: s.tally.done, total: s.tally.total }]));
      for (const kind of ['required', 'optional', 'conditional'] as const) {
        if (expected[kind].total === 0) assert.equal(split[kind], undefined, `${kind}: no items, no row`);
        else assert.deepEqual(split[kind], expected[kind], kind);
      }
      const phases = flatten(expected.phases);
      assert.deepEqual(
        view.phases.map((p) => [p.id, p.title, p.line + 1, p.tally.done, p.tally.total, p.required.done, p.required.total, p.conditional]),
        phases.map((p) => [p.id, p.title, p.line, p.done, p.total, p.required.done, p.required.total, p.conditional]),
      );
      // Percentages floor, so an open item never reads as 100 %.
      for (const p of view.phases) assert.ok(p.tally.done === p.tally.total || p.tally.percent < 100, p.title);
    });
  }

  test('every item is a checkbox under its own phase, with its state, nested items after their parent', () => {
    const text = tickSome(seedText, 4);
    const view = viewOf(text);
    const boxes = view.phases.flatMap((p) => p.items);
    const expected = report(text, 'seed-boxes.md');
    // Loose items (none in the seed) aside, the boxes are the report's items.
    assert.equal(boxes.length, expected.total);
    assert.equal(boxes.filter((b) => b.checked).length, expected.done);
    assert.equal(new Set(boxes.map((b) => b.id)).size, boxes.length, 'ids are unique');
    for (const phase of view.phases) {
      const own = phase.items.filter((i) => i.depth === 0).length;
      assert.ok(own <= phase.tally.total, `${phase.title}: its own items are part of its count`);
    }
  });
});

describe('merge gate', () => {
  test('without required phases the view says so and how to set them', () => {
    const view = viewOf(seedText);
    assert.equal(view.gate.known, true);
    assert.equal(view.gate.unconfigured, true);
    assert.match(view.gate.message, /preflight\.dashboard\.require/);
    assert.equal(view.gate.required.length, 0);
  });

  test('required phases: each with the required counts the CLI reports, the verdict the server gives', () => {
    const text = tickSome(seedText, 2);
    const checklist = parseChecklist(text);
    const expected = flatten(report(text, 'seed-gate.md').phases);
    const require = ['Deployment Day', 'code-readiness', 'No Such Phase'];
    const settings = { require, failOn: 'error' as const };
    const answer = dashboard(checklist, 'file:///w/c.md', 1, require, 'error');
    const view = viewOf(text, { dashboard: answer, settings });
    assert.equal(view.gate.unconfigured, false);
    assert.equal(view.gate.passes, answer.gate.passes);
    assert.equal(view.gate.passes, false, 'half the items are open');
    const [day, code, none] = view.gate.required;
    const dayReport = expected.find((p) => p.title === 'Deployment Day')!;
    assert.deepEqual(
      [day.title, day.tally.done, day.tally.total, day.line! + 1],
      [dayReport.title, dayReport.required.done, dayReport.required.total, dayReport.line],
    );
    assert.equal(day.passes, dayReport.required.done === dayReport.required.total);
    assert.equal(code.title, 'Code Readiness');
    assert.equal(none.title, undefined);
    assert.equal(none.passes, false);
    assert.ok(none.problem && none.problem.length > 0, 'an unknown phase says why');
    assert.match(view.gate.message, /^Fails: \d+ of 3 required phases complete/);
  });

  test('before the server answers, and when it fails, the view says so instead of a verdict', () => {
    assert.equal(viewOf(seedText, { dashboard: undefined }).gate.known, false);
    const failed = viewOf(seedText, { dashboard: 'The language server did not answer.' });
    assert.equal(failed.gate.known, false);
    assert.equal(failed.gate.message, 'The language server did not answer.');
  });
});

describe('recent runs', () => {
  const note = (exit: number, at: string, ms: number) => `<!-- preflight:run ${JSON.stringify({ at, exit, ms, by: 'Sam Okafor' })} -->`;
  const text = `# Release

## Deploy

- [ ] Build passes: \`npm run build\`
  ${note(0, '2026-11-28T09:00:00+00:00', 1800)}
- [ ] Tests pass: \`npm test\`
  ${note(2, '2026-11-28T08:00:00+00:00', 420)}
  ${note(0, '2026-11-28T10:00:00+00:00', 61000)}
`;

  test('failures first, then newest; exit code, duration, who and when', () => {
    const checklist = parseChecklist(text);
    const answer = dashboard(checklist, 'file:///w/c.md', 1, [], 'error');
    assert.equal(answer.runs.length, 3, 'the server finds the three notes');
    const view = viewOf(text, { dashboard: answer });
    assert.deepEqual(
      view.runs.map((r) => [r.label, r.exitCode, r.failed, r.duration, r.by]),
      [
        ['npm test', 2, true, '420 ms', 'Sam Okafor'],
        ['npm test', 0, false, '61.0 s', 'Sam Okafor'],
        ['npm run build', 0, false, '1.8 s', 'Sam Okafor'],
      ],
    );
    for (const run of view.runs) assert.match(run.when, /^2026-11-2\d \d\d:\d\d:\d\d$/);
    assert.equal(view.runs[0].item, 'Tests pass: npm test');
    assert.equal(view.moreRuns, 0);
  });

  test(`at most ${MAX_RUNS} runs are listed; the rest are counted`, () => {
    const many = `# R\n\n## S\n\n- [ ] Check: \`npm test\`\n${Array.from({ length: MAX_RUNS + 5 }, (_, i) => `  ${note(0, `2026-11-28T09:${String(i).padStart(2, '0')}:00+00:00`, 10)}`).join('\n')}\n`;
    const view = viewOf(many);
    assert.equal(view.runs.length, MAX_RUNS);
    assert.equal(view.moreRuns, 5);
  });
});

describe('sign-off roles', () => {
  test('each role of the seed with its gate, signed state and the verification words of the tree', () => {
    const checklist = parseChecklist(seedText);
    const roles = outline(checklist, 'file:///w/c.md', 1).signOff;
    assert.ok(roles.length > 0, 'the seed has sign-off roles');
    const states: SignOffStates = {
      checked: true,
      roles: {
        [roles[0].id]: { state: 'verified', label: 'verified', reason: '', passes: true, signer: 'quinn@example.com', format: 'ssh' },
      },
    };
    const view = viewOf(seedText, { roles: states });
    assert.deepEqual(
      view.roles.map((r) => [r.id, r.name, r.signed, r.gate.done, r.gate.total]),
      roles.map((r) => [r.id, r.name, r.signed, r.gate.done, r.gate.total]),
    );
    assert.equal(view.roles[0].tone, 'ok');
    assert.match(view.roles[0].verification, /verified · ssh quinn@example\.com/);
    // A role git has not judged yet (typed since the last check) says so.
    assert.match(view.roles[1].verification, /not checked yet/);
    for (const role of view.roles) assert.ok(role.gateLabel.length > 0);
  });

  test('in Restricted Mode nothing is verified, and the view says why', () => {
    const view = viewOf(seedText, { trusted: false });
    assert.equal(view.trusted, false);
    for (const role of view.roles) assert.equal(role.verification, 'not checked (Restricted Mode)');
  });
});

describe('burn-up from a real git history', () => {
  /** git with a fixed identity and, for commits, a fixed date: the chart places dots by author date. */
  const git = (cwd: string, args: string[], date?: string) =>
    execFileSync('git', ['-c', 'user.name=Preflight Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) },
    });

  test('one dot per commit of this run, then the editor; done climbs as committed', async () => {
    const repo = mkdtempSync(join(dir, 'repo-'));
    git(repo, ['init', '-q', '-b', 'main']);
    const file = join(repo, 'production-deployment-checklist.md');
    const versions = [seedText, tickSome(seedText, 9), tickSome(seedText, 4)];
    versions.forEach((text, i) => {
      writeFileSync(file, text);
      git(repo, ['add', '.']);
      git(repo, ['commit', '-q', '-m', `v${i}`], `2026-11-28T0${8 + i}:00:00+00:00`);
    });
    const editorText = tickSome(seedText, 2);
    const checklist = parseChecklist(editorText);
    const uri = pathToFileURL(file).href;
    const answer = await burnUp(checklist, uri, 7, true, new BurnUpCache(), new Date('2026-11-28T12:00:00Z'));
    assert.equal(answer.checked, true, answer.reason);
    const expected = versions.map((text, i) => report(text, `burn-${i}.md`));
    const view = viewOf(editorText, { burnUp: answer });
    assert.deepEqual(
      view.burnUp.rows.map((r) => [r.done, r.total]),
      [...expected.map((r) => [r.done, r.total]), [checklist.progress.done, checklist.progress.total]],
    );
    assert.match(view.burnUp.rows.at(-1)!.source, /not committed/);
    const chart = view.burnUp.chart!;
    assert.equal(chart.dots.length, 4);
    // Left to right in time, higher (smaller y) as more is ticked.
    for (let i = 1; i < chart.dots.length; i++) {
      assert.ok(chart.dots[i].x > chart.dots[i - 1].x, 'time runs left to right');
      assert.ok(chart.dots[i].y < chart.dots[i - 1].y, 'more ticks draw higher');
    }
    assert.match(
      view.burnUp.summary,
      new RegExp(
        `^Burn-up: 0 of ${expected[0].total} items ticked at .*, ${checklist.progress.done} of ${checklist.progress.total} items ticked at .*; 4 points\\.$`,
      ),
    );
  });

  test('without trust: the editor point alone and the server’s reason', async () => {
    const checklist = parseChecklist(tickSome(seedText, 5));
    const answer = await burnUp(checklist, 'file:///w/c.md', 1, false, new BurnUpCache());
    const view = viewOf(tickSome(seedText, 5), { burnUp: answer, trusted: false });
    assert.equal(view.burnUp.checked, false);
    assert.match(view.burnUp.reason!, /trusted workspace/);
    assert.equal(view.burnUp.rows.length, 1);
    assert.deepEqual([view.burnUp.rows[0].done, view.burnUp.rows[0].total], [checklist.progress.done, checklist.progress.total]);
    assert.equal(view.burnUp.chart!.dots.length, 1);
    assert.match(view.burnUp.summary, /^Burn-up: one point/);
  });

  test('in VS Code for the Web: the editor point alone, and that git is not there (not "trust the workspace")', async () => {
    const checklist = parseChecklist(tickSome(seedText, 5));
    const answer = await burnUp(checklist, 'vscode-vfs://github/acme/shop/c.md', 1, 'absent', new BurnUpCache());
    assert.deepEqual([answer.checked, answer.points.length], [false, 1]);
    assert.match(answer.reason!, /^VS Code for the Web has no git: open the repository in desktop VS Code/);
    assert.doesNotMatch(answer.reason!, /trust/);
  });
});
