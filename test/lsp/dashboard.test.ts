/**
 * preflight/dashboard and preflight/burnUp over a real stdio connection, on a real git repository: the gate's
 * verdict is the built CLI's `preflight check --require … --fail-on …`, the burn-up's points are the CLI's
 * reports of each committed version since the last fresh run, then the editor's unsaved text.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ResponseError } from 'vscode-languageserver-protocol';
import { BurnUpRequest, ClientCommands, DashboardRequest, OutlineRequest } from '../../server/src/protocol/protocol.ts';
import { TestClient } from '../support/lspClient.ts';
import { repoRoot } from '../support/paths.ts';

process.env.GIT_CONFIG_GLOBAL = '/dev/null';
process.env.GIT_CONFIG_NOSYSTEM = '1';
const CLI = path.join(repoRoot, 'server', 'dist', 'cli.js');

const note = (at: string, exit: number, ms: number, by: string) =>
  `<!-- preflight:run {"at":"${at}","exit":${exit},"ms":${ms},"by":"${by}"} -->\n`;
const TEXT = `# Release 3.1

## Build

- [x] Compile
- [ ] Lint with \`npm run lint\`
  ${note('2026-12-05T09:00:00+00:00', 0, 1200, 'ada')}  ${note('2026-12-05T09:30:00+00:00', 2, 900, 'bob')}
- [ ] Docs updated (optional)

## Rollback (if needed)

- [ ] Roll back the service

## Ship

- [x] Deploy
- [ ] Announce

\`\`\`bash
./smoke.sh
\`\`\`
${note('2026-12-05T11:00:00+00:00', 0, 5000, 'ada')}
| When | What | Done |
| --- | --- | --- |
| T-0 | Deploy | [ ] |
`;

let dir = '';
let file = '';
let uri = '';
/** Each committed text, oldest first. */
const committed: string[] = [];
const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();

before(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first.`);
  dir = mkdtempSync(path.join(tmpdir(), 'preflight-lsp-dashboard-'));
  file = path.join(dir, 'release-checklist.md');
  uri = `file://${file}`;
  git('init', '-q', '-b', 'main');
  // A finished earlier run, the fresh run that starts this one, and two ticking commits.
  const versions = [
    TEXT.replace(/- \[ \]/g, '- [x]'),
    TEXT.replace(/- \[x\]/g, '- [ ]'),
    TEXT.replace(/- \[x\]/g, '- [ ]').replace('- [ ] Compile', '- [x] Compile'),
    TEXT,
  ];
  versions.forEach((text, i) => {
    writeFileSync(file, text);
    git('add', '-A');
    git(
      '-c',
      'user.name=Ada',
      '-c',
      'user.email=ada@example.com',
      'commit',
      '-q',
      '-m',
      `version ${i}`,
      `--date=2026-12-0${i + 1}T10:00:00+00:00`,
    );
    committed.push(text);
  });
});
after(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], text: string): { status: number | null; stdout: string } {
  const scratch = path.join(dir, 'scratch-checklist.md');
  writeFileSync(scratch, text);
  try {
    return spawnSync(process.execPath, [CLI, ...args, scratch], { encoding: 'utf8' });
  } finally {
    rmSync(scratch);
  }
}
const report = (text: string) => JSON.parse(cli(['report', '--format', 'json'], text).stdout) as { done: number; total: number };

test('the gate is the CLI check of the same text; runs come failures first, then newest first', async () => {
  const client = await TestClient.start({ clientCommands: [ClientCommands.signOff], workspaceFolder: dir });
  try {
    await client.open(uri, TEXT);
    await client.diagnosticsFor(uri, 1);
    for (const require of [['Build'], ['Ship', 'Build'], []]) {
      const board = await client.connection.sendRequest(DashboardRequest.type, { uri, require, failOn: 'error' });
      const check = cli(['check', ...require.flatMap((r) => ['--require', r]), '--fail-on', 'error'], TEXT);
      assert.equal(board?.gate.passes, check.status === 0, `--require ${require.join(',')}: exit ${check.status}`);
      assert.deepEqual(
        board?.gate.required.map((r) => r.title),
        require.map((r) => r),
      );
    }
    const board = await client.connection.sendRequest(DashboardRequest.type, { uri, require: ['build', 'nowhere'], failOn: 'info' });
    const outline = await client.connection.sendRequest(OutlineRequest.type, { uri });
    const build = outline?.phases.find((p) => p.title === 'Build');
    assert.deepEqual(board?.gate.required[0], {
      query: 'build',
      title: 'Build',
      line: build?.range.start.line,
      done: build?.required.done,
      total: build?.required.total,
    });
    assert.deepEqual([board?.gate.required[1].title, board?.gate.required[1].problem], [undefined, 'no such phase in this checklist']);
    assert.equal(board?.gate.passes, false);

    assert.deepEqual(
      board?.runs.map((r) => [r.label, r.exitCode, r.by, r.at, TEXT.split('\n')[r.line].trim().slice(0, 12)]),
      [
        ['npm run lint', 2, 'bob', '2026-12-05T09:30:00+00:00', '- [ ] Lint w'],
        ['bash', 0, 'ada', '2026-12-05T11:00:00+00:00', '```bash'],
        ['npm run lint', 0, 'ada', '2026-12-05T09:00:00+00:00', '- [ ] Lint w'],
      ],
    );
    assert.equal(board?.runs[0].item, 'Lint with npm run lint');

    // The outline's counts split as the CLI's report splits them; table checks are listed, not counted.
    const cliReport = JSON.parse(cli(['report', '--format', 'json'], TEXT).stdout);
    assert.deepEqual(
      [outline?.overall.required, outline?.overall.optional, outline?.overall.conditionalItems, outline?.overall.total],
      [cliReport.required, cliReport.optional, cliReport.conditional, cliReport.total],
    );
    const row = '| T-0 | Deploy | [ ] |';
    assert.deepEqual(outline?.tableChecks, [
      { line: TEXT.split('\n').indexOf(row), character: row.indexOf('[ ]'), checked: false, label: 'T-0 · Deploy' },
    ]);

    await assert.rejects(
      client.connection.sendRequest(DashboardRequest.type, { uri, require: ['Build'], failOn: 'fatal' as never }),
      (error: ResponseError<unknown>) => /failOn/.test(error.message),
    );
  } finally {
    await client.stop();
  }
});

test('the burn-up: the commits since the last fresh run, then the unsaved text; git only when trusted', async () => {
  const editorText = TEXT.replace('- [ ] Announce', '- [x] Announce');
  const trusted = await TestClient.start({ clientCommands: [ClientCommands.signOff], workspaceFolder: dir });
  try {
    await trusted.open(uri, editorText);
    await trusted.diagnosticsFor(uri, 1);
    const burnUp = await trusted.connection.sendRequest(BurnUpRequest.type, { uri });
    assert.equal(burnUp?.checked, true, burnUp?.reason);
    const since = committed.slice(1); // version 0 was the earlier run, version 1 cleared every box
    assert.deepEqual(
      burnUp?.points.slice(0, -1).map((p) => [p.at.slice(0, 10), p.done, p.total]),
      since.map((text, i) => [`2026-12-0${i + 2}`, report(text).done, report(text).total]),
    );
    assert.equal(burnUp?.points[0].done, 0);
    const last = burnUp?.points.at(-1);
    assert.deepEqual(
      [last?.done, last?.total, last?.uncommitted, last?.commit],
      [report(editorText).done, report(editorText).total, true, undefined],
    );
  } finally {
    await trusted.stop();
  }
  const restricted = await TestClient.start({ clientCommands: [], workspaceFolder: dir });
  try {
    await restricted.open(uri, editorText);
    await restricted.diagnosticsFor(uri, 1);
    const burnUp = await restricted.connection.sendRequest(BurnUpRequest.type, { uri });
    assert.equal(burnUp?.checked, false);
    assert.match(burnUp?.reason ?? '', /trusted workspace/);
    assert.deepEqual(
      burnUp?.points.map((p) => p.done),
      [report(editorText).done],
    );
  } finally {
    await restricted.stop();
  }
});
