/**
 * The demo pull request behind test/fixtures/action/comment.md: the production deployment template filled
 * with the seed's values (as `npm run demo` does), committed on main by Dana; on the branch Quinn ticks the
 * Testing items and two of Code Quality by hand, Devon runs the unit tests (a run note, which ticks the item),
 * and Quinn signs off as QA Lead (a sign-off commit with Preflight's trailers). Fixed names and dates, so the
 * commits, and the comment that links to them, are the same on every run. The comment is what the committed
 * action bundle posts to a fake GitHub.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseChecklist } from '../../server/src/core/checklist.ts';
import { applyEdits } from '../../server/src/core/edits.ts';
import { recordRun } from '../../server/src/core/runNote.ts';
import { stampSignOff } from '../../server/src/core/stamp.ts';
import { stepsOf } from '../../server/src/core/steps.ts';
import { startFakeGitHub } from '../fakes/github.mjs';
import { checklistFromTemplate, SEED_VALUES } from './seedChecklist.mjs';
import { type ActionRun, PR_NUMBER, pullRequestPayload, Repo, runAction } from './actionRunner.ts';

export const DEMO_FILE = 'checklists/production-deployment-checklist.md';
export const DEMO_REQUIRE = 'Testing\nCode Quality';
export const FIXTURE = join(dirname(__filename), '..', 'fixtures', 'action', 'comment.md');

/** Ticks the items whose text starts with one of `starts`, by hand (the box only). */
function tick(text: string, starts: readonly string[]): string {
  let out = text;
  for (const start of starts) {
    const before = out;
    out = out.replace(`- [ ] ${start}`, `- [x] ${start}`);
    if (out === before) throw new Error(`the template has no open item starting "${start}"`);
  }
  return out;
}

export interface DemoPullRequest {
  repo: Repo;
  base: string;
  head: string;
  root: string;
}

export async function demoPullRequest(): Promise<DemoPullRequest> {
  const root = mkdtempSync(join(tmpdir(), 'preflight-action-demo-'));
  const repo = Repo.create(root, 'shop');
  mkdirSync(join(root, 'made'));
  const made = checklistFromTemplate(join(root, 'made'), { ...SEED_VALUES, date: '2026-12-01', lead: 'Dana Deploy' });
  repo.write({ [DEMO_FILE]: readFileSync(made, 'utf8'), 'README.md': '# VIVR shop\n' });
  const base = repo.commit('dana', '2026-11-20T09:00:00Z', 'Add the production deployment checklist for 1.0.0');
  repo.git(['checkout', '-q', '-b', 'release-1.0']);

  let text = repo.read(DEMO_FILE);
  text = tick(text, [
    'Integration tests passing',
    'E2E tests passing',
    'Manual QA sign-off',
    'Accessibility testing',
    'Cross-browser testing',
    'Mobile responsiveness',
    'Payment flow tested',
    'Email notifications tested',
    'User authentication flows tested',
    'TypeScript strict mode passes',
    'Code coverage maintained',
  ]);
  repo.write({ [DEMO_FILE]: text });
  repo.commit('quinn', '2026-11-24T15:10:00Z', 'QA: tick the testing checks');

  // Devon runs the unit tests from the editor: the Run lens records a note under the step and ticks its item.
  const checklist = parseChecklist(text);
  const step = stepsOf(checklist).find((s) => s.command === 'npm run test') ?? assertNever('the template has no `npm run test` step');
  const ran = recordRun(
    checklist,
    step.id,
    { at: '2026-11-25T10:12:31+01:00', exitCode: 0, durationMs: 48210, by: 'devon', excerpt: 'Tests: 412 passed, 412 total' },
    { check: true },
  );
  if ('error' in ran) throw new Error(ran.error);
  text = applyEdits(text, ran.edits);
  repo.write({ [DEMO_FILE]: text });
  repo.commit('devon', '2026-11-25T09:14:00Z', 'Run the unit tests');

  // Quinn signs off as QA Lead, as the editor's Sign Off does: stamp the role, commit with the trailers.
  const signing = parseChecklist(text);
  const stamped = stampSignOff(signing, 'sign-off/qa-lead', { name: 'Quinn Quality', at: '2026-11-26T16:00:00+00:00' });
  if ('error' in stamped) throw new Error(stamped.error);
  text = applyEdits(text, stamped.edits);
  repo.write({ [DEMO_FILE]: text });
  const trailers = [
    'Preflight-Role: sign-off/qa-lead',
    `Preflight-Progress: ${signing.progress.required.done}/${signing.progress.required.total}`,
    `Preflight-Content-SHA256: ${createHash('sha256').update(text).digest('hex')}`,
  ];
  const head = repo.commit(
    'quinn',
    '2026-11-26T16:00:00Z',
    'Sign off "Production Deployment Checklist": QA Lead',
    trailers.flatMap((t) => ['--trailer', t]),
  );
  rmSync(join(root, 'made'), { recursive: true, force: true });
  return { repo, base, head, root };
}

function assertNever(message: string): never {
  throw new Error(message);
}

/** Runs the committed action bundle on the demo pull request against a fake GitHub; the comment it posted. */
export async function demoComment(): Promise<{ comment: string; run: ActionRun; pr: DemoPullRequest }> {
  const pr = await demoPullRequest();
  const github = await startFakeGitHub();
  try {
    const run = await runAction({
      repo: pr.repo,
      api: github.url,
      event: 'pull_request',
      payload: pullRequestPayload(pr.base, pr.head),
      inputs: { require: DEMO_REQUIRE },
    });
    const comments = github.comments(PR_NUMBER);
    if (comments.length !== 1) throw new Error(`the action left ${comments.length} comments, not 1:\n${run.stdout}\n${run.stderr}`);
    return { comment: comments[0].body, run, pr };
  } finally {
    await github.close();
  }
}

export function writeFixture(comment: string): void {
  writeFileSync(FIXTURE, comment);
}
