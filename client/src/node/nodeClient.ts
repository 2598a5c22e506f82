/** The desktop's language client: the bundled server/dist/main.js in a node process, over IPC. */
import type * as vscode from 'vscode';
import { LanguageClient, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import type { ClientFactory } from '../ctx';

/** The documents a desktop workspace holds. */
export const NODE_SCHEMES = ['file', 'untitled'] as const;

export function nodeClient(context: vscode.ExtensionContext): ClientFactory {
  const module = context.asAbsolutePath('server/dist/main.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  return (options) => new LanguageClient('preflight', 'Preflight', serverOptions, options);
}
