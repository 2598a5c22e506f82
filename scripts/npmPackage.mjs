// Builds the npm package (npm/) from the bundles `npm run build` writes to server/dist: the CLI, the language
// server, its parse worker and the bash parser's two WASM files, copied side by side into npm/dist (the server
// loads the worker and the WASM from beside its own file). Copies, not a second esbuild config, so the package
// ships exactly what the VSIX and the tests run.
// Usage: node scripts/npmPackage.mjs [--pack DIR]   (--pack: also `npm pack` into DIR and print the tarball path)
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGE = join(ROOT, 'npm');
/** What the package ships from server/dist; npm/package.json `files` lists the same (a test compares them). */
export const PACKAGE_FILES = ['cli.js', 'main.js', 'parseWorker.js', 'tree-sitter.wasm', 'tree-sitter-bash.wasm'];

function fail(message) {
  process.stderr.write(`npmPackage: ${message}\n`);
  process.exit(1);
}

const rootVersion = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
const manifest = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8'));
if (manifest.version !== rootVersion) {
  fail(`npm/package.json is version ${manifest.version} but package.json is ${rootVersion}: set both to the release's version`);
}
const missing = PACKAGE_FILES.filter((file) => !existsSync(join(ROOT, 'server', 'dist', file)));
if (missing.length > 0) fail(`server/dist lacks ${missing.join(', ')}: run "npm run build" first`);
rmSync(join(PACKAGE, 'dist'), { recursive: true, force: true });
mkdirSync(join(PACKAGE, 'dist'));
for (const file of PACKAGE_FILES) copyFileSync(join(ROOT, 'server', 'dist', file), join(PACKAGE, 'dist', file));
for (const bin of ['cli.js', 'main.js']) chmodSync(join(PACKAGE, 'dist', bin), 0o755);
// The bundles carry the version they were built with (PREFLIGHT_VERSION): refuse a stale build.
const built = execFileSync(process.execPath, [join(PACKAGE, 'dist', 'cli.js'), '--version'], { encoding: 'utf8' }).trim();
if (built !== rootVersion) fail(`server/dist/cli.js says version "${built}", package.json ${rootVersion}: run "npm run build"`);
// npm ships a LICENSE found at the package root whatever `files` says.
copyFileSync(join(ROOT, 'LICENSE'), join(PACKAGE, 'LICENSE'));

const packAt = process.argv.indexOf('--pack');
if (packAt !== -1) {
  const destination = resolve(process.argv[packAt + 1] ?? '.');
  mkdirSync(destination, { recursive: true });
  const output = execFileSync('npm', ['pack', '--json', '--pack-destination', destination], { cwd: PACKAGE, encoding: 'utf8' });
  const [{ filename }] = JSON.parse(output);
  process.stdout.write(`${join(destination, filename)}\n`);
}
