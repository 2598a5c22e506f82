// The Checklists view against the CLI report: same phases, same order, same counts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import type { PreflightApi } from '../../../client/src/extension.ts';
import type { TreeNode } from '../../../client/src/checklists/treeNodes.ts';
import { e2e } from '../support/env.ts';
import { cliReport, fileRow, label, preflight, type ReportPhase } from '../support/preflight.ts';
import { openInEditor, until } from '../support/wait.ts';

suite('checklist tree', () => {
  let api: PreflightApi;
  suiteSetup(async () => {
    api = await preflight();
    // The workspace is scanned when the view is first shown.
    await vscode.commands.executeCommand('preflight.checklists.focus');
  });

  test('lists the checklists of both workspace folders, and not the README', async () => {
    await fileRow(api, e2e.seed);
    await fileRow(api, e2e.runbook);
    const roots = () =>
      api.tree
        .getChildren()
        .map((n) => (n.kind === 'file' ? vscode.Uri.parse(n.uri).fsPath : '?'))
        .sort();
    const expected = [e2e.seed, e2e.runbook, e2e.releaseSteps, e2e.guardedSteps, e2e.ecsRollback].sort();
    await until(
      () => JSON.stringify(roots()) === JSON.stringify(expected),
      `the roots ${JSON.stringify(expected)}, have ${JSON.stringify(roots())}`,
    );
  });

  test('phase rows and their counts equal `preflight report`', async () => {
    const file = await fileRow(api, e2e.seed);
    const report = cliReport(e2e.seed);
    const root = api.tree.getTreeItem(file);
    assert.equal(label(api, file), report.title);
    assert.match(String(root.description), new RegExp(`^${report.done}/${report.total} · `));
    const compare = (rows: readonly TreeNode[], phases: readonly ReportPhase[], path: string) => {
      const phaseRows = rows.filter((r) => r.kind === 'phase');
      assert.deepEqual(
        phaseRows.map((r) => label(api, r)),
        phases.map((p) => p.title),
        `phase titles under ${path}`,
      );
      phases.forEach((phase, i) => {
        const description = api.tree.getTreeItem(phaseRows[i]).description;
        // A sign-off role's heading shows the role's state from git instead (signoff.test.ts); its counts are in the tooltip.
        const role = phaseRows[i].kind === 'phase' && phaseRows[i].role;
        if (phase.total > 0 && !role)
          assert.match(
            String(description),
            new RegExp(`^${phase.done}/${phase.total} · ${Math.floor((phase.done / phase.total) * 100)}%`),
            phase.title,
          );
        compare(phaseRows[i].children, phase.phases, `${path} > ${phase.title}`);
      });
    };
    compare(file.children, report.phases, report.title);
  });

  test('items carry checkboxes in the state of their box', async () => {
    const file = await fileRow(api, e2e.runbook);
    const items = file.children.flatMap((phase) => phase.children).filter((n) => n.kind === 'item');
    const states = items.map((n) => api.tree.getTreeItem(n).checkboxState);
    assert.equal(states.length, 7);
    assert.deepEqual(states.slice(0, 3), [
      vscode.TreeItemCheckboxState.Checked,
      vscode.TreeItemCheckboxState.Unchecked,
      vscode.TreeItemCheckboxState.Unchecked,
    ]);
  });

  test('follows the active editor: the row of the item at the cursor is selected', async () => {
    await vscode.commands.executeCommand('preflight.checklists.focus');
    await until(() => api.tree.view.visible, 'the Checklists view to be visible');
    const editor = await openInEditor(e2e.runbook);
    const line = editor.document
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('Freeze writes'));
    editor.selection = new vscode.Selection(line, 4, line, 4);
    await until(
      () => api.tree.view.selection[0]?.kind === 'item' && label(api, api.tree.view.selection[0]).startsWith('Freeze writes'),
      'the row of "Freeze writes" to be selected',
    );
  });

  test('a click on a row reveals its line in the editor', async () => {
    const file = await fileRow(api, e2e.runbook);
    const phase = file.children.find((n) => n.kind === 'phase' && n.phase.title.startsWith('Phase 2'))!;
    const item = phase.children[1];
    const command = api.tree.getTreeItem(item).command!;
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const editor = await until(
      () => vscode.window.activeTextEditor?.document.uri.fsPath === e2e.runbook && vscode.window.activeTextEditor,
      'the runbook in the editor',
    );
    await until(
      () => editor.document.lineAt(editor.selection.active.line).text.includes('Promote the replica'),
      'the cursor on "Promote the replica"',
    );
  });

  test('follows files on disk: a new checklist appears, a change outside the editor updates it, a deletion removes it', async () => {
    const extra = path.join(e2e.wsB, 'runbooks', 'cache-flush-runbook.md');
    const text = '# Cache Flush Runbook\n\n## Flush\n\n- [ ] Drain traffic\n- [ ] Flush the cache\n';
    fs.writeFileSync(extra, text);
    const counts = () => {
      const node = api.tree.file(vscode.Uri.file(extra));
      return node?.outline && `${node.outline.overall.done}/${node.outline.overall.total}`;
    };
    await until(() => counts() === '0/2', 'the new runbook in the tree with 0/2');
    fs.writeFileSync(extra, text.replace('- [ ] Drain', '- [x] Drain'));
    await until(() => counts() === '1/2', `the tree to read 1/2 after the change on disk (has ${counts()})`);
    fs.unlinkSync(extra);
    await until(() => !api.tree.file(vscode.Uri.file(extra)), 'the deleted runbook to leave the tree');
  });
});
