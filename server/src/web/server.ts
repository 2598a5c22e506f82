/**
 * The language server in a browser worker (server/dist/web/server.js), for vscode.dev, github.dev and
 * code-server: the same startServer as preflight-ls, over the worker's messages. The client's first message
 * is the boot (protocol WebServerBoot): the bash parser's WASM and the parse workers' script, which run nested. It has no git: git-backed features say so (gitAccess 'absent').
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { ParsePool } from '../lsp/parsePool.js';
import { startServer } from '../lsp/server.js';
import { initShellParserFromBytes } from '../shell/init.js';
import { bootFrom, workerScript } from './boot.js';
import { webParseThreads, webPoolSize } from './parseThread.js';
import { scope, type WorkerEvent } from './workerScope.js';

/** This worker's global scope. */
const worker = scope();

// Until the connection exists, the worker's console is the only log (the browser's developer tools).
let log = (line: string) => console.error(line);
// A bug must not take the editor's server down: log it and keep serving.
worker.addEventListener('error', (event) => {
  event.preventDefault();
  log(`Preflight: unexpected error: ${describe(event.error ?? event.message)}`);
});
worker.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  log(`Preflight: unexpected rejection: ${describe(event.reason)}`);
});

// The client posts the boot first, then LSP messages (initialize among them) that arrive while the WASM loads;
// a worker drops a message no listener takes, so they wait here for the connection.
const early: WorkerEvent[] = [];
let received: (boot: unknown) => void = () => undefined;
const bootMessage = new Promise<unknown>((resolve) => (received = resolve));
worker.onmessage = (event) => {
  worker.onmessage = (later) => early.push(later);
  received(event.data);
};

boot().catch((error: unknown) => {
  const reason = `Preflight's web language server could not start: ${describe(error)}`;
  console.error(reason);
  // Answer every request with the reason, so the client says what failed instead of waiting for ever.
  worker.onmessage = (event) => refuse(event, reason);
  for (const event of early.splice(0)) refuse(event, reason);
});

async function boot(): Promise<void> {
  const boot = bootFrom(await bootMessage);
  await initShellParserFromBytes(boot.wasm.runtime, boot.wasm.grammar).catch((error: unknown) => {
    throw new Error(`could not load the bash parser: ${describe(error)}`);
  });
  const port = worker as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
  const connection = createConnection(new BrowserMessageReader(port), new BrowserMessageWriter(port));
  log = (line) => connection.console.error(line);
  startServer(connection, new ParsePool(webParseThreads(workerScript(boot.parseWorker)), webPoolSize()), { git: false });
  // The reader listens now (startServer ends with listen()): hand it what came first, in order.
  for (const event of early.splice(0)) worker.onmessage?.(event);
}

/** A JSON-RPC error answer to a request (notifications need none). */
function refuse(event: WorkerEvent, reason: string): void {
  const message = event.data as { id?: unknown; method?: unknown } | undefined;
  if (typeof message?.method === 'string' && (typeof message.id === 'number' || typeof message.id === 'string'))
    worker.postMessage({ jsonrpc: '2.0', id: message.id, error: { code: -32603, message: reason } });
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
