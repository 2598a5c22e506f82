// Signing off in a real VS Code against a real git repository (ws-a): the role's gate first, then one
// commit that holds only the checklist, with trailers that `preflight signoffs` verifies.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { PreflightApi } from '../../../client/src/extension.ts';
import type { PhaseNode, TreeNode } from '../../../client/src/checklists/treeNodes.ts';
import { e2e } from '../support/env.ts';
import { fileRow, preflight } from '../support/preflight.ts';
import { openInEditor, until } from '../support/wait.ts';

const git = (...args: string[]) => execFileSync('git', args, { cwd: e2e.wsA, encoding: 'utf8' }).trim();
const QA = 'sign-off/qa-lead';

suite('signing off', () => {
  let api: PreflightApi;
  let editor: vscode.TextEditor;
  const qa = () => api.outlines.get(editor.document.uri)?.signOff.find((r) => r.id === QA);
  suiteSetup(async () => {
    editor = await openInEditor(e2e.seed);
    api = await preflight();
    await fileRow(api, e2e.seed);
  });

  test("the QA Lead's gate is the Testing section the template's front matter names", async () => {
    const role = await until(qa, 'the QA Lead role');
    assert.deepEqual(role.gate.phases, ['Testing']);
    assert.equal(role.gate.total, 9, 'the required items of Testing (one of its ten is "if applicable")');
    assert.equal(role.gate.open.length, role.gate.total - role.gate.done);
  });

  test('after its gate is done, Sign Off commits only the checklist, with verifiable trailers; other staged work stays staged', async () => {
    fs.writeFileSync(path.join(e2e.wsA, 'notes.txt'), 'work in progress\n');
    git('add', 'notes.txt');
    const commitsBefore = Number(git('rev-list', '--count', 'HEAD'));
    const testing = (await fileRow(api, e2e.seed)).children
      .flatMap((n) => n.children)
      .find((n) => n.kind === 'phase' && n.phase.title === 'Testing');
    assert.ok(testing);
    await vscode.commands.executeCommand('preflight.checkSection', testing);
    await until(() => qa()?.gate.open.length === 0, "the QA Lead's gate complete");

    assert.equal(
      await vscode.commands.executeCommand('preflight.signOff', { uri: editor.document.uri.toString(), roleId: QA }),
      'committed',
    );
    assert.equal(Number(git('rev-list', '--count', 'HEAD')), commitsBefore + 1);
    assert.deepEqual(git('show', '--name-only', '--format=', 'HEAD').split('\n'), ['production-deployment-checklist.md']);
    assert.deepEqual(git('diff', '--cached', '--name-only').split('\n'), ['notes.txt'], 'notes.txt is still staged, and nothing else');
    const message = git('log', '-1', '--format=%B');
    const committed = execFileSync('git', ['show', 'HEAD:production-deployment-checklist.md'], { cwd: e2e.wsA });
    assert.match(message, /^Sign off "Production Deployment Checklist": QA Lead\n/);
    assert.match(message, /\nPreflight-Role: sign-off\/qa-lead\n/);
    assert.match(message, /\nPreflight-Progress: 11\/239\n/, 'the 10 Testing items and the QA statement');
    assert.match(message, new RegExp(`\\nPreflight-Content-SHA256: ${createHash('sha256').update(committed).digest('hex')}\\n`));
    assert.match(message, /\nSigned-off-by: Preflight E2E <e2e@preflight\.invalid>/);
    assert.match(
      committed.toString('utf8'),
      /### QA Lead\n- \[x\] All QA requirements met\n- Name: Preflight E2E\n- Date: \d{4}-\d{2}-\d{2}\n- Time: \d{2}:\d{2}[+-]\d{2}:\d{2}\n/,
    );
    assert.equal(editor.document.isDirty, false);

    const report = JSON.parse(
      execFileSync(process.execPath, [path.join(e2e.repo, 'server/dist/cli.js'), 'signoffs', '--format', 'json', e2e.seed], {
        cwd: e2e.wsA,
        encoding: 'utf8',
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      }),
    );
    // The seed has no `signers:` and git signs nothing here: backed by its commit, but by the author name only.
    const role = (report.roles as { id: string; state: string; passes: boolean }[]).find((r) => r.id === QA);
    assert.deepEqual(
      { state: role?.state, passes: role?.passes },
      { state: 'unsigned', passes: true },
      `preflight signoffs: ${JSON.stringify(report)}`,
    );
  });
});

// A checklist whose front matter names who may sign each role: Sign Off… signs the commit with an SSH key made
// here, git verifies it against an allowed-signers file, and the tree shows each role's state from git.
const SIGNED_NAME = 'signed-release-checklist.md';
const SIGNED = `---
signers:
  QA Lead: e2e@preflight.invalid
  Ops Lead: olga@example.com
---
# Signed Release

## Testing

- [x] Tests pass

## Sign-Off

### QA Lead
- [ ] QA requirements met
- Name: ____

### Ops Lead
- [ ] Infrastructure ready
- Name: ____
`;
/** The sandbox repository's config this suite sets, and puts back as it found it. */
const SIGNING_CONFIG = ['gpg.format', 'user.signingkey', 'gpg.ssh.allowedSignersFile'];

suite('signed sign-offs', () => {
  let api: PreflightApi;
  let editor: vscode.TextEditor;
  let keys = '';
  const file = () => path.join(e2e.wsA, SIGNED_NAME);
  const saved = new Map<string, string | undefined>();
  /** The row of a role, from the tree as it is now (rows are rebuilt with every outline). */
  const roleRow = (id: string) => {
    const walk = (nodes: readonly TreeNode[]): TreeNode[] => nodes.flatMap((n) => [n, ...walk(n.children)]);
    const node = walk(api.tree.file(editor.document.uri)?.children ?? []).find(
      (n): n is PhaseNode => n.kind === 'phase' && n.role?.id === id,
    );
    return node && api.tree.getTreeItem(node);
  };
  const rowReads = (id: string, description: string, icon: string) =>
    until(
      () => {
        const row = roleRow(id);
        return row?.description === description && (row.iconPath as vscode.ThemeIcon | undefined)?.id === icon && row;
      },
      `the ${id} row to read "${description}" with ${icon} (it reads "${String(roleRow(id)?.description)}")`,
    );

  suiteSetup(async () => {
    keys = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-e2e-keys-'));
    const key = path.join(keys, 'id_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'e2e', '-f', key]);
    fs.writeFileSync(path.join(keys, 'allowed_signers'), `e2e@preflight.invalid ${fs.readFileSync(`${key}.pub`, 'utf8').trim()}\n`);
    for (const name of SIGNING_CONFIG) saved.set(name, gitMaybe('config', '--local', name));
    git('config', 'gpg.format', 'ssh');
    git('config', 'user.signingkey', key);
    git('config', 'gpg.ssh.allowedSignersFile', path.join(keys, 'allowed_signers'));
    fs.writeFileSync(file(), SIGNED);
    git('add', SIGNED_NAME);
    git('-c', 'commit.gpgSign=false', 'commit', '-q', '-m', 'Add the signed release checklist', '--', SIGNED_NAME);
    editor = await openInEditor(file());
    api = await preflight();
    await fileRow(api, file());
  });

  suiteTeardown(async () => {
    // Later suites see the sandbox as it was: no checklist of ours in the tree, no signing config.
    const tab = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .find((t) => t.input instanceof vscode.TabInputText && t.input.uri.fsPath === file());
    if (tab) await vscode.window.tabGroups.close(tab);
    git('rm', '-q', '-f', SIGNED_NAME);
    git('-c', 'commit.gpgSign=false', 'commit', '-q', '-m', 'Remove the signed release checklist', '--', SIGNED_NAME);
    for (const [name, value] of saved) {
      if (value === undefined) gitMaybe('config', '--local', '--unset', name);
      else git('config', '--local', name, value);
    }
    fs.rmSync(keys, { recursive: true, force: true });
  });

  test('signed sign-off: Sign Off… signs with the SSH key, git verifies it, and the role row and hover read verified', async () => {
    const qa = 'sign-off/qa-lead';
    // Drawing the row asks git: before signing, the role is not signed.
    await rowReads(qa, 'not signed', 'circle-outline');
    assert.equal(
      await vscode.commands.executeCommand('preflight.signOff', { uri: editor.document.uri.toString(), roleId: qa }),
      'committed',
    );
    assert.equal(git('log', '-1', '--format=%G? %GS'), 'G e2e@preflight.invalid', 'a good SSH signature by the allowed signer');
    const verify = spawnGit('verify-commit', 'HEAD');
    assert.equal(verify.status, 0, verify.stderr);
    assert.match(verify.stderr, /Good "git" signature for e2e@preflight\.invalid with ED25519 key/);
    assert.match(git('log', '-1', '--format=%B'), /\nPreflight-Role: sign-off\/qa-lead\n/);

    const row = await rowReads(qa, 'verified · ssh e2e@preflight.invalid', 'verified-filled');
    const tooltip = (row.tooltip as vscode.MarkdownString).value;
    assert.ok(tooltip.includes(`Commit: \`${git('rev-parse', 'HEAD').slice(0, 12)}\``), tooltip);
    assert.match(tooltip, /Allowed signers: e2e@preflight\.invalid/);
    const line = editor.document.getText().split('\n').indexOf('### QA Lead');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      new vscode.Position(line, 5),
    );
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*Sign-off QA Lead\*\*: ✓ verified · ssh e2e@preflight\.invalid/);
  });

  test('signed sign-off: a role whose signers: does not list the user is refused; file and history unchanged', async () => {
    const ops = 'sign-off/ops-lead';
    await rowReads(ops, 'not signed', 'circle-outline');
    const head = git('rev-parse', 'HEAD');
    const before = fs.readFileSync(file(), 'utf8');
    const text = editor.document.getText();
    assert.equal(
      await vscode.commands.executeCommand('preflight.signOff', { uri: editor.document.uri.toString(), roleId: ops }),
      'refused',
    );
    assert.equal(git('rev-parse', 'HEAD'), head, 'no commit');
    assert.equal(fs.readFileSync(file(), 'utf8'), before, 'the file on disk is unchanged');
    assert.equal(editor.document.getText(), text, 'nothing was stamped in the editor');
    assert.equal(editor.document.isDirty, false);
    await rowReads(ops, 'not signed', 'circle-outline');
  });
});

function gitMaybe(...args: string[]): string | undefined {
  const r = spawnGit(...args);
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function spawnGit(...args: string[]) {
  return spawnSync('git', args, { cwd: e2e.wsA, encoding: 'utf8' });
}
