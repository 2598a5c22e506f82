// npm run demo: the per-phase report of the bundled demo checklist, then the checklist open in a real VS Code
// with the extension under development: the local `code` when it is installed, otherwise code-server on
// 127.0.0.1 (installed into .e2e/ by scripts/e2e/setup.sh), whose URL is printed. Ctrl-C stops it.
// The demo works on a copy in .demo/, so the template stays as it is.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeServerEnv, killAllStarted, startCodeServer } from '../test/e2e/lib/codeServer.mjs';
import { REPO, SEED_TEMPLATE, SETUP, toolsInstalled } from '../test/e2e/lib/paths.mjs';
import { userSettings } from '../test/e2e/lib/workspace.mjs';
import { workbenchUrl } from '../test/e2e/run-extension-tests.mjs';

const DEMO = join(REPO, '.demo');
const workspace = join(DEMO, 'workspace');
const checklist = join(workspace, 'checklists', 'production-deployment-checklist.md');

execFileSync(process.execPath, [join(REPO, 'server/dist/cli.js'), 'report', SEED_TEMPLATE], { stdio: 'inherit' });

if (!existsSync(checklist) || process.argv.includes('--fresh')) {
  mkdirSync(join(workspace, 'checklists'), { recursive: true });
  copyFileSync(SEED_TEMPLATE, checklist);
  chmodSync(checklist, 0o644); // the template is read-only; the demo copy is to be worked through
}

const wantsCodeServer = process.argv.includes('--code-server') || process.env.PREFLIGHT_DEMO_CODE_SERVER === '1';
if (!wantsCodeServer && spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0) {
  spawn('code', ['--new-window', `--extensionDevelopmentPath=${REPO}`, workspace, checklist], { stdio: 'ignore', detached: true }).unref();
  console.log(`\nOpened ${checklist} in VS Code with the Preflight extension under development.`);
} else {
  if (!toolsInstalled()) {
    console.log('\nInstalling code-server 4.100.3 into .e2e/ (once, about 2 minutes)…');
    execFileSync('bash', [SETUP], { stdio: 'inherit' });
  }
  const sandbox = { userData: join(DEMO, 'user-data'), extensions: join(DEMO, 'extensions'), xdg: join(DEMO, 'xdg') };
  for (const dir of [join(sandbox.userData, 'User'), sandbox.extensions, sandbox.xdg]) mkdirSync(dir, { recursive: true });
  writeFileSync(join(sandbox.userData, 'User', 'settings.json'), JSON.stringify({ ...userSettings({ trust: true }), 'security.workspace.trust.startupPrompt': 'once' }, null, 2));
  const server = await startCodeServer({ sandbox, disableWorkspaceTrust: false, env: codeServerEnv(sandbox), log: join(DEMO, 'code-server.log') });
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('exit', killAllStarted);
  console.log(`\nVS Code (code-server 4.100.3) with Preflight is serving the demo checklist. Open in a browser:\n\n  ${workbenchUrl(server.base, { folder: workspace, devPath: REPO })}\n`);
  console.log(`Open checklists/production-deployment-checklist.md there; the Preflight view is in the activity bar. The first time, VS Code asks whether you trust the folder: trust it to get Run lenses later. Ctrl-C stops the server (log: .demo/code-server.log).`);
}
