// "Merge with Preflight…" in a real VS Code, on a real repository left in a conflicted merge: two branches tick
// adjacent items of the deployment checklist, plain `git merge` stops on them. The conflict-markers diagnostic
// offers the quick fix; running it leaves the file with both ticks and no marker, unstaged (the index keeps
// git's three stages), and undo brings the markers back.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { MergeConflictsReply } from '../../../server/src/protocol/protocol.ts';
import { e2e } from '../support/env.ts';
import { fileRow, preflight } from '../support/preflight.ts';
import { openInEditor, until } from '../support/wait.ts';

const NAME = 'production-deployment-checklist.md';
const TITLE = 'Merge with Preflight…';

suite('merge with Preflight', () => {
  let dir = '';
  let file = '';
  let editor: vscode.TextEditor;
  let base = '';
  let conflicted = '';
  let first = '';
  let second = '';
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
    }).trim();
  const tick = (text: string) => (s: string) => s.replace(`- [ ] ${text}\n`, `- [x] ${text}\n`);
  // A code with a docs link arrives as { value, target }.
  const markerDiagnostics = () =>
    vscode.languages
      .getDiagnostics(editor.document.uri)
      .filter((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'conflict-markers');
  const mergeActionAt = async (range: vscode.Range) => {
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      editor.document.uri,
      range,
      vscode.CodeActionKind.QuickFix.value,
    );
    return actions.find((a) => a.title === TITLE);
  };

  suiteSetup(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-e2e-merge-'));
    file = path.join(dir, NAME);
    git('init', '-q', '-b', 'main');
    git('config', 'user.name', 'Ada Lovelace');
    git('config', 'user.email', 'ada@example.com');
    base = fs.readFileSync(e2e.pristineSeed, 'utf8');
    // Two open items on neighbouring lines: git's line merge cannot take both ticks.
    const lines = base.split('\n');
    const at = lines.findIndex((l, i) => l.startsWith('- [ ] ') && lines[i + 1]?.startsWith('- [ ] '));
    assert.ok(at > 0, 'the seed has two adjacent open items');
    [first, second] = [lines[at].slice(6), lines[at + 1].slice(6)];
    fs.writeFileSync(file, base);
    git('add', NAME);
    git('commit', '-q', '-m', 'deployment checklist');
    git('checkout', '-q', '-b', 'qa');
    fs.writeFileSync(file, tick(second)(base));
    git('commit', '-q', '-am', `QA: ${second}`);
    git('checkout', '-q', 'main');
    fs.writeFileSync(file, tick(first)(base));
    git('commit', '-q', '-am', `dev: ${first}`);
    const merge = spawnSync('git', ['merge', 'qa'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
    });
    assert.notEqual(merge.status, 0, `plain git merges adjacent ticks with a conflict: ${merge.stdout}`);
    conflicted = fs.readFileSync(file, 'utf8');
    assert.match(conflicted, /^<<<<<<< HEAD$/m);

    editor = await openInEditor(file);
    await fileRow(await preflight(), file);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor').then(undefined, () => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the conflict-markers diagnostic offers "Merge with Preflight…"', async () => {
    const markers = await until(() => markerDiagnostics().length >= 3 && markerDiagnostics(), 'the conflict-markers diagnostics');
    // VS Code may cancel its first code action request after the open (the server saw it cancelled): wait for an answer.
    await until(() => mergeActionAt(markers[0].range), 'the quick fix on the first marker');
    for (const marker of markers) {
      const action = await mergeActionAt(marker.range);
      assert.ok(action, `offered at line ${marker.range.start.line + 1}`);
      assert.equal(action.kind?.value, vscode.CodeActionKind.QuickFix.value);
      assert.equal(action.command?.command, 'preflight.mergeConflicts');
    }
    assert.equal(await mergeActionAt(new vscode.Range(0, 0, 0, 0)), undefined, 'not offered away from the markers');
  });

  test('running it leaves both ticks and no marker, unstaged; undo brings the markers back', async () => {
    const [marker] = markerDiagnostics();
    const action = await mergeActionAt(marker.range);
    assert.ok(action?.command);
    const reply = await vscode.commands.executeCommand<MergeConflictsReply>(action.command.command, ...(action.command.arguments ?? []));
    assert.equal(reply?.applied, true, reply?.message);
    assert.deepEqual(reply.conflicts, []);
    // What resolving by hand should give: the base with both sides' ticks.
    assert.equal(editor.document.getText(), tick(second)(tick(first)(base)));
    await until(() => markerDiagnostics().length === 0, 'the conflict-markers diagnostics gone');
    // The editor holds the result for review: nothing saved, nothing staged, git still sees the merge unresolved.
    assert.equal(editor.document.isDirty, true);
    assert.equal(fs.readFileSync(file, 'utf8'), conflicted);
    assert.equal(git('diff', '--cached'), `* Unmerged path ${NAME}`, 'no content staged');
    assert.equal(git('status', '--porcelain'), `UU ${NAME}`);

    // Saved, it is a modified, still unmerged file: the user concludes with git add.
    await editor.document.save();
    assert.equal(fs.readFileSync(file, 'utf8'), tick(second)(tick(first)(base)));
    assert.equal(git('status', '--porcelain'), `UU ${NAME}`);
    assert.equal(git('diff', '--cached'), `* Unmerged path ${NAME}`);

    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    await until(() => editor.document.getText() === conflicted, 'undo to restore the conflicted text, markers and all');
    await until(() => markerDiagnostics().length >= 3, 'the conflict-markers diagnostics back');
  });
});
