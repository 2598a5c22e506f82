// Running steps from their Run lenses in a trusted workspace: the result is recorded in the checklist,
// a pass checks the item, a failure leaves it open, and Cancel ends the whole process group.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import type { PreflightApi } from '../../../client/src/extension.ts';
import type { RunStepArgs } from '../../../server/src/protocol/protocol.ts';
import { e2e } from '../support/env.ts';
import { fileRow, preflight } from '../support/preflight.ts';
import { openInEditor, until } from '../support/wait.ts';

/** The Run lens whose step command contains `text`. */
async function runLens(uri: vscode.Uri, text: string): Promise<vscode.CodeLens> {
  return until(async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    return lenses.find(
      (l) => l.command?.command === 'preflight.runStep' && (l.command.arguments?.[0] as RunStepArgs).command.includes(text),
    );
  }, `a Run lens for "${text}"`);
}

function run(lens: vscode.CodeLens): Thenable<string> {
  return vscode.commands.executeCommand<string>(lens.command!.command, ...(lens.command!.arguments ?? []));
}

suite('running steps', () => {
  let api: PreflightApi;
  let editor: vscode.TextEditor;
  const line = (text: string) =>
    editor.document
      .getText()
      .split(/\r?\n/)
      .find((l) => l.includes(text)) ?? '';
  suiteSetup(async () => {
    editor = await openInEditor(e2e.releaseSteps);
    api = await preflight();
    await fileRow(api, e2e.releaseSteps);
  });

  test('`echo ok` passes: its note records exit 0 and the item is checked', async () => {
    assert.equal(await run(await runLens(editor.document.uri, 'echo ok')), 'passed');
    await until(() => line('Greeting works').startsWith('- [x]'), 'the item to be checked');
    const step = await until(
      () => api.outlines.get(editor.document.uri)?.steps.find((s) => s.command === 'echo ok' && s.lastRun),
      'the recorded run',
    );
    assert.equal(step.lastRun!.exitCode, 0);
    assert.match(editor.document.getText(), /<!-- preflight:run \{"at":"[^"]+","exit":0,"ms":\d+,"by":"[^"]+","out":"ok"\} -->/);
  });

  test("`bash -c 'exit 3'` fails: its note records exit 3, the item stays open and the tree shows the failure", async () => {
    assert.equal(await run(await runLens(editor.document.uri, 'exit 3')), 'failed');
    const step = await until(
      () => api.outlines.get(editor.document.uri)?.steps.find((s) => s.command.includes('exit 3') && s.lastRun),
      'the recorded run',
    );
    assert.equal(step.lastRun!.exitCode, 3);
    assert.ok(line('Broken check').startsWith('- [ ]'), 'a failed step leaves its item open');
    const failedRow = () =>
      api.tree
        .file(editor.document.uri)
        ?.children.flatMap((p) => p.children)
        .find((n) => n.kind === 'item' && n.item.text.startsWith('Broken check'));
    await until(() => {
      const row = failedRow();
      return row && String(api.tree.getTreeItem(row).description).includes('✗ exit 3');
    }, 'the tree row to show ✗ exit 3');
    assert.equal(api.decorations.drawnIn(editor).lastRuns, 2);
  });

  test('Cancel ends the running step and everything it started; nothing is recorded', async () => {
    const pidFile = path.join(e2e.wsA, 'sleep.pid');
    const running = run(await runLens(editor.document.uri, 'sleep 30'));
    const pid = Number(await until(() => fs.existsSync(pidFile) && fs.readFileSync(pidFile, 'utf8').trim(), 'the step to start its sleep'));
    const cancel = await until(async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
      return lenses.find((l) => l.command?.title.includes('Running… (Cancel)'));
    }, 'the lens to read "Running… (Cancel)"');
    await vscode.commands.executeCommand(cancel.command!.command, ...(cancel.command!.arguments ?? []));
    assert.equal(await running, 'cancelled');
    await until(() => {
      try {
        process.kill(pid, 0);
        return false;
      } catch {
        return true;
      }
    }, `the background sleep (pid ${pid}) to end with its process group`);
    assert.equal(api.outlines.get(editor.document.uri)?.steps.find((s) => s.command.includes('sleep 30'))?.lastRun, undefined);
    assert.equal(api.runs.isRunning(editor.document.uri.toString(), cancel.command!.arguments![0].stepId), false);
  });

  test('Run All Steps in Section runs them in order and stops at the first failure', async () => {
    const file = await fileRow(api, e2e.releaseSteps);
    const checks = file.children.find((n) => n.kind === 'phase' && n.phase.title === 'Checks');
    assert.ok(checks);
    const before = api.outlines.get(editor.document.uri)!.steps.filter((s) => s.lastRun).length;
    const outcome = await vscode.commands.executeCommand<{ steps: number; results: string[] }>('preflight.runPhase', checks);
    assert.deepEqual(outcome, { steps: 2, results: ['passed', 'failed'] });
    await until(() => editor.document.getText().split('preflight:run').length - 1 === 4, 'two more run notes (one per step)');
    assert.equal(api.outlines.get(editor.document.uri)!.steps.filter((s) => s.lastRun).length, before);
  });
});
