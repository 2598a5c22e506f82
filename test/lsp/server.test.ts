/**
 * The real server (server/dist/main.js) over a real JSON-RPC connection on stdio: what any editor sees.
 * Run after `npm run build`.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  type CodeLens,
  CodeLensRequest,
  DiagnosticSeverity,
  DocumentSymbolRequest,
  ExecuteCommandRequest,
  FoldingRangeRequest,
  HoverRequest,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { check } from '../../server/src/core/check.ts';
import { parseChecklist } from '../../server/src/core/checklist.ts';
import { allPhases, percent } from '../../server/src/core/progress.ts';
import { parseRunNote } from '../../server/src/core/runNote.ts';
import { stepsOf } from '../../server/src/core/steps.ts';
import {
  ClientCommands,
  type EcsRollbackArgs,
  type EcsVerifyArgs,
  FillTemplateRequest,
  FreshRunRequest,
  OutlineRequest,
  RunResultRequest,
  ServerCommands,
  TemplateInfoRequest,
} from '../../server/src/protocol/protocol.ts';
import { TestClient } from '../support/lspClient.ts';
import { seedText } from '../support/material.ts';
import { repoRoot } from '../support/paths.ts';
import { realisticChecklist } from '../support/generate.ts';
import { Rng } from '../support/prng.ts';

const folder = '/tmp/preflight-lsp-test';
const uriOf = (name: string) => `file://${folder}/${name}`;
const seed = seedText;

describe('preflight-ls over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({
      clientCommands: [ClientCommands.runStep, ClientCommands.signOff],
      workspaceFolder: folder,
      settings: { rules: { 'gate-order': 'off' } },
    });
  });
  after(async () => {
    await client.stop();
    assert.equal(
      client.logs.filter((l) => /unexpected error|analysis of .* failed/.test(l)).join('\n'),
      '',
      'no unexpected errors in the server log',
    );
  });

  test('diagnostics for the seed equal the core check, with settings pulled per resource (gate-order off)', async () => {
    const uri = uriOf('production-deployment-checklist.md');
    await client.open(uri, seed);
    const published = await client.diagnosticsFor(uri, 1);
    const expected = check(parseChecklist(seed), { rules: { 'gate-order': 'off' } });
    assert.ok(expected.length > 0, 'the seed has findings (unfilled placeholders)');
    assert.deepEqual(
      published.diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`),
      expected.map((f) => `${f.range.start.line}:${f.ruleId}`),
    );
    assert.ok(published.diagnostics.every((d) => d.source === 'preflight'));
    // Each links to its rule's page: docs/rules/<rule-id>.md on the main branch of package.json's repository.
    const repository = String(JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).repository.url).replace(/\.git$/, '');
    for (const d of published.diagnostics) {
      assert.equal(d.codeDescription?.href, `${repository}/blob/main/docs/rules/${String(d.code)}.md`);
      assert.ok(existsSync(path.join(repoRoot, 'docs', 'rules', `${String(d.code)}.md`)), `docs/rules/${String(d.code)}.md exists`);
    }
  });

  test('lenses: progress on every phase, Run on every bash block and inline command, Sign-off per role', async () => {
    const uri = uriOf('production-deployment-checklist.md');
    const lenses: CodeLens[] = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? [];
    const checklist = parseChecklist(seed);
    const run = lenses.filter((l) => l.command?.command === ClientCommands.runStep);
    const bashBlocks = [...seed.matchAll(/^```(?:bash|sh)\s*$/gm)].length;
    assert.ok(bashBlocks >= 2, 'the seed has bash blocks');
    const runBlockLines = new Set(run.map((l) => l.range.start.line));
    for (const m of seed.matchAll(/^```(?:bash|sh)\s*$/gm))
      assert.ok(runBlockLines.has(seed.slice(0, m.index).split('\n').length - 1), `a Run lens on the block at offset ${m.index}`);
    assert.equal(run.length, stepsOf(checklist).length);
    const progress = lenses.filter((l) => l.command?.title.includes(' done'));
    const withItems = [...allPhases(checklist.phases)].filter((p) => p.progress.total > 0);
    assert.ok(withItems.length > 30);
    assert.deepEqual(
      progress.map((l) => `${l.range.start.line + 1} ${l.command?.title}`),
      withItems.map((p) => `${p.range.start.line} ${p.progress.done}/${p.progress.total} done · ${percent(p.progress)}%`),
      'a progress lens on every heading whose section has items',
    );
    const signOff = lenses.filter((l) => l.command?.command === ClientCommands.signOff);
    assert.equal(signOff.length, 4, 'Deployment Lead, QA Lead, DevOps Lead, Product Owner');
  });

  test('an editor that announced no client commands gets progress lenses only', async () => {
    const other = await TestClient.start({ workspaceFolder: folder });
    try {
      const uri = uriOf('checklists/plain.md');
      await other.open(uri, seed);
      await other.diagnosticsFor(uri, 1);
      const lenses: CodeLens[] = (await other.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? [];
      assert.ok(lenses.length > 0);
      assert.ok(lenses.every((l) => l.command?.command !== ClientCommands.runStep && l.command?.command !== ClientCommands.signOff));
    } finally {
      await other.stop();
    }
  });

  test('ECS: targets in the outline, Roll back and Verify lenses for a client that announced them, off by setting', async () => {
    const ecsClient = await TestClient.start({
      clientCommands: [ClientCommands.ecsRollback, ClientCommands.ecsVerify],
      workspaceFolder: folder,
    });
    try {
      const uri = uriOf('checklists/ecs.md');
      const text = [
        '---',
        'ecs: {cluster: prod, service: api, region: eu-west-1}',
        '---',
        '# Rollback',
        '',
        '## Roll back',
        '',
        '```bash',
        'aws ecs update-service --cluster prod --service api \\',
        '  --task-definition api:41',
        'aws ecs wait services-stable --cluster prod --services worker',
        '```',
        '',
        '- [ ] All services healthy',
        '- [x] ECS service stable',
        '- [ ] Database connections healthy',
        '',
      ].join('\n');
      const lines = text.split('\n');
      await ecsClient.open(uri, text);
      await ecsClient.diagnosticsFor(uri, 1);
      const ecsLenses = async () =>
        ((await ecsClient.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? []).filter(
          (l) => l.command?.command === ClientCommands.ecsRollback || l.command?.command === ClientCommands.ecsVerify,
        );
      const lenses = await ecsLenses();
      assert.deepEqual(
        lenses.map((l) => [l.range.start.line, l.command?.title]),
        [
          [lines.indexOf('```bash'), '⟲ Roll back api…'],
          [lines.indexOf('- [ ] All services healthy'), '✓ Verify with ECS'],
        ],
      );
      const api = { cluster: 'prod', service: 'api', region: 'eu-west-1', source: 'front-matter' };
      const worker = {
        cluster: 'prod',
        service: 'worker',
        region: 'eu-west-1',
        source: { line: lines.indexOf('aws ecs wait services-stable --cluster prod --services worker') },
      };
      const rollback = lenses[0].command?.arguments?.[0] as EcsRollbackArgs;
      assert.deepEqual([rollback.uri, rollback.version, rollback.target], [uri, 1, api]);
      assert.deepEqual((lenses[1].command?.arguments?.[0] as EcsVerifyArgs).targets, [api, worker]);
      const outline = await ecsClient.connection.sendRequest(OutlineRequest.type, { uri });
      assert.equal(outline?.steps.find((s) => s.kind === 'code')?.id, rollback.stepId);
      assert.deepEqual(outline?.ecs, [{ ...api, rollbackStepId: rollback.stepId }, worker]);

      ecsClient.settings = { codeLens: { ecs: false } };
      await ecsClient.settingsChanged();
      assert.deepEqual(await ecsLenses(), []);
    } finally {
      await ecsClient.stop();
    }
  });

  test('toggle command: applied at the current version, progress follows; refused on a stale version', async () => {
    const uri = uriOf('production-deployment-checklist.md');
    const outline = await client.connection.sendRequest(OutlineRequest.type, { uri });
    assert.ok(outline);
    const item = outline.phases[0].phases[0]?.items[0] ?? outline.phases[0].items[0];
    assert.equal(item.checked, false);
    const before = client.version(uri);
    const reply = await client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: ServerCommands.toggleItems,
      arguments: [{ uri, version: before, itemIds: [item.id] }],
    });
    assert.deepEqual(reply, { applied: true });
    assert.equal(client.version(uri), before + 1);
    const line = client.text(uri).split('\n')[item.range.start.line];
    assert.match(line, /^\s*- \[x\] /, 'the box is ticked in the document');
    const progress = await client.progressFor(uri, before + 1);
    assert.equal(progress.overall.done, outline.overall.done + 1);

    const stale = await client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: ServerCommands.toggleItems,
      arguments: [{ uri, version: before, itemIds: [item.id] }],
    });
    assert.equal((stale as { applied: boolean }).applied, false);
    assert.match((stale as { message: string }).message, /changed/);
    assert.equal(client.version(uri), before + 1, 'nothing was applied');
  });

  test('set all in a section, then a typed edit: diagnostics and progress arrive for each version', async () => {
    const uri = uriOf('production-deployment-checklist.md');
    const outline = (await client.connection.sendRequest(OutlineRequest.type, { uri }))!;
    const section = outline.phases[1];
    const reply = await client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: ServerCommands.setSection,
      arguments: [{ uri, version: client.version(uri), phaseId: section.id, checked: true }],
    });
    assert.deepEqual(reply, { applied: true });
    const done = await client.progressFor(uri, client.version(uri));
    const phase = done.phases.find((p) => p.id === section.id)!;
    assert.equal(phase.done, phase.total);
    // Typing a new item at the end of the first phase.
    const at = client.text(uri).indexOf('\n## ', client.text(uri).indexOf('\n## ') + 1);
    const version = await client.replace(uri, at, at, '\n- [ ] A step typed during the test');
    const progress = await client.progressFor(uri, version);
    assert.equal(progress.overall.total, done.overall.total + 1);
    await client.diagnosticsFor(uri, version);
  });

  test('a run result becomes a note under the step and checks the item it proved', async () => {
    const uri = uriOf('production-deployment-checklist.md');
    const outline = (await client.connection.sendRequest(OutlineRequest.type, { uri }))!;
    const step = outline.steps.find((s) => s.kind === 'inline' && s.itemId && !findItem(outline, s.itemId)?.checked)!;
    assert.ok(step, 'an open item with an inline command');
    const startedAt = '2026-11-27T21:49:32+00:00';
    const reply = await client.connection.sendRequest(RunResultRequest.type, {
      uri,
      version: client.version(uri),
      // A raw terminal tail: colours, a redrawn progress line, many lines, a secret. The note keeps a short plain excerpt.
      result: {
        stepId: step.id,
        exitCode: 0,
        durationMs: 1234,
        startedAt,
        by: 'Test Runner',
        outputTail: `${Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n')}\n\x1b[32m10%\r100%\x1b[0m\nok\nTOKEN=abc123secret\n`,
      },
    });
    assert.equal(reply.recorded, true, reply.message);
    assert.equal(reply.checkedItemId, step.itemId);
    const lines = client.text(uri).split('\n');
    const note = lines.map((l) => parseRunNote(l.trim())).find((n) => n?.at === startedAt);
    assert.ok(note, 'a run note in the document');
    assert.equal(note.exitCode, 0);
    assert.equal(note.by, 'Test Runner');
    assert.deepEqual(
      note.excerpt?.split('\n').slice(0, 4),
      ['line 18', 'line 19', '100%', 'ok'],
      'the last lines, without colours or redrawn text',
    );
    assert.doesNotMatch(client.text(uri), /abc123secret/, 'the secret in the output is not written');
    const after = (await client.connection.sendRequest(OutlineRequest.type, { uri }))!;
    assert.equal(findItem(after, step.itemId!)?.checked, true);
    assert.deepEqual(
      after.steps.find((s) => s.id === step.id)?.lastRun,
      { at: startedAt, exitCode: 0, durationMs: 1234, by: 'Test Runner' },
      'the outline carries the run',
    );
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: step.range.start });
    assert.match((hover?.contents as MarkupContent).value, /exit 0|exit code 0|succeeded|passed/i, 'hover shows the last run');
  });

  test('fresh run: a template checked, signed and run through the server comes back as it was', async () => {
    const uri = uriOf('checklists/fresh-checklist.md');
    const template = readFileSync(path.join(repoRoot, 'templates/production-deployment-checklist.md'), 'utf8');
    await client.open(uri, template);
    await client.diagnosticsFor(uri, 1);
    const command = (name: string, args: object) =>
      client.connection.sendRequest(ExecuteCommandRequest.type, {
        command: name,
        arguments: [{ uri, version: client.version(uri), ...args }],
      });
    const outline = (await client.connection.sendRequest(OutlineRequest.type, { uri }))!;
    // The whole text selected: every item and table box is checked.
    assert.deepEqual(await command(ServerCommands.toggleLines, { fromLine: 0, toLine: template.split('\n').length - 1 }), {
      applied: true,
    });
    assert.equal((client.text(uri).match(/\[ \]/g) ?? []).length, 0);
    assert.deepEqual(
      await command(ServerCommands.stampSignOff, { roleId: 'sign-off/qa-lead', name: 'Ada Lovelace', at: '2026-11-27T21:49:32+01:00' }),
      { applied: true },
    );
    for (const step of outline.steps) {
      const reply = await client.connection.sendRequest(RunResultRequest.type, {
        uri,
        version: client.version(uri),
        result: { stepId: step.id, exitCode: 1, durationMs: 5, startedAt: '2026-11-27T21:50:00+01:00', by: 'ada' },
      });
      assert.equal(reply.recorded, true, reply.message);
    }
    const worked = client.text(uri);
    assert.equal(worked.split('preflight:run').length - 1, outline.steps.length);
    assert.match(worked, /- Name: Ada Lovelace\n/);
    const checked = (worked.match(/\[x\]/g) ?? []).length;
    assert.ok(checked > 200);

    const fresh = await client.connection.sendRequest(FreshRunRequest.type, { uri });
    assert.deepEqual(fresh, { text: template, cleared: checked });
    assert.equal(client.text(uri), worked, 'the request only answers; the client decides where the text goes');
    assert.equal(await client.connection.sendRequest(FreshRunRequest.type, { uri: uriOf('README.md') }), null, 'not a checklist');
    await client.close(uri);
  });

  test('templates: info and fill on the text given (no open document); the filled checklist opened has no errors', async () => {
    const template = readFileSync(path.join(repoRoot, 'templates/release-checklist.md'), 'utf8');
    const info = await client.connection.sendRequest(TemplateInfoRequest.type, {
      text: template,
      fileName: '/somewhere/templates/release-checklist.md',
    });
    assert.equal(info.name, 'Software release');
    assert.equal(info.slug, 'release');
    assert.deepEqual(
      info.placeholders.map((p) => [p.name, p.default ?? null]),
      [
        ['project', null],
        ['version', null],
        ['package', null],
        ['date', 'today'],
        ['lead', 'git user.name'],
      ],
    );
    assert.equal(info.placeholders[0].prompt, 'Product or project name');

    const values = { project: 'Checkout SDK', version: '2.4.0', package: '@acme/checkout-sdk', date: '2026-12-01', lead: 'Ada Lovelace' };
    const filled = await client.connection.sendRequest(FillTemplateRequest.type, {
      text: template,
      fileName: 'release-checklist.md',
      values,
      today: '2026-11-28',
    });
    assert.ok('text' in filled, JSON.stringify(filled));
    assert.equal(filled.path, 'checklists/release-2026-12-01.md');
    assert.doesNotMatch(filled.text, /\{\{|^template:/m);
    assert.match(filled.text, /^\*\*Release Manager:\*\* Ada Lovelace$/m);
    const uri = uriOf(filled.path);
    await client.open(uri, filled.text);
    const diagnostics = (await client.diagnosticsFor(uri, 1)).diagnostics;
    assert.ok(diagnostics.length > 0, 'the sign-off blanks are left to fill');
    assert.deepEqual(
      diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error),
      [],
    );
    await client.close(uri);

    // The same template open in the editor: its own placeholders are information, not errors.
    const open = uriOf('.preflight/templates/release-checklist.md');
    await client.open(open, template);
    const own = (await client.diagnosticsFor(open, 1)).diagnostics.filter(
      (d) => d.code === 'unfilled-placeholder' && /^Template placeholder/.test(String(d.message)),
    );
    assert.equal(own.length, [...template.matchAll(/\{\{/g)].length);
    assert.ok(own.every((d) => d.severity === DiagnosticSeverity.Information));
    await client.close(open);

    // Refusals name what is wrong; the server keeps serving.
    const fill = (params: object) =>
      client.connection.sendRequest(FillTemplateRequest.type, {
        text: template,
        fileName: 'release-checklist.md',
        values,
        today: '2026-11-28',
        ...params,
      });
    assert.deepEqual(await fill({ values: { ...values, version: '', lead: 'a\nb' } }), {
      error: 'No value for {{version}}; the value of {{lead}} has a line break (a value is one line).',
    });
    assert.deepEqual(await fill({ values: { project: 1 } }), {
      error: 'preflight/fillTemplate needs `values`, an object of placeholder names to strings.',
    });
    assert.deepEqual(await fill({ today: 'tomorrow' }), { error: 'preflight/fillTemplate needs `today`, the local date as YYYY-MM-DD.' });
    await assert.rejects(client.connection.sendRequest(TemplateInfoRequest.type, { fileName: 'x.md' } as never), /needs `text`/);
  });

  test('toggle lines: the item at a cursor, on a wrapped line, or a selection; nothing on a blank line; stale refused', async () => {
    const uri = uriOf('checklists/lines.md');
    await client.open(uri, '## Build\n\n- [ ] lint\n- [x] a long item\n  that wraps\n\nText.\n');
    await client.diagnosticsFor(uri, 1);
    const toggle = (fromLine: number, toLine = fromLine, version = client.version(uri)) =>
      client.connection.sendRequest(ExecuteCommandRequest.type, {
        command: ServerCommands.toggleLines,
        arguments: [{ uri, version, fromLine, toLine }],
      });
    const boxes = () =>
      client
        .text(uri)
        .split('\n')
        .flatMap((l) => /\[(.)\]/.exec(l)?.[1] ?? [])
        .join('');

    assert.deepEqual(await toggle(4), { applied: true }, 'cursor on the wrapped line');
    assert.equal(boxes(), '  ');
    assert.deepEqual(await toggle(2, 4), { applied: true }, 'a selection of two open items checks both');
    assert.equal(boxes(), 'xx');
    assert.deepEqual(await toggle(4, 2), { applied: true }, 'all checked: all unchecked');
    assert.equal(boxes(), '  ');
    const before = client.text(uri);
    assert.deepEqual(await toggle(1), { applied: false, message: 'No checklist item on line 2.' });
    assert.deepEqual(await toggle(0), { applied: false, message: 'No checklist item on line 1.' });
    const stale = (await toggle(2, 2, client.version(uri) - 1)) as { applied: boolean; message: string };
    assert.equal(stale.applied, false);
    assert.match(stale.message, /changed/);
    assert.equal(client.text(uri), before, 'nothing changed');
    await client.close(uri);
  });

  test('symbols and folding come from the cached model', async () => {
    const uri = uriOf('production-deployment-checklist.md');
    const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
    assert.equal(symbols?.length, [...seed.matchAll(/^## /gm)].length);
    const folds = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    assert.ok(folds && folds.length > 20 && folds.every((f) => f.endLine > f.startLine));
  });

  test('files that are not checklists get nothing; front matter `preflight: true` opts in', async () => {
    const readme = uriOf('README.md');
    await client.open(readme, '# Readme\n\n- [ ] a task\n- [ ] a task\n');
    assert.deepEqual((await client.diagnosticsFor(readme, 1)).diagnostics, []);
    assert.deepEqual(await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: readme } }), []);
    const notes = uriOf('notes.md');
    await client.open(notes, '---\npreflight: true\n---\n# Notes\n\n## Phase\n\n- [ ] a task\n- [ ] a task\n');
    assert.equal((await client.diagnosticsFor(notes, 1)).diagnostics.filter((d) => d.code === 'duplicate-item').length, 1);
  });

  test('a 10 MB file and a binary file are refused with a clear message, quickly', async () => {
    const big = uriOf('big-checklist.md');
    await client.open(big, '- [ ] step\n'.repeat(1_000_000));
    const [message] = (await client.diagnosticsFor(big, 1)).diagnostics;
    assert.match(String(message.message), /over the limit of 4096 KB.*preflight\.maxFileSizeKB/);
    const binary = uriOf('binary-checklist.md');
    await client.open(binary, 'PK\u0003\u0004\u0000\u0000binary');
    assert.match(String((await client.diagnosticsFor(binary, 1)).diagnostics[0].message), /binary/);
  });

  test('a toggle republishes diagnostics only when it changes a finding', async () => {
    const uri = uriOf('checklists/toggles.md');
    await client.open(uri, '# T\n\n## Phase\n\n- [ ] parent\n  - [ ] child\n- [ ] other\n');
    await client.diagnosticsFor(uri, 1);
    const boxOf = (line: string) => client.text(uri).indexOf(line) + line.indexOf('[') + 1;
    // Ticking the parent while its child is open: nested-item-state appears.
    const v2 = await client.replace(uri, boxOf('- [ ] parent'), boxOf('- [ ] parent') + 1, 'x');
    assert.deepEqual(
      (await client.diagnosticsFor(uri, v2)).diagnostics.map((d) => d.code),
      ['nested-item-state'],
    );
    // Ticking the unrelated item changes no finding: progress says v3 is analysed, no new diagnostics.
    const v3 = await client.replace(uri, boxOf('- [ ] other'), boxOf('- [ ] other') + 1, 'x');
    assert.equal((await client.progressFor(uri, v3)).overall.done, 2);
    assert.equal(
      client.diagnostics.some((d) => d.uri === uri && d.version === v3),
      false,
    );
    // Ticking the child clears the finding: published again.
    const v4 = await client.replace(uri, boxOf('- [ ] child'), boxOf('- [ ] child') + 1, 'x');
    assert.deepEqual((await client.diagnosticsFor(uri, v4)).diagnostics, []);
    await client.close(uri);
  });

  test('settings changed by the client are pulled again: a rule turned off disappears', async () => {
    const uri = uriOf('checklists/settings.md');
    await client.open(uri, '# T\n\n## Phase\n\n- [ ] Deploy to [Environment]\n');
    assert.ok((await client.diagnosticsFor(uri, 1)).diagnostics.some((d) => d.code === 'unfilled-placeholder'));
    const seen = client.diagnostics.length;
    client.settings = { rules: { 'gate-order': 'off', 'unfilled-placeholder': 'off' } };
    await client.settingsChanged();
    const after = await client.diagnosticsWhere((d) => d.uri === uri && client.diagnostics.indexOf(d) >= seen);
    assert.deepEqual(after.diagnostics, []);
    client.settings = { rules: { 'gate-order': 'off' } };
    await client.settingsChanged();
    await client.close(uri);
  });

  test('a long first analysis yields: other requests are answered before it ends', async () => {
    const seedUri = uriOf('production-deployment-checklist.md');
    const big = uriOf('checklists/long.md');
    const order: string[] = [];
    await client.open(big, realisticChecklist(new Rng(5), 8000));
    const analysed = client.diagnosticsFor(big, 1).then(() => order.push('big analysed'));
    const symbols = client.connection
      .sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: seedUri } })
      .then((s) => order.push(`symbols ${s?.length}`));
    await Promise.all([analysed, symbols]);
    assert.deepEqual(order, [`symbols ${[...seed.matchAll(/^## /gm)].length}`, 'big analysed']);
    await client.close(big);
  });

  test('an exception inside one feature is logged and the server keeps serving', async () => {
    const uri = uriOf('production-deployment-checklist.md');
    const broken = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: null,
      position: { line: 0, character: 0 },
    } as never);
    assert.equal(broken, null);
    const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
    assert.ok(symbols && symbols.length > 0);
  });

  test('2,000 random edits in bursts never crash it, and the last diagnostics equal a fresh check', async () => {
    const uri = uriOf('checklists/fuzzed.md');
    await client.open(uri, seed);
    await client.diagnosticsFor(uri, 1);
    const rng = new Rng(20261127);
    const tokens = ['- [ ] ', '[x]', '```', '```bash\n', '\n## ', '\n', '<!--', '| [ ] |', '---\n', '😀', '\r\n', '[Name]', '    '];
    for (let i = 0; i < 2000; i++) {
      const text = client.text(uri);
      const at = rng.int(0, text.length);
      if (rng.chance(0.3)) await client.replace(uri, at, Math.min(text.length, at + rng.int(1, 30)), '');
      else await client.replace(uri, at, at, rng.pick(tokens));
      if (i % 100 === 99) await client.progressFor(uri, client.version(uri));
    }
    // Analysed: the latest publication is exact (a toggle that changes no finding publishes nothing new).
    await client.progressFor(uri, client.version(uri));
    const last = client.diagnostics.filter((d) => d.uri === uri).at(-1)!;
    const expected = check(parseChecklist(client.text(uri)), { rules: { 'gate-order': 'off' } });
    assert.deepEqual(
      last.diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}:${d.code}`),
      expected.map((f) => `${f.range.start.line}:${f.range.start.column}:${f.ruleId}`),
    );
  });

  test('closing a document clears its diagnostics and frees its state', async () => {
    const uri = uriOf('checklists/fuzzed.md');
    await client.close(uri);
    await client.diagnosticsWhere((d) => d.uri === uri && d.version === undefined && d.diagnostics.length === 0);
    assert.equal(await client.connection.sendRequest(OutlineRequest.type, { uri }), null);
  });
});

function findItem(
  outline: { phases: { items: { id: string; checked: boolean; children: unknown[] }[]; phases: unknown[] }[] },
  id: string,
): { checked: boolean } | undefined {
  type Node = { id: string; checked: boolean; children: Node[] };
  type PhaseNode = { items: Node[]; phases: PhaseNode[] };
  const inItems = (items: Node[]): Node | undefined => {
    for (const item of items) {
      if (item.id === id) return item;
      const hit = inItems(item.children);
      if (hit) return hit;
    }
    return undefined;
  };
  const inPhases = (phases: PhaseNode[]): Node | undefined => {
    for (const phase of phases) {
      const hit = inItems(phase.items) ?? inPhases(phase.phases);
      if (hit) return hit;
    }
    return undefined;
  };
  return inPhases(outline.phases as PhaseNode[]);
}
