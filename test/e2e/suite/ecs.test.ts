// ECS in a trusted workspace, against the fake ECS endpoint (test/fakes/ecs.mjs) started in the extension host
// and named in the `preflight.ecs.endpoint` setting; the real SDK signs with the launcher's static credentials.
// The rollback itself (quick pick, modal, rollout) is driven through the UI in test/e2e/ui.mjs.
import * as assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { PreflightApi } from '../../../client/src/extension.ts';
import type { EcsNode } from '../../../client/src/checklists/treeNodes.ts';
import type { EcsRollbackArgs, EcsVerifyArgs } from '../../../server/src/protocol/protocol.ts';
import { type FakeEcs, startFakeEcs } from '../../fakes/ecs.mjs';
import { e2e } from '../support/env.ts';
import { fileRow, preflight } from '../support/preflight.ts';
import { openInEditor, until } from '../support/wait.ts';

suite('ECS', () => {
  let api: PreflightApi;
  let editor: vscode.TextEditor;
  let ecs: FakeEcs;
  const config = () => vscode.workspace.getConfiguration('preflight.ecs');
  const line = (text: string) =>
    editor.document
      .getText()
      .split(/\r?\n/)
      .find((l) => l.includes(text)) ?? '';
  const rowLabels = (node: EcsNode) =>
    api.tree.getChildren(node).map((row) => (row.kind === 'ecsRow' ? `${row.label} | ${row.description ?? ''}` : ''));
  const verifyLens = (text: string) =>
    until(async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
      return lenses.find(
        (l) => l.command?.command === 'preflight.ecsVerify' && line(text) === editor.document.lineAt(l.range.start.line).text,
      );
    }, `a Verify with ECS lens on "${text}"`);

  suiteSetup(async () => {
    ecs = await startFakeEcs({
      services: [{ cluster: 'e2e-cluster', service: 'web', taskDefinition: 'web:7', desired: 2 }],
      taskDefinitions: ['web:6', 'web:7'],
    });
    await config().update('endpoint', ecs.url, vscode.ConfigurationTarget.Global);
    editor = await openInEditor(e2e.ecsRollback);
    api = await preflight();
    await fileRow(api, e2e.ecsRollback);
  });
  suiteTeardown(async () => {
    await config().update('endpoint', undefined, vscode.ConfigurationTarget.Global);
    await ecs?.close();
  });

  test('the outline names the service from the front matter, and the rollback block gets its lens', async () => {
    const outline = api.outlines.get(editor.document.uri)!;
    assert.deepEqual(
      outline.ecs.map((t) => [t.cluster, t.service, t.region, t.source]),
      [['e2e-cluster', 'web', 'us-east-1', 'front-matter']],
    );
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    const rollback = lenses.filter((l) => l.command?.command === 'preflight.ecsRollback');
    assert.equal(rollback.length, 1);
    assert.equal(rollback[0].command!.title, '⟲ Roll back web…');
    assert.match(editor.document.lineAt(rollback[0].range.start.line).text, /```bash/);
    assert.equal(
      outline.ecs[0].rollbackStepId,
      (rollback[0].command!.arguments![0] as EcsRollbackArgs).stepId,
      'the run note of a rollback from the tree goes under this block too',
    );
  });

  test('expanding the service in the tree shows its live state, deployments and events', async () => {
    const node = (await fileRow(api, e2e.ecsRollback)).children.find((n): n is EcsNode => n.kind === 'ecs');
    assert.ok(node, 'the runbook has an ECS row');
    assert.equal(api.tree.getTreeItem(node).label, 'ECS e2e-cluster/web');
    const rows = await until(() => {
      const labels = rowLabels(node);
      return labels[0]?.startsWith('ACTIVE') && labels;
    }, 'the state rows');
    assert.match(rows[0], /^ACTIVE · 2\/2 running \| 0 pending/);
    assert.match(rows[1], /^PRIMARY web:7 \| COMPLETED · 2\/2 running$/);
    assert.ok(
      ecs.calls.some((c) => c.operation === 'DescribeServices' && c.authorized),
      'the SDK signed its DescribeServices call',
    );
    assert.equal(api.tree.getTreeItem(node).description, 'ACTIVE · 2/2 running · COMPLETED');
  });

  test('Verify with ECS checks "All services healthy" when the service has one completed deployment', async () => {
    assert.ok(line('- [ ] All services healthy').length > 0);
    const lens = await verifyLens('All services healthy');
    assert.deepEqual(
      (lens.command!.arguments![0] as EcsVerifyArgs).targets.map((t) => t.service),
      ['web'],
    );
    await vscode.commands.executeCommand(lens.command!.command, ...lens.command!.arguments!);
    await until(() => line('All services healthy').startsWith('- [x]') && line('All services healthy'), 'the item to be checked');
  });

  test('Verify leaves the item open when ECS denies access, and the tree says why', async () => {
    const lens = await verifyLens('All services healthy after the rollback');
    ecs.fail(
      'DescribeServices',
      {
        type: 'AccessDeniedException',
        message: 'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ecs:DescribeServices',
      },
      1,
    );
    await vscode.commands.executeCommand(lens.command!.command, ...lens.command!.arguments!);
    assert.ok(line('All services healthy after the rollback').startsWith('- [ ]'), 'no access, no check');
    const node = (await fileRow(api, e2e.ecsRollback)).children.find((n): n is EcsNode => n.kind === 'ecs')!;
    ecs.fail('DescribeServices', { type: 'AccessDeniedException', message: 'not authorized to perform: ecs:DescribeServices' }, 1);
    await vscode.commands.executeCommand('preflight.ecsRefresh', node);
    const rows = await until(() => rowLabels(node)[0]?.includes('AWS denied') && rowLabels(node), 'the tree to show the denial');
    assert.match(rows[0], /AWS denied ecs:DescribeServices on e2e-cluster\/web \(us-east-1\)/);
  });
});
