/**
 * The web's language client: server/dist/web/server.js in a Worker, started from a Blob URL of its bytes (a
 * Worker's script must be same-origin: the extension's files are on another origin on vscode.dev, and behind a
 * `vscode-remote:` URI on code-server, which refuses "Creating workers from remote extensions"). Its first
 * message is the boot (WebServerBoot): the parse worker's script and the bash parser's WASM, as bytes, since
 * the server's worker can fetch neither the extension's files nor our Blob URLs. One path on every host, the
 * one the web e2e suite runs.
 */
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient } from 'vscode-languageclient/browser';
import type { WebServerBoot } from '@preflight/protocol';
import type { ClientFactory } from '../ctx';

/**
 * The documents a browser workspace holds: github.dev's vscode-vfs, code-server's vscode-remote,
 * @vscode/test-web's vscode-test-web, and file/untitled as on the desktop.
 */
export const WEB_SCHEMES = ['file', 'untitled', 'vscode-vfs', 'vscode-remote', 'vscode-test-web'] as const;

/** The browser's Worker; the client's tsconfig has node's types (Blob, URL), not the DOM's. */
declare const Worker: new (url: string) => { postMessage(message: unknown): void };

/** Schemes fetch() reads directly; the others (vscode-remote, a test's file system) go through workspace.fs. */
const FETCHED = new Set(['http', 'https']);

export function webClient(context: vscode.ExtensionContext): ClientFactory {
  const dist = vscode.Uri.joinPath(context.extensionUri, 'server', 'dist');
  // Read once: a restart starts a new Worker from the same script and boot.
  let files: Promise<{ server: string; boot: WebServerBoot }> | undefined;
  const read = async () => {
    const [server, parseWorker, runtime, grammar] = await Promise.all([
      bytesOf(vscode.Uri.joinPath(dist, 'web', 'server.js')),
      bytesOf(vscode.Uri.joinPath(dist, 'web', 'parseWorker.js')),
      bytesOf(vscode.Uri.joinPath(dist, 'tree-sitter.wasm')),
      bytesOf(vscode.Uri.joinPath(dist, 'tree-sitter-bash.wasm')),
    ]);
    const boot: WebServerBoot = { preflightBoot: 1, parseWorker: new TextDecoder().decode(parseWorker), wasm: { runtime, grammar } };
    return { server: URL.createObjectURL(new Blob([new Uint8Array(server)], { type: 'text/javascript' })), boot };
  };
  return (options) =>
    new LanguageClient(
      'preflight',
      'Preflight',
      async () => {
        files ??= read().catch((error: unknown) => {
          files = undefined;
          throw error;
        });
        const { server, boot } = await files;
        const worker = new Worker(server);
        worker.postMessage(boot);
        // Transports, not the Worker: the client tells the two apart with `instanceof Worker`, and the web worker
        // host replaces `Worker` with a wrapper, so a Worker returned here would be taken for transports.
        return { reader: new BrowserMessageReader(worker as never), writer: new BrowserMessageWriter(worker as never) };
      },
      options,
    );
}

/** A file of the extension, fetched over http(s) (vscode.dev) or read through workspace.fs (code-server, tests). */
async function bytesOf(uri: vscode.Uri): Promise<Uint8Array> {
  if (!FETCHED.has(uri.scheme)) return vscode.workspace.fs.readFile(uri);
  const url = uri.toString(true);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}
