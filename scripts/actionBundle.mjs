// Builds the GitHub Action's one-file bundle, dist/action/index.js (action.yml runs it on node20), which is
// committed: a workflow that says `uses: preflight-dev/preflight@v1` runs it straight from the repository.
//   node scripts/actionBundle.mjs          writes the bundle (npm run build:action)
//   node scripts/actionBundle.mjs --check  builds in memory and fails when the committed bundle differs
// Deterministic: no source map, paths relative to the repository, the same bytes for the same sources.
import { Buffer } from 'node:buffer';
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ACTION_BUNDLE = 'dist/action/index.js';
const check = process.argv.includes('--check');

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const result = await build({
  absWorkingDir: ROOT,
  entryPoints: ['server/src/bin/action.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  // @actions/core and @actions/github are ESM only; esbuild turns them into one CommonJS file like the CLI's.
  format: 'cjs',
  sourcemap: false,
  // Whitespace and syntax only: names stay, so a stack trace from a runner still reads.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'eof',
  write: false,
  outfile: ACTION_BUNDLE,
  logLevel: 'warning',
  define: { PREFLIGHT_VERSION: JSON.stringify(version) },
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/tree-sitter.cjs' },
});
const built = Buffer.from(result.outputFiles[0].contents);
const target = join(ROOT, ACTION_BUNDLE);

if (check) {
  const committed = existsSync(target) ? readFileSync(target) : undefined;
  if (!committed || !committed.equals(built)) {
    console.error(
      `${ACTION_BUNDLE} is ${committed ? 'stale: it differs from a build of the current sources' : 'missing'}. Run npm run build:action and commit ${ACTION_BUNDLE}.`,
    );
    process.exit(1);
  }
  console.log(`${ACTION_BUNDLE} is up to date (${built.length} bytes).`);
} else {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, built);
  console.log(`wrote ${ACTION_BUNDLE} (${built.length} bytes)`);
}
