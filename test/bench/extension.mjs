#!/usr/bin/env node
// What a user pays for the extension: bundle and VSIX sizes, the time to load each bundle, and the activation
// of the extension in a REAL VS Code (code-server 4.100.3 = VS Code 1.100.3, headless Chromium; the e2e
// harness's tools and helpers). Every time is printed beside a baseline measured in the same run (these
// machines are noisy: compare ratios). A script, not a test: nothing here asserts a time.
//
//   npm run build && node test/bench/extension.mjs
// Env: BENCH_LOAD_RUNS (fresh node processes per bundle, default 7), BENCH_WINDOWS (fresh VS Code windows,
//      default 5), BENCH_SKIP_VSCODE=1 (sizes and load times only), BENCH_VERBOSE=1 (the extension host's console)
import { build } from 'esbuild';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { killAllStarted, startCodeServer, tail } from '../e2e/lib/codeServer.mjs';
import { REPO, SEED_TEMPLATE, SETUP, TOOLS, toolsInstalled } from '../e2e/lib/paths.mjs';
import { makeSandbox } from '../e2e/lib/workspace.mjs';
import { runExtensionTests } from '../e2e/run-extension-tests.mjs';

const LOAD_RUNS = Number(process.env.BENCH_LOAD_RUNS) || 7;
const WINDOWS = Number(process.env.BENCH_WINDOWS) || 5;
const VERBOSE = process.env.BENCH_VERBOSE === '1';
const VSIX_LIMIT = 3 * 1024 * 1024; // bytes
const RESULT_MARKER = 'PREFLIGHT_BENCH_RESULT'; // printed by test/bench/vscode/index.ts
// client/dist/ecs.js (the AWS SDK) is loaded on the first ECS action, not at activation.
const BUNDLES = ['client/dist/extension.js', 'client/dist/ecs.js', 'server/dist/main.js', 'server/dist/cli.js'];

for (const sig of ['SIGINT', 'SIGTERM'])
  process.on(sig, () => {
    killAllStarted();
    process.exit(130);
  });
process.on('exit', killAllStarted); // no code-server outlives the bench

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const kb = (bytes) => (bytes / 1024).toFixed(1);
const int = (n) => n.toLocaleString('en-US');
const pad = (s, n) => String(s).padStart(n);

// ---- 1. bundles: size, load time; the VSIX ----------------------------------------------------------

// Runs in a fresh node process: times require() of one file (argv[1]) with `--version` as its arguments, so
// the server and the CLI evaluate every module and then only print a version (no connection, no I/O).
// `vscode` exists only inside the editor: a stub that answers every property, call and `new` stands in.
// The empty module goes through exactly the same code, so the ratio is the bundle's own cost.
const LOADER = `
const Module = require('node:module');
const stub = new Proxy(function () {}, {
  get: (_t, key) => (key === 'then' ? undefined : key === Symbol.toPrimitive ? () => 0 : stub),
  apply: () => stub, construct: () => stub, getPrototypeOf: () => stub,
});
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? stub : load.call(this, request, ...rest); };
const file = process.argv[1];
process.argv = [process.argv[0], file, '--version'];
const t0 = performance.now();
require(file);
const ms = performance.now() - t0;
require('node:fs').writeSync(2, '\\n${RESULT_MARKER} ' + ms + '\\n');
process.exit(0);
`;

function loadOnce(file) {
  const t0 = performance.now();
  const child = spawnSync(process.execPath, ['-e', LOADER, file], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const wall = performance.now() - t0;
  const line = child.stderr.split('\n').find((l) => l.startsWith(RESULT_MARKER));
  if (!line) throw new Error(`loading ${relative(REPO, file)} in a fresh node failed (exit ${child.status}):\n${child.stderr.trim()}`);
  return { ms: Number(line.slice(RESULT_MARKER.length)), wall };
}

function vscePackage(vsix) {
  // `npx vsce` resolves to this binary; stdin closed so a vsce question fails instead of hanging.
  const vsce = join(REPO, 'node_modules', '.bin', 'vsce');
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(vsce, ['package', '--no-dependencies', '--readme-path', 'client/MARKETPLACE.md', '-o', vsix], {
      cwd: REPO,
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
      if (code === 0 && existsSync(vsix)) resolve({ ms: performance.now() - t0, files: /\((\d+) files?/.exec(text)?.[1] });
      else reject(new Error(`vsce package failed (exit ${code}):\n${text.trim()}`));
    });
  });
}

async function bundles(tmp) {
  for (const b of BUNDLES) if (!existsSync(join(REPO, b))) throw new Error(`${b} is missing: run \`npm run build\` first`);
  const empty = join(tmp, 'empty.js');
  writeFileSync(empty, '');
  const rows = [...BUNDLES.map((b) => ({ name: b, file: join(REPO, b) })), { name: 'empty module (baseline)', file: empty }];
  for (const r of rows) {
    r.bytes = statSync(r.file).size;
    r.samples = [];
    r.walls = [];
  }
  // Interleaved: one process of each per round, so a burst of load elsewhere hits every row alike.
  for (const r of rows) loadOnce(r.file); // warm-up: the page cache, not the JIT (every process is fresh)
  for (let i = 0; i < LOAD_RUNS; i++) {
    for (const r of rows) {
      const { ms, wall } = loadOnce(r.file);
      r.samples.push(ms);
      r.walls.push(wall);
    }
  }
  const base = rows.at(-1);
  const baseMs = median(base.samples);
  const baseWall = median(base.walls);

  console.log(
    `Preflight extension bench: node ${process.version}; bundle load = require() in a fresh node process, median of ${LOAD_RUNS} (after one warm-up each), against an empty module loaded the same way\n`,
  );
  const head = [
    pad('bundle', 26),
    pad('bytes', 11),
    pad('KB', 9),
    pad('load ms', 9),
    pad('x empty', 9),
    pad('process ms', 11),
    pad('- node', 8),
  ].join(' ');
  console.log(head);
  console.log('-'.repeat(head.length));
  for (const r of rows) {
    const ms = median(r.samples);
    const wall = median(r.walls);
    console.log(
      [
        pad(r.name, 26),
        pad(int(r.bytes), 11),
        pad(kb(r.bytes), 9),
        pad(fmt(ms), 9),
        pad(`${(ms / baseMs).toFixed(0)}x`, 9),
        pad(fmt(wall), 11),
        pad(r === base ? '' : `${wall >= baseWall ? '+' : '-'}${fmt(Math.abs(wall - baseWall))}`, 8),
      ].join(' '),
    );
  }
  const vsix = join(tmp, 'preflight.vsix');
  const packed = await vscePackage(vsix);
  const size = statSync(vsix).size;
  const margin = VSIX_LIMIT - size;
  console.log('');
  console.log(`process ms = spawn to exit of that node process; "- node" = what the bundle adds to an empty one (${fmt(baseWall)} ms)`);
  console.log(
    `VSIX (vsce package --no-dependencies, ${(packed.ms / 1000).toFixed(1)} s): ${int(size)} bytes = ${kb(size)} KB${packed.files ? `, ${packed.files} files` : ''}; ` +
      `limit 3 MB (${int(VSIX_LIMIT)} bytes): margin ${int(margin)} bytes = ${kb(margin)} KB (${((margin / VSIX_LIMIT) * 100).toFixed(0)}% of the limit): ${margin > 0 ? 'OK' : 'OVER THE LIMIT'}`,
  );
}

// ---- 2. activation in a real VS Code ---------------------------------------------------------------

async function buildTestsModule(outdir) {
  await build({
    entryPoints: [join(REPO, 'test/bench/vscode/index.ts')],
    outfile: join(outdir, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    logLevel: 'warning',
  });
  return join(outdir, 'index.js');
}

function version(pkg) {
  try {
    return JSON.parse(readFileSync(pkg, 'utf8')).version;
  } catch {
    return '?';
  }
}

/** One fresh code-server, one fresh window on a folder that triggers neither extension; returns the tests module's numbers. */
async function oneWindow(tmp, i, { sandbox, folder, seed, testsPath }) {
  const out = join(tmp, `window-${i}.json`);
  const order = i % 2 ? 'markdown-first' : 'preflight-first';
  const env = {
    PREFLIGHT_BENCH_OUT: out,
    PREFLIGHT_BENCH_SEED: seed,
    PREFLIGHT_BENCH_ORDER: order,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const log = join(tmp, `code-server-${i}.log`);
  const lines = [];
  let fromConsole;
  const t0 = performance.now();
  const server = await startCodeServer({ sandbox, disableWorkspaceTrust: true, env, log });
  try {
    const { code } = await runExtensionTests({
      base: server.base,
      folder,
      devPath: REPO,
      testsPath,
      label: 'bench-extension',
      timeoutMs: 90_000,
      log: (line) => {
        if (line.trim().startsWith(RESULT_MARKER)) fromConsole = JSON.parse(line.trim().slice(RESULT_MARKER.length));
        else if (VERBOSE) console.log(line);
        else lines.push(line);
      },
    });
    const result = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : fromConsole;
    if (code !== 0 || !result) {
      throw new Error(
        `window ${i + 1}: the tests module ${code === 'timeout' ? 'timed out' : 'failed'}\n${lines.slice(-20).join('\n')}\n  code-server log (${log}):\n${tail(log, 10).replace(/^/gm, '    ')}`,
      );
    }
    return { ...result, windowMs: performance.now() - t0 };
  } finally {
    await server.stop();
  }
}

async function activation(tmp) {
  if (!toolsInstalled()) {
    console.log(`installing code-server, Chromium and playwright-core (${relative(REPO, SETUP)})`);
    if (spawnSync('bash', [SETUP], { stdio: 'inherit' }).status !== 0) throw new Error('scripts/e2e/setup.sh failed; see above');
  }
  const testsPath = await buildTestsModule(join(tmp, 'vscode'));
  // One sandbox (user data, extensions dir) for every window; each window gets a fresh code-server.
  const sandbox = makeSandbox(join(tmp, 'sandbox'), { trust: false });
  const folder = join(sandbox.root, 'plain');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'notes.txt'), 'Plain notes: nothing here activates Preflight or the markdown extension.\n');
  // The seed lives outside the opened folder, or `workspaceContains:**/*checklist*.md` would activate Preflight at start-up.
  const seed = join(sandbox.root, 'seed', 'production-deployment-checklist.md');
  mkdirSync(join(sandbox.root, 'seed'), { recursive: true });
  copyFileSync(SEED_TEMPLATE, seed);

  const cs = join(TOOLS, 'cs', 'node_modules', 'code-server');
  const started = performance.now();
  console.log(
    `\nActivation in a real VS Code ${version(join(cs, 'lib', 'vscode', 'package.json'))} (code-server ${version(join(cs, 'package.json'))}, headless Chromium): ` +
      `${WINDOWS} fresh windows, each on a fresh code-server, folder with only notes.txt; activate() timed with performance.now() in the extension host; ` +
      `who activates first alternates; baseline = the built-in vscode.markdown-language-features (also starts a language server over IPC)\n`,
  );
  const head = [
    pad('window', 6),
    pad('order', 16),
    pad('preflight ms', 13),
    pad('markdown ms', 12),
    pad('pf/md', 7),
    pad('editor ms', 10),
    pad('progress ms', 12),
    pad('outline ms', 11),
    pad('window s', 9),
  ].join(' ');
  console.log(head);
  console.log('-'.repeat(head.length));
  const rows = [];
  for (let i = 0; i < WINDOWS; i++) {
    const r = await oneWindow(tmp, i, { sandbox, folder, seed, testsPath });
    rows.push(r);
    const flags = [
      r.alreadyActive.preflight && 'Preflight was already active',
      r.alreadyActive.markdown && 'markdown was already active',
    ].filter(Boolean);
    console.log(
      [
        pad(i + 1, 6),
        pad(r.order, 16),
        pad(fmt(r.preflightMs), 13),
        pad(fmt(r.markdownMs), 12),
        pad(`${(r.preflightMs / r.markdownMs).toFixed(2)}x`, 7),
        pad(fmt(r.editorMs), 10),
        pad(fmt(r.progressMs), 12),
        pad(fmt(r.outlineMs), 11),
        pad((r.windowMs / 1000).toFixed(1), 9),
      ].join(' ') + (flags.length ? `  INVALID: ${flags.join(', ')}` : ''),
    );
  }
  const valid = rows.filter((r) => !r.alreadyActive.preflight && !r.alreadyActive.markdown);
  if (valid.length === 0) {
    console.log('\nno window measured a real activation (see INVALID above)');
    return;
  }
  const m = (key, of = valid) => median(of.map((r) => r[key]));
  const ratio = (of) => median(of.map((r) => r.preflightMs / r.markdownMs));
  console.log('-'.repeat(head.length));
  console.log(
    [
      pad('median', 6),
      pad('', 16),
      pad(fmt(m('preflightMs')), 13),
      pad(fmt(m('markdownMs')), 12),
      pad(`${ratio(valid).toFixed(2)}x`, 7),
      pad(fmt(m('editorMs')), 10),
      pad(fmt(m('progressMs')), 12),
      pad(fmt(m('outlineMs')), 11),
      pad((m('windowMs') / 1000).toFixed(1), 9),
    ].join(' '),
  );
  console.log('');
  // Whoever activates first also pays for what the extension host does the first time (it shows as a
  // higher ratio in preflight-first windows): the geometric mean of the two orders' medians cancels that.
  const byOrder = ['preflight-first', 'markdown-first'].map((o) => valid.filter((r) => r.order === o)).filter((g) => g.length > 0);
  const balanced = byOrder.length === 2 ? Math.sqrt(ratio(byOrder[0]) * ratio(byOrder[1])) : undefined;
  console.log(
    `activation, Preflight / vscode.markdown-language-features: ${ratio(valid).toFixed(2)}x (median of per-window ratios; ` +
      `medians ${fmt(m('preflightMs'))} ms / ${fmt(m('markdownMs'))} ms = ${(m('preflightMs') / m('markdownMs')).toFixed(2)}x); ` +
      `by order: ${byOrder.map((g) => `${g[0].order} ${ratio(g).toFixed(2)}x (n=${g.length})`).join(', ')}` +
      `${balanced ? `; order-balanced ${balanced.toFixed(2)}x` : ''}` +
      (valid.length < rows.length ? ` (${rows.length - valid.length} INVALID window(s) left out)` : ''),
  );
  const settle = valid.map((r) => r.outlineMs - r.progressAt.at(-1));
  console.log(
    `open the seed checklist -> outline (tree, decorations, status bar "${valid.at(-1).statusBar}"): ${fmt(m('outlineMs'))} ms; editor shown at ${fmt(m('editorMs'))} ms, ` +
      `first progress (server analysed it) at ${fmt(m('progressMs'))} ms, progress notifications before the outline: ${valid.map((r) => r.progressAt.length).join(', ')}; ` +
      `last progress -> outline ${fmt(median(settle))} ms (of which 80 ms is the client's fetch delay, client/src/outlines.ts)`,
  );
  const active = [...new Set(valid.flatMap((r) => r.activeAtStart))].sort();
  console.log(`already active when the tests module started (start-up work sharing the extension host): ${active.join(', ') || 'none'}`);
  console.log(`\nVS Code part took ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

// ---- main ------------------------------------------------------------------------------------------

async function main() {
  const started = performance.now();
  const tmp = mkdtempSync(join(tmpdir(), 'preflight-bench-ext-'));
  let ok = false;
  try {
    await bundles(tmp);
    if (process.env.BENCH_SKIP_VSCODE === '1') console.log('\n(VS Code activation skipped: BENCH_SKIP_VSCODE=1)');
    else await activation(tmp);
    ok = true;
  } finally {
    if (ok) rmSync(tmp, { recursive: true, force: true });
    else console.error(`extension bench: files kept in ${tmp}`);
  }
  console.log(`\nextension bench took ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main().then(
  () => {
    killAllStarted();
    process.exit(0);
  },
  (err) => {
    console.error(err?.message ?? err);
    killAllStarted();
    process.exit(1);
  },
);
