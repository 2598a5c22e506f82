/**
 * The web server's boot (protocol WebServerBoot): the first message its client posts, checked for shape, and
 * the parse worker's script as a URL this worker may start.
 */
import type { WebServerBoot } from '../protocol/protocol.js';

const EXPECTED =
  'post { preflightBoot: 1, parseWorker: <the text of parseWorker.js>, wasm: { runtime, grammar } } (bytes) to the worker first (protocol WebServerBoot)';

/** The boot in the worker's first message, or an Error that says what a client must send. */
export function bootFrom(message: unknown): WebServerBoot {
  const b = message as Partial<WebServerBoot> | null;
  if (typeof b !== 'object' || b === null || b.preflightBoot !== 1) throw new Error(`the first message is not a boot: ${EXPECTED}`);
  if (typeof b.parseWorker !== 'string' || b.parseWorker === '') throw new Error(`the boot has no parse worker script: ${EXPECTED}`);
  // By tag, not instanceof: a test hands the bytes over from another realm (a worker's come from its own).
  const bytes = (value: unknown): value is Uint8Array =>
    Object.prototype.toString.call(value) === '[object Uint8Array]' && (value as Uint8Array).byteLength > 0;
  if (typeof b.wasm !== 'object' || b.wasm === null || !bytes(b.wasm.runtime) || !bytes(b.wasm.grammar))
    throw new Error(`the boot lacks the WASM bytes: ${EXPECTED}`);
  // Arrays of this realm: web-tree-sitter tells bytes from a URL to fetch with `instanceof Uint8Array`.
  return {
    preflightBoot: 1,
    parseWorker: b.parseWorker,
    wasm: { runtime: new Uint8Array(b.wasm.runtime), grammar: new Uint8Array(b.wasm.grammar) },
  };
}

/** The parse worker's script as a blob: URL made here, which a worker may always start. */
export function workerScript(source: string): string {
  return URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
}
