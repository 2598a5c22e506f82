/**
 * The npm package (npm/) as a user gets it: `npm pack` (scripts/npmPackage.mjs --pack), installed from the
 * tarball into an empty folder with --offline and an empty cache (so it needs nothing from a registry), then
 * both bins run from that folder, far from the repository's node_modules. Expectations come from the
 * project's own parser in process, on a template with some boxes ticked.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { check } from '../../../server/src/core/check.ts';
import { parseChecklist } from '../../../server/src/core/checklist.ts';
import { repoRoot } from '../../support/paths.ts';
import { withShellParser } from '../../support/shellParser.ts';

withShellParser();

const ROOT_VERSION: string = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version;
const manifest = JSON.parse(readFileSync(join(repoRoot, 'npm', 'package.json'), 'utf8'));
const SHIPPED = ['cli.js', 'main.js', 'parseWorker.js', 'tree-sitter.wasm', 'tree-sitter-bash.wasm'];

let dir = '';
let app = '';
let tarball = '';
const bin = (name: string) => join(app, 'node_modules', '.bin', name);
/** Every third open box of the release template ticked, so done is neither 0 nor total. */
let checklistPath = '';
let checklistText = '';

before(() => {
  assert.ok(existsSync(join(repoRoot, 'server', 'dist', 'cli.js')), 'server/dist/cli.js is missing: run "npm run build" first');
  // realpath: macOS and some CI images put tmpdir behind a symlink; the paths below are compared as strings.
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'preflight-npm-')));
  tarball = execFileSync(process.execPath, [join(repoRoot, 'scripts', 'npmPackage.mjs'), '--pack', dir], { encoding: 'utf8' }).trim();
  app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), '{"private":true}\n');
  const install = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--cache', join(dir, 'cache'), tarball], {
    cwd: app,
    encoding: 'utf8',
  });
  assert.equal(install.status, 0, `npm install --offline of ${tarball} failed:\n${install.stdout}${install.stderr}`);
  let open = 0;
  checklistText = readFileSync(join(repoRoot, 'templates', 'release-checklist.md'), 'utf8').replace(
    /^(\s*- )\[ \]/gm,
    (all, lead: string) => (open++ % 3 === 0 ? `${lead}[x]` : all),
  );
  checklistPath = join(app, 'release-checklist.md');
  writeFileSync(checklistPath, checklistText);
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('npm/package.json', () => {
  test('is publishable, versioned with the repository, with both bins and no dependencies', () => {
    assert.equal(manifest.name, '@preflight-dev/preflight');
    assert.notEqual(manifest.private, true);
    assert.equal(manifest.version, ROOT_VERSION, 'npm/package.json and package.json must carry the same version');
    assert.deepEqual(manifest.bin, { preflight: 'dist/cli.js', 'preflight-ls': 'dist/main.js' });
    assert.equal(manifest.engines.node, '>=20.9');
    assert.equal(manifest.license, 'MIT');
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies', 'scripts'])
      assert.equal(manifest[field], undefined, `${field} in npm/package.json`);
  });

  test('the tarball holds the bundles, the WASM, the manifest, README and LICENSE, nothing else', () => {
    const listed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort();
    const expected = [...SHIPPED.map((f) => `package/dist/${f}`), 'package/LICENSE', 'package/README.md', 'package/package.json'].sort();
    assert.deepEqual(listed, expected);
    assert.deepEqual(
      readdirSync(join(app, 'node_modules')).sort(),
      ['.bin', '.package-lock.json', '@preflight-dev'].sort(),
      'the install pulled in other packages',
    );
  });
});

describe('the installed bins', () => {
  test('preflight --version and preflight-ls --version print the release version', () => {
    assert.equal(execFileSync(bin('preflight'), ['--version'], { cwd: app, encoding: 'utf8' }).trim(), ROOT_VERSION);
    assert.equal(execFileSync(bin('preflight-ls'), ['--version'], { cwd: app, encoding: 'utf8' }).trim(), `preflight-ls ${ROOT_VERSION}`);
  });

  test('npx @preflight-dev/preflight runs the preflight bin', () => {
    const r = spawnSync('npx', ['--offline', '--cache', join(dir, 'cache'), '@preflight-dev/preflight', '--version'], {
      cwd: app,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), ROOT_VERSION);
  });

  test('preflight report and check agree with the parser in process', () => {
    const checklist = parseChecklist(checklistText);
    assert.ok(
      checklist.progress.done > 0 && checklist.progress.done < checklist.progress.total,
      'the ticked template should be partly done',
    );
    const report = JSON.parse(
      execFileSync(bin('preflight'), ['report', '--format', 'json', 'release-checklist.md'], { cwd: app, encoding: 'utf8' }),
    );
    assert.deepEqual([report.total, report.done], [checklist.progress.total, checklist.progress.done]);
    assert.deepEqual(
      report.phases.map((p: { id: string }) => p.id),
      checklist.phases.map((p) => p.id),
    );

    const findings = check(checklist);
    assert.ok(
      findings.some((f) => f.severity === 'warning'),
      'the template should have warnings (its blank sign-off fields)',
    );
    const r = spawnSync(bin('preflight'), ['check', '--fail-on', 'warning', 'release-checklist.md'], {
      cwd: app,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('release-checklist.md:'));
    assert.deepEqual(
      lines.map((l) => /^[^:]+:(\d+):\d+: (\w+) ([\w-]+) /.exec(l)?.slice(1)),
      findings.map((f) => [String(f.range.start.line), f.severity, f.ruleId]),
    );
    assert.equal(r.status, findings.some((f) => f.severity !== 'info') ? 1 : 0, r.stderr);
  });

  // The server loads the bash parser's WASM from beside its bundle at start and exits 1 when it cannot, and
  // parses in workers from parseWorker.js there: an answer proves the package holds what the server needs.
  test('preflight-ls --stdio initializes, lists the symbols the parser finds and shuts down', async () => {
    const child = spawn(bin('preflight-ls'), ['--stdio'], { cwd: app, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.listen();
    try {
      const init = await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: pathToFileURL(app).href,
        workspaceFolders: [{ uri: pathToFileURL(app).href, name: 'app' }],
        capabilities: {},
      });
      assert.deepEqual(init.serverInfo, { name: 'preflight-ls', version: ROOT_VERSION });
      await connection.sendNotification(InitializedNotification.type, {});
      const uri = pathToFileURL(checklistPath).href;
      await connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'markdown', version: 1, text: checklistText },
      });
      const symbols = (await connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as { name: string }[];
      assert.deepEqual(
        symbols.map((s) => s.name),
        parseChecklist(checklistText).phases.map((p) => p.title),
      );
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      assert.equal(await exited, 0, stderr);
    } finally {
      connection.dispose();
      child.kill();
    }
  });

  test('the CLI bundle copied alone anywhere still prints the release version', () => {
    const lone = join(dir, 'lone');
    mkdirSync(lone);
    copyFileSync(join(repoRoot, 'server', 'dist', 'cli.js'), join(lone, 'preflight.cjs'));
    assert.equal(
      execFileSync(process.execPath, [join(lone, 'preflight.cjs'), '--version'], { cwd: lone, encoding: 'utf8' }).trim(),
      ROOT_VERSION,
    );
  });
});
