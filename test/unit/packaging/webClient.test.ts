/**
 * The extension's web bundle (client/dist/web/extension.js, package.json `browser`, `npm run build`) is
 * node-free: it requires nothing but `vscode`, and it loads in a context with only a browser worker's globals
 * (no process, require, Buffer, setImmediate) and exports activate and deactivate. Running it against a real
 * VS Code for the Web is the e2e suite's job.
 */
import assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import vm from 'node:vm';
import { repoRoot } from '../../support/paths.ts';

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const bundle = path.join(repoRoot, manifest.browser ?? 'client/dist/web/extension.js');

before(() => {
  assert.ok(existsSync(bundle), `${bundle} is missing: run "npm run build" first`);
});

test('the web bundle requires only vscode: no node built-in, no other module', () => {
  const text = readFileSync(bundle, 'utf8');
  const required = new Set([...text.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]));
  assert.deepEqual([...required], ['vscode']);
  const builtins = new Set(builtinModules);
  for (const name of required) assert.ok(!name.startsWith('node:') && !builtins.has(name.split('/')[0]), `requires ${name}`);
  assert.doesNotMatch(text, /\bimport\(\s*["'`]node:/, 'a dynamic import of a node built-in');
});

/** Anything at all: every property, call and `new` gives another; what `vscode` looks like while a module loads. */
function anything(): unknown {
  const target = function () {} as unknown as object;
  return new Proxy(target, {
    get: (_t, key) => (key === Symbol.toPrimitive ? () => '' : key === 'then' ? undefined : anything()),
    apply: () => anything(),
    construct: () => anything() as object,
  });
}

test("the web bundle loads with only a browser worker's globals and exports activate and deactivate", () => {
  const module = { exports: {} as Record<string, unknown> };
  const asked: string[] = [];
  const require = (name: string) => {
    asked.push(name);
    if (name === 'vscode') return anything();
    throw new Error(`require(${name}) in the web extension host`);
  };
  const scope = vm.createContext({ console, setTimeout, clearTimeout, queueMicrotask, TextEncoder, TextDecoder, URL, Blob, crypto, btoa });
  vm.runInContext(`(function (module, exports, require) {${readFileSync(bundle, 'utf8')}\n})`, scope, { filename: bundle })(
    module,
    module.exports,
    require,
  );
  assert.equal(typeof module.exports.activate, 'function');
  assert.equal(typeof module.exports.deactivate, 'function');
  assert.ok(
    asked.every((name) => name === 'vscode'),
    asked.join(', '),
  );
});
