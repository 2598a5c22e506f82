// npm run demo: a week before release day, as USERS.md tells it. A checklist is made from the bundled
// production deployment template (`preflight new`, the seed's own values), its per-phase report printed,
// and it is opened in a real VS Code with the extension under development: the local `code` when it is
// installed, otherwise code-server on 127.0.0.1 (installed into .e2e/ by scripts/e2e/setup.sh), whose URL
// is printed. Ctrl-C stops it. Everything lives in .demo/; `--fresh` starts it over.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { codeServerEnv, killAllStarted, startCodeServer } from '../test/e2e/lib/codeServer.mjs';
import { REPO, SETUP, toolsInstalled } from '../test/e2e/lib/paths.mjs';
import { localDate, userSettings } from '../test/e2e/lib/workspace.mjs';
import { checklistFromTemplate, SEED_VALUES } from '../test/support/seedChecklist.mjs';
import { workbenchUrl } from '../test/e2e/run-extension-tests.mjs';

const DEMO = join(REPO, '.demo');
const workspace = join(DEMO, 'workspace');
const CLI = join(REPO, 'server/dist/cli.js');

if (process.argv.includes('--fresh')) rmSync(join(workspace, 'checklists'), { recursive: true, force: true });
mkdirSync(workspace, { recursive: true });
const checklist = existingChecklist() ?? newChecklist();
execFileSync(process.execPath, [CLI, 'report', checklist], { stdio: 'inherit' });

/** The demo checklist of an earlier run, to carry on with. */
function existingChecklist() {
  const dir = join(workspace, 'checklists');
  const found = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.startsWith('production-deployment-'))
        .sort()
    : [];
  return found.length > 0 ? join(dir, found.at(-1)) : undefined;
}

/** The seed's project, for today, led by whoever runs the demo: what a deployment lead types into the template. */
function newChecklist() {
  const written = checklistFromTemplate(workspace, { ...SEED_VALUES, date: localDate(), lead: userInfo().username });
  console.log(`New checklist from the template: ${written}\n`);
  return written;
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
  writeFileSync(
    join(sandbox.userData, 'User', 'settings.json'),
    JSON.stringify({ ...userSettings({ trust: true }), 'security.workspace.trust.startupPrompt': 'once' }, null, 2),
  );
  const server = await startCodeServer({
    sandbox,
    disableWorkspaceTrust: false,
    env: codeServerEnv(sandbox),
    log: join(DEMO, 'code-server.log'),
  });
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('exit', killAllStarted);
  console.log(
    `\nVS Code (code-server 4.100.3) with Preflight is serving the demo checklist. Open in a browser:\n\n  ${workbenchUrl(server.base, { folder: workspace, devPath: REPO })}\n`,
  );
  console.log(
    `Open ${relative(workspace, resolve(checklist))} there; the Preflight view is in the activity bar. The first time, VS Code asks whether you trust the folder: trust it to get Run lenses later. Ctrl-C stops the server (log: .demo/code-server.log).`,
  );
}
