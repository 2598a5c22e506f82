// `npm run release:dry [-- --skip-tests]`: what .github/workflows/release.yml does on a version tag, here and
// without publishing: the tests (unless --skip-tests), the VSIX, the npm tarball and the action bundle, each
// then checked as a user meets it: the VSIX installed into code-server, the tarball installed offline into an
// empty folder and both bins run, the action bundle checked for staleness and run on a push event.
// Prints a table (artefact, size, checks passed) and exits 1 when any check failed. Artefacts stay in
// .release-dry/ (gitignored) for a look; each run starts it afresh.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { clearTimeout, setTimeout } from 'node:timers';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, '.release-dry');
const require = createRequire(join(ROOT, 'package.json'));
const { parse: parseYaml } = require('yaml');
const { values: options } = parseArgs({ options: { 'skip-tests': { type: 'boolean', default: false } } });

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const VERSION = pkg.version;
const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;
/** The budget test/e2e/run.mjs holds the VSIX to. */
const MAX_VSIX_BYTES = 3 * 1024 * 1024;
const CODE_SERVER = join(process.env.PREFLIGHT_E2E_DIR || join(ROOT, '.e2e'), 'cs', 'node_modules', '.bin', 'code-server');

/** Runs a command with its output shown; throws with the command named when it fails. */
function step(command, args, cwd = ROOT) {
  console.log(`\n$ ${[command, ...args].join(' ')}`);
  const r = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`"${[command, ...args].join(' ')}" failed (exit ${r.status ?? r.signal})`);
}

/** Runs a command quietly and returns its stdout; a failure carries its stderr. */
function output(command, args, { cwd = ROOT, env = process.env } = {}) {
  const r = spawnSync(command, args, { cwd, env, encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited ${r.status ?? r.signal}: ${(r.stderr || r.stdout).trim().slice(-800)}`);
  return r.stdout;
}

/** One artefact's row: each check runs in turn, a failure is recorded with its reason and the rest still run. */
class Artefact {
  constructor(name) {
    this.name = name;
    this.size = undefined;
    this.checks = [];
  }
  async check(label, fn) {
    try {
      await fn();
      this.checks.push({ label, ok: true });
      console.log(`  ✓ ${this.name}: ${label}`);
    } catch (error) {
      this.checks.push({ label, ok: false, reason: error instanceof Error ? error.message : String(error) });
      console.log(`  ✗ ${this.name}: ${label}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  get failed() {
    return this.checks.some((c) => !c.ok) || this.checks.length === 0;
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

function kb(bytes) {
  return bytes === undefined ? '—' : bytes >= 1048576 ? `${(bytes / 1048576).toFixed(2)} MB` : `${Math.round(bytes / 1024)} KB`;
}

// ---- build and test --------------------------------------------------------------------------------------

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const artefacts = [];
const started = Date.now();
try {
  if (options['skip-tests']) {
    console.log('release:dry: --skip-tests: not running the test suite (the release workflow does)');
    step('npm', ['run', 'build']);
  } else {
    step('npm', ['test']); // builds first, as in the workflow
  }
} catch (error) {
  console.error(`\nrelease:dry: ${error.message}. Fix the build or the tests first; no artefact was made.`);
  process.exit(1);
}

// ---- the VSIX --------------------------------------------------------------------------------------------

const vsixRow = new Artefact('VSIX');
artefacts.push(vsixRow);
const vsix = join(OUT, `preflight-${VERSION}.vsix`);
await vsixRow.check('vsce package', () => {
  step(join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--readme-path', 'client/MARKETPLACE.md', '-o', vsix]);
  vsixRow.size = statSync(vsix).size;
});
if (existsSync(vsix)) {
  await vsixRow.check(`under ${kb(MAX_VSIX_BYTES)}`, () =>
    assert(vsixRow.size <= MAX_VSIX_BYTES, `${kb(vsixRow.size)}: check .vscodeignore`),
  );
  await vsixRow.check('ships no npm/, dist/ or action files', () => {
    const files = output('unzip', ['-Z1', vsix]).split('\n').filter(Boolean);
    const stray = files.filter((f) => /^extension\/(npm|dist|\.github)\//.test(f) || f === 'extension/action.yml');
    assert(stray.length === 0, `the VSIX holds ${stray.join(', ')}: exclude them in .vscodeignore`);
    for (const needed of [
      'extension/client/dist/extension.js',
      'extension/server/dist/main.js',
      'extension/server/dist/tree-sitter-bash.wasm',
    ]) {
      assert(files.includes(needed), `the VSIX lacks ${needed}`);
    }
  });
  await vsixRow.check(`installs into code-server as ${EXTENSION_ID}@${VERSION}`, () => {
    assert(existsSync(CODE_SERVER), `code-server is not installed at ${CODE_SERVER}: run scripts/e2e/setup.sh`);
    const sandbox = join(OUT, 'code-server');
    const args = ['--extensions-dir', join(sandbox, 'extensions'), '--user-data-dir', join(sandbox, 'user-data')];
    // Its own config and data dirs, and a gallery that points nowhere: nothing leaves this machine.
    const env = {
      ...process.env,
      XDG_CONFIG_HOME: join(sandbox, 'xdg'),
      XDG_DATA_HOME: join(sandbox, 'xdg'),
      EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery' }),
    };
    output(CODE_SERVER, ['--install-extension', vsix, '--force', ...args], { env });
    const listed = output(CODE_SERVER, ['--list-extensions', '--show-versions', ...args], { env })
      .split('\n')
      .map((l) => l.trim());
    assert(
      listed.includes(`${EXTENSION_ID}@${VERSION}`),
      `code-server lists ${JSON.stringify(listed.filter(Boolean))}, not ${EXTENSION_ID}@${VERSION}`,
    );
  });
}

// ---- the npm tarball -------------------------------------------------------------------------------------

const npmRow = new Artefact('npm tarball');
artefacts.push(npmRow);
let tarball = '';
await npmRow.check('npm pack', () => {
  tarball = output(process.execPath, [join(ROOT, 'scripts', 'npmPackage.mjs'), '--pack', OUT]).trim();
  npmRow.size = statSync(tarball).size;
});
const app = join(OUT, 'npm-install');
const bin = (name) => join(app, 'node_modules', '.bin', name);
if (tarball) {
  await npmRow.check('installs offline into an empty folder', () => {
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), '{"private":true}\n');
    output('npm', ['install', '--offline', '--no-audit', '--no-fund', '--cache', join(OUT, 'npm-cache'), tarball], { cwd: app });
  });
  await npmRow.check(`preflight --version prints ${VERSION}`, () => {
    const printed = output(bin('preflight'), ['--version'], { cwd: app }).trim();
    assert(printed === VERSION, `it printed "${printed}"`);
  });
  await npmRow.check('preflight check on a template', () => {
    const template = join(ROOT, 'templates', 'production-deployment-checklist.md');
    const printed = output(bin('preflight'), ['check', template], { cwd: app, env: { ...process.env, NO_COLOR: '1' } });
    assert(/^1 file\(s\) checked: 0 error\(s\)/m.test(printed), `unexpected summary: ${printed.trim().split('\n').at(-1)}`);
  });
  await npmRow.check('preflight-ls --stdio answers initialize and documentSymbol', () => lspSmoke(bin('preflight-ls'), app));
}

/** initialize, open the production template, documentSymbol, shutdown, exit: over a real JSON-RPC connection. */
async function lspSmoke(server, cwd) {
  const rpc = require('vscode-languageserver-protocol/node');
  const child = spawn(server, ['--stdio'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((done) => child.on('exit', (code) => done(code)));
  const connection = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  connection.listen();
  const timer = setTimeout(() => child.kill(), 20_000);
  try {
    const init = await connection.sendRequest(rpc.InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(cwd).href,
      capabilities: {},
    });
    assert(init.serverInfo?.version === VERSION, `serverInfo is ${JSON.stringify(init.serverInfo)}`);
    await connection.sendNotification(rpc.InitializedNotification.type, {});
    const text = readFileSync(join(ROOT, 'templates', 'production-deployment-checklist.md'), 'utf8');
    const uri = pathToFileURL(join(cwd, 'production-deployment-checklist.md')).href;
    await connection.sendNotification(rpc.DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'markdown', version: 1, text },
    });
    const symbols = await connection.sendRequest(rpc.DocumentSymbolRequest.type, { textDocument: { uri } });
    // The CLI bin of the same package, on the same text, gives the phases to expect.
    const report = JSON.parse(
      output(bin('preflight'), ['report', '--format', 'json', join(ROOT, 'templates', 'production-deployment-checklist.md')], { cwd }),
    );
    const names = (symbols ?? []).map((s) => s.name);
    assert(
      names.length > 0 && JSON.stringify(names) === JSON.stringify(report.phases.map((p) => p.title)),
      `symbols ${JSON.stringify(names)} are not the report's phases`,
    );
    await connection.sendRequest(rpc.ShutdownRequest.type);
    await connection.sendNotification(rpc.ExitNotification.type);
    const code = await exited;
    assert(code === 0, `exit ${code}: ${stderr.trim().slice(-400)}`);
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}${stderr ? ` (stderr: ${stderr.trim().slice(-400)})` : ''}`);
  } finally {
    clearTimeout(timer);
    connection.dispose();
    child.kill();
  }
}

// ---- the action bundle -----------------------------------------------------------------------------------

const actionRow = new Artefact('action bundle');
artefacts.push(actionRow);
const actionYml = join(ROOT, 'action.yml');
const bundleCheck = join(ROOT, 'scripts', 'actionBundle.mjs');
let action;
await actionRow.check('action.yml is valid and names a built node bundle', () => {
  assert(
    existsSync(actionYml) && existsSync(bundleCheck),
    'the GitHub Action has not landed yet (action.yml and scripts/actionBundle.mjs are missing): nothing to release for it',
  );
  let parsed;
  try {
    parsed = parseYaml(readFileSync(actionYml, 'utf8'));
  } catch (error) {
    // GitHub rejects such a file too: `uses:` of the action would fail in every workflow.
    throw new Error(`action.yml is not valid YAML (${error.message.split('\n')[0]}): quote the value`);
  }
  const main = join(ROOT, parsed?.runs?.main ?? '');
  assert(
    /^node\d+$/.test(parsed?.runs?.using ?? ''),
    `action.yml runs.using is ${JSON.stringify(parsed?.runs?.using)}, not a node runtime`,
  );
  assert(parsed.runs.main && existsSync(main), `action.yml runs.main (${parsed.runs.main}) is not built: run "npm run build:action"`);
  actionRow.size = statSync(main).size;
  action = parsed;
});
if (action) {
  await actionRow.check(
    'committed bundle is current (scripts/actionBundle.mjs --check)',
    () => void output(process.execPath, [bundleCheck, '--check']),
  );
  await actionRow.check('runs on a push event, as a runner would', () => runActionOnPush(action));
}

/**
 * A git repository with one checklist commit, and the environment a runner gives a JavaScript action on a
 * push (inputs as INPUT_* from action.yml's defaults, no token: a push needs no API). The outputs must agree
 * with the CLI's own report of the same file.
 */
function runActionOnPush(action) {
  const repo = join(OUT, 'action-repo');
  mkdirSync(repo);
  const checklist = '# Release checklist\n\n## Build\n\n- [x] Tests pass\n- [ ] Changelog written\n\n## Ship\n\n- [x] Tag pushed\n';
  writeFileSync(join(repo, 'release-checklist.md'), checklist);
  const git = (...args) =>
    output('git', ['-c', 'user.name=Release Dry', '-c', 'user.email=release-dry@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
      cwd: repo,
    }).trim();
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'Checklist');
  const sha = git('rev-parse', 'HEAD');
  const files = { event: join(OUT, 'action-event.json'), output: join(OUT, 'action-output.txt'), summary: join(OUT, 'action-summary.md') };
  writeFileSync(
    files.event,
    JSON.stringify({
      ref: 'refs/heads/main',
      before: '0'.repeat(40),
      after: sha,
      repository: { full_name: 'preflight-dev/release-dry', default_branch: 'main' },
    }),
  );
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const inputs = {};
  for (const [name, spec] of Object.entries(action.inputs ?? {})) {
    // ${{ github.token }} and the like are the runner's to fill; a push needs none of them.
    if (spec?.default !== undefined && !String(spec.default).includes('${{'))
      inputs[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = String(spec.default);
  }
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...inputs,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_WORKSPACE: repo,
    GITHUB_REPOSITORY: 'preflight-dev/release-dry',
    GITHUB_SHA: sha,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'http://127.0.0.1:9', // nothing listens: a push must not call the API
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: join(OUT, 'runner-temp'),
  };
  mkdirSync(env.RUNNER_TEMP);
  const r = spawnSync(process.execPath, [join(ROOT, action.runs.main)], { cwd: repo, env, encoding: 'utf8', timeout: 60_000 });
  assert(r.status === 0, `the action exited ${r.status ?? r.signal}: ${(r.stdout + r.stderr).trim().slice(-800)}`);
  const outputs = parseOutputs(readFileSync(files.output, 'utf8'));
  const report = JSON.parse(
    output(join(app, 'node_modules', '.bin', 'preflight'), ['report', '--format', 'json', join(repo, 'release-checklist.md')], {
      cwd: repo,
    }),
  );
  assert(outputs.gate === 'pass', `gate output is ${JSON.stringify(outputs.gate)}, expected "pass" (nothing is required)`);
  assert(
    outputs.total === String(report.total) && outputs.done === String(report.done),
    `total/done outputs ${outputs.total}/${outputs.done}, the CLI reports ${report.total}/${report.done}`,
  );
  assert(readFileSync(files.summary, 'utf8').trim().length > 0, 'the job summary is empty');
}

/** GITHUB_OUTPUT as @actions/core writes it: `name<<DELIMITER\nvalue\nDELIMITER` blocks (or name=value). */
function parseOutputs(text) {
  const outputs = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1);
      outputs[heredoc[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i].includes('=')) {
      outputs[lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1);
    }
  }
  return outputs;
}

// ---- the table -------------------------------------------------------------------------------------------

const rows = artefacts.map((a) => [
  a.name,
  kb(a.size),
  `${a.checks.filter((c) => c.ok).length}/${a.checks.length}${a.failed ? ' FAILED' : ''}`,
]);
const header = ['artefact', 'size', 'checks passed'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
console.log(
  `\nrelease:dry ${VERSION} (${options['skip-tests'] ? 'tests skipped' : 'tests passed'}, ${Math.round((Date.now() - started) / 1000)} s), artefacts in ${relative(ROOT, OUT)}/`,
);
console.log(line(header));
for (const row of rows) console.log(line(row));
const failures = artefacts.flatMap((a) => a.checks.filter((c) => !c.ok).map((c) => `${a.name}: ${c.label}: ${c.reason}`));
if (failures.length > 0) {
  console.log(`\n${failures.length} check(s) failed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  process.exit(1);
}
console.log('\nEverything the release workflow publishes was built and checked; nothing was published.');
