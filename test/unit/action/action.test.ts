/**
 * The GitHub Action run as a runner runs it: the committed bundle (dist/action/index.js) under node with INPUT_*
 * and GITHUB_* set, an event payload, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, in real git repositories with
 * base and head commits, against a fake GitHub REST API on 127.0.0.1 (test/fakes/github.mjs).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Link, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { parse } from 'yaml';
import { startFakeGitHub } from '../../fakes/github.mjs';
import { DEMO_FILE, demoComment, FIXTURE } from '../../support/actionDemo.ts';
import { ACTION_MAIN, type ActionRun, PR_NUMBER, pullRequestPayload, Repo, REPOSITORY, runAction } from '../../support/actionRunner.ts';
import { repoRoot } from '../../support/paths.ts';

const MARKER = '<!-- preflight:pull-request -->';
type FakeGitHub = Awaited<ReturnType<typeof startFakeGitHub>>;

let root = '';
let count = 0;
before(() => {
  if (!existsSync(ACTION_MAIN)) throw new Error(`${ACTION_MAIN} is missing: run npm run build:action.`);
  root = mkdtempSync(join(tmpdir(), 'preflight-action-'));
});
after(() => rmSync(root, { recursive: true, force: true }));

const CHECKLIST = `# Release 2.0 Checklist

## Pre-Deployment

- [ ] Feature freeze announced
- [ ] All tests pass: \`npm test\`
- [ ] Database backup taken

## Deployment

- [ ] Deploy to production
`;

/** main: Dana adds the checklist; the branch: Quinn ticks two items (and changes an unrelated file). */
function pullRequest(checklist = CHECKLIST, path = 'checklists/release-2.0.md'): { repo: Repo; base: string; head: string } {
  const repo = Repo.create(root, `repo-${++count}`);
  repo.write({ [path]: checklist, 'README.md': '# Shop\n' });
  const base = repo.commit('dana', '2026-11-20T09:00:00Z', 'Add the release checklist');
  repo.git(['checkout', '-q', '-b', 'feature']);
  repo.write({
    [path]: checklist.replace('- [ ] Feature freeze', '- [x] Feature freeze').replace('- [ ] All tests', '- [x] All tests'),
    'src/app.js': 'export {};\n',
  });
  const head = repo.commit('quinn', '2026-11-21T10:30:00Z', 'Tick the pre-deployment checks');
  return { repo, base, head };
}

async function withGitHub<T>(body: (github: FakeGitHub) => Promise<T>): Promise<T> {
  const github = await startFakeGitHub({ repo: REPOSITORY, pulls: [PR_NUMBER] });
  try {
    return await body(github);
  } finally {
    await github.close();
  }
}

function runPr(
  github: FakeGitHub,
  pr: { repo: Repo; base: string; head: string },
  inputs: Record<string, string> = {},
  headRepo: string | null = REPOSITORY,
): Promise<ActionRun> {
  return runAction({
    repo: pr.repo,
    api: github.url,
    event: 'pull_request',
    payload: pullRequestPayload(pr.base, pr.head, headRepo),
    inputs,
  });
}

const RUNNER_COMMANDS = [
  'add-mask',
  'add-matcher',
  'add-path',
  'debug',
  'echo',
  'endgroup',
  'error',
  'group',
  'notice',
  'remove-matcher',
  'save-state',
  'set-env',
  'set-output',
  'warning',
];

/** The command a line carries: `::name props::data` after leading white space, else `##[name props]data` anywhere. */
function commandIn(line: string, registered: ReadonlySet<string>): { name: string; data: string } | undefined {
  const trimmed = line.trimStart();
  const end = trimmed.startsWith('::') ? trimmed.indexOf('::', 2) : -1;
  if (end >= 0) {
    const name = trimmed.slice(2, end).split(' ')[0].toLowerCase();
    if (registered.has(name)) return { name, data: trimmed.slice(end + 2) };
  }
  const at = line.indexOf('##[');
  const close = at >= 0 ? line.indexOf(']', at) : -1;
  if (close >= 0) {
    const name = line
      .slice(at + 3, close)
      .split(' ')[0]
      .toLowerCase();
    if (registered.has(name)) return { name, data: line.slice(close + 1) };
  }
  return undefined;
}

/** The commands the runner would act on in a log, and the text it would show (stop-commands honoured). */
function runnerView(log: string): { commands: { name: string; line: string }[]; text: string } {
  const registered = new Set([...RUNNER_COMMANDS, 'stop-commands']);
  const commands: { name: string; line: string }[] = [];
  const shown: string[] = [];
  let stopToken: string | undefined;
  for (const line of log.split(/\r\n|\r|\n/)) {
    const command = commandIn(line, stopToken ? new Set([...registered, stopToken]) : registered);
    if (stopToken) {
      if (command?.name === stopToken) stopToken = undefined;
      else shown.push(line);
    } else if (command?.name === 'stop-commands') stopToken = command.data.toLowerCase();
    else if (command) commands.push({ name: command.name, line });
    else shown.push(line);
  }
  return { commands, text: shown.join('\n') };
}

const parseMarkdown = (markdown: string): Root => unified().use(remarkParse).use(remarkGfm).parse(markdown);

describe('action.yml', () => {
  test('a node20 JavaScript action running the committed bundle, with the inputs and outputs the workflow uses', () => {
    const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as {
      runs: { using: string; main: string };
      inputs: Record<string, { default?: string }>;
      outputs: Record<string, unknown>;
    };
    assert.equal(action.runs.using, 'node20');
    assert.equal(join(repoRoot, action.runs.main), ACTION_MAIN);
    assert.deepEqual(Object.keys(action.inputs).sort(), ['allowed-signers', 'comment', 'fail-on', 'files', 'require', 'token']);
    assert.equal(action.inputs['fail-on'].default, 'error');
    assert.equal(action.inputs.comment.default, 'true');
    assert.equal(action.inputs.token.default, '${{ github.token }}');
    assert.deepEqual(Object.keys(action.outputs).sort(), ['checklists', 'done', 'gate', 'total']);
  });

  test('the committed bundle is what the sources build (scripts/actionBundle.mjs --check)', () => {
    const out = execFileSync(process.execPath, [join(repoRoot, 'scripts', 'actionBundle.mjs'), '--check'], { encoding: 'utf8' });
    assert.match(out, /up to date/);
  });
});

describe('templates/github/preflight-pull-request.yml', () => {
  test('a short workflow: checkout of the head with the whole history and no credentials left behind, then the action', () => {
    const workflow = parse(readFileSync(join(repoRoot, 'templates', 'github', 'preflight-pull-request.yml'), 'utf8')) as {
      on: Record<string, unknown>;
      permissions: Record<string, string>;
      jobs: Record<string, { steps: { uses?: string; run?: string; with?: Record<string, unknown> }[] }>;
    };
    assert.deepEqual(Object.keys(workflow.on), ['pull_request']);
    assert.deepEqual(workflow.permissions, { contents: 'read', 'pull-requests': 'write' });
    const steps = Object.values(workflow.jobs)[0].steps;
    assert.deepEqual(
      steps.map((s) => s.uses),
      ['actions/checkout@v4', 'preflight-dev/preflight@v1'],
    );
    assert.ok(
      steps.every((s) => s.run === undefined),
      'no shell step',
    );
    assert.deepEqual(steps[0].with, { 'fetch-depth': 0, ref: '${{ github.event.pull_request.head.sha }}', 'persist-credentials': false });
    const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> };
    for (const input of Object.keys(steps[1].with ?? {}))
      assert.ok(input in action.inputs, `the workflow passes ${input}, which action.yml does not declare`);
  });
});

describe('the comment', () => {
  test('the demo pull request renders exactly test/fixtures/action/comment.md (npm run fixture:action rewrites it)', async () => {
    const { comment, pr, run } = await demoComment();
    try {
      assert.equal(run.code, 1, 'Code Quality is incomplete: the gate fails');
      assert.equal(comment, readFileSync(FIXTURE, 'utf8'), 'the comment changed: run npm run fixture:action and review the diff');

      const tree = parseMarkdown(comment);
      const html: string[] = [];
      visit(tree, 'html', (n) => void html.push(n.value));
      assert.equal(html[0], MARKER, 'the marker opens the comment');
      assert.ok(
        html.slice(1).every((h) => /^<\/?details>|^<details><summary>/.test(h)),
        html.join('\n'),
      );
      const headings: string[] = [];
      visit(tree, 'heading', (n) => void headings.push(`${n.depth} ${toString(n)}`));
      assert.deepEqual(headings, [
        '2 ✈️ Preflight',
        '3 📋 Production Deployment Checklist — 13 of 239 tasks',
        '4 ❌ Merge gate fails',
        '4 📝 Who checked what since ' + pr.repo.git(['merge-base', pr.base, pr.head]).slice(0, 7),
        '4 🧪 Evidence',
        '4 ✍️ Sign-off',
      ]);
      // Every link to the checklist at the head points at a line holding what the link says (lines are 1-based).
      const lines = pr.repo.git(['show', `${pr.head}:${DEMO_FILE}`]).split('\n');
      const prefix = `https://github.com/${REPOSITORY}/blob/${pr.head}/${DEMO_FILE}#L`;
      let linked = 0;
      visit(tree, 'link', (n: Link) => {
        if (!n.url.startsWith(prefix)) return;
        const line = lines[Number(n.url.slice(prefix.length)) - 1];
        const words = toString(n).replace(/[`*_\\]/g, '');
        assert.ok(line.replace(/[`*_\\]/g, '').includes(words), `#L${n.url.slice(prefix.length)} is "${line}", not "${words}"`);
        linked++;
      });
      assert.ok(linked > 40, `${linked} line links`);
      // The evidence table: the run-backed item with its exit code, time and runner.
      const tables: string[][][] = [];
      visit(tree, 'table', (t) => void tables.push(t.children.map((row) => row.children.map((c) => toString(c)))));
      const evidence = tables.find((t) => t[0].join('|') === 'Item|Exit|When|Run by|Took');
      assert.deepEqual(evidence?.slice(1), [
        ['Unit tests passing: npm run test (100%)', '0', '2026-11-25T10:12:31+01:00', 'devon', '48.2 s'],
      ]);
      const roles = tables.find((t) => t[0][0] === 'Role');
      assert.deepEqual(
        roles?.slice(1).map((r) => [r[0], r[1]]),
        [
          ['Deployment Lead', '⬜ not signed'],
          ['QA Lead', '⚠️ unsigned'],
          ['DevOps Lead', '⬜ not signed'],
          ['Product Owner', '⬜ not signed'],
        ],
      );
      // A run note is text in the file: recorded, never "verified" (that word is for signatures).
      assert.ok(evidence && evidence.flat().every((cell) => !/verif/i.test(cell)), JSON.stringify(evidence));
      const byHand: string[] = [];
      visit(tree, 'listItem', (n) => void byHand.push(toString(n)));
      const labels = byHand.filter((t) => / — no run recorded, by /.test(t)).map((t) => t.slice(t.lastIndexOf(' — ')));
      assert.equal(labels.length, 12, byHand.join('\n'));
      assert.ok(
        labels.every((l) => !/verif/i.test(l)),
        labels.join('\n'),
      );
    } finally {
      rmSync(pr.root, { recursive: true, force: true });
    }
  });
});

describe('on a pull request', () => {
  test('gate fails: outputs, summary, annotations on the open required items, one comment', async () => {
    await withGitHub(async (github) => {
      const pr = pullRequest();
      const run = await runPr(github, pr, { require: 'Pre-Deployment' });
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.equal(run.outputs.gate, 'fail');
      assert.equal(run.outputs.total, '4');
      assert.equal(run.outputs.done, '2');
      const reports = JSON.parse(run.outputs.checklists) as { file: string; title: string; done: number; total: number }[];
      assert.deepEqual(
        reports.map((r) => [r.file, r.title, r.done, r.total]),
        [['checklists/release-2.0.md', 'Release 2.0 Checklist', 2, 4]],
      );
      assert.equal(github.comments(PR_NUMBER).length, 1);
      assert.equal(run.summary, github.comments(PR_NUMBER)[0].body, 'the job summary holds the same report');
      const { commands } = runnerView(run.stdout);
      assert.deepEqual(commands, [
        {
          name: 'error',
          line: '::error title=Preflight%3A "Pre-Deployment" is incomplete,file=checklists/release-2.0.md,line=7::open required item: Database backup taken',
        },
        {
          name: 'error',
          line: '::error::Preflight merge gate fails: 1 of 1 checklist(s) fail (required phases incomplete or findings at or above error). See the annotations and the job summary.',
        },
      ]);
    });
  });

  test("a finding at or above fail-on fails the gate; the comment links its rule id to the rule's page", async () => {
    await withGitHub(async (github) => {
      const pr = pullRequest(`${CHECKLIST}\n<<<<<<< HEAD\n- [ ] Tag v2.0.0\n=======\n- [ ] Tag v2.0.1\n>>>>>>> release\n`);
      const run = await runPr(github, pr, {});
      assert.equal(run.code, 1, run.stdout + run.stderr);
      const repository = String(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).repository.url).replace(/\.git$/, '');
      const body = github.comments(PR_NUMBER)[0].body;
      assert.ok(body.includes(`- error [\`conflict-markers\`](${repository}/blob/main/docs/rules/conflict-markers.md) at [line`), body);
      assert.ok(existsSync(join(repoRoot, 'docs', 'rules', 'conflict-markers.md')));
    });
  });

  test('gate passes once the required phase is complete; no annotation, exit 0', async () => {
    await withGitHub(async (github) => {
      const pr = pullRequest(CHECKLIST.replace('- [ ] Database backup', '- [x] Database backup'));
      const run = await runPr(github, pr, { require: 'Pre-Deployment' });
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.equal(run.outputs.gate, 'pass');
      assert.deepEqual(runnerView(run.stdout).commands, []);
      assert.match(github.comments(PR_NUMBER)[0].body, /\*\*Merge gate ✅ passes\*\*/);
    });
  });

  test('a required phase the checklist lacks fails the gate, annotated at line 1', async () => {
    await withGitHub(async (github) => {
      const run = await runPr(github, pullRequest(), { require: 'Rollout' });
      assert.equal(run.code, 1);
      assert.ok(
        runnerView(run.stdout).commands.some(
          (c) =>
            c.line ===
            '::error title=Preflight%3A required phase missing,file=checklists/release-2.0.md,line=1::required phase "Rollout": no such phase in this checklist',
        ),
        run.stdout,
      );
    });
  });

  test('created on the first run, updated in place on the next push: one comment', async () => {
    await withGitHub(async (github) => {
      const pr = pullRequest();
      const first = await runPr(github, pr);
      assert.equal(first.code, 0, first.stdout + first.stderr);
      pr.repo.write({
        'checklists/release-2.0.md': pr.repo.read('checklists/release-2.0.md').replace('- [ ] Database backup', '- [x] Database backup'),
      });
      const head = pr.repo.commit('devon', '2026-11-22T08:00:00Z', 'Backup done');
      const second = await runPr(github, { ...pr, head });
      assert.equal(second.code, 0, second.stdout + second.stderr);
      const comments = github.comments(PR_NUMBER);
      assert.equal(comments.length, 1);
      assert.match(comments[0].body, /Devon Ops/);
      assert.deepEqual(
        github.requests.filter((r) => r.method !== 'GET').map((r) => r.method),
        ['POST', 'PATCH'],
      );
      assert.match(second.stdout, /Updated the Preflight comment: https:\/\/github\.com\/acme\/shop\/pull\/42#issuecomment-/);
    });
  });

  test('finds its comment past the first page of a long discussion (Link headers) and updates it', async () => {
    await withGitHub(async (github) => {
      github.seed(
        PR_NUMBER,
        Array.from({ length: 230 }, (_, i) => (i === 214 ? `${MARKER}\nold report` : `comment ${i}`)),
      );
      const run = await runPr(github, pullRequest());
      assert.equal(run.code, 0, run.stdout + run.stderr);
      const gets = github.requests.filter((r) => r.method === 'GET').map((r) => new URLSearchParams(r.query).get('page') ?? '1');
      assert.deepEqual(gets, ['1', '2', '3']);
      const comments = github.comments(PR_NUMBER);
      assert.equal(comments.length, 230, 'no new comment');
      assert.match(comments[214].body, /Release 2\.0 Checklist/);
      assert.equal(github.requests.at(-1)?.method, 'PATCH');
    });
  });

  test('nothing changed and no comment yet: no comment is created', async () => {
    await withGitHub(async (github) => {
      const repo = Repo.create(root, `repo-${++count}`);
      repo.write({ 'checklist.md': CHECKLIST });
      const base = repo.commit('dana', '2026-11-20T09:00:00Z', 'start');
      repo.write({ 'src/app.js': 'export {};\n' });
      const head = repo.commit('quinn', '2026-11-21T09:00:00Z', 'code only');
      const run = await runPr(github, { repo, base, head });
      assert.equal(run.code, 0);
      assert.equal(github.comments(PR_NUMBER).length, 0);
      assert.equal(run.outputs.gate, 'pass');
      assert.equal(run.outputs.checklists, '[]');
      assert.match(run.summary, /No checklist changed in this pull request\./);
    });
  });

  test('a fork: no call to the API, a notice; summary, annotations and outputs still there; the gate decides', async () => {
    await withGitHub(async (github) => {
      const run = await runPr(github, pullRequest(), { require: 'Pre-Deployment' }, 'someone/shop');
      assert.equal(run.code, 1);
      assert.equal(github.requests.length, 0);
      const { commands } = runnerView(run.stdout);
      assert.ok(
        commands.some((c) => c.name === 'notice' && /fork/.test(c.line)),
        run.stdout,
      );
      assert.ok(commands.some((c) => c.name === 'error' && /file=checklists\/release-2\.0\.md,line=7/.test(c.line)));
      assert.match(run.summary, /Release 2\.0 Checklist/);
      assert.equal(run.outputs.gate, 'fail');
    });
  });

  test('403 from the API (a read-only token): the comment is skipped with a notice; a passing gate passes', async () => {
    await withGitHub(async (github) => {
      github.fail({ method: 'POST', status: 403, message: 'Resource not accessible by integration' });
      const run = await runPr(github, pullRequest());
      assert.equal(run.code, 0, run.stdout + run.stderr);
      const notice = runnerView(run.stdout).commands.find((c) => c.name === 'notice');
      assert.match(notice?.line ?? '', /403: Resource not accessible by integration.*pull-requests: write.*job summary/);
      assert.match(run.summary, /Release 2\.0 Checklist/);
    });
  });

  test('404: a clear error naming what failed and the permission to give; the step fails', async () => {
    await withGitHub(async (github) => {
      github.fail({ method: 'GET', status: 404, message: 'Not Found' });
      const run = await runPr(github, pullRequest());
      assert.equal(run.code, 1);
      const errors = runnerView(run.stdout)
        .commands.filter((c) => c.name === 'error')
        .map((c) => c.line);
      assert.match(
        errors[0],
        /listing the comments of pull request #42 of acme\/shop failed: GitHub answered 404 .*permissions: pull-requests: write/,
      );
      assert.match(errors[1], /could not write its pull request comment.*the merge gate passes/);
      assert.equal(run.outputs.gate, 'pass');
      assert.match(run.summary, /Release 2\.0 Checklist/);
    });
  });

  test('422: GitHub refused the comment; the error says so and points to the job summary', async () => {
    await withGitHub(async (github) => {
      github.fail({ method: 'POST', status: 422, message: 'Validation Failed' });
      const run = await runPr(github, pullRequest());
      assert.equal(run.code, 1);
      const error = runnerView(run.stdout).commands.find((c) => c.name === 'error')?.line ?? '';
      assert.match(
        error,
        /creating the Preflight comment on pull request #42 of acme\/shop failed: GitHub refused the comment \(422: Validation Failed\).*65536.*job summary/,
      );
    });
  });

  test('rate limited (403 with retry-after: 1, then 429): waits, says so, retries, succeeds', async () => {
    await withGitHub(async (github) => {
      github.fail({
        method: 'GET',
        status: 403,
        message: 'API rate limit exceeded',
        headers: { 'retry-after': '1', 'x-ratelimit-remaining': '0' },
        times: 1,
      });
      github.fail({ method: 'POST', status: 429, message: 'Too many requests', headers: { 'retry-after': '1' }, times: 1 });
      const run = await runPr(github, pullRequest());
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.match(run.stdout, /GitHub rate limit \(HTTP 403\) on GET \S*\/issues\/\S*comments\S*: waiting 1 s before retry 1 of 3\./);
      assert.match(run.stdout, /GitHub rate limit \(HTTP 429\) on POST .*waiting 1 s before retry 1 of 3\./);
      assert.deepEqual(
        github.requests.map((r) => r.method),
        ['GET', 'GET', 'POST', 'POST'],
      );
      assert.equal(github.comments(PR_NUMBER).length, 1);
    });
  });

  test('a comment over 65536 characters is cut after a whole checklist and points to the job summary', async () => {
    await withGitHub(async (github) => {
      const repo = Repo.create(root, `repo-${++count}`);
      repo.write({ 'README.md': '# x\n' });
      const base = repo.commit('dana', '2026-11-20T09:00:00Z', 'start');
      const items = Array.from({ length: 150 }, (_, i) => `- [x] Step ${i} of the long list with enough words to be long`).join('\n');
      const files = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`checklists/c${i}.md`, `# C${i}\n\n## Phase\n\n${items}\n`]));
      repo.write(files);
      const head = repo.commit('quinn', '2026-11-21T09:00:00Z', 'six checklists');
      const run = await runPr(github, { repo, base, head });
      assert.equal(run.code, 0, run.stdout + run.stderr);
      const body = github.comments(PR_NUMBER)[0].body;
      assert.ok(body.length <= 65536, `${body.length}`);
      assert.ok(run.summary.length > body.length, 'the summary has everything');
      assert.match(body, /Cut here.*job summary of this run: https:\/\/github\.com\/acme\/shop\/actions\/runs\/7001/);
      const html: string[] = [];
      visit(parseMarkdown(body), 'html', (n) => void html.push(n.value));
      assert.equal(
        html.filter((h) => h.startsWith('<details>')).length,
        html.filter((h) => h === '</details>').length,
        'every <details> is closed',
      );
    });
  });

  test('the merge base missing from the clone: the step fails with the fetch-depth advice', async () => {
    await withGitHub(async (github) => {
      const pr = pullRequest();
      const run = await runPr(github, { ...pr, base: 'f'.repeat(40) });
      assert.equal(run.code, 1);
      assert.match(run.stdout, /::error::Preflight: the base commit f{40} is not in this clone\. .*fetch-depth: 0/);
    });
  });

  test('globs and front matter decide which changed files are checklists; renames are followed', async () => {
    await withGitHub(async (github) => {
      const repo = Repo.create(root, `repo-${++count}`);
      repo.write({ 'checklists/old-name.md': CHECKLIST, 'docs/notes.md': '# Notes\n\n- [ ] not a checklist\n' });
      const base = repo.commit('dana', '2026-11-20T09:00:00Z', 'start');
      repo.git(['mv', 'checklists/old-name.md', 'checklists/new-name.md']);
      repo.write({
        'docs/notes.md': '# Notes\n\n- [x] not a checklist\n',
        'docs/deploy.md': '---\npreflight: true\n---\n# Deploy\n\n- [ ] a\n',
        'release-checklist.md': '---\npreflight: false\n---\n# Opted out\n\n- [ ] a\n',
        'ops/incident-runbook.md': '# Runbook\n\n- [ ] a\n',
      });
      const head = repo.commit('quinn', '2026-11-21T09:00:00Z', 'changes');
      const run = await runPr(github, { repo, base, head });
      const files = (JSON.parse(run.outputs.checklists) as { file: string }[]).map((r) => r.file).sort();
      assert.deepEqual(files, ['checklists/new-name.md', 'docs/deploy.md', 'ops/incident-runbook.md']);
      assert.match(github.comments(PR_NUMBER)[0].body, /`checklists\/new-name\.md` \(renamed from `checklists\/old-name\.md`\)/);
    });
  });
});

describe('trust', () => {
  test('an allowed-signers file in the repository is read at the base branch: one the pull request adds is refused', async () => {
    await withGitHub(async (github) => {
      const pr = pullRequest(`${CHECKLIST}\n## Sign-Off\n\n### QA Lead\n- [ ] All QA requirements met\n- Name: ________________\n`);
      pr.repo.write({ '.github/allowed_signers': 'quinn@example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDkey\n' });
      const head = pr.repo.commit('quinn', '2026-11-22T09:00:00Z', 'Trust my own key');
      const run = await runPr(github, { ...pr, head }, { 'allowed-signers': '.github/allowed_signers' });
      assert.equal(run.code, 1);
      assert.match(
        run.stdout,
        /::error::Preflight: input allowed-signers: \.github\/allowed_signers does not exist at the base branch \([0-9a-f]{7}\)\. .*a pull request cannot change who may sign/,
      );
    });
  });

  test('without an allowed-signers file the comment says SSH signatures cannot be verified; pull_request_target is handled alike', async () => {
    await withGitHub(async (github) => {
      const pr = pullRequest(`${CHECKLIST}\n## Sign-Off\n\n### QA Lead\n- [ ] All QA requirements met\n- Name: ________________\n`);
      const run = await runAction({
        repo: pr.repo,
        api: github.url,
        event: 'pull_request_target',
        payload: pullRequestPayload(pr.base, pr.head),
      });
      assert.equal(run.code, 0, run.stdout + run.stderr);
      const body = github.comments(PR_NUMBER)[0].body;
      assert.match(body, /#### ✍️ Sign-off/);
      assert.match(body, /No allowed-signers file: SSH signatures show as "unknown key" and cannot be verified\./);
    });
  });
});

describe('other events', () => {
  test('push: the workspace checklists, summary, annotations and outputs; no comment', async () => {
    await withGitHub(async (github) => {
      const pr = pullRequest();
      const run = await runAction({
        repo: pr.repo,
        api: github.url,
        event: 'push',
        payload: { ref: 'refs/heads/feature' },
        inputs: { require: 'Pre-Deployment' },
      });
      assert.equal(run.code, 1);
      assert.equal(github.requests.length, 0);
      assert.equal(run.outputs.gate, 'fail');
      assert.match(run.summary, /1 checklist in the workspace/);
      assert.ok(
        runnerView(run.stdout).commands.some((c) =>
          c.line.startsWith('::error title=Preflight%3A "Pre-Deployment" is incomplete,file=checklists/release-2.0.md,line=7::'),
        ),
      );
    });
  });
});

describe('text from the pull request stays text', () => {
  const FORGED = `# Release 3.0 ::add-mask::ghs_pwned ## Forged heading

## Pre-Deployment

- [ ] Back up the database \`\`\` </details> **Merge gate ✅ passes** ::warning::pwned by the item
  ::set-output name=gate::pass and ##[error]pwned mid-line
- [ ] Smoke tests pass
`;

  test('no workflow command reaches the log, and the comment keeps its structure', async () => {
    await withGitHub(async (github) => {
      const repo = Repo.create(root, `repo-${++count}`);
      repo.write({ 'README.md': '# x\n' });
      const base = repo.commit('dana', '2026-11-20T09:00:00Z', 'start');
      repo.write({ '::warning::pwned-checklist.md': FORGED, 'checklists/evil\u001b[2J-checklist.md': FORGED });
      const head = repo.commit('quinn', '2026-11-21T09:00:00Z', 'add');
      const run = await runPr(github, { repo, base, head }, { require: 'Pre-Deployment' });
      assert.equal(run.code, 1);
      const view = runnerView(run.stdout);
      assert.deepEqual(
        view.commands.map((c) => c.name),
        ['warning', 'error', 'error', 'error'],
        view.commands.map((c) => c.line).join('\n'),
      );
      assert.match(view.commands[0].line, /^::warning::skipped 1 markdown file\(s\) whose name contains a control character/);
      assert.match(
        view.commands[1].line,
        /^::error title=Preflight%3A "Pre-Deployment" is incomplete,file=%3A%3Awarning%3A%3Apwned-checklist\.md,line=5::open required item: /,
      );
      assert.match(view.text, /::warning::pwned-checklist\.md/, 'the name is shown as text');
      assert.deepEqual(runnerView(run.stderr).commands, []);

      const tree = parseMarkdown(github.comments(PR_NUMBER)[0].body);
      const html: string[] = [];
      visit(tree, 'html', (n) => void html.push(n.value));
      assert.deepEqual(html, [MARKER]);
      const headings: string[] = [];
      visit(tree, 'heading', (n) => void headings.push(`${n.depth} ${toString(n)}`));
      assert.deepEqual(
        headings.map((h) => h.split(' — ')[0]),
        [
          '2 ✈️ Preflight',
          '3 📋 Release 3.0 ::add-mask::ghs_pwned ## Forged heading',
          '4 ❌ Merge gate fails',
          '4 📝 Who checked what since ' + base.slice(0, 7),
          '4 🧪 Evidence',
        ],
      );
      const strong: string[] = [];
      visit(tree, 'strong', (n) => void strong.push(toString(n)));
      assert.equal(strong.filter((s) => s.startsWith('Merge gate')).length, 1, 'one verdict');
      assert.equal(
        strong.find((s) => s.startsWith('Merge gate')),
        'Merge gate ❌ fails',
      );
    });
  });
});
