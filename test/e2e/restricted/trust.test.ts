// The restricted run opens ws-a WITHOUT --disable-workspace-trust and with the startup trust prompt off,
// so the window stays in Restricted Mode. Tests here see what an untrusted user sees.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID, e2e, sourceManifest } from '../support/env.ts';
import { fileRow, preflight } from '../support/preflight.ts';
import { openInEditor, until } from '../support/wait.ts';

suite('restricted mode', () => {
  test('the workspace is not trusted', () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the restricted run must open ws-a untrusted (Restricted Mode)');
    assert.deepEqual(
      vscode.workspace.workspaceFolders?.map((f) => f.name),
      ['ws-a'],
    );
  });

  test('Preflight declares what it does in untrusted workspaces', () => {
    const declared = sourceManifest().capabilities?.untrustedWorkspaces;
    assert.ok(
      declared,
      'package.json needs "capabilities": {"untrustedWorkspaces": {"supported": "limited", "description": "..."}}: ' +
        'Preflight runs shell steps, so say what is off in Restricted Mode (without it VS Code disables the whole extension there)',
    );
    if (declared.supported === 'limited') assert.ok(declared.description, 'untrustedWorkspaces "limited" needs a description');
  });

  // VS Code never disables an extension under development for lack of trust (extensionDevelopmentPath
  // bypasses capabilities.untrustedWorkspaces), so this run checks Preflight's OWN Restricted Mode
  // behaviour (vscode.workspace.isTrusted checks); what VS Code does with the manifest shows only for an
  // installed VSIX.
  test('Preflight activates on the seed in Restricted Mode', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded from ${e2e.extension}`);
    await openInEditor(e2e.seed);
    await until(() => ext.isActive, `${EXTENSION_ID} to activate on ${path.basename(e2e.seed)} in Restricted Mode`);
    await ext.activate(); // isActive is true after a failed activation too; this rethrows its error
  });
});

suite('restricted mode: what still works', () => {
  test('progress lenses, status bar and tree are there; no Run or Sign-off lens is offered', async () => {
    const editor = await openInEditor(e2e.seed);
    const api = await preflight();
    await fileRow(api, e2e.seed);
    const lenses = await until(async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
      return found.some((l) => l.command?.title.includes('done')) && found;
    }, 'progress lenses on the seed');
    const machine = lenses.filter((l) => l.command && /preflight\.(runStep|signOff)/.test(l.command.command));
    assert.deepEqual(
      machine.map((l) => l.command!.title),
      [],
      'Restricted Mode must not offer lenses that run anything',
    );
    await until(() => /^Preflight \d+% \(\d+\/\d+\)$/.test(api.statusBar.item.text), 'the status bar progress');
  });

  test('sign-off roles in the tree and on hover read "not checked" in Restricted Mode: git is not asked', async () => {
    const editor = await openInEditor(e2e.seed);
    const api = await preflight();
    const file = await fileRow(api, e2e.seed);
    const signOff = file.children.find((n) => n.kind === 'phase' && n.phase.title === 'Sign-Off');
    const qa = signOff?.children.find((n) => n.kind === 'phase' && n.role?.id === 'sign-off/qa-lead');
    assert.ok(qa, 'the QA Lead heading is a role row');
    const row = api.tree.getTreeItem(qa);
    assert.deepEqual([row.description, (row.iconPath as vscode.ThemeIcon).id], ['not checked (Restricted Mode)', 'workspace-untrusted']);
    const line = editor.document.getText().split('\n').indexOf('### QA Lead');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      new vscode.Position(line, 5),
    );
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*Sign-off QA Lead\*\*: · not checked: trust the workspace/);
  });

  test('toggling an item works in Restricted Mode', async () => {
    const editor = await openInEditor(e2e.seed);
    const line = editor.document
      .getText()
      .split(/\r?\n/)
      .findIndex((l) => l.includes('All features for release merged'));
    editor.selection = new vscode.Selection(line, 0, line, 0);
    await vscode.commands.executeCommand('preflight.toggleItem');
    await until(() => editor.document.lineAt(line).text.startsWith('- [x]'), 'the item to be checked');
    await vscode.commands.executeCommand('undo');
  });

  test('ECS: no Roll back or Verify lens, and the tree asks for trust instead of calling AWS', async () => {
    const editor = await openInEditor(e2e.ecsRollback);
    const api = await preflight();
    const file = await fileRow(api, e2e.ecsRollback);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    assert.deepEqual(
      lenses.filter((l) => /preflight\.ecs/.test(l.command?.command ?? '')).map((l) => l.command!.title),
      [],
    );
    const node = file.children.find((n) => n.kind === 'ecs');
    assert.ok(node, 'the service still shows in the tree');
    assert.deepEqual(
      api.tree.getChildren(node).map((row) => api.tree.getTreeItem(row).label),
      ['Trust the workspace to see the live state'],
    );
    assert.equal(api.ecs.get(file.uri, node.target), undefined, 'nothing was fetched');
  });

  test('Run Step refuses in Restricted Mode and runs nothing', async () => {
    const editor = await openInEditor(e2e.releaseSteps);
    const api = await preflight();
    const outline = await until(() => api.outlines.get(editor.document.uri), 'the outline of the steps runbook');
    const step = outline.steps.find((s) => s.command === 'echo ok')!;
    const args = {
      uri: editor.document.uri.toString(),
      version: editor.document.version,
      stepId: step.id,
      command: step.command,
      kind: 'inline',
    };
    assert.equal(await vscode.commands.executeCommand('preflight.runStep', args), 'not run');
    assert.equal(api.runs.isRunning(args.uri, step.id), false);
    assert.ok(!editor.document.getText().includes('preflight:run'), 'no run note was written');
  });

  test('Review Changes Against… is not in the palette and refuses in Restricted Mode: no review, no Changes section', async () => {
    const manifest = sourceManifest() as { contributes?: { menus?: { commandPalette?: { command: string; when?: string }[] } } };
    const entry = manifest.contributes?.menus?.commandPalette?.find((m) => m.command === 'preflight.reviewChanges');
    assert.match(entry?.when ?? '', /isWorkspaceTrusted/);
    await openInEditor(e2e.seed);
    const api = await preflight();
    const file = await fileRow(api, e2e.seed);
    assert.equal(await vscode.commands.executeCommand('preflight.reviewChanges', { ref: 'HEAD' }), undefined);
    assert.equal(api.reviews.current, undefined);
    assert.equal(api.tree.changesNode(file), undefined);
  });

  test('a checklist with conflict markers: the diagnostic shows, "Merge with Preflight…" is not offered and its command refuses', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-e2e-restricted-merge-'));
    const file = path.join(dir, 'conflicted-checklist.md');
    fs.writeFileSync(
      file,
      '# Release\n\n<<<<<<< HEAD\n- [x] Unit tests pass\n- [ ] Integration tests pass\n=======\n- [ ] Unit tests pass\n- [x] Integration tests pass\n>>>>>>> qa\n',
    );
    try {
      const editor = await openInEditor(file);
      const markers = await until(() => {
        const found = vscode.languages
          .getDiagnostics(editor.document.uri)
          .filter((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'conflict-markers');
        return found.length >= 3 && found;
      }, 'the conflict-markers diagnostics');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        editor.document.uri,
        markers[0].range,
      );
      assert.deepEqual(
        actions.filter((a) => a.title.startsWith('Merge with Preflight')).map((a) => a.title),
        [],
        'git runs: not in Restricted Mode',
      );
      const reply = await vscode.commands.executeCommand<{ applied: boolean; message?: string }>('preflight.mergeConflicts', {
        uri: editor.document.uri.toString(),
        version: editor.document.version,
      });
      assert.equal(reply?.applied, false);
      assert.match(reply?.message ?? '', /trusted workspace/);
      assert.equal(editor.document.isDirty, false);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor').then(undefined, () => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
