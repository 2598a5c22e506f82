// The Checklists view against the CLI report: same phases, same order, same counts.
import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import type { PreflightApi } from '../../../client/src/extension.ts';
import type { TreeNode } from '../../../client/src/views/treeNodes.ts';
import { e2e } from '../support/env.ts';
import { cliReport, fileRow, label, preflight, type ReportPhase } from '../support/preflight.ts';
import { openInEditor, until } from '../support/wait.ts';

suite('checklist tree', () => {
  let api: PreflightApi;
  suiteSetup(async () => {
    api = await preflight();
  });

  test('lists the checklists of both workspace folders, and not the README', async () => {
    await fileRow(api, e2e.seed);
    await fileRow(api, e2e.runbook);
    const roots = () => api.tree.getChildren().map((n) => (n.kind === 'file' ? vscode.Uri.parse(n.uri).fsPath : '?')).sort();
    const expected = [e2e.seed, e2e.runbook].sort();
    await until(() => JSON.stringify(roots()) === JSON.stringify(expected), `the roots ${JSON.stringify(expected)}, have ${JSON.stringify(roots())}`);
  });

  test('phase rows and their counts equal `preflight report`', async () => {
    const file = await fileRow(api, e2e.seed);
    const report = cliReport(e2e.seed);
    const root = api.tree.getTreeItem(file);
    assert.equal(label(api, file), report.title);
    assert.match(String(root.description), new RegExp(`^${report.done}/${report.total} · `));
    const compare = (rows: readonly TreeNode[], phases: readonly ReportPhase[], path: string) => {
      const phaseRows = rows.filter((r) => r.kind === 'phase');
      assert.deepEqual(phaseRows.map((r) => label(api, r)), phases.map((p) => p.title), `phase titles under ${path}`);
      phases.forEach((phase, i) => {
        const description = api.tree.getTreeItem(phaseRows[i]).description;
        if (phase.total > 0) assert.match(String(description), new RegExp(`^${phase.done}/${phase.total} · ${Math.floor((phase.done / phase.total) * 100)}%`), phase.title);
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
    assert.deepEqual(states.slice(0, 3), [vscode.TreeItemCheckboxState.Checked, vscode.TreeItemCheckboxState.Unchecked, vscode.TreeItemCheckboxState.Unchecked]);
  });

  test('follows the active editor: the row of the item at the cursor is selected', async () => {
    await vscode.commands.executeCommand('preflight.checklists.focus');
    await until(() => api.tree.view.visible, 'the Checklists view to be visible');
    const editor = await openInEditor(e2e.runbook);
    const line = editor.document.getText().split('\n').findIndex((l) => l.includes('Freeze writes'));
    editor.selection = new vscode.Selection(line, 4, line, 4);
    await until(() => api.tree.view.selection[0]?.kind === 'item' && label(api, api.tree.view.selection[0]).startsWith('Freeze writes'), 'the row of "Freeze writes" to be selected');
  });
});
