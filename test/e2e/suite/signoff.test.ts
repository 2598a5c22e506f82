// Signing off in a real VS Code against a real git repository (ws-a): the role's gate first, then one
// commit that holds only the checklist, with trailers that `preflight signoffs` verifies.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import type { PreflightApi } from '../../../client/src/extension.ts';
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
    const testing = (await fileRow(api, e2e.seed)).children.flatMap((n) => n.children).find((n) => n.kind === 'phase' && n.phase.title === 'Testing');
    assert.ok(testing);
    await vscode.commands.executeCommand('preflight.checkSection', testing);
    await until(() => qa()?.gate.open.length === 0, "the QA Lead's gate complete");

    assert.equal(await vscode.commands.executeCommand('preflight.signOff', { uri: editor.document.uri.toString(), roleId: QA }), 'committed');
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
    assert.match(committed.toString('utf8'), /### QA Lead\n- \[x\] All QA requirements met\n- Name: Preflight E2E\n- Date: \d{4}-\d{2}-\d{2}\n- Time: \d{2}:\d{2}[+-]\d{2}:\d{2}\n/);
    assert.equal(editor.document.isDirty, false);

    const report = JSON.parse(execFileSync(process.execPath, [path.join(e2e.repo, 'server/dist/cli.js'), 'signoffs', '--format', 'json', e2e.seed], { cwd: e2e.wsA, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } }));
    const verified = JSON.stringify(report).includes('"verified":true');
    assert.ok(verified, `preflight signoffs verifies the commit: ${JSON.stringify(report)}`);
  });
});
