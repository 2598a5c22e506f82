/**
 * "Merge with Preflight…" over a real stdio connection, on real git repositories left in a conflicted merge
 * (two branches ticking adjacent items): the conflict-markers diagnostic offers the action in a trusted
 * workspace only; running it merges git's three stages item by item into the document as one edit, stages
 * nothing, and says what conflicts remain and where; a file without stages is left alone.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import {
  type CodeAction,
  CodeActionRequest,
  type Diagnostic,
  ExecuteCommandRequest,
  ShowMessageNotification,
  type ShowMessageParams,
} from 'vscode-languageserver-protocol';
import { ClientCommands, type MergeConflictsReply, ServerCommands } from '../../server/src/protocol/protocol.ts';
import { TestClient } from '../support/lspClient.ts';

// Keep the machine's git configuration out of the repositories (the server inherits this environment).
process.env.GIT_CONFIG_GLOBAL = '/dev/null';
process.env.GIT_CONFIG_NOSYSTEM = '1';
const TRUSTED = [ClientCommands.signOff, ClientCommands.runStep];
const NAME = 'release-checklist.md';

const BASE = `# Release 2.1

## Testing

- [ ] Unit tests pass
- [ ] Integration tests pass
- [ ] Smoke test on staging

## Ship

- [ ] Deploy to production
- [ ] Announce the release
`;
const tick = (text: string) => (s: string) => {
  const out = s.replace(`- [ ] ${text}\n`, `- [x] ${text}\n`).replace(`- [ ] ${text}\r\n`, `- [x] ${text}\r\n`);
  assert.notEqual(out, s, `no open item "${text}"`);
  return out;
};
const reword = (from: string, to: string) => (s: string) => s.replace(`- [ ] ${from}`, `- [ ] ${to}`);

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

interface Repo {
  dir: string;
  file: string;
  uri: string;
  git: (...args: string[]) => string;
}

function repo(config: string[] = []): Repo {
  const dir = mkdtempSync(path.join(tmpdir(), 'preflight-lsp-merge-'));
  dirs.push(dir);
  const file = path.join(dir, NAME);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Ada');
  git('config', 'user.email', 'ada@example.com');
  for (const c of config) git('config', ...c.split('='));
  return { dir, file, uri: `file://${file}`, git };
}

/** BASE on main, `theirs` on branch qa, `ours` on main, then `git merge qa`, which must stop on the file. */
function conflicted(ours: (s: string) => string, theirs: (s: string) => string, config: string[] = []): Repo {
  const r = repo(config);
  const commit = (edit: (s: string) => string, message: string) => {
    writeFileSync(r.file, edit(readFileSync(r.file, 'utf8')));
    r.git('commit', '-q', '-am', message);
  };
  writeFileSync(r.file, BASE);
  r.git('add', NAME);
  r.git('commit', '-q', '-m', 'checklist');
  r.git('checkout', '-q', '-b', 'qa');
  commit(theirs, 'theirs');
  r.git('checkout', '-q', 'main');
  commit(ours, 'ours');
  const merge = spawnSync('git', ['merge', 'qa'], { cwd: r.dir, encoding: 'utf8' });
  assert.notEqual(merge.status, 0, 'plain git must stop on the conflict');
  assert.match(readFileSync(r.file, 'utf8'), /^<<<<<<< HEAD\r?$/m);
  return r;
}

async function session(r: Repo, clientCommands: string[] = TRUSTED) {
  const client = await TestClient.start({ clientCommands, workspaceFolder: r.dir });
  const messages: ShowMessageParams[] = [];
  client.connection.onNotification(ShowMessageNotification.type, (m) => void messages.push(m));
  const text = readFileSync(r.file, 'utf8');
  await client.open(r.uri, text);
  const published = await client.diagnosticsFor(r.uri, 1);
  const markers = published.diagnostics.filter((d) => d.code === 'conflict-markers');
  return { client, messages, markers };
}

async function actionsAt(client: TestClient, uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
  const actions = await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic] },
  });
  return (actions ?? []) as CodeAction[];
}

async function runMerge(client: TestClient, action: CodeAction): Promise<MergeConflictsReply> {
  assert.ok(action.command, 'the action runs a command');
  return (await client.connection.sendRequest(ExecuteCommandRequest.type, {
    command: action.command.command,
    arguments: action.command.arguments,
  })) as MergeConflictsReply;
}

const mergeAction = (actions: CodeAction[]) => actions.find((a) => a.title === 'Merge with Preflight…');

test('adjacent ticks: the action is offered on the markers, the merge is clean, one edit, nothing staged', async () => {
  const r = conflicted(tick('Unit tests pass'), tick('Integration tests pass'));
  const conflictedText = readFileSync(r.file, 'utf8');
  const stagesBefore = r.git('ls-files', '--stage');
  assert.deepEqual(
    stagesBefore.split('\n').map((l) => l.split(/\s/)[2]),
    ['1', '2', '3'],
  );
  const { client, messages, markers } = await session(r);
  try {
    assert.ok(markers.length >= 3, `the conflict-markers diagnostics: ${JSON.stringify(markers)}`);
    // Offered on every marker, a quick fix that names all the file's markers.
    for (const marker of markers) {
      const action = mergeAction(await actionsAt(client, r.uri, marker));
      assert.ok(action, `offered on line ${marker.range.start.line}`);
      assert.equal(action.kind, 'quickfix');
      assert.equal(action.command?.command, ServerCommands.mergeConflicts);
      assert.equal(action.diagnostics?.length, markers.length);
    }
    // Not offered away from the markers.
    const first = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: r.uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    });
    assert.equal(mergeAction((first ?? []) as CodeAction[]), undefined);

    const action = mergeAction(await actionsAt(client, r.uri, markers[0]))!;
    const reply = await runMerge(client, action);
    assert.equal(reply.applied, true, reply.message);
    assert.deepEqual(reply.conflicts, []);
    // Both ticks, everything else as the base had it: what a person resolving by hand should end with.
    assert.equal(client.text(r.uri), tick('Integration tests pass')(tick('Unit tests pass')(BASE)));
    assert.equal(client.version(r.uri), 2, 'one edit');
    assert.match(reply.message ?? '', /no conflict is left.*git add/);
    assert.deepEqual(
      messages.map((m) => [m.type, m.message]),
      [[3, `Preflight: ${reply.message}`]],
    );
    // Nothing staged, the file on disk untouched: the merge is still in progress for git, the index as it left it.
    assert.equal(r.git('diff', '--cached'), `* Unmerged path ${NAME}`, 'git diff --cached shows no staged content');
    assert.equal(r.git('status', '--porcelain'), `UU ${NAME}`);
    assert.equal(r.git('ls-files', '--stage'), stagesBefore);
    assert.equal(readFileSync(r.file, 'utf8'), conflictedText);
  } finally {
    await client.stop();
  }
});

test("a contradictory rewording: the conflict stays on that item only, with git's labels, and the message says where", async () => {
  const r = conflicted(
    (s) => reword('Deploy to production', 'Deploy to production (blue)')(tick('Unit tests pass')(s)),
    (s) => reword('Deploy to production', 'Deploy to production (green)')(tick('Integration tests pass')(s)),
  );
  const { client, messages, markers } = await session(r);
  try {
    const reply = await runMerge(client, mergeAction(await actionsAt(client, r.uri, markers[0]))!);
    assert.equal(reply.applied, true, reply.message);
    const text = client.text(r.uri);
    const lines = text.split('\n');
    assert.equal(reply.conflicts?.length, 1, JSON.stringify(reply.conflicts));
    const [conflict] = reply.conflicts!;
    assert.equal(lines[conflict.line], '<<<<<<< HEAD', 'the conflict names the line of its <<<<<<< (0-based)');
    assert.match(conflict.description, /Deploy to production/);
    // Only the reworded item is inside the markers; the ticks merged.
    const start = lines.indexOf('<<<<<<< HEAD');
    const end = lines.indexOf('>>>>>>> qa');
    assert.deepEqual(lines.slice(start, end + 1), [
      '<<<<<<< HEAD',
      '- [ ] Deploy to production (blue)',
      '=======',
      '- [ ] Deploy to production (green)',
      '>>>>>>> qa',
    ]);
    assert.ok(lines.includes('- [x] Unit tests pass') && lines.includes('- [x] Integration tests pass'), text);
    assert.equal(text.match(/^<<<<<<< /gm)?.length, 1);
    assert.match(reply.message ?? '', new RegExp(`1 conflict remains \\(line ${conflict.line + 1}: .*Deploy to production`));
    assert.equal(messages.at(-1)?.type, 2, 'a warning');
    assert.equal(r.git('diff', '--cached'), `* Unmerged path ${NAME}`);
    // The merged text is analysed again: the markers left are the conflict's.
    const again = await client.diagnosticsFor(r.uri, 2);
    assert.deepEqual(
      again.diagnostics.filter((d) => d.code === 'conflict-markers').map((d) => d.range.start.line),
      [start, start + 2, end],
    );
  } finally {
    await client.stop();
  }
});

test("CRLF in the working tree (core.autocrlf): the merged text keeps the editor's CRLF", async () => {
  const r = conflicted(tick('Unit tests pass'), tick('Integration tests pass'), ['core.autocrlf=true']);
  const { client, markers } = await session(r);
  try {
    assert.match(client.text(r.uri), /\r\n/, 'git wrote the conflicted file with CRLF');
    const reply = await runMerge(client, mergeAction(await actionsAt(client, r.uri, markers[0]))!);
    assert.equal(reply.applied, true, reply.message);
    assert.equal(client.text(r.uri), tick('Integration tests pass')(tick('Unit tests pass')(BASE)).replace(/\n/g, '\r\n'));
  } finally {
    await client.stop();
  }
});

test('markers typed by hand, or a merge already concluded: no stages, so it says so and changes nothing', async () => {
  const r = conflicted(tick('Unit tests pass'), tick('Integration tests pass'));
  // Concluded: the user staged the file with its markers.
  r.git('add', NAME);
  const typed = repo();
  writeFileSync(
    typed.file,
    BASE.replace('- [ ] Smoke test on staging\n', '<<<<<<< mine\n- [ ] Smoke test on staging\n=======\n- [ ] Smoke test\n>>>>>>> yours\n'),
  );
  typed.git('add', NAME);
  typed.git('commit', '-q', '-m', 'markers');
  for (const [what, at] of [
    ['concluded', r],
    ['typed by hand', typed],
  ] as const) {
    const { client, markers } = await session(at);
    try {
      const before = client.text(at.uri);
      const reply = await runMerge(client, mergeAction(await actionsAt(client, at.uri, markers[0]))!);
      assert.equal(reply.applied, false, what);
      assert.match(reply.message ?? '', /has no conflict in git's index.*Nothing was changed/, what);
      assert.equal(client.text(at.uri), before, what);
      assert.equal(client.version(at.uri), 1, what);
    } finally {
      await client.stop();
    }
  }
});

test('an edit after the action was offered: refused, nothing changed', async () => {
  const r = conflicted(tick('Unit tests pass'), tick('Integration tests pass'));
  const { client, markers } = await session(r);
  try {
    const action = mergeAction(await actionsAt(client, r.uri, markers[0]))!;
    await client.replace(r.uri, 0, 0, '<!-- edited -->\n');
    const edited = client.text(r.uri);
    const reply = await runMerge(client, action);
    assert.equal(reply.applied, false);
    assert.match(reply.message ?? '', /the checklist changed \(version 1 was asked for, it is now 2\)/);
    assert.equal(client.text(r.uri), edited);
  } finally {
    await client.stop();
  }
});

test('Restricted Mode (no client commands announced): not offered, and the command refuses without running git', async () => {
  const r = conflicted(tick('Unit tests pass'), tick('Integration tests pass'));
  const { client, markers } = await session(r, []);
  try {
    assert.ok(markers.length > 0);
    assert.equal(mergeAction(await actionsAt(client, r.uri, markers[0])), undefined);
    const reply = (await client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: ServerCommands.mergeConflicts,
      arguments: [{ uri: r.uri, version: 1 }],
    })) as MergeConflictsReply;
    assert.equal(reply.applied, false);
    assert.match(reply.message ?? '', /trusted workspace/);
    assert.equal(client.version(r.uri), 1);
  } finally {
    await client.stop();
  }
});
