/**
 * preflight/signoffStates over a real stdio connection: the server runs git (real repository, real SSH
 * key) only when the client announced a trusted workspace, and judges roles as `preflight signoffs` does.
 * Hovers over a role show the same state, computed once per document version.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { ClientCommands, SignOffStatesRequest } from '../../server/src/protocol/protocol.ts';
import { TestClient } from '../support/lspClient.ts';

// Keep the machine's git configuration out of the repository (the server inherits this environment).
process.env.GIT_CONFIG_GLOBAL = '/dev/null';
process.env.GIT_CONFIG_NOSYSTEM = '1';

const TEXT = `# Release

## Sign-Off

### QA Lead
- Name: Quinn Quality

### Ops Lead
- Name: Olga Ops
`;

let dir = '';
let file = '';
const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'preflight-lsp-signoffs-'));
  const key = path.join(dir, '.key');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'quinn', '-f', key]);
  writeFileSync(path.join(dir, '.allowed'), `quinn@example.com ${readFileSync(`${key}.pub`, 'utf8').trim()}\n`);
  git('init', '-q', '-b', 'main');
  git('config', 'gpg.ssh.allowedSignersFile', path.join(dir, '.allowed'));
  file = path.join(dir, 'release-checklist.md');
  const as = (name: string, email: string) => ['-c', `user.name=${name}`, '-c', `user.email=${email}`];
  const signOff = (text: string, role: string, who: string[], ...signing: string[]) => {
    writeFileSync(file, text);
    git('add', 'release-checklist.md');
    const sha = createHash('sha256').update(text).digest('hex');
    git(
      ...who,
      ...signing,
      'commit',
      '-q',
      '-m',
      `Sign off ${role}`,
      '--trailer',
      `Preflight-Role: ${role}`,
      '--trailer',
      `Preflight-Content-SHA256: ${sha}`,
    );
  };
  // Olga's sign-off is unsigned; Quinn's, after it, is signed with a key the allowed-signers file lists.
  signOff(`${TEXT}\n`, 'sign-off/ops-lead', as('Olga Ops', 'olga@example.com'));
  signOff(
    TEXT,
    'sign-off/qa-lead',
    as('Quinn Quality', 'quinn@example.com'),
    '-c',
    'gpg.format=ssh',
    '-c',
    `user.signingkey=${key}`,
    '-c',
    'commit.gpgSign=true',
  );
});
after(() => rmSync(dir, { recursive: true, force: true }));

test("trusted: each role's state from git, as the CLI judges it; an unsaved edit is an edit after sign-off", async () => {
  const client = await TestClient.start({ clientCommands: [ClientCommands.signOff], workspaceFolder: dir });
  try {
    const uri = `file://${file}`;
    await client.open(uri, TEXT);
    await client.diagnosticsFor(uri, 1);
    const states = await client.connection.sendRequest(SignOffStatesRequest.type, { uri });
    assert.equal(states?.checked, true, client.logs.join('\n'));
    assert.deepEqual(
      {
        state: states?.roles['sign-off/qa-lead'].state,
        signer: states?.roles['sign-off/qa-lead'].signer,
        format: states?.roles['sign-off/qa-lead'].format,
      },
      { state: 'verified', signer: 'quinn@example.com', format: 'ssh' },
    );
    // Unsigned, and changed since only by a verified sign-off commit: author name only.
    assert.equal(states?.roles['sign-off/ops-lead'].label, 'author name only, not proven');
    await client.change(uri, [{ text: `${TEXT}\n- [ ] one more\n` }]);
    await client.diagnosticsFor(uri, 2);
    const edited = await client.connection.sendRequest(SignOffStatesRequest.type, { uri });
    assert.equal(edited?.roles['sign-off/qa-lead'].state, 'edited after sign-off');
  } finally {
    await client.stop();
  }
});

test('Restricted Mode (no client commands announced): git is not run, every role "not checked: trust the workspace"', async () => {
  const client = await TestClient.start({ clientCommands: [], workspaceFolder: dir });
  try {
    const uri = `file://${file}`;
    await client.open(uri, TEXT);
    await client.diagnosticsFor(uri, 1);
    const states = await client.connection.sendRequest(SignOffStatesRequest.type, { uri });
    assert.equal(states?.checked, false);
    assert.equal(states?.roles['sign-off/qa-lead'].label, 'not checked: trust the workspace');
  } finally {
    await client.stop();
  }
});

/** The hover's markdown at a 0-based line of TEXT (column 4: inside the heading text). */
async function hoverAt(client: TestClient, uri: string, line: number): Promise<string> {
  const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character: 4 } });
  return (h?.contents as MarkupContent | undefined)?.value ?? '';
}
const QA_HEADING = TEXT.split('\n').indexOf('### QA Lead');
const OPS_HEADING = TEXT.split('\n').indexOf('### Ops Lead');

test('hover over a role heading: its state, why, and the commit, as preflight/signoffStates says; other lines carry none', async () => {
  const client = await TestClient.start({ clientCommands: [ClientCommands.signOff], workspaceFolder: dir });
  try {
    const uri = `file://${file}`;
    await client.open(uri, TEXT);
    await client.diagnosticsFor(uri, 1);
    const qa = await hoverAt(client, uri, QA_HEADING);
    const sha = git('log', '-1', '--format=%H', '--grep', 'Sign off sign-off/qa-lead');
    assert.match(qa, /^\*\*QA Lead\*\*: no items/, "the heading's own hover stays first");
    assert.match(qa, /\*\*Sign-off QA Lead\*\*: ✓ verified · ssh quinn@example\.com/);
    assert.ok(qa.includes(`Commit: \`${sha.slice(0, 12)}\``), qa);
    const ops = await hoverAt(client, uri, OPS_HEADING);
    assert.match(ops, /\*\*Sign-off Ops Lead\*\*: \? author name only, not proven/);
    assert.match(ops, /Why: [0-9a-f]{7,} is not signed: the author name Olga Ops is all that backs it/);
    assert.doesNotMatch(await hoverAt(client, uri, TEXT.split('\n').indexOf('## Sign-Off')), /Sign-off/, 'the section heading is no role');
  } finally {
    await client.stop();
  }
});

test('Restricted Mode: the hover says the role was not checked: trust the workspace', async () => {
  const client = await TestClient.start({ clientCommands: [], workspaceFolder: dir });
  try {
    const uri = `file://${file}`;
    await client.open(uri, TEXT);
    await client.diagnosticsFor(uri, 1);
    assert.match(await hoverAt(client, uri, QA_HEADING), /\*\*Sign-off QA Lead\*\*: · not checked: trust the workspace/);
  } finally {
    await client.stop();
  }
});

// Last: it adds a commit to the repository.
test('hovers keep the states of a document version; preflight/signoffStates computes afresh, and hovers follow it', async () => {
  const client = await TestClient.start({ clientCommands: [ClientCommands.signOff], workspaceFolder: dir });
  try {
    const uri = `file://${file}`;
    await client.open(uri, TEXT);
    await client.diagnosticsFor(uri, 1);
    assert.match(await hoverAt(client, uri, QA_HEADING), /✓ verified/);
    // A commit after the sign-off, the editor's text (and version) unchanged: only git's answer differs.
    writeFileSync(file, `${TEXT}\n- [ ] slipped in\n`);
    git('-c', 'user.name=Mallory', '-c', 'user.email=mallory@example.com', 'commit', '-q', '-am', 'Tick one more');
    assert.match(await hoverAt(client, uri, QA_HEADING), /✓ verified/, 'the same version: the cached states, no git run');
    const states = await client.connection.sendRequest(SignOffStatesRequest.type, { uri });
    assert.equal(states?.roles['sign-off/qa-lead'].state, 'edited after sign-off');
    const after = await hoverAt(client, uri, QA_HEADING);
    assert.match(after, /✗ edited after sign-off/);
    assert.match(after, /Why: .*changed after sign-off in [0-9a-f]+ by Mallory: Tick one more/);
  } finally {
    await client.stop();
  }
});
