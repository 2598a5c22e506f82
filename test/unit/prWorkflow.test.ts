/**
 * The pull request workflow (templates/github/preflight-pull-request.yml) run for real: each step's `run`
 * script, taken from the YAML, runs with bash in a temporary git repository with fixed authors and dates,
 * against the built CLI and a fake GitHub REST API on 127.0.0.1.
 * The comment it writes is compared with test/fixtures/pr/comment.expected.md; UPDATE_FIXTURES=1 rewrites
 * that file instead (then review the diff by eye).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { parse } from 'yaml';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'templates', 'github', 'preflight-pull-request.yml'))) return dir;
    if (dirname(dir) === dir) throw new Error(`run the tests from inside the preflight repository (cwd ${from})`);
  }
}

const ROOT = findRoot(process.cwd());
const CLI = join(ROOT, 'server', 'dist', 'cli.js');
const WORKFLOW_FILE = join(ROOT, 'templates', 'github', 'preflight-pull-request.yml');
const EXPECTED = join(ROOT, 'test', 'fixtures', 'pr', 'comment.expected.md');
const UPDATE = process.env.UPDATE_FIXTURES === '1';
const MARKER = '<!-- preflight:pull-request -->';
const TOKEN = 'ghs_test-token';
const REPOSITORY = 'acme/shop';
const PR = '42';

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string | number>;
  run?: string;
}
interface Workflow {
  on: { pull_request: { paths?: string[] } };
  permissions: Record<string, string>;
  env: Record<string, string | number>;
  defaults: { run: { shell: string } };
  jobs: Record<string, { steps: Step[] }>;
}

const workflow = parse(readFileSync(WORKFLOW_FILE, 'utf8')) as Workflow;
const steps = Object.values(workflow.jobs)[0].steps;
const step = (id: string): Step => steps.find((s) => s.id === id) ?? assert.fail(`the workflow has no step with id "${id}"`);

let base = '';
let count = 0;
before(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first (npm test builds before the unit tests).`);
  base = mkdtempSync(join(tmpdir(), 'preflight-pr-'));
});
after(() => rmSync(base, { recursive: true, force: true }));

// ---------------------------------------------------------------------------------------------------------
// A repository with a pull request in it

const CHECKLIST_V1 = `# Release 2.0 Checklist

**Target Date:** 2026-12-01

## Pre-Deployment

- [ ] Feature freeze announced
- [ ] All tests pass: \`npm test\`
- [ ] Database backup taken
- [ ] Release notes drafted (optional)

## Deployment

### Database

- [ ] Run the migrations: \`npm run migrate\`

### Application

- [ ] Deploy to production
- [ ] Smoke tests pass

## Rollback (if needed)

- [ ] Roll back to the previous revision
`;

/** Quinn's commit: two required items and the optional one ticked, a new item added. */
const CHECKLIST_V2 = CHECKLIST_V1.replace('- [ ] Feature freeze', '- [x] Feature freeze')
  .replace('- [ ] All tests pass', '- [x] All tests pass')
  .replace('- [ ] Release notes drafted', '- [x] Release notes drafted')
  .replace('- [ ] Database backup taken\n', '- [ ] Database backup taken\n- [ ] Migration dry run on staging\n');

/** Devon's commit: the rest of Pre-Deployment done. */
const CHECKLIST_V3 = CHECKLIST_V2.replace('- [ ] Database backup taken', '- [x] Database backup taken').replace('- [ ] Migration dry run', '- [x] Migration dry run');

const PEOPLE = {
  dana: { name: 'Dana Deploy', email: 'dana@example.com' },
  quinn: { name: 'Quinn Quality', email: 'quinn@example.com' },
  devon: { name: 'Devon Ops', email: 'devon@example.com' },
};

// Nothing of the machine's git configuration (signing, hooks, templates, default branch) comes in.
const GIT_ENV = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', TZ: 'UTC' };

function git(repo: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: base, ...GIT_ENV, ...env } }).trim();
}

function write(repo: string, files: Record<string, string | null>): void {
  for (const [path, text] of Object.entries(files)) {
    const abs = join(repo, path);
    if (text === null) rmSync(abs);
    else {
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, text);
    }
  }
}

/** Commits everything with a fixed author, committer and date, so the hashes are the same on every run. */
function commit(repo: string, who: keyof typeof PEOPLE, date: string, message: string): string {
  const { name, email } = PEOPLE[who];
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '--no-gpg-sign', '-m', message], {
    GIT_AUTHOR_NAME: name,
    GIT_AUTHOR_EMAIL: email,
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_NAME: name,
    GIT_COMMITTER_EMAIL: email,
    GIT_COMMITTER_DATE: date,
  });
  return git(repo, ['rev-parse', 'HEAD']);
}

function newRepo(): string {
  const repo = join(base, `repo-${++count}`);
  mkdirSync(repo);
  git(repo, ['init', '-q', '-b', 'main']);
  return repo;
}

/** main: Dana adds the checklist and a README; the pull request: Quinn ticks items, adds one, and changes other files. */
function pullRequestRepo(): { repo: string; base: string; head: string } {
  const repo = newRepo();
  write(repo, { 'checklists/release-2.0.md': CHECKLIST_V1, 'README.md': '# Shop\n' });
  const baseSha = commit(repo, 'dana', '2026-11-20T09:00:00Z', 'Add the release 2.0 checklist');
  write(repo, { 'checklists/release-2.0.md': CHECKLIST_V2, 'README.md': '# Shop\n\nRelease 2.0 is on its way.\n', 'src/app.js': 'export const version = "2.0.0";\n' });
  const head = commit(repo, 'quinn', '2026-11-21T10:30:00Z', 'Tick the pre-deployment checks');
  return { repo, base: baseSha, head };
}

// ---------------------------------------------------------------------------------------------------------
// Running a step as GitHub Actions does

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Values for the `${{ … }}` expressions of the steps' env; an expression the test does not know fails. */
function expressions(context: Record<string, string>, value: string | number): string {
  return String(value).replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) => context[expression] ?? assert.fail(`unknown expression \${{ ${expression} }} in the workflow's env`));
}

class Runner {
  readonly temp: string;
  readonly output: string;
  constructor(
    readonly repo: string,
    readonly base: string,
    readonly head: string,
  ) {
    this.temp = mkdtempSync(join(dirname(repo), 'runner-'));
    this.output = join(this.temp, 'github-output');
    writeFileSync(this.output, '');
  }

  /** Runs the step's script with `bash --noprofile --norc -eo pipefail`, what `shell: bash` means on GitHub. */
  run(id: string, env: Record<string, string> = {}): Promise<Run> {
    const s = step(id);
    assert.ok(s.run, `step ${id} has a run script`);
    const context: Record<string, string> = {
      'github.event.pull_request.base.sha': this.base,
      'github.event.pull_request.head.sha': this.head,
      'github.event.pull_request.number': PR,
      'secrets.GITHUB_TOKEN': TOKEN,
    };
    const fromYaml = (vars: Record<string, string | number> = {}) => Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, expressions(context, v)]));
    const script = join(this.temp, `${id}.sh`);
    writeFileSync(script, s.run);
    const fullEnv: Record<string, string> = {
      PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
      HOME: this.temp,
      LANG: 'C.UTF-8',
      ...GIT_ENV,
      ...fromYaml(workflow.env),
      // The CLI from this checkout instead of .preflight/preflight.cjs; quoted, as PREFLIGHT may be.
      PREFLIGHT: `"${process.execPath}" "${CLI}"`,
      RUNNER_TEMP: this.temp,
      GITHUB_OUTPUT: this.output,
      GITHUB_REPOSITORY: REPOSITORY,
      ...fromYaml(s.env),
      ...env,
    };
    return new Promise((resolve, reject) => {
      const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: this.repo, env: fullEnv });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  async runOk(id: string, env: Record<string, string> = {}): Promise<Run> {
    const r = await this.run(id, env);
    assert.equal(r.code, 0, `step ${id} failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
    return r;
  }

  file(name: string): string {
    return readFileSync(join(this.temp, name), 'utf8');
  }

  /** `name=value` and `name<<DELIMITER … DELIMITER` entries, as the runner reads $GITHUB_OUTPUT. */
  outputs(): Record<string, string> {
    const out: Record<string, string> = {};
    const lines = readFileSync(this.output, 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const heredoc = /^([\w-]+)<<(.+)$/.exec(lines[i]);
      if (heredoc) {
        const end = lines.indexOf(heredoc[2], i + 1);
        assert.ok(end > i, `unterminated ${heredoc[1]} in GITHUB_OUTPUT`);
        out[heredoc[1]] = lines.slice(i + 1, end).join('\n');
        i = end;
      } else if (lines[i].includes('=')) out[lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1);
    }
    return out;
  }
}

/** The checked-out commit is the pull request's head, as actions/checkout with `ref: head.sha` leaves it. */
function runner(repo: string, baseSha: string, head: string): Runner {
  git(repo, ['checkout', '-q', '--detach', head]);
  return new Runner(repo, baseSha, head);
}

// ---------------------------------------------------------------------------------------------------------
// Reading a step's log as the Actions runner does (actions/runner ActionCommandManager and ActionCommand)

/** The runner's own commands (workflow commands and the deprecated ones it still parses). */
const RUNNER_COMMANDS = ['add-mask', 'add-matcher', 'add-path', 'debug', 'echo', 'endgroup', 'error', 'group', 'notice', 'remove-matcher', 'save-state', 'set-env', 'set-output', 'warning'];

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
    const name = line.slice(at + 3, close).split(' ')[0].toLowerCase();
    if (registered.has(name)) return { name, data: line.slice(close + 1) };
  }
  return undefined;
}

/**
 * The commands the runner would act on in a log, and the text it would show. Lines end at CR or LF, as the
 * runner reads them; between `::stop-commands::TOKEN` and `::TOKEN::` only the token counts.
 */
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

// ---------------------------------------------------------------------------------------------------------
// A fake GitHub REST API: issue comments of one pull request, paginated as GitHub does

interface Comment {
  id: number;
  body: string;
  html_url: string;
  user: { login: string };
}
interface Request {
  method: string;
  path: string;
  authorization?: string;
  body?: { body?: string };
}

class FakeGitHub {
  readonly comments: Comment[] = [];
  readonly requests: Request[] = [];
  /** Answer every request with this status and GitHub's error shape. */
  failWith?: number;
  private server?: Server;
  private nextId = 1000;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  add(body: string, login = 'someone'): Comment {
    const id = this.nextId++;
    const comment = { id, body, html_url: `https://github.com/${REPOSITORY}/pull/${PR}#issuecomment-${id}`, user: { login } };
    this.comments.push(comment);
    return comment;
  }

  count(method: string): number {
    return this.requests.filter((r) => r.method === method).length;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    const url = new URL(req.url ?? '/', this.url);
    this.requests.push({ method: req.method ?? '', path: `${url.pathname}${url.search}`, authorization: req.headers.authorization, ...(text ? { body: JSON.parse(text) as { body?: string } } : {}) });
    const send = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(value));
    };
    if (this.failWith) return send(this.failWith, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' });
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return send(401, { message: 'Bad credentials' });

    // GitHub's "next" links name the repository by id; both forms list the same comments.
    const list = /^\/(?:repos\/acme\/shop|repositories\/4711)\/issues\/42\/comments$/.test(url.pathname);
    const edit = /^\/repos\/acme\/shop\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (list && req.method === 'GET') {
      const size = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
      const page = Number(url.searchParams.get('page') ?? 1);
      const last = Math.max(1, Math.ceil(this.comments.length / size));
      const link = (p: number) => `<${this.url}/repositories/4711/issues/42/comments?per_page=${size}&page=${p}>`;
      const links = page < last ? [`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`] : [];
      return send(200, this.comments.slice((page - 1) * size, page * size), links.length > 0 ? { link: links.join(', ') } : {});
    }
    if (list && req.method === 'POST') return send(201, this.add(String((JSON.parse(text) as { body: string }).body), 'github-actions[bot]'));
    if (edit && req.method === 'PATCH') {
      const comment = this.comments.find((c) => c.id === Number(edit[1]));
      if (!comment) return send(404, { message: 'Not Found' });
      comment.body = String((JSON.parse(text) as { body: string }).body);
      return send(200, comment);
    }
    return send(404, { message: 'Not Found' });
  }
}

async function withGitHub(work: (github: FakeGitHub) => Promise<void>): Promise<void> {
  const github = await new FakeGitHub().start();
  try {
    await work(github);
  } finally {
    await github.stop();
  }
}

// ---------------------------------------------------------------------------------------------------------

describe('the workflow file', () => {
  test('runs on pull requests touching markdown, may write comments, checks out the head with its history', () => {
    assert.deepEqual(workflow.on.pull_request.paths, ['**.md', '**.markdown']);
    assert.deepEqual(workflow.permissions, { contents: 'read', 'pull-requests': 'write' });
    assert.equal(workflow.defaults.run.shell, 'bash');
    assert.equal(workflow.env.PREFLIGHT, 'node .preflight/preflight.cjs');
    assert.equal(workflow.env.PREFLIGHT_REQUIRE, '');
    const checkout = steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    assert.equal(checkout?.with?.['fetch-depth'], 0);
    assert.equal(checkout?.with?.ref, '${{ github.event.pull_request.head.sha }}');
    assert.equal(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version'], 20);
  });

  test('changed, comment-body, post, gate: in this order, last the gate, even when posting failed', () => {
    assert.deepEqual(
      steps.map((s) => s.id).filter(Boolean),
      ['changed', 'comment-body', 'post', 'gate'],
    );
    assert.match(step('gate').if ?? '', /!cancelled\(\)/);
    for (const s of steps.filter((x) => x.run)) assert.doesNotMatch(s.run!, /\$\{\{/, `step ${s.id}: expressions go through env:, not into the script`);
    assert.equal(step('post').env?.GITHUB_TOKEN, '${{ secrets.GITHUB_TOKEN }}');
  });
});

describe('changed', () => {
  test('lists the checklist the pull request changed, not the other files', async () => {
    const { repo, base: b, head } = pullRequestRepo();
    const r = runner(repo, b, head);
    const run = await r.runOk('changed');
    assert.equal(r.file('preflight-changed.txt'), 'checklists/release-2.0.md\n');
    assert.deepEqual(r.outputs(), { count: '1', files: 'checklists/release-2.0.md' });
    assert.match(runnerView(run.stdout).text, /1 checklist\(s\) changed:\n {2}checklists\/release-2\.0\.md/);
  });

  test("Preflight's default globs and front matter decide; deleted checklists and other files are left out", async () => {
    const repo = newRepo();
    write(repo, { 'checklists/old.md': '# Old\n\n- [ ] a\n', 'README.md': '# x\n' });
    const b = commit(repo, 'dana', '2026-11-20T09:00:00Z', 'start');
    const checklist = '# C\n\n- [ ] a\n';
    write(repo, {
      'checklists/old.md': null, // deleted
      'checklist.md': checklist,
      'docs/RELEASE_CHECKLIST.md': checklist,
      'docs/Checklist.md': checklist, // neither *checklist* nor *CHECKLIST*, as in VS Code
      'ops/incident-runbook.md': checklist,
      'runbooks/db/failover.md': checklist,
      'checklists/my release.md': checklist,
      'checklists/notes.txt': 'not markdown\n',
      'docs/deploy.md': '---\npreflight: true\n---\n# Deploy\n\n- [ ] a\n',
      'docs/handbook.markdown': '\uFEFF---\r\ntitle: Handbook\r\npreflight: yes # opted in\r\n---\r\n- [ ] a\r\n',
      'checklists/style-guide.md': '---\npreflight: false\n---\n# Style\n',
      'docs/unclosed.md': '---\npreflight: true\n# front matter never closed\n',
      'notes.md': '# Notes\n\n- [ ] a\n',
    });
    const head = commit(repo, 'quinn', '2026-11-21T10:30:00Z', 'many');
    const r = runner(repo, b, head);
    await r.runOk('changed');
    assert.deepEqual(r.file('preflight-changed.txt').split('\n'), [
      'checklist.md',
      'checklists/my release.md',
      'docs/RELEASE_CHECKLIST.md',
      'docs/deploy.md',
      'docs/handbook.markdown',
      'ops/incident-runbook.md',
      'runbooks/db/failover.md',
      '',
    ]);
    assert.equal(r.outputs().count, '7');
  });

  test('commits the clone lacks fail with the fetch-depth advice', async () => {
    const { repo, head } = pullRequestRepo();
    const r = runner(repo, 'f'.repeat(40), head);
    const run = await r.run('changed');
    assert.equal(run.code, 1);
    assert.match(run.stdout, /::error::commit f{40} is not in this clone: check out with fetch-depth: 0/);
  });
});

describe('comment-body', () => {
  test('per-phase progress, the merge gate and who checked what, exactly as in test/fixtures/pr/comment.expected.md', async () => {
    const { repo, base: b, head } = pullRequestRepo();
    const r = runner(repo, b, head);
    await r.runOk('changed');
    const run = await r.runOk('comment-body', { PREFLIGHT_REQUIRE: 'Pre-Deployment\n' });
    const body = r.file('preflight-comment.md');
    assert.ok(body.startsWith(`${MARKER}\n`), 'the marker comes first');
    assert.ok(run.stdout.includes(body), 'the body is in the log too');
    assert.equal(r.outputs().path, join(r.temp, 'preflight-comment.md'));
    if (UPDATE) {
      mkdirSync(dirname(EXPECTED), { recursive: true });
      writeFileSync(EXPECTED, body);
    }
    assert.ok(existsSync(EXPECTED), `${EXPECTED} is missing: run with UPDATE_FIXTURES=1 and review it`);
    assert.equal(body, readFileSync(EXPECTED, 'utf8'));
  });

  test('the same body on every run, and in the job summary', async () => {
    const bodies: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { repo, base: b, head } = pullRequestRepo();
      const r = runner(repo, b, head);
      await r.runOk('changed');
      const summary = join(r.temp, 'summary.md');
      await r.runOk('comment-body', { PREFLIGHT_REQUIRE: 'Pre-Deployment', GITHUB_STEP_SUMMARY: summary });
      bodies.push(r.file('preflight-comment.md'));
      assert.equal(readFileSync(summary, 'utf8'), bodies[i]);
    }
    assert.equal(bodies[0], bodies[1]);
  });

  test('no checklist changed: one line', async () => {
    const { repo, head } = pullRequestRepo();
    write(repo, { 'README.md': '# Shop, again\n' });
    const next = commit(repo, 'devon', '2026-11-22T08:00:00Z', 'Only the README');
    const r = runner(repo, head, next);
    await r.runOk('changed');
    await r.runOk('comment-body');
    assert.equal(r.file('preflight-comment.md'), `${MARKER}\nPreflight: no checklist changed in this pull request.\n`);
  });

  test('a CLI that cannot run fails the step (and the gate) with what to do', async () => {
    const { repo, base: b, head } = pullRequestRepo();
    const r = runner(repo, b, head);
    await r.runOk('changed');
    const run = await r.run('comment-body', { PREFLIGHT: 'node .preflight/preflight.cjs' });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /::error::cannot run the Preflight CLI as "node \.preflight\/preflight\.cjs"/);
    assert.match(run.stdout, /Copy server\/dist\/cli\.js .* to \.preflight\/preflight\.cjs/);
    const gate = await r.run('gate', { PREFLIGHT: 'node .preflight/preflight.cjs' });
    assert.equal(gate.code, 2);
    assert.match(gate.stdout, /::error::cannot run the Preflight CLI as "node \.preflight\/preflight\.cjs"/);
  });
});

describe('post', () => {
  test('creates the comment the first time and edits the same one after the next push', async () => {
    await withGitHub(async (github) => {
      github.add('Looks good to me');
      const { repo, base: b, head } = pullRequestRepo();
      const first = runner(repo, b, head);
      await first.runOk('changed');
      await first.runOk('comment-body');
      const posted = await first.runOk('post', { GITHUB_API_URL: github.url });
      assert.equal(github.count('POST'), 1);
      assert.equal(github.count('PATCH'), 0);
      const ours = github.comments.find((c) => c.body.startsWith(MARKER))!;
      assert.equal(ours.body, first.file('preflight-comment.md'));
      assert.ok(github.requests.every((q) => q.authorization === `Bearer ${TOKEN}`));
      assert.equal(github.requests[0].path, '/repos/acme/shop/issues/42/comments?per_page=100');
      assert.match(posted.stdout, /Posted the Preflight comment: https:\/\/github\.com\/acme\/shop\/pull\/42#issuecomment-1001/);
      assert.equal(first.outputs().url, ours.html_url);

      write(repo, { 'checklists/release-2.0.md': CHECKLIST_V3 });
      const next = commit(repo, 'devon', '2026-11-24T08:15:00Z', 'Finish pre-deployment');
      const second = runner(repo, b, next);
      await second.runOk('changed');
      await second.runOk('comment-body');
      const updated = await second.runOk('post', { GITHUB_API_URL: github.url });
      assert.equal(github.count('POST'), 1, 'no second comment');
      assert.deepEqual(github.requests.filter((q) => q.method === 'PATCH').map((q) => q.path), [`/repos/acme/shop/issues/comments/${ours.id}`]);
      assert.equal(github.comments.length, 2);
      assert.equal(ours.body, second.file('preflight-comment.md'));
      assert.match(ours.body, /Devon Ops/);
      assert.match(updated.stdout, /Updated the Preflight comment/);
    });
  });

  test('finds its comment on a later page of a long discussion', async () => {
    await withGitHub(async (github) => {
      for (let i = 0; i < 130; i++) github.add(i === 117 ? `${MARKER}\nold progress` : `comment ${i}`);
      const ours = github.comments[117];
      const { repo, base: b, head } = pullRequestRepo();
      const r = runner(repo, b, head);
      await r.runOk('changed');
      await r.runOk('comment-body');
      await r.runOk('post', { GITHUB_API_URL: github.url });
      assert.deepEqual(
        github.requests.map((q) => `${q.method} ${q.path}`),
        ['GET /repos/acme/shop/issues/42/comments?per_page=100', 'GET /repositories/4711/issues/42/comments?per_page=100&page=2', `PATCH /repos/acme/shop/issues/comments/${ours.id}`],
      );
      assert.equal(github.requests[2].body?.body, r.file('preflight-comment.md'));
      assert.equal(github.comments.length, 130);
    });
  });

  test('nothing changed: no new comment; an earlier one now says so', async () => {
    await withGitHub(async (github) => {
      const { repo, head } = pullRequestRepo();
      write(repo, { 'README.md': '# Shop, again\n' });
      const next = commit(repo, 'devon', '2026-11-22T08:00:00Z', 'Only the README');
      const r = runner(repo, head, next);
      await r.runOk('changed');
      await r.runOk('comment-body');
      const quiet = await r.runOk('post', { GITHUB_API_URL: github.url });
      assert.equal(github.count('POST') + github.count('PATCH'), 0);
      assert.match(quiet.stdout, /nothing to post/);

      const earlier = github.add(`${MARKER}\nold progress`, 'github-actions[bot]');
      await r.runOk('post', { GITHUB_API_URL: github.url });
      assert.equal(earlier.body, `${MARKER}\nPreflight: no checklist changed in this pull request.\n`);
    });
  });

  test('an HTTP error fails the step and says why', async () => {
    await withGitHub(async (github) => {
      github.failWith = 403;
      const { repo, base: b, head } = pullRequestRepo();
      const r = runner(repo, b, head);
      await r.runOk('changed');
      await r.runOk('comment-body');
      const run = await r.run('post', { GITHUB_API_URL: github.url });
      assert.equal(run.code, 1);
      assert.match(run.stderr, /::error::GitHub answered 403 Forbidden to GET http:\/\/127\.0\.0\.1:\d+\/repos\/acme\/shop\/issues\/42\/comments\?per_page=100: Resource not accessible by integration\./);
      assert.match(run.stderr, /permissions: pull-requests: write/);
      assert.equal(github.count('POST'), 0);
    });
  });
});

describe('gate', () => {
  test('fails while a required phase has open items, passes once it is complete', async () => {
    const { repo, base: b, head } = pullRequestRepo();
    const open = runner(repo, b, head);
    await open.runOk('changed');
    const failing = await open.run('gate', { PREFLIGHT_REQUIRE: '  Pre-Deployment  \n\n' });
    assert.equal(failing.code, 1, failing.stdout + failing.stderr);
    assert.match(failing.stdout, /required-phase "Pre-Deployment" \(pre-deployment\) is incomplete: 2 of 4 required items done/);
    assert.match(failing.stdout, /\[ \] Database backup taken/);
    assert.match(failing.stdout, /^::error file=checklists\/release-2\.0\.md,line=5,col=1,title=Preflight required-phase::"Pre-Deployment" \(pre-deployment\) is incomplete/m);

    // The workflow's own setting (no required phase): only rule errors fail, and there are none.
    assert.equal((await open.run('gate')).code, 0);

    write(repo, { 'checklists/release-2.0.md': CHECKLIST_V3 });
    const next = commit(repo, 'devon', '2026-11-24T08:15:00Z', 'Finish pre-deployment');
    const done = runner(repo, b, next);
    await done.runOk('changed');
    const passing = await done.run('gate', { PREFLIGHT_REQUIRE: 'Pre-Deployment' });
    assert.equal(passing.code, 0, passing.stdout + passing.stderr);
    assert.match(passing.stdout, /required phase "Pre-Deployment" \(checklists\/release-2\.0\.md:5\) is complete: 4 of 4 required items done/);
    // Deployment is still open.
    assert.equal((await done.run('gate', { PREFLIGHT_REQUIRE: 'Pre-Deployment\nDeployment' })).code, 1);
  });

  test('a required phase the checklist does not have fails with its phases listed', async () => {
    const { repo, base: b, head } = pullRequestRepo();
    const r = runner(repo, b, head);
    await r.runOk('changed');
    const run = await r.run('gate', { PREFLIGHT_REQUIRE: 'Smoke testing' });
    assert.equal(run.code, 2);
    assert.match(run.stdout, /--require "Smoke testing": no such phase in checklists\/release-2\.0\.md/);
    assert.match(run.stdout, /::error::preflight check could not check every changed checklist/);
  });

  test('passes when no checklist changed', async () => {
    const { repo, head } = pullRequestRepo();
    write(repo, { 'src/app.js': 'export const version = "2.0.1";\n' });
    const next = commit(repo, 'devon', '2026-11-22T08:00:00Z', 'Bump');
    const r = runner(repo, head, next);
    await r.runOk('changed');
    const run = await r.run('gate', { PREFLIGHT_REQUIRE: 'Pre-Deployment' });
    assert.equal(run.code, 0);
    assert.match(run.stdout, /No checklist changed in this pull request: nothing to gate\./);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Text from the pull request stays text: in the comment, and in the log

/**
 * An item whose wrapped lines, indented past the list item's content, stay paragraph text: in it a fence,
 * `</details>`, a fake verdict and workflow commands each start a line of the item's text.
 */
const FORGED_ITEM = [
  '- [ ] Back up the database',
  '      ```',
  '      </details>',
  '      **Merge gate** `preflight check`: ✅ passes',
  '      ::warning::pwned by the item',
  '      ::set-output name=verdict::pass',
  '      and ##[error]pwned mid-line',
].join('\n');
const FORGED = `---
title: "Release 3.0\\n::add-mask::ghs_pwned\\n## Forged heading"
---

## Pre-Deployment

${FORGED_ITEM}
- [ ] Smoke tests pass
`;
/** A name the runner would take for a command at the start of a line, and one with an escape sequence. */
const COMMAND_NAME = '::warning::pwned-checklist.md';
const ESCAPE_NAME = 'checklists/evil\u001b[2J-checklist.md';

function forgedPullRequest(): Runner {
  const repo = newRepo();
  write(repo, { 'README.md': '# Shop\n' });
  const b = commit(repo, 'dana', '2026-11-20T09:00:00Z', 'start');
  write(repo, { [COMMAND_NAME]: FORGED, [ESCAPE_NAME]: FORGED });
  const head = commit(repo, 'quinn', '2026-11-21T10:30:00Z', 'Add a checklist');
  return runner(repo, b, head);
}

const parseMarkdown = (markdown: string): Root => unified().use(remarkParse).use(remarkGfm).parse(markdown);

describe('text from the pull request stays text', () => {
  test('the comment keeps its structure: one verdict, one Why block, fences that hold, no forged heading', async () => {
    const r = forgedPullRequest();
    await r.runOk('changed');
    assert.equal(r.file('preflight-changed.txt'), `${COMMAND_NAME}\n`, 'the name with an escape sequence is skipped');
    await r.runOk('comment-body', { PREFLIGHT_REQUIRE: 'Pre-Deployment' });
    const tree = parseMarkdown(r.file('preflight-comment.md'));

    const html: string[] = [];
    visit(tree, 'html', (n) => void html.push(n.value));
    assert.deepEqual(html, [MARKER, '<details><summary>Why</summary>', '</details>'], 'only the HTML the workflow writes');
    const headings: string[] = [];
    visit(tree, 'heading', (n) => void headings.push(`${n.depth} ${toString(n)}`));
    assert.deepEqual(headings, ['2 ✈️ Preflight', '3 📋 Release 3.0 ::add-mask::ghs_pwned ## Forged heading — 0 of 2 tasks', '3 📝 Checklist changes — Release 3.0 ::add-mask::ghs_pwned ## Forged heading']);

    const verdicts = tree.children.filter((n) => n.type === 'paragraph' && toString(n).startsWith('Merge gate'));
    assert.deepEqual(verdicts.map((n) => toString(n)), ['Merge gate preflight check --require "Pre-Deployment": ❌ fails']);

    const code: { lang?: string | null; value: string }[] = [];
    visit(tree, 'code', (n) => void code.push(n));
    assert.equal(code.length, 1, 'one code block: the Why of the merge gate');
    assert.equal(code[0].lang, 'text');
    // The item's text as the parser reads it (emphasis and code marks are not text), on one line.
    const item = 'Back up the database ``` </details> Merge gate preflight check: ✅ passes ::warning::pwned by the item ::set-output name=verdict::pass and ##[error]pwned mid-line';
    assert.deepEqual(code[0].value.split('\n'), [
      `${COMMAND_NAME}:13:13: warning unfilled-placeholder Unfilled placeholder [error]: replace it with the real value before the checklist is used.`,
      `${COMMAND_NAME}:5:1: error required-phase "Pre-Deployment" (pre-deployment) is incomplete: 0 of 2 required items done.`,
      `  ${COMMAND_NAME}:7:3: [ ] ${item}`,
      `  ${COMMAND_NAME}:14:3: [ ] Smoke tests pass`,
      '1 file(s) checked: 0 error(s), 1 warning(s), 0 info; 1 required phase(s) incomplete; failing at error and above.',
    ]);
    // In the table of changes the item is one cell of literal text.
    const cells: string[] = [];
    visit(tree, 'tableRow', (row) => void cells.push(toString(row.children[1])));
    assert.ok(cells.includes(item), cells.join('\n'));
  });

  test('no workflow command reaches the log from a file name or the checklist', async () => {
    const r = forgedPullRequest();
    const changed = await r.runOk('changed');
    const comment = await r.runOk('comment-body', { PREFLIGHT_REQUIRE: 'Pre-Deployment' });
    const gate = await r.run('gate', { PREFLIGHT_REQUIRE: 'Pre-Deployment' });
    assert.equal(gate.code, 1, gate.stdout + gate.stderr);

    assert.deepEqual(runnerView(changed.stdout).commands, [{ name: 'warning', line: '::warning::skipped a markdown file whose name contains a control character (a line break, an escape)' }]);
    assert.match(runnerView(changed.stdout).text, /^ {2}::warning::pwned-checklist\.md$/m, 'the name is shown as text');
    assert.deepEqual(runnerView(comment.stdout).commands, []);
    assert.match(runnerView(comment.stdout).text, /::set-output name=verdict::pass/, 'the item is shown as text');
    // The gate's only commands are the annotations it writes itself, file names escaped as properties.
    assert.deepEqual(runnerView(gate.stdout).commands, [
      {
        name: 'warning',
        line: '::warning file=%3A%3Awarning%3A%3Apwned-checklist.md,line=13,col=13,title=Preflight unfilled-placeholder::Unfilled placeholder [error]: replace it with the real value before the checklist is used.',
      },
      { name: 'error', line: '::error file=%3A%3Awarning%3A%3Apwned-checklist.md,line=5,col=1,title=Preflight required-phase::"Pre-Deployment" (pre-deployment) is incomplete: 0 of 2 required items done.' },
    ]);
    for (const run of [changed, comment, gate]) assert.deepEqual(runnerView(run.stderr).commands, []);
  });
});
