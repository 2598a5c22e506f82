// Bundles the CLI, the language server and the VS Code client to CommonJS for node 20.
// A bundle of unified+remark loads in a few ms, against ~70 ms for the same code as plain ESM imports.
import { build, context } from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { webBuiltins } from './webBuiltins.mjs';

const watch = process.argv.includes('--watch');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const common = {
  outdir: '.',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  define: { PREFLIGHT_VERSION: JSON.stringify(version) },
  // web-tree-sitter's ESM build reads import.meta.url, which a CommonJS bundle does not have: take its CJS build.
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/tree-sitter.cjs' },
};
const bins = [
  { in: 'server/src/bin/preflight.ts', out: 'server/dist/cli' },
  { in: 'server/src/bin/preflight-ls.ts', out: 'server/dist/main' },
];
const builds = [
  { ...common, entryPoints: bins, banner: { js: '#!/usr/bin/env node' } },
  // The extension for VS Code for the Web (package.json `browser`, client/src/web/extension.ts): CommonJS, as
  // the web worker extension host loads it. On the browser platform esbuild itself fails on a node built-in.
  {
    ...common,
    entryPoints: [{ in: 'client/src/web/extension.ts', out: 'client/dist/web/extension' }],
    external: ['vscode'],
    platform: 'browser',
    target: 'chrome120',
    minify: true,
  },
  // `vscode` is provided by the editor at run time.
  { ...common, entryPoints: [{ in: 'client/src/extension.ts', out: 'client/dist/extension' }], external: ['vscode'] },
  // The language server's parse workers (server/src/lsp/parsePool.ts), loaded from beside main.js.
  { ...common, entryPoints: [{ in: 'server/src/lsp/parseWorker.ts', out: 'server/dist/parseWorker' }] },
  // The language server in a browser worker (server/src/web/server.ts) and its nested parse workers: classic
  // worker scripts, started by the web client. Node built-ins resolve to server/src/web/node/, or the build
  // fails (scripts/webBuiltins.mjs). They fetch the WASM copied below, so the VSIX still carries one copy.
  {
    ...common,
    entryPoints: [
      { in: 'server/src/web/server.ts', out: 'server/dist/web/server' },
      { in: 'server/src/web/parseWorker.ts', out: 'server/dist/web/parseWorker' },
    ],
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    minify: true,
    sourcemap: false,
    plugins: [webBuiltins],
    // A worker has no DOM: packages that build on it for browsers (decode-named-character-reference, used
    // by micromark) offer a `worker` build first.
    conditions: ['worker'],
    // A browser has no environment; git's calls read it before they reach web/node/childProcess.ts's error.
    define: { ...common.define, 'process.env': '{}' },
  },
  // The ECS service and the AWS SDK, required by the extension on first use (client/src/ecs/ecsModule.ts).
  { ...common, entryPoints: [{ in: 'client/src/ecs/service/index.ts', out: 'client/dist/ecs' }] },
  // The dashboard's webview script (client/src/dashboard/webview/main.ts): a browser IIFE, loaded under the
  // webview's CSP with a nonce. Minified without a source map: it ships in the VSIX, its map would not.
  {
    ...common,
    entryPoints: [{ in: 'client/src/dashboard/webview/main.ts', out: 'client/dist/dashboard' }],
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    minify: true,
    sourcemap: false,
  },
];
// The bash parser's WASM (server/src/shell/load.ts) beside the server bundles; the extension loads it from
// there too (client/src/extension.ts), so the VSIX carries one copy.
const require = createRequire(import.meta.url);
mkdirSync('server/dist', { recursive: true });
for (const wasm of ['web-tree-sitter/tree-sitter.wasm', 'tree-sitter-bash/tree-sitter-bash.wasm']) {
  copyFileSync(require.resolve(wasm), `server/dist/${wasm.slice(wasm.indexOf('/') + 1)}`);
}
if (watch) {
  for (const options of builds) await (await context(options)).watch();
} else {
  await Promise.all(builds.map((options) => build(options)));
  for (const bin of bins) chmodSync(`${bin.out}.js`, 0o755);
}
