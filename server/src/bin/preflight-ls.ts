/**
 * `preflight-ls`: the language server for any editor. Transport from the command line, as every
 * vscode-languageserver server: `--stdio`, `--node-ipc` or `--socket=<port>`.
 */
import path from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { defaultPoolSize, nodeParseThreads } from '../lsp/nodeParseThread.js';
import { ParsePool } from '../lsp/parsePool.js';
import { startServer } from '../lsp/server.js';
import { initShellParser } from '../shell/load.js';

declare const PREFLIGHT_VERSION: string;

const args = process.argv.slice(2);
if (args.includes('--version')) {
  process.stdout.write(`preflight-ls ${PREFLIGHT_VERSION}\n`);
} else if (args.includes('--help') || !args.some((a) => /^--(?:stdio|node-ipc|socket|pipe|clientProcessId)/.test(a))) {
  process.stdout.write(
    [
      'preflight-ls: the Preflight language server (LSP) for markdown checklists and runbooks.',
      '',
      'Usage: preflight-ls --stdio | --node-ipc | --socket=<port>',
      '',
      'Editors start it for markdown files; see the README for VS Code, Neovim and Helix set-ups.',
      '',
    ].join('\n'),
  );
  process.exitCode = args.includes('--help') ? 0 : 2;
} else {
  const connection = createConnection(ProposedFeatures.all);
  // A bug must not take the editor's server down: log it and keep serving.
  process.on('uncaughtException', (error) => connection.console.error(`Preflight: unexpected error: ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) =>
    connection.console.error(`Preflight: unexpected rejection: ${String((reason as Error)?.stack ?? reason)}`),
  );
  // Shell steps are read by the bash parser (WASM, loaded once); requests wait in the pipe meanwhile.
  initShellParser().then(
    // Parses run in worker threads (parseWorker.js, bundled beside this file): never on the request loop.
    () => startServer(connection, new ParsePool(nodeParseThreads(path.join(__dirname, 'parseWorker.js')), defaultPoolSize())),
    (error: Error) => {
      process.stderr.write(`preflight-ls: ${error.message}\n`);
      process.exit(1);
    },
  );
}
