/** The web server's boot: the first message its client posts, checked for shape. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bootFrom } from '../../../server/src/web/boot.ts';

const wasm = { runtime: new Uint8Array([0, 97, 115, 109]), grammar: new Uint8Array([0, 97, 115, 109, 1]) };
const boot = { preflightBoot: 1 as const, parseWorker: 'self.onmessage = () => {};', wasm };

test('a boot is taken with its bytes', () => {
  const taken = bootFrom(structuredClone(boot));
  assert.equal(taken.parseWorker, boot.parseWorker);
  assert.deepEqual([...taken.wasm.runtime], [...wasm.runtime]);
  assert.deepEqual([...taken.wasm.grammar], [...wasm.grammar]);
});

test('anything else says what a client must send first', () => {
  const expected = /post \{ preflightBoot: 1, parseWorker: .* to the worker first/;
  assert.throws(() => bootFrom({ jsonrpc: '2.0', id: 0, method: 'initialize' }), /the first message is not a boot/);
  assert.throws(() => bootFrom(null), expected);
  assert.throws(() => bootFrom({ ...boot, parseWorker: '' }), /no parse worker script/);
  assert.throws(
    () => bootFrom({ ...boot, wasm: { runtime: wasm.runtime, grammar: 'https://x/tree-sitter-bash.wasm' } }),
    /lacks the WASM bytes/,
  );
  assert.throws(() => bootFrom({ ...boot, wasm: { runtime: new Uint8Array(), grammar: wasm.grammar } }), /lacks the WASM bytes/);
});
