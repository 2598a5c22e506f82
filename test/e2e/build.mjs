// Bundles the e2e tests modules and their tests to CommonJS for node 20 into test/e2e/dist/:
//   dist/<entry>/index.js + dist/<entry>/**/*.test.js  for entry in suite, restricted, packaged
// vscode (given by the extension host) and mocha (one instance shared by index.js and the tests, so the
// TDD globals set by mocha reach them) stay external. The extension itself is built by `npm run build`.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const ENTRIES = ['suite', 'restricted', 'packaged'];
export const DIST = join(here, 'dist');

export async function buildE2e() {
  const entryPoints = [];
  for (const entry of ENTRIES) {
    const dir = join(here, entry);
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f === 'index.ts' || f.endsWith('.test.ts'));
    for (const f of files) {
      const src = join(dir, f);
      entryPoints.push({ in: src, out: relative(here, src).replace(/\.ts$/, '') });
    }
  }
  rmSync(DIST, { recursive: true, force: true }); // a deleted test must not linger as a stale bundle
  await build({
    entryPoints,
    outdir: DIST,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode', 'mocha'],
    // Readable, unminified bundles: the extension host's own Error.prepareStackTrace ignores source maps,
    // so stack traces name dist/**/*.test.js lines; the linked maps serve a debugger (--electron).
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  return entryPoints.length;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const n = await buildE2e();
  console.log(`e2e: bundled ${n} modules into ${relative(process.cwd(), DIST) || DIST}`);
}
