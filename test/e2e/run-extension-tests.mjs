// Runs a tests module inside the real Node extension host of a running code-server (adapted from
// shared/vscode-e2e/run-extension-tests.js). Headless Chromium opens the workbench with a payload that
// turns on extension-development and extension-tests mode; console output of the extension host comes
// back through codeAutomationLog, run()'s result through codeAutomationExit.
//
// As a module: runExtensionTests({ base, folder | workspace, devPath, testsPath, ... }) -> { code, stats }
// As a script: node test/e2e/run-extension-tests.mjs <baseUrl> <folder|x.code-workspace> <devPath> <testsPath>
//   exit 0 passed, 1 failed, 2 harness error/timeout.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath, URL } from 'node:url';
import { format } from 'node:util';
import { ARTIFACTS, launchChromium } from './lib/paths.mjs';

const RESULT_MARKER = 'PREFLIGHT_E2E_RESULT'; // printed by support/mocha.ts
const VERBOSE = process.env.PREFLIGHT_E2E_VERBOSE === '1';
// The workbench's own start-up chatter also arrives through codeAutomationLog; hidden unless verbose.
const NOISE = [
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket/,
  /^Creation of workbench contribution/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^ChatSessionStore/,
  /127\.0\.0\.1:9\b/ /* the gallery that points nowhere */,
  /^Started local extension host/,
  /^\[perf\]/,
];

/** The workbench URL: ?folder= or ?workspace=, plus the extension-development payload. */
export function workbenchUrl(base, { folder, workspace, devPath, devKind, testsPath }) {
  const remote = (p) => `vscode-remote://${new URL(base).host}${p}`;
  const payload = [];
  if (devPath) payload.push(['extensionDevelopmentPath', remote(devPath)]);
  // 'web': the extension under development runs in the web-worker extension host (the web part).
  if (devKind) payload.push(['extensionDevelopmentKind', devKind]);
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  const target = workspace ? `workspace=${encodeURIComponent(workspace)}` : `folder=${encodeURIComponent(folder)}`;
  return `${base}/?${target}${payload.length ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : ''}`;
}

/**
 * @returns {Promise<{ code: 0 | 1 | 'timeout', stats?: { passes: number, failures: number, pending: number } }>}
 */
export async function runExtensionTests({
  base,
  folder,
  workspace,
  devPath,
  devKind,
  testsPath,
  label = 'e2e',
  timeoutMs = 300_000,
  log = (line) => console.log(line),
  pageErrors = false,
  onLine,
}) {
  const browser = await launchChromium();
  let stats;
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let exit;
    const exited = new Promise((resolve) => {
      exit = resolve;
    });
    const t0 = Date.now();
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      // Extension host console entries come as (format, ...args), as console.log received them.
      const text = format(...(args || []));
      if (!VERBOSE && NOISE.some((re) => re.test(text))) return;
      const stamp = VERBOSE ? `[${((Date.now() - t0) / 1000).toFixed(1)} s ${type}] ` : '';
      for (const line of text.split('\n')) {
        if (line.startsWith(RESULT_MARKER)) {
          stats = JSON.parse(line.slice(RESULT_MARKER.length));
          continue;
        }
        log(`  ${stamp}${line}`);
        // A part may act on what the tests say (the web part's screenshot), with the window still up.
        onLine?.(line, page);
      }
    });
    await page.exposeFunction('codeAutomationExit', (code) => exit(code));
    if (pageErrors) page.on('pageerror', (e) => log(`  [page error] ${e.message}`));
    await page.goto(workbenchUrl(base, { folder, workspace, devPath, devKind, testsPath }));
    const code = await Promise.race([exited, delay(timeoutMs, 'timeout', { ref: false })]);
    if (code !== 0) {
      mkdirSync(ARTIFACTS, { recursive: true });
      const shot = join(ARTIFACTS, `${label}-failure.png`);
      await page.screenshot({ path: shot }).then(
        () => log(`  screenshot of the failed window: ${shot}`),
        () => {},
      );
    }
    return { code: code === 0 ? 0 : code === 'timeout' ? 'timeout' : 1, stats };
  } finally {
    await browser.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [, , base, target, devPath, testsPath] = process.argv;
  if (!testsPath) {
    console.error(
      'usage: node test/e2e/run-extension-tests.mjs <baseUrl> <folder|x.code-workspace> <extensionDevelopmentPath> <extensionTestsPath>',
    );
    process.exit(2);
  }
  const where = target.endsWith('.code-workspace') ? { workspace: target } : { folder: target };
  runExtensionTests({ base, ...where, devPath, testsPath, pageErrors: true })
    .then(({ code }) => {
      console.log(`extension tests exit code: ${code}`);
      process.exit(code === 0 ? 0 : code === 'timeout' ? 2 : 1);
    })
    .catch((e) => {
      console.error(e);
      process.exit(2);
    });
}
