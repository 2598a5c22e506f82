// The trusted run opens multi.code-workspace (ws-a + ws-b) with the extension under development.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID, e2e, samePath } from '../support/env.ts';
import { openInEditor, until } from '../support/wait.ts';

suite('activation', () => {
  test('the window is the trusted multi-root workspace the harness made', () => {
    assert.equal(vscode.workspace.isTrusted, true, 'the trusted run must be trusted (--disable-workspace-trust)');
    assert.deepEqual(
      vscode.workspace.workspaceFolders?.map((f) => f.name),
      ['ws-a', 'ws-b'],
    );
    assert.equal(path.basename(vscode.workspace.workspaceFile?.fsPath ?? ''), 'multi.code-workspace');
  });

  test(`${EXTENSION_ID} is the extension under development`, () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(
      ext,
      `${EXTENSION_ID} is not loaded from ${e2e.extension}: does its package.json say publisher "preflight", name "preflight", and does "main" exist (npm run build)?`,
    );
    assert.ok(samePath(ext.extensionPath, e2e.extension), `${EXTENSION_ID} came from ${ext.extensionPath}, expected ${e2e.extension}`);
  });

  test('opening the seed checklist activates it through its activation events', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} not found`);
    const editor = await openInEditor(e2e.seed);
    assert.equal(editor.document.languageId, 'markdown');
    await until(
      () => ext.isActive,
      `${EXTENSION_ID} to activate after opening ${path.basename(e2e.seed)} (activationEvents: ${JSON.stringify(ext.packageJSON.activationEvents)})`,
    );
    await ext.activate(); // isActive is true after a FAILED activation too; activate() rethrows its error
  });

  test('activate() resolves and the extension is active', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} not found`);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });
});
