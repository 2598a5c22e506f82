/**
 * startServer(connection): wiring only. Documents own the analyses, features/ turn them into LSP answers,
 * documentEdits.ts owns the commands that change the text. The handlers are registered from tables
 * (documentRequests.ts, serverCommands.ts, templateRequests.ts); every one runs inside `guard`: an exception
 * in one feature is logged and answered with an empty result, and the server keeps serving.
 */
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  type Connection,
  DidChangeConfigurationNotification,
  type InitializeParams,
  type InitializeResult,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { type DocumentHooks, Documents } from './documents.js';
import { DocumentEdits } from './documentEdits.js';
import { documentRequests } from './documentRequests.js';
import { BurnUpCache } from './features/burnUp.js';
import { ReviewHistoryCache } from './features/reviewHistoryCache.js';
import { SignOffStatesCache } from './features/signOffStatesCache.js';
import { type InitializationOptions, ClientCommands, ServerCommands } from '../protocol/protocol.js';
import { executeCommand, runResultRequest } from './serverCommands.js';
import { type Registration, type ServerContext, guardWith } from './serverContext.js';
import { SettingsCache } from './settings.js';
import { fillTemplateRequest, templateInfoRequest } from './templateRequests.js';
import type { PieceParser } from './pieceParser.js';

/** Every request and command handler beyond the document lifecycle. */
const registrations: readonly Registration[] = [
  ...documentRequests,
  templateInfoRequest,
  fillTemplateRequest,
  runResultRequest,
  executeCommand,
];

/** `git: false`: the host has no git (VS Code for the Web); its git-backed features say so instead of running it. */
export function startServer(connection: Connection, parser: PieceParser, { git = true }: { git?: boolean } = {}): void {
  let clientCommands = new Set<string>();
  let canPullSettings = false;
  let canRefreshLenses = false;
  let hearsFolderChanges = false;
  let folders: string[] = [];

  const log = (what: string, error: unknown) =>
    connection.console.error(`Preflight: ${what} failed: ${(error as Error)?.stack ?? String(error)}`);
  const notify =
    <P>(what: string, handler: (params: P) => void) =>
    (params: P) => {
      try {
        handler(params);
      } catch (error) {
        log(what, error);
      }
    };

  const settings = new SettingsCache(connection, () => canPullSettings);
  const hooks: DocumentHooks = {
    settings: (uri) => settings.get(uri),
    folders: () => folders,
    lensesStale: () => {
      if (canRefreshLenses) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    },
  };
  const documents = new Documents(connection, hooks, parser);
  const roleStates = new SignOffStatesCache();
  const reviewHistories = new ReviewHistoryCache();
  const burnUps = new BurnUpCache();
  const server: ServerContext = {
    connection,
    documents,
    edits: new DocumentEdits(connection, documents),
    roleStates,
    reviewHistories,
    burnUps,
    clientCommands: () => clientCommands,
    trusted: () => clientCommands.has(ClientCommands.signOff),
    gitAccess: () => (git ? clientCommands.has(ClientCommands.signOff) : 'absent'),
    guard: guardWith(log),
    log,
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    clientCommands = new Set(Array.isArray(options.clientCommands) ? options.clientCommands.filter((c) => typeof c === 'string') : []);
    canPullSettings = params.capabilities.workspace?.configuration === true;
    canRefreshLenses = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    hearsFolderChanges = params.capabilities.workspace?.workspaceFolders === true;
    folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (folders.length === 0 && params.rootUri) folders = [params.rootUri];
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
        codeLensProvider: { resolveProvider: false },
        documentSymbolProvider: { label: 'Preflight' },
        foldingRangeProvider: true,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['-', '#', '`'] },
        executeCommandProvider: { commands: Object.values(ServerCommands) },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'preflight-ls', version: PREFLIGHT_VERSION },
    };
  });

  connection.onInitialized(() => {
    if (canPullSettings)
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'preflight' }).catch(() => undefined);
    if (hearsFolderChanges) {
      connection.workspace.onDidChangeWorkspaceFolders(
        notify('workspace folders', (event) => {
          const removed = new Set(event.removed.map((f) => f.uri));
          folders = [...folders.filter((f) => !removed.has(f)), ...event.added.map((f) => f.uri)];
          documents.refreshAll();
        }),
      );
    }
  });

  connection.onDidChangeConfiguration(
    notify('settings change', (params) => {
      settings.changed(params.settings);
      documents.refreshAll();
    }),
  );

  connection.onDidOpenTextDocument(notify('open', ({ textDocument: d }) => documents.open(d.uri, d.languageId, d.version, d.text)));
  connection.onDidChangeTextDocument(
    notify('change', ({ textDocument: d, contentChanges }) => documents.change(d.uri, d.version, contentChanges)),
  );
  connection.onDidCloseTextDocument(
    notify('close', ({ textDocument: d }) => {
      documents.close(d.uri);
      roleStates.forget(d.uri);
      reviewHistories.forget(d.uri);
      burnUps.forget(d.uri);
      settings.forget(d.uri);
    }),
  );

  for (const register of registrations) register(server);

  connection.onShutdown(() => parser.dispose());
  connection.listen();
}

declare const PREFLIGHT_VERSION: string;
