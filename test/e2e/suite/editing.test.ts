// Working through the seed in the editor: status bar, decorations, toggling (undoable), sections, the
// next open item, and a fresh run that leaves the original alone.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import type { PreflightApi } from '../../../client/src/extension.ts';
import { e2e } from '../support/env.ts';
import { cliReport, fileRow, type ReportPhase } from '../support/preflight.ts';
import { openInEditor, until } from '../support/wait.ts';

const lineOf = (editor: vscode.TextEditor, text: string) =>
  editor.document
    .getText()
    .split(/\r?\n/)
    .findIndex((l) => l.includes(text));

suite('editing the seed', () => {
  let api: PreflightApi;
  let editor: vscode.TextEditor;
  suiteSetup(async () => {
    editor = await openInEditor(e2e.seed);
    api = (await vscode.extensions.getExtension<PreflightApi>('preflight.preflight')!.activate())!;
    await fileRow(api, e2e.seed);
  });

  test('the status bar shows the completion of the active checklist', async () => {
    const { done, total } = cliReport(e2e.seed);
    await until(
      () => api.statusBar.item.text === `Preflight 0% (${done}/${total})`,
      `status "Preflight 0% (${done}/${total})", has "${api.statusBar.item.text}"`,
    );
  });

  test('decorations: a progress bar per phase with items, open items in the ruler', async () => {
    const report = cliReport(e2e.seed);
    const withItems = (phases: readonly ReportPhase[]): number =>
      phases.reduce((n, p) => n + (p.total > 0 ? 1 : 0) + withItems(p.phases), 0);
    await until(
      () => {
        const drawn = api.decorations.drawnIn(editor);
        return drawn.progress === withItems(report.phases) && drawn.openMarks === report.total && drawn.dimmed === 0;
      },
      `decorations for ${withItems(report.phases)} phases and ${report.total} open items, drawn ${JSON.stringify(api.decorations.drawnIn(editor))}`,
    );
  });

  test('Toggle Checklist Item checks the item at the cursor, dims it, and undo takes it back', async () => {
    await vscode.window.showTextDocument(editor.document);
    const line = lineOf(editor, 'All features for release merged');
    const before = editor.document.lineAt(line).text;
    assert.match(before, /^- \[ \] /);
    editor.selection = new vscode.Selection(line, 10, line, 10);
    await vscode.commands.executeCommand('preflight.toggleItem');
    await until(() => editor.document.lineAt(line).text === before.replace('[ ]', '[x]'), 'the line to read [x]');
    await until(() => api.statusBar.item.text.endsWith('(1/239)'), `the status bar to count 1, has "${api.statusBar.item.text}"`);
    await until(() => api.decorations.drawnIn(editor).dimmed === 1, 'the checked item dimmed');
    await vscode.commands.executeCommand('undo');
    await until(() => editor.document.lineAt(line).text === before, 'undo to restore the open box');
    await until(() => api.statusBar.item.text.endsWith('(0/239)'), 'the status bar back to 0');
  });

  test('Check All in Section from a tree row checks the section; the open-items filter then hides it', async () => {
    const file = await fileRow(api, e2e.seed);
    const phase = file.children.find((n) => n.kind === 'phase')!;
    const section = phase.children.find((n) => n.kind === 'phase')!;
    assert.equal(section.kind, 'phase');
    const title = section.phase.title;
    await vscode.commands.executeCommand('preflight.checkSection', section);
    const refreshed = () => {
      const p = api.tree.file(vscode.Uri.file(e2e.seed))!.children.find((n) => n.kind === 'phase')!;
      return p.children.find((n) => n.kind === 'phase' && n.phase.title === title);
    };
    await until(() => {
      const s = refreshed();
      return s?.kind === 'phase' && s.phase.total > 0 && s.phase.done === s.phase.total;
    }, `every item of "${title}" checked`);
    await vscode.commands.executeCommand('preflight.showOpenOnly');
    const shown = () => api.tree.getChildren(api.tree.file(vscode.Uri.file(e2e.seed))!.children.find((n) => n.kind === 'phase')!);
    assert.ok(!shown().some((n) => n.kind === 'phase' && n.phase.title === title), `"${title}" is complete and must be hidden`);
    assert.ok(shown().length > 0, 'the phase still shows its open sections');
    await vscode.commands.executeCommand('preflight.showAll');
    assert.ok(shown().some((n) => n.kind === 'phase' && n.phase.title === title));
    await vscode.commands.executeCommand('preflight.uncheckSection', refreshed());
    await until(
      () => refreshed()?.kind === 'phase' && (refreshed() as { phase: { done: number } }).phase.done === 0,
      `"${title}" unchecked again`,
    );
  });

  test('Go to Next Open Item moves the cursor to the next unchecked item, skipping checked ones', async () => {
    await vscode.window.showTextDocument(editor.document);
    const first = lineOf(editor, 'All features for release merged');
    const second = lineOf(editor, 'Code review completed');
    assert.ok(second > first);
    editor.selection = new vscode.Selection(first, 0, first, 0);
    await vscode.commands.executeCommand('preflight.toggleItem');
    await until(() => api.outlines.get(editor.document.uri)?.overall.done === 1, 'the outline to count the checked item');
    editor.selection = new vscode.Selection(first - 1, 0, first - 1, 0);
    await vscode.commands.executeCommand('preflight.nextOpenItem');
    assert.equal(editor.selection.active.line, second);
    await vscode.commands.executeCommand('undo');
  });

  test('a fresh run is a dated copy with every box cleared; the original keeps its ticks', async () => {
    editor.selection = new vscode.Selection(
      lineOf(editor, 'All features for release merged'),
      0,
      lineOf(editor, 'All features for release merged'),
      0,
    );
    await vscode.commands.executeCommand('preflight.toggleItem');
    await until(() => editor.document.getText().includes('- [x] All features for release merged'), 'a ticked item in the original');
    const target = vscode.Uri.file(path.join(e2e.wsA, 'production-deployment-checklist-fresh.md'));
    await vscode.commands.executeCommand('preflight.newRun', editor.document.uri, target);
    const fresh = fs.readFileSync(target.fsPath, 'utf8');
    assert.equal(
      fresh,
      fs.readFileSync(e2e.pristineSeed, 'utf8'),
      'a fresh run of the ticked seed is the seed as made from the template again',
    );
    assert.ok(editor.document.getText().includes('- [x] All features for release merged'), 'the original is untouched');
    await until(() => vscode.window.activeTextEditor?.document.uri.fsPath === target.fsPath, 'the fresh run to open');
    await until(() => api.tree.file(target)?.outline, 'the fresh run to appear in the tree');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(target);
    await until(() => !api.tree.file(target), 'the deleted fresh run to leave the tree');
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    await until(() => !editor.document.getText().includes('[x]'), 'the original back to no ticks');
  });

  test('the last run of a step shows beside it', async () => {
    const runbook = await openInEditor(e2e.runbook);
    await until(
      () => api.decorations.drawnIn(runbook).lastRuns === 1,
      `one last-run decoration, drawn ${JSON.stringify(api.decorations.drawnIn(runbook))}`,
    );
    const step = api.outlines.get(runbook.document.uri)!.steps.find((s) => s.lastRun);
    assert.deepEqual(step?.lastRun, { at: '2026-10-14T10:02:11+00:00', exitCode: 2, durationMs: 1840, by: 'Sam Okafor' });
  });
});
