/**
 * Arguments a client got wrong, sent to the real server (server/dist/main.js) over stdio: every command and
 * request answers with a sentence naming the wrong field, leaves the document alone, logs no error, and the
 * server keeps serving. Run after `npm run build`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import {
  ClientCommands,
  OutlineRequest,
  RunResultRequest,
  ServerCommands,
  type RunResultReply,
} from '../../server/src/protocol/protocol.ts';
import { TestClient } from '../support/lspClient.ts';

const folder = '/tmp/preflight-lsp-arguments';
const uri = `file://${folder}/deploy-checklist.md`;
const checklist = [
  '# Deploy',
  '',
  '## Build',
  '',
  '- [ ] Compile with `npm run build`',
  '- [ ] Tag the release',
  '',
  '## Sign-off',
  '',
  '### QA Lead',
  '',
  '- Name:',
  '- Date:',
  '',
].join('\n');

describe('wrong command and request arguments', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ clientCommands: [ClientCommands.runStep, ClientCommands.signOff], workspaceFolder: folder });
    await client.open(uri, checklist);
    await client.diagnosticsFor(uri, 1);
  });
  after(async () => {
    await client.stop();
    assert.equal(
      // A parse cut short by the shutdown is not the tests' business.
      client.logs.filter((l) => /failed|unexpected error/.test(l) && !/shutting down/.test(l)).join('\n'),
      '',
      'a wrong argument is an answer, not an internal error in the log',
    );
  });

  const execute = (command: string, argument?: unknown) =>
    client.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: argument === undefined ? [] : [argument] });
  const at = () => ({ uri, version: client.version(uri) });

  const wrong: [string, string, () => unknown, RegExp][] = [
    [
      'toggle items without any argument',
      ServerCommands.toggleItems,
      () => undefined,
      /^Cannot toggle items: the command needs an object with `uri`/,
    ],
    [
      'toggle items with one id, not a list',
      ServerCommands.toggleItems,
      () => ({ ...at(), itemIds: 'build/compile' }),
      /needs `itemIds`, a list of ids\.$/,
    ],
    [
      'toggle items with a version as text',
      ServerCommands.toggleItems,
      () => ({ uri, version: '1', itemIds: [] }),
      /needs `version`, the document version/,
    ],
    [
      'toggle lines from line -1',
      ServerCommands.toggleLines,
      () => ({ ...at(), fromLine: -1, toLine: 4 }),
      /needs `fromLine`, a 0-based line number\.$/,
    ],
    [
      'toggle lines without toLine',
      ServerCommands.toggleLines,
      () => ({ ...at(), fromLine: 4 }),
      /needs `toLine`, a 0-based line number\.$/,
    ],
    [
      'set a phase with checked as text',
      ServerCommands.setSection,
      () => ({ ...at(), phaseId: 'build', checked: 'yes' }),
      /needs `checked`, true or false\.$/,
    ],
    [
      'stamp a sign-off without a name',
      ServerCommands.stampSignOff,
      () => ({ ...at(), roleId: 'sign-off/qa-lead', at: '2026-11-27T21:49:32+01:00' }),
      /needs `name`, a string\.$/,
    ],
    ['merge without a uri', ServerCommands.mergeConflicts, () => ({ version: 1 }), /^Cannot merge with Preflight: the command needs `uri`/],
  ];
  for (const [what, command, argument, message] of wrong) {
    test(`${what}: not applied, the message names the field, the text is unchanged`, async () => {
      const before = client.text(uri);
      const reply = (await execute(command, argument())) as { applied: boolean; message: string };
      assert.equal(reply.applied, false);
      assert.match(reply.message, message);
      assert.equal(client.text(uri), before);
    });
  }

  test('an unknown command is named in the reply', async () => {
    assert.deepEqual(await execute('preflight.noSuchCommand', at()), {
      applied: false,
      message: 'Unknown command preflight.noSuchCommand.',
    });
  });

  test('a run result with the exit code as text is not recorded, and the message names result.exitCode', async () => {
    const reply = await client.connection.sendRequest(RunResultRequest.type, {
      ...at(),
      result: { stepId: 'x', exitCode: '0', durationMs: 5, startedAt: '2026-11-27T21:50:00+01:00', by: 'ada' },
    } as never);
    assert.equal(reply.recorded, false);
    assert.match(reply.message ?? '', /needs `result\.exitCode`, a number\.$/);
    assert.doesNotMatch(client.text(uri), /preflight:run/);
  });

  test('a request without a uri is answered as for a file that is not a checklist, the log says why, and the next one is answered', async () => {
    assert.equal(await client.connection.sendRequest(OutlineRequest.type, {} as never), null);
    assert.ok(
      client.logs.some((l) => l.includes('preflight/outline names no document (its uri is missing); answered with null.')),
      'the log names the request and what was missing',
    );
    const outline = await client.connection.sendRequest(OutlineRequest.type, { uri });
    assert.equal(outline?.title, 'Deploy');
  });

  test('preflight.recordRun, the deprecated alias, records a run as preflight/runResult does', async () => {
    const outline = (await client.connection.sendRequest(OutlineRequest.type, { uri }))!;
    const step = outline.steps.find((s) => s.command === 'npm run build')!;
    assert.ok(step, 'the inline command is a step');
    const result = { stepId: step.id, exitCode: 3, durationMs: 40, startedAt: '2026-11-27T21:50:00+01:00', by: 'ada' };
    const byCommand = (await execute(ServerCommands.recordRun, { ...at(), result })) as RunResultReply;
    assert.deepEqual(byCommand, { recorded: true });
    const byRequest = await client.connection.sendRequest(RunResultRequest.type, { ...at(), result: { ...result, exitCode: 4 } });
    assert.deepEqual(byRequest, { recorded: true });
    const notes = client.text(uri).match(/preflight:run \{[^}]*\}/g) ?? [];
    assert.deepEqual(
      notes.map((n) => JSON.parse(n.slice('preflight:run '.length)).exit),
      [3, 4],
      'both runs are noted under the step, in order',
    );
  });
});
