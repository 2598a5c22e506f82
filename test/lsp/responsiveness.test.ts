/**
 * Slow and hostile documents over the real server on stdio (run after `npm run build`):
 * - requests sent right behind didOpen wait for the first analysis instead of answering empty, and a
 *   cancelled request stops waiting;
 * - a hostile document and a slow one open beside a normal one: the normal one is answered while the
 *   slow one is analysed, and the hostile one ends with its degraded model and "too complex" diagnostic;
 * - an analysis past `preflight.analysisBudgetMs` publishes the degraded model with its one information
 *   diagnostic, and toggling still works on it.
 * Assertions are about answers and their order; node:test timeouts only guard against a hang.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CancellationTokenSource,
  CodeLensRequest,
  DiagnosticSeverity,
  DocumentSymbolRequest,
  ExecuteCommandRequest,
  FoldingRangeRequest,
} from 'vscode-languageserver-protocol/node';
import { parseChecklist } from '../../server/src/core/checklist.ts';
import { LiveChecklist } from '../../server/src/core/live.ts';
import { codeLenses } from '../../server/src/lsp/features/codeLens.ts';
import { foldingRanges } from '../../server/src/lsp/features/folding.ts';
import { outline } from '../../server/src/lsp/features/outline.ts';
import { documentSymbols } from '../../server/src/lsp/features/symbols.ts';
import {
  defaultSettings,
  type OutlineItem,
  type OutlinePhase,
  OutlineRequest,
  ServerCommands,
} from '../../server/src/protocol/protocol.ts';
import { realisticChecklist } from '../support/generate.ts';
import { TestClient } from '../support/lspClient.ts';
import { seedText } from '../support/material.ts';
import { Rng } from '../support/prng.ts';
import { withShellParser } from '../support/shellParser.ts';

const folder = '/tmp/preflight-lsp-after-open';
const uriOf = (name: string) => `file://${folder}/checklists/${name}`;
const seed = seedText;
/** 30,000 items (1.5 MB): its first analysis takes seconds, far more than the smallest budget. */
const huge = realisticChecklist(new Rng(30_000), 30_000);
const tooComplex = /too complex to analyse fully/;
const slowText = Array.from({ length: 200 }, (_, i) => `## Phase ${i}\n\n- [ ] ${'*a_'.repeat(300)}\n`).join('\n');

withShellParser();

/** One server per suite, stopped after it with no unexpected error in its log; `server()` is its client. */
function serverPerSuite(settings?: Record<string, unknown>): () => TestClient {
  let client: TestClient | undefined;
  before(async () => {
    client = await TestClient.start({ workspaceFolder: folder, ...(settings ? { settings } : {}) });
  });
  after(async () => {
    await client!.stop();
    assert.equal(
      client!.logs.filter((l) => /unexpected error|analysis of .* failed/.test(l)).join('\n'),
      '',
      'no unexpected errors in the server log',
    );
  });
  return () => client!;
}

describe('answers right after open', { timeout: 120_000 }, () => {
  const server = serverPerSuite();

  test("symbols, folding, lenses and the outline asked in the same breath as didOpen are the seed's, not empty", async () => {
    const client = server();
    const uri = uriOf('production-deployment-checklist.md');
    const textDocument = { uri };
    // Sent before the open's promise settles: the server reads them right behind the didOpen.
    const opened = client.open(uri, seed);
    const answers = Promise.all([
      client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument }),
      client.connection.sendRequest(FoldingRangeRequest.type, { textDocument }),
      client.connection.sendRequest(CodeLensRequest.type, { textDocument }),
      client.connection.sendRequest(OutlineRequest.type, { uri }),
    ]);
    await opened;
    const [symbols, folding, lenses, tree] = await answers;
    const checklist = parseChecklist(seed);
    assert.ok(checklist.phases.length > 3, 'the seed has phases');
    assert.deepEqual(symbols, JSON.parse(JSON.stringify(documentSymbols(checklist))));
    assert.deepEqual(folding, JSON.parse(JSON.stringify(foldingRanges(checklist))));
    assert.deepEqual(lenses, JSON.parse(JSON.stringify(codeLenses(checklist, defaultSettings, new Set(), uri, 1))));
    assert.deepEqual(tree, JSON.parse(JSON.stringify(outline(checklist, uri, 1))));
    await client.close(uri);
  });

  test('a toggle sent right behind didOpen waits for the analysis and is applied, not refused', async () => {
    const client = server();
    const uri = uriOf('toggle-at-open.md');
    const item = firstUnchecked(outline(parseChecklist(seed), uri, 1).phases);
    const opened = client.open(uri, seed);
    const reply = client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: ServerCommands.toggleItems,
      arguments: [{ uri, version: 1, itemIds: [item.id] }],
    });
    await opened;
    assert.deepEqual(await reply, { applied: true });
    assert.match(client.text(uri).split('\n')[item.range.start.line], /^\s*[-*+] \[x\] /);
    await client.close(uri);
  });

  test('past the wait, a request is answered from the degraded model before the first analysis ends; a cancelled one stops waiting at once', async () => {
    const client = server();
    // The 30,000 items take 4-6 s to analyse here, far past the 1.5 s wait.
    const uri = uriOf('huge-wait.md');
    await client.open(uri, huge);
    const order: string[] = [];
    const analysed = client.diagnosticsFor(uri, 1).then(() => order.push('analysed'));
    const waiting = client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }).then((symbols) => {
      order.push('waited');
      return symbols;
    });
    const source = new CancellationTokenSource();
    const cancelled = client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }, source.token).then(
      (symbols) => order.push(`cancelled: ${JSON.stringify(symbols)}`),
      () => order.push('cancelled: refused'),
    );
    source.cancel();
    const [symbols] = await Promise.all([waiting, cancelled, analysed]);
    assert.match(
      order[0],
      /^cancelled: (\[\]|refused)$/,
      `the cancelled request is answered first, and empty (order: ${order.join(', ')})`,
    );
    assert.deepEqual(order.slice(1), ['waited', 'analysed']);
    const degraded = LiveChecklist.degraded(huge, 'a test');
    assert.ok(degraded.checklist.phases.length > 0);
    assert.deepEqual(symbols, JSON.parse(JSON.stringify(documentSymbols(degraded.checklist))), "the degraded model's phases");
    await client.close(uri);
  });
});

describe('hostile documents beside a normal one', { timeout: 120_000 }, () => {
  const server = serverPerSuite();

  test('the normal checklist is answered while a slow one is analysed; the hostile one ends degraded with its diagnostic', async () => {
    const client = server();
    // Quadratic for micromark (20 s and more on the normal path): the pre-scan sends it to the line scanner.
    const hostile = uriOf('hostile.md');
    // Under every pre-scan limit, yet seconds of parsing: 200 chunks of a few hundred emphasis runs each.
    const slow = uriOf('slow.md');
    const normal = uriOf('normal.md');
    const order: string[] = [];
    await client.open(hostile, `- [ ] ${'*a_'.repeat(9000)}\n`);
    await client.open(slow, slowText);
    const slowDone = client
      .diagnosticsFor(slow, 1)
      .then((d) => order.push(`slow analysed${d.diagnostics.some((x) => tooComplex.test(String(x.message))) ? ' (degraded)' : ''}`));
    await client.open(normal, seed);
    const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: normal } });
    order.push('normal answered');
    assert.deepEqual(symbols, JSON.parse(JSON.stringify(documentSymbols(parseChecklist(seed)))), "the normal checklist's phases");

    const published = await client.diagnosticsFor(hostile, 1);
    assert.equal(published.diagnostics.length, 1);
    assert.equal(published.diagnostics[0].severity, DiagnosticSeverity.Information);
    assert.match(String(published.diagnostics[0].message), tooComplex);
    const tree = (await client.connection.sendRequest(OutlineRequest.type, { uri: hostile }))!;
    assert.equal(tree.overall.total, 1, 'the degraded model still holds the task item');

    await slowDone;
    assert.equal(order[0], 'normal answered', `order: ${order.join(', ')}`);
    for (const uri of [hostile, slow, normal]) await client.close(uri);
  });
});

describe('the analysis budget', { timeout: 180_000 }, () => {
  const server = serverPerSuite({ analysisBudgetMs: 1 });

  test('past the budget (1 ms, raised to the 1000 ms minimum) the first publish is the degraded model with one information diagnostic; toggling works', async () => {
    const client = server();
    const uri = uriOf('huge-budget.md');
    await client.open(uri, huge);
    const first = await client.diagnosticsFor(uri);
    assert.equal(first.version, 1);
    assert.equal(first.diagnostics.length, 1, 'exactly one diagnostic: rules are not run on the degraded model');
    const [info] = first.diagnostics;
    assert.equal(info.severity, DiagnosticSeverity.Information);
    assert.match(String(info.message), tooComplex);
    assert.match(String(info.message), /preflight\.analysisBudgetMs/);
    assert.ok(
      client.logs.some((l) => /its analysis took more than 1000 ms of work \(setting preflight\.analysisBudgetMs\)/.test(l)),
      'the log says which budget was spent',
    );

    // The degraded model still counts every task line and toggles boxes.
    const tree = (await client.connection.sendRequest(OutlineRequest.type, { uri }))!;
    assert.equal(tree.version, 1);
    assert.equal(tree.overall.total, [...huge.matchAll(/^\s*[-*+] \[[ xX]\]/gm)].length);
    const item = firstUnchecked(tree.phases);
    const reply = await client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: ServerCommands.toggleItems,
      arguments: [{ uri, version: 1, itemIds: [item.id] }],
    });
    assert.deepEqual(reply, { applied: true });
    assert.match(client.text(uri).split('\n')[item.range.start.line], /^\s*[-*+] \[x\] /);
    const progress = await client.progressFor(uri, 2);
    assert.equal(progress.overall.done, tree.overall.done + 1);

    // The next edit tries the full analysis again: a text that fits the budget gets it.
    const version = await client.replace(uri, 0, client.text(uri).length, seed);
    const full = await client.diagnosticsFor(uri, version);
    assert.ok(full.diagnostics.length > 1, 'the rules ran again');
    assert.ok(!full.diagnostics.some((d) => tooComplex.test(String(d.message))));
    await client.close(uri);
  });

  test('a small checklist stays within the smallest budget: full analysis, no information diagnostic', async () => {
    const client = server();
    const uri = uriOf('small.md');
    await client.open(uri, seed);
    const published = await client.diagnosticsFor(uri, 1);
    assert.ok(!published.diagnostics.some((d) => tooComplex.test(String(d.message))));
    await client.close(uri);
  });
});

function firstUnchecked(phases: readonly OutlinePhase[]): OutlineItem {
  for (const phase of phases) {
    const item = phase.items.find((i) => !i.checked) ?? (phase.phases.length ? firstUnchecked(phase.phases) : undefined);
    if (item) return item;
  }
  throw new Error('no unchecked item in the outline');
}
