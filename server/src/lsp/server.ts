/**
 * startServer(connection): wiring only. Documents own the analyses, features/ turn them into LSP
 * answers, documentEdits.ts owns the commands that change the text. Every handler runs inside `guard`: an
 * exception in one feature is logged and answered with an empty result, and the server keeps serving.
 */
import {
  type CancellationToken,
  CodeActionKind,
  CodeLensRefreshRequest,
  type Connection,
  DidChangeConfigurationNotification,
  ErrorCodes,
  type InitializeParams,
  type InitializeResult,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { freshRun } from '../core/freshRun.js';
import { fillTemplate, newChecklistPath, templateInfo } from '../core/template.js';
import { type DocumentHooks, Documents } from './documents.js';
import { DocumentEdits } from './documentEdits.js';
import { codeActions } from './features/codeActions.js';
import { codeLenses } from './features/codeLens.js';
import { completions } from './features/completion.js';
import { foldingRanges } from './features/folding.js';
import { offsetAt } from './features/convert.js';
import { hover } from './features/hover.js';
import { roleAt } from './features/lookup.js';
import { outline } from './features/outline.js';
import { reviewChanges } from './features/reviewChanges.js';
import { ReviewHistoryCache } from './features/reviewHistoryCache.js';
import { signoffStates } from './features/signoffStates.js';
import { SignoffStatesCache } from './features/signoffStatesCache.js';
import { documentSymbols } from './features/symbols.js';
import {
  type CommandReply,
  ClientCommands,
  FillTemplateRequest,
  type FillTemplateParams,
  type FillTemplateResult,
  FreshRunRequest,
  type InitializationOptions,
  type MergeConflictsArgs,
  type MergeConflictsReply,
  OutlineRequest,
  ReviewChangesRequest,
  SignoffStatesRequest,
  RunResultRequest,
  type RunResultParams,
  type RunResultReply,
  ServerCommands,
  type SetSectionArgs,
  type StampSignOffArgs,
  TemplateInfoRequest,
  type ToggleItemsArgs,
  type ToggleLinesArgs,
} from '../protocol/protocol.js';
import { SettingsCache } from './settings.js';
import type { PieceParser } from './pieceParser.js';

export function startServer(connection: Connection, parser: PieceParser): void {
  let clientCommands = new Set<string>();
  let canPullSettings = false;
  let canRefreshLenses = false;
  let hearsFolderChanges = false;
  let folders: string[] = [];

  const log = (what: string, error: unknown) =>
    connection.console.error(`Preflight: ${what} failed: ${(error as Error)?.stack ?? String(error)}`);
  /** Runs a handler; on an exception logs it and answers `fallback`, so one broken feature never takes the server down. */
  const guard =
    <P, R>(what: string, fallback: R, handler: (params: P, token: CancellationToken) => R | Promise<R>) =>
    async (params: P, token: CancellationToken): Promise<R> => {
      try {
        return await handler(params, token);
      } catch (error) {
        log(what, error);
        return fallback;
      }
    };
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
  const edits = new DocumentEdits(connection, documents);
  const roleStates = new SignoffStatesCache();
  const reviewHistories = new ReviewHistoryCache();
  /** The client announces its commands only in a trusted workspace: that is when git may be run. */
  const trusted = () => clientCommands.has(ClientCommands.signOff);

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
      settings.forget(d.uri);
    }),
  );

  connection.onCodeLens(
    guard('code lenses', [], async ({ textDocument }, token) => {
      const a = await documents.current(textDocument.uri, token);
      return a ? codeLenses(a.live.checklist, a.settings, clientCommands, a.uri, a.version) : [];
    }),
  );
  connection.onDocumentSymbol(
    guard('document symbols', [], async ({ textDocument }, token) => {
      const a = await documents.current(textDocument.uri, token);
      return a ? documentSymbols(a.live.checklist) : [];
    }),
  );
  connection.onFoldingRanges(
    guard('folding ranges', [], async ({ textDocument }, token) => {
      const a = await documents.current(textDocument.uri, token);
      return a ? foldingRanges(a.live.checklist) : [];
    }),
  );
  connection.onHover(
    guard('hover', null, async ({ textDocument, position }, token) => {
      const a = await documents.current(textDocument.uri, token);
      if (!a) return null;
      // Git runs only over a role, once per version (signoffStatesCache.ts).
      const states = roleAt(a.live.checklist, offsetAt(a.live.checklist, position))
        ? await roleStates.forVersion(a.uri, a.version, () => signoffStates(a.live.checklist, a.uri, trusted()))
        : undefined;
      return hover(a.live.checklist, position, undefined, states && ((role) => states.roles[role.id]));
    }),
  );
  connection.onCompletion(
    guard('completion', [], async ({ textDocument, position }, token) => {
      const a = await documents.current(textDocument.uri, token);
      return a ? completions(a.live.checklist, a.live.text, position) : [];
    }),
  );
  connection.onCodeAction(
    guard('code actions', [], async ({ textDocument, range, context }, token) => {
      const a = await documents.current(textDocument.uri, token);
      // "Merge with Preflight…" runs git: offered for files in a trusted workspace only.
      return a
        ? codeActions(a.live.checklist, a.live.findings, a.uri, a.version, range, context, {
            merge: trusted() && a.uri.startsWith('file:'),
          })
        : [];
    }),
  );
  connection.onRequest(
    OutlineRequest.type,
    guard('outline', null, async ({ uri }, token) => {
      const a = await documents.current(uri, token);
      return a ? outline(a.live.checklist, a.uri, a.version) : null;
    }),
  );
  connection.onRequest(
    SignoffStatesRequest.type,
    guard('sign-off states', null, async ({ uri }, token) => {
      const a = await documents.current(uri, token);
      // Always afresh: a commit changes the states without changing the text. Hovers then use these.
      return a ? roleStates.fresh(a.uri, a.version, () => signoffStates(a.live.checklist, a.uri, trusted())) : null;
    }),
  );
  connection.onRequest(
    ReviewChangesRequest.type,
    guard('review changes', null, async ({ uri, ref }, token) => {
      const a = await documents.current(uri, token);
      // The analysed text, saved or not, is the last version; its lines are the ones answered.
      return a ? reviewChanges(a.live.text, a.uri, a.version, typeof ref === 'string' ? ref : '', trusted(), reviewHistories) : null;
    }),
  );
  connection.onRequest(
    FreshRunRequest.type,
    guard('fresh run', null, async ({ uri }, token) => {
      const a = await documents.current(uri, token);
      return a ? freshRun(a.live.checklist) : null;
    }),
  );
  // Templates are read from disk by the client, not opened: these work on the text given.
  connection.onRequest(TemplateInfoRequest.type, (params) => {
    if (typeof params?.text !== 'string')
      throw new ResponseError(ErrorCodes.InvalidParams, "preflight/templateInfo needs `text`, the template's markdown.");
    try {
      return templateInfo(params.text, typeof params.fileName === 'string' ? params.fileName : '');
    } catch (error) {
      log('template info', error);
      throw new ResponseError(ErrorCodes.InternalError, 'Preflight could not read the template (an internal error, see its log).');
    }
  });
  connection.onRequest(
    FillTemplateRequest.type,
    guard(
      'fill template',
      { error: 'Preflight could not fill the template (an internal error, see its log).' },
      (params: FillTemplateParams): FillTemplateResult => {
        const problem = fillParamsProblem(params);
        if (problem) return { error: problem };
        const filled = fillTemplate(params.text, params.values);
        if ('error' in filled) return filled;
        return { text: filled.text, path: newChecklistPath(templateInfo(params.text, params.fileName), params.values, params.today) };
      },
    ),
  );
  connection.onRequest(
    RunResultRequest.type,
    guard('run result', { recorded: false, message: 'Preflight could not record the run (an internal error, see its log).' }, (params) =>
      edits.recordRun(params),
    ),
  );
  connection.onExecuteCommand(
    guard<{ command: string; arguments?: unknown[] }, CommandReply | RunResultReply>(
      'command',
      { applied: false, message: 'Preflight could not run the command (an internal error, see its log).' },
      ({ command, arguments: args }) => {
        const [first] = args ?? [];
        switch (command) {
          case ServerCommands.toggleItems:
            return edits.toggleItems(first as ToggleItemsArgs);
          case ServerCommands.toggleLines:
            return edits.toggleLines(first as ToggleLinesArgs);
          case ServerCommands.setSection:
            return edits.setSection(first as SetSectionArgs);
          case ServerCommands.stampSignOff:
            return edits.stampSignOff(first as StampSignOffArgs);
          case ServerCommands.recordRun:
            return edits.recordRun(first as RunResultParams);
          case ServerCommands.mergeConflicts:
            return edits.mergeConflicts(first as MergeConflictsArgs, trusted()).then(tellMerge);
          default:
            return { applied: false, message: `Unknown command ${command}.` };
        }
      },
    ),
  );

  /** The merge's outcome is news in any editor (a quick fix has no other way to answer): show it. */
  const tellMerge = (reply: MergeConflictsReply): MergeConflictsReply => {
    const message = `Preflight: ${reply.message ?? (reply.applied ? 'merged.' : 'nothing was merged.')}`;
    // A notification, not window/showMessageRequest: nothing to answer, nothing to wait for.
    const type = reply.applied && reply.conflicts?.length === 0 ? MessageType.Info : MessageType.Warning;
    void connection.sendNotification(ShowMessageNotification.type, { type, message });
    return reply;
  };

  connection.onShutdown(() => parser.dispose());
  connection.listen();
}

/** What is wrong with preflight/fillTemplate params from a client that got them wrong, said to its author. */
function fillParamsProblem(params: Partial<FillTemplateParams> | undefined): string | undefined {
  if (typeof params?.text !== 'string' || typeof params.fileName !== 'string') return 'preflight/fillTemplate needs `text` and `fileName`.';
  const values: unknown = params.values;
  if (
    typeof values !== 'object' ||
    values === null ||
    Array.isArray(values) ||
    !Object.values(values).every((v) => typeof v === 'string')
  ) {
    return 'preflight/fillTemplate needs `values`, an object of placeholder names to strings.';
  }
  if (typeof params.today !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(params.today))
    return 'preflight/fillTemplate needs `today`, the local date as YYYY-MM-DD.';
  return undefined;
}

declare const PREFLIGHT_VERSION: string;
