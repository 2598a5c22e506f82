// New Checklist from Template in the trusted window: the command fills a template's placeholders and writes
// checklists/<slug>-<date>.md into the folder, opens it, and never overwrites. Values are given as the
// command's arguments here (its input boxes are driven through the UI in test/e2e/ui.mjs).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { e2e } from '../support/env.ts';
import { preflight } from '../support/preflight.ts';
import { until } from '../support/wait.ts';

/** Every `{{name}}` of a template, each given a recognisable value. */
function valuesFor(text: string): Record<string, string> {
  const names = new Set([...text.matchAll(/\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g)].map((m) => m[1]));
  return Object.fromEntries([...names].map((name) => [name, name === 'date' ? '2026-12-01' : `E2E ${name}`]));
}

suite('new checklist from template', () => {
  const template = path.join(e2e.extension, 'templates', 'release-checklist.md');
  const folder = vscode.Uri.file(e2e.wsA);
  // Later suites list ws-a's checklists: leave the folder as it was.
  suiteTeardown(async () => {
    const dir = path.join(e2e.wsA, 'checklists');
    const tabs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.fsPath.startsWith(dir));
    await vscode.window.tabGroups.close(tabs);
    fs.rmSync(path.join(e2e.wsA, 'checklists'), { recursive: true, force: true });
  });

  test('the release template becomes checklists/<slug>-2026-12-01.md with every placeholder filled, opened and analysed', async () => {
    const text = fs.readFileSync(template, 'utf8');
    const values = valuesFor(text);
    assert.ok(Object.keys(values).length >= 3, `the template has placeholders: ${Object.keys(values).join(', ')}`);
    const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('preflight.newFromTemplate', {
      template: vscode.Uri.file(template),
      folder,
      values,
    });
    assert.ok(created, 'the command returns the new file');
    assert.equal(path.dirname(created.fsPath), path.join(e2e.wsA, 'checklists'));
    assert.match(path.basename(created.fsPath), /-2026-12-01\.md$/);
    const written = fs.readFileSync(created.fsPath, 'utf8');
    assert.ok(!/\{\{/.test(written), 'no placeholder is left');
    assert.ok(written.includes('E2E project'), 'the project name is filled in');
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, created.fsPath, 'the new checklist is opened');
    const api = await preflight();
    const outline = await until(() => api.outlines.get(created), 'the outline of the new checklist');
    assert.ok(outline.overall.total > 0 && outline.overall.done === 0);
    const errors = await until(() => {
      const all = vscode.languages.getDiagnostics(created);
      return api.outlines.get(created) && all;
    }, 'diagnostics of the new checklist');
    assert.deepEqual(
      errors.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map((d) => d.message),
      [],
    );
  });

  test('a second checklist for the same day is refused: the file is not overwritten', async () => {
    const text = fs.readFileSync(template, 'utf8');
    const values = { ...valuesFor(text), project: 'Someone else' };
    const target = fs.readdirSync(path.join(e2e.wsA, 'checklists')).find((f) => f.endsWith('-2026-12-01.md'))!;
    const before = fs.readFileSync(path.join(e2e.wsA, 'checklists', target), 'utf8');
    const again = await vscode.commands.executeCommand<vscode.Uri | undefined>('preflight.newFromTemplate', {
      template: vscode.Uri.file(template),
      folder,
      values,
    });
    assert.equal(again, undefined);
    assert.equal(fs.readFileSync(path.join(e2e.wsA, 'checklists', target), 'utf8'), before);
  });
});
