// The web parts' tests: Preflight as vscode.dev / github.dev run it, in the web-worker extension host.
// What they expect comes from the CLI, run by the launcher (lib/web.mjs) on the Node side before the
// browser starts, and handed over as expected.json beside this module in the extension copy; the files
// are found through the workspace folder (file: under code-server, vscode-test-web: under test-web).
import * as vscode from 'vscode';
import type { PreflightWebApi } from '../../../client/src/web/extension.ts';
import type { TreeNode } from '../../../client/src/checklists/treeNodes.ts';
import { processAtLoad, requireAtLoad } from './hostAtLoad.ts';
import { until } from '../support/wait.ts';

const EXTENSION_ID = 'preflight.preflight';
/** Set by lib/web.mjs's build of this module: whether VS Code's Markdown extension shares this extension host. */
declare const PREFLIGHT_E2E_SHARED_MARKDOWN_HOST: boolean;
/** Where lib/web.mjs writes the expectations, relative to the extension copy. */
export const EXPECTED_PATH = ['e2e-web', 'expected.json'];
/** The screenshot handshake with the launcher (lib/web.mjs, same values): the line logged when the window is ready, the file written back. */
export const SCREENSHOT_READY = 'preflight-e2e: ready for the screenshot';
export const SCREENSHOT_TAKEN = ['.e2e-screenshot-taken'];

interface CliDiagnostic {
  line: number; // 1-based, as `preflight check` prints it
  col: number; // 1-based
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
}
interface ReportPhase {
  id: string;
  title: string;
  line: number; // 1-based
  total: number;
  done: number;
  phases: ReportPhase[];
}
interface Report {
  title: string;
  total: number;
  done: number;
  phases: ReportPhase[];
}
interface ExpectedFile {
  /** Relative to the first workspace folder, '/'-separated. */
  path: string;
  diagnostics: CliDiagnostic[];
  report: Report;
}
interface Expected {
  part: string;
  seed: ExpectedFile;
  ecs: ExpectedFile;
}

// ---- a few asserts (node:assert is not in the browser) -------------------------------------------

function fail(message: string): never {
  throw new Error(message);
}
function ok(value: unknown, message: string): asserts value {
  if (!value) fail(message);
}
function equal<T>(actual: T, expected: T, message: string): void {
  if (actual !== expected) fail(`${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}
function deepEqual(actual: unknown, expected: unknown, message: string): void {
  const a = JSON.stringify(actual, null, 1);
  const e = JSON.stringify(expected, null, 1);
  if (a !== e) {
    const al = a.split('\n');
    const el = e.split('\n');
    const at = al.findIndex((l, i) => l !== el[i]);
    fail(
      `${message}: differs at line ${at + 1}: expected ${el[at]?.trim()}, got ${al[at]?.trim()} (expected ${el.length} lines, got ${al.length})`,
    );
  }
}

// ---- the workspace and the extension -------------------------------------------------------------

function folder(): vscode.Uri {
  const first = vscode.workspace.workspaceFolders?.[0];
  ok(first, 'the window has no workspace folder');
  return first.uri;
}
const uriOf = (file: ExpectedFile) => vscode.Uri.joinPath(folder(), ...file.path.split('/'));

let expectedCache: Expected | undefined;
async function expected(): Promise<Expected> {
  if (expectedCache) return expectedCache;
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  ok(ext, `${EXTENSION_ID} is not loaded`);
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, ...EXPECTED_PATH));
  expectedCache = JSON.parse(new TextDecoder().decode(bytes)) as Expected;
  return expectedCache;
}

/** Activation is awaited once, with a deadline: a hung activation fails every test at once, not each after the mocha timeout. */
const ACTIVATION_MS = 45_000;
let activation: Promise<PreflightWebApi> | undefined;
function preflight(): Promise<PreflightWebApi> {
  activation ??= (async () => {
    const ext = vscode.extensions.getExtension<PreflightWebApi>(EXTENSION_ID);
    ok(ext, `${EXTENSION_ID} is not loaded`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Preflight did not finish activating within ${ACTIVATION_MS} ms`)), ACTIVATION_MS);
    });
    try {
      const api = await Promise.race([ext.activate(), deadline]); // activate() rethrows a failed activation
      ok(api && api.outlines && api.tree, 'activate() returned no API with outlines and tree');
      return api;
    } finally {
      clearTimeout(timer);
    }
  })();
  return activation;
}

async function closeTabs(which: (input: unknown) => boolean): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => which(t.input));
  await vscode.window.tabGroups.close(tabs);
}

async function open(file: ExpectedFile): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uriOf(file));
  return vscode.window.showTextDocument(doc, { preview: false });
}

async function fileRow(api: PreflightWebApi, file: ExpectedFile) {
  const uri = uriOf(file);
  return until(() => {
    const node = api.tree.file(uri);
    return node?.outline && node;
  }, `the tree row of ${file.path} with its outline`);
}

function label(api: PreflightWebApi, node: TreeNode): string {
  const item = api.tree.getTreeItem(node);
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

const SEVERITY: Record<number, string> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};
function preflightDiagnostics(uri: vscode.Uri): CliDiagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'preflight')
    .map((d) => ({
      line: d.range.start.line + 1,
      col: d.range.start.character + 1,
      severity: SEVERITY[d.severity] as CliDiagnostic['severity'],
      code: String(typeof d.code === 'object' ? d.code.value : d.code),
      message: d.message,
    }))
    .sort((a, b) => a.line - b.line || a.col - b.col || a.code.localeCompare(b.code));
}

const allPhases = (phases: readonly ReportPhase[]): ReportPhase[] => phases.flatMap((p) => [p, ...allPhases(p.phases)]);
/** The progress lens the server puts on each phase heading with items: `done/total done · percent%`. */
function progressLenses(report: Report): string[] {
  return allPhases(report.phases)
    .filter((p) => p.total > 0)
    .map((p) => `${p.line}: ${p.done}/${p.total} done · ${Math.floor((100 * p.done) / p.total)}%`);
}
async function lenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
}
const lensLines = (found: readonly vscode.CodeLens[]) =>
  found.filter((l) => / done · \d+%$/.test(l.command?.title ?? '')).map((l) => `${l.range.start.line + 1}: ${l.command!.title}`);
/** Lenses that would run something on this machine: nothing a browser can do. */
const MACHINE = /^preflight\.(runStep|signOff|ecsRollback|ecsVerify)$/;
const MACHINE_TITLE = /▶ Run|Sign off|Signed|Roll back|Verify with ECS/;

// ---- the tests -----------------------------------------------------------------------------------

export function registerWebTests(): void {
  suite('web: the host', () => {
    test('the tests and Preflight run in the web-worker extension host (no Node: typeof process is undefined)', async () => {
      equal(processAtLoad, 'undefined', 'typeof process as the tests module loaded');
      equal(typeof (globalThis as { process?: unknown }).process, 'undefined', 'typeof process now');
      equal(requireAtLoad, 'undefined', 'typeof require as the tests module loaded (no Node module loader)');
      equal(typeof (globalThis as { importScripts?: unknown }).importScripts, 'function', 'a worker global (importScripts)');
      equal(vscode.env.uiKind, vscode.UIKind.Web, 'vscode.env.uiKind');
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      ok(ext, `${EXTENSION_ID} is not loaded`);
      const manifest = ext.packageJSON as { main?: string; browser?: string };
      equal(manifest.main, undefined, 'the copy under test has no "main" (else code-server runs it in its Node host)');
      ok(manifest.browser, 'the extension declares a "browser" entry');
      await open((await expected()).seed);
      await preflight();
      equal(ext.isActive, true, 'Preflight is active');
    });
  });

  suite('web: the seed', () => {
    let api: PreflightWebApi;
    let want: Expected;
    suiteSetup(async () => {
      want = await expected();
      await open(want.seed);
      api = await preflight();
    });

    test('diagnostics equal `preflight check`', async () => {
      const uri = uriOf(want.seed);
      ok(want.seed.diagnostics.length > 0, 'the CLI reports findings on the seed (nothing to compare otherwise)');
      await until(
        () => preflightDiagnostics(uri).length === want.seed.diagnostics.length,
        `${want.seed.diagnostics.length} Preflight diagnostics on the seed (have ${preflightDiagnostics(uri).length})`,
      );
      deepEqual(preflightDiagnostics(uri), want.seed.diagnostics, 'diagnostics against `preflight check`');
    });

    test('a progress lens with its counts on every phase heading, as `preflight report` counts them', async () => {
      const uri = uriOf(want.seed);
      const wanted = progressLenses(want.seed.report);
      ok(wanted.length > 0, 'the report has phases with items');
      const have = await until(async () => {
        const found = lensLines(await lenses(uri));
        return found.length >= wanted.length && found;
      }, `${wanted.length} progress lenses on the seed`);
      deepEqual(have, wanted, 'progress lenses against `preflight report`');
    });

    test('the Checklists view: phase rows and their counts equal `preflight report`', async () => {
      await vscode.commands.executeCommand('preflight.checklists.focus');
      const file = await fileRow(api, want.seed);
      const report = want.seed.report;
      equal(label(api, file), report.title, 'the file row');
      const root = String(api.tree.getTreeItem(file).description);
      ok(
        root.startsWith(`${report.done}/${report.total} · `),
        `the file row's description "${root}" starts with ${report.done}/${report.total}`,
      );
      let compared = 0;
      const compare = (rows: readonly TreeNode[], phases: readonly ReportPhase[], where: string) => {
        const phaseRows = rows.filter((r) => r.kind === 'phase');
        deepEqual(
          phaseRows.map((r) => label(api, r)),
          phases.map((p) => p.title),
          `phase rows under ${where}`,
        );
        phases.forEach((phase, i) => {
          const row = phaseRows[i];
          // A sign-off role's heading shows the role's state instead of counts (as in suite/tree.test.ts).
          const role = row.kind === 'phase' && row.role;
          if (phase.total > 0 && !role) {
            const description = String(api.tree.getTreeItem(row).description);
            const want = `${phase.done}/${phase.total} · ${Math.floor((phase.done / phase.total) * 100)}%`;
            ok(description.startsWith(want), `${where} > ${phase.title}: "${description}" starts with "${want}"`);
            compared++;
          }
          compare(row.children, phase.phases, `${where} > ${phase.title}`);
        });
      };
      compare(file.children, report.phases, report.title);
      ok(compared > 0, 'some phase rows had counts to compare');
    });

    test('Toggle Checklist Item goes through the server: the line reads [x], the tree counts it; undo takes it back', async () => {
      const editor = await open(want.seed);
      const uri = uriOf(want.seed);
      const lines = editor.document.getText().split(/\r?\n/);
      const line = lines.findIndex((l) => /^\s*[-*] \[ \] /.test(l));
      ok(line >= 0, 'the seed has an open item');
      const before = lines[line];
      editor.selection = new vscode.Selection(line, before.indexOf(']') + 2, line, before.indexOf(']') + 2);
      await vscode.commands.executeCommand('preflight.toggleItem');
      await until(() => editor.document.lineAt(line).text === before.replace('[ ]', '[x]'), `line ${line + 1} to read [x]`);
      const { done, total } = want.seed.report;
      await until(
        () => {
          const node = api.tree.file(uri);
          return (
            node?.outline?.overall.done === done + 1 && String(api.tree.getTreeItem(node).description).startsWith(`${done + 1}/${total} · `)
          );
        },
        `the tree to count ${done + 1}/${total}`,
      );
      await vscode.commands.executeCommand('undo');
      await until(() => editor.document.lineAt(line).text === before, 'undo to restore the open box');
      await until(() => api.tree.file(uri)?.outline?.overall.done === done, `the tree back at ${done}/${total}`);
    });

    // Only where VS Code's Markdown extension runs in this same web worker (vscode.dev, test-web): its preview
    // calls our plugin through our exports, which another extension host cannot reach (lib/web.mjs).
    if (PREFLIGHT_E2E_SHARED_MARKDOWN_HOST)
      test("the Markdown preview draws the server's outline: checkboxes and badges", async () => {
        const editor = await open(want.seed);
        const uri = uriOf(want.seed);
        await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
        // A rendering with a signature drew the outline; one without rendered the plain document.
        await until(() => {
          const shown = api.preview.lastRendering(uri);
          return shown?.version === editor.document.version && shown.signature !== undefined;
        }, 'a preview rendering of the seed with its outline');
        await closeTabs((input) => input instanceof vscode.TabInputWebview && /markdown\.preview/.test(input.viewType));
      });

    test('Open Dashboard opens the live dashboard beside the seed', async () => {
      await open(want.seed);
      await vscode.commands.executeCommand('preflight.openDashboard');
      const title = `Dashboard: ${want.seed.report.title}`;
      await until(() => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.label === title)), `a tab "${title}"`);
      await closeTabs((input) => input instanceof vscode.TabInputWebview && /preflight\.dashboard/.test(input.viewType));
    });
  });

  suite('web: new files through workspace.fs', () => {
    const outlineOf = (uri: vscode.Uri) => until(async () => (await preflight()).outlines.get(uri), `the outline of ${uri.path}`);
    // Later tests list the workspace's checklists: leave it as it was.
    const closeAndDelete = async (uri: vscode.Uri) => {
      await closeTabs((input) => input instanceof vscode.TabInputText && input.uri.toString() === uri.toString());
      await vscode.workspace.fs.delete(uri);
    };

    test('Start a Fresh Run writes a cleared copy beside the seed, which the server analyses', async () => {
      const want = await expected();
      const source = uriOf(want.seed);
      const target = vscode.Uri.joinPath(source, '..', 'production-deployment-checklist-fresh.md');
      await vscode.commands.executeCommand('preflight.newRun', source, target);
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
      ok(!/^\s*[-*+] \[[xX]\]/m.test(text), 'no ticked box in the fresh run');
      const outline = await outlineOf(target);
      deepEqual([outline.overall.done, outline.overall.total], [0, want.seed.report.total], 'the fresh run counts');
      await closeAndDelete(target);
    });

    test('New Checklist from Template fills a bundled template into the workspace, and never over a file', async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      ok(ext, `${EXTENSION_ID} is not loaded`);
      const template = vscode.Uri.joinPath(ext.extensionUri, 'templates', 'release-checklist.md');
      const source = new TextDecoder().decode(await vscode.workspace.fs.readFile(template));
      const names = new Set([...source.matchAll(/\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g)].map((m) => m[1]));
      const values = Object.fromEntries([...names].map((name) => [name, name === 'date' ? '2026-12-01' : `Web ${name}`]));
      const args = { template, folder: folder(), values };
      const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('preflight.newFromTemplate', args);
      ok(created, 'the command returns the new file');
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(created));
      ok(!/\{\{/.test(text), 'no placeholder is left');
      const outline = await outlineOf(created);
      ok(
        outline.overall.total > 0 && outline.overall.done === 0,
        `the new checklist counts ${outline.overall.done}/${outline.overall.total}`,
      );
      const again = await vscode.commands.executeCommand<vscode.Uri | undefined>('preflight.newFromTemplate', args);
      equal(again, undefined, 'a second one for the same day');
      equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(created)), text, 'the first file after the second try');
      await closeAndDelete(created);
      const made = vscode.Uri.joinPath(created, '..');
      if (made.path !== folder().path && (await vscode.workspace.fs.readDirectory(made)).length === 0)
        await vscode.workspace.fs.delete(made);
    });
  });

  suite('web: a hostile document in the browser', () => {
    test('a checklist built to stall the parser ends degraded with its diagnostic; the seed is answered meanwhile', async () => {
      const want = await expected();
      const seed = uriOf(want.seed);
      const dir = vscode.Uri.joinPath(folder(), 'runbooks');
      // Quadratic for micromark (20 s and more): the server's pre-scan sends it to the line scanner.
      const hostile = vscode.Uri.joinPath(dir, 'hostile-runbook.md');
      // Under the pre-scan's limits, yet seconds of parsing in the nested parse workers.
      const slow = vscode.Uri.joinPath(dir, 'slow-runbook.md');
      const slowText = Array.from({ length: 200 }, (_, i) => `## Phase ${i}\n\n- [ ] ${'*a_'.repeat(300)}\n`).join('\n');
      await vscode.workspace.fs.writeFile(hostile, new TextEncoder().encode(`- [ ] ${'*a_'.repeat(9000)}\n`));
      await vscode.workspace.fs.writeFile(slow, new TextEncoder().encode(slowText));
      try {
        await vscode.workspace.openTextDocument(hostile);
        await vscode.workspace.openTextDocument(slow);
        await open(want.seed);
        const wanted = progressLenses(want.seed.report);
        deepEqual(
          await until(async () => {
            const found = lensLines(await lenses(seed));
            return found.length >= wanted.length && found;
          }, "the seed's progress lenses beside the hostile documents"),
          wanted,
          'the seed answered while the others are analysed',
        );
        const degraded = await until(() => {
          const found = vscode.languages.getDiagnostics(hostile).filter((d) => d.source === 'preflight');
          return found.length > 0 && found;
        }, "the hostile document's diagnostic");
        deepEqual(
          degraded.map((d) => [d.severity, /too complex to analyse fully/.test(d.message)]),
          [[vscode.DiagnosticSeverity.Information, true]],
          'one information diagnostic: too complex',
        );
        await until(async () => (await preflight()).outlines.get(slow), "the slow document's outline", 60_000);
      } finally {
        await closeTabs(
          (input) => input instanceof vscode.TabInputText && [hostile, slow].some((u) => u.toString() === input.uri.toString()),
        );
        for (const uri of [hostile, slow]) await vscode.workspace.fs.delete(uri);
      }
    });
  });

  suite('web: the analysis budget in the browser', () => {
    test('past preflight.analysisBudgetMs a large checklist gets the simpler model and its one diagnostic; ticking works', async () => {
      const config = vscode.workspace.getConfiguration('preflight');
      // The setting's minimum; a user setting, which a restricted workspace may not override.
      await config.update('analysisBudgetMs', 1000, vscode.ConfigurationTarget.Global);
      const huge = vscode.Uri.joinPath(folder(), 'runbooks', 'huge-runbook.md');
      // 20,000 items in 400 phases (about 1 MB): seconds of parse work, far past 1000 ms.
      const phases = Array.from({ length: 400 }, (_, p) => {
        const items = Array.from(
          { length: 50 },
          (_, i) => `- [ ] Check **service ${p}-${i}** with \`curl -fsS https://svc-${i}.example.com/health\``,
        );
        return `## Phase ${p}\n\n${items.join('\n')}\n`;
      });
      await vscode.workspace.fs.writeFile(huge, new TextEncoder().encode(`# Huge\n\n${phases.join('\n')}`));
      try {
        const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(huge), { preview: false });
        const info = await until(
          () => {
            const found = vscode.languages.getDiagnostics(huge).filter((d) => d.source === 'preflight');
            return found.length > 0 && found;
          },
          "the huge checklist's diagnostics",
          60_000,
        );
        deepEqual(
          info.map((d) => [d.severity, /too complex to analyse fully/.test(d.message), /preflight\.analysisBudgetMs/.test(d.message)]),
          [[vscode.DiagnosticSeverity.Information, true, true]],
          'one information diagnostic naming the budget',
        );
        const api = await preflight();
        const outline = await until(() => api.outlines.get(huge), "the simpler model's outline");
        equal(outline.overall.total, 20_000, 'items in the simpler model');
        editor.selection = new vscode.Selection(4, 7, 4, 7);
        await vscode.commands.executeCommand('preflight.toggleItem');
        await until(() => editor.document.lineAt(4).text.startsWith('- [x] '), 'the first item ticked on the simpler model');
        // Back to the file's text, so closing it below has nothing to save.
        await vscode.commands.executeCommand('undo');
        await until(() => !editor.document.isDirty, "undo to restore the file's text");
      } finally {
        await config.update('analysisBudgetMs', undefined, vscode.ConfigurationTarget.Global);
        await closeTabs((input) => input instanceof vscode.TabInputText && input.uri.toString() === huge.toString());
        await vscode.workspace.fs.delete(huge);
      }
    });
  });

  suite('web: nothing that needs a machine', () => {
    test('Run, Sign Off, ECS and Review Changes are not registered; the shared commands are', async () => {
      await preflight();
      const registered = new Set((await vscode.commands.getCommands(true)).filter((id) => id.startsWith('preflight.')));
      const machine = ['preflight.runStep', 'preflight.runPhase', 'preflight.signOff', 'preflight.ecsRollback', 'preflight.reviewChanges'];
      deepEqual(
        machine.filter((id) => registered.has(id)),
        [],
        'machine commands registered on the web',
      );
      for (const id of ['preflight.toggleItem', 'preflight.newRun', 'preflight.newFromTemplate', 'preflight.openDashboard'])
        ok(registered.has(id), `${id} is registered on the web`);
    });

    for (const which of ['seed', 'ecs'] as const) {
      test(`no Run, Sign-off or ECS lens on the ${which === 'seed' ? 'seed' : 'ECS runbook'}, only progress`, async () => {
        const want = await expected();
        const file = want[which];
        await open(file);
        await preflight();
        const uri = uriOf(file);
        const wanted = progressLenses(file.report);
        ok(wanted.length > 0, `${file.path} has phases with items (else no lens proves the provider ran)`);
        const found = await until(async () => {
          const all = await lenses(uri);
          return lensLines(all).length >= wanted.length && all;
        }, `the progress lenses of ${file.path}`);
        deepEqual(lensLines(found), wanted, `progress lenses of ${file.path}`);
        deepEqual(
          found
            .filter((l) => MACHINE.test(l.command?.command ?? '') || MACHINE_TITLE.test(l.command?.title ?? ''))
            .map((l) => l.command?.title),
          [],
          `lenses that run something on ${file.path}`,
        );
        equal(found.length, wanted.length, `every lens on ${file.path} is a progress lens`);
      });
    }
  });

  suite('web: the window left for the screenshot', () => {
    test('the seed in the editor with its lenses, the Checklists view open', async () => {
      const want = await expected();
      const api = await preflight();
      const editor = await open(want.seed);
      await vscode.commands.executeCommand('preflight.checklists.focus');
      await until(() => api.tree.view.visible, 'the Checklists view to be visible');
      const first = allPhases(want.seed.report.phases).find((p) => p.total > 0)!;
      editor.revealRange(new vscode.Range(first.line - 1, 0, first.line - 1, 0), vscode.TextEditorRevealType.AtTop);
      await vscode.window.showTextDocument(editor.document, { preview: false });
      // The extension host ends with the tests: code-server's launcher takes the picture now and says so with a
      // file in the workspace (test-web takes none).
      if (want.part !== 'web') return;
      console.log(SCREENSHOT_READY);
      const taken = vscode.Uri.joinPath(folder(), ...SCREENSHOT_TAKEN);
      await until(
        async () => {
          try {
            await vscode.workspace.fs.stat(taken);
            return true;
          } catch {
            return false;
          }
        },
        'the launcher to take the screenshot',
        45_000,
      );
    });
  });
}
