// Bundles the CLI and the language server to CommonJS for node 20.
// A bundle of unified+remark loads in a few ms, against ~70 ms for the same code as plain ESM imports.
import { build } from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const entries = [
  { in: 'server/src/cli.ts', out: 'server/dist/cli' },
  { in: 'server/src/main.ts', out: 'server/dist/main' },
];
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const options = {
  entryPoints: entries,
  outdir: '.',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  banner: { js: '#!/usr/bin/env node' },
  define: { PREFLIGHT_VERSION: JSON.stringify(version) },
};
if (watch) {
  const { context } = await import('esbuild');
  await (await context(options)).watch();
} else {
  await build(options);
  for (const entry of entries) chmodSync(`${entry.out}.js`, 0o755);
}
