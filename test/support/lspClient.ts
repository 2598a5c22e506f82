/**
 * A small LSP client for tests: starts the built server (`server/dist/main.js --stdio`) as a child
 * process and talks JSON-RPC to it, keeping its own copy of each open document like an editor does.
 * workspace/applyEdit is honoured only against the document's current version, as VS Code does, and
 * an applied edit goes back to the server as incremental didChange events.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import {
  ApplyWorkspaceEditRequest,
  type ApplyWorkspaceEditResult,
  CodeLensRefreshRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type TextDocumentContentChangeEvent,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ProgressNotification, type ProgressParams } from '../../server/src/protocol/protocol.ts';
import { repoRoot } from './paths.ts';

export interface ClientOptions {
  clientCommands?: string[];
  settings?: Record<string, unknown>;
  /** Answer workspace/configuration (default) or only push settings. */
  pullSettings?: boolean;
  workspaceFolder?: string;
}

type Waiter<T> = { test: (value: T) => boolean; resolve: (value: T) => void };

export class TestClient {
  readonly docs = new Map<string, TextDocument>();
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  readonly progress: ProgressParams[] = [];
  readonly logs: string[] = [];
  /** Refuse every applyEdit (an editor that lost the race). */
  refuseEdits = false;
  /** What workspace/configuration answers; change it, then call settingsChanged(). */
  settings: Record<string, unknown> = {};
  private readonly diagnosticWaiters: Waiter<PublishDiagnosticsParams>[] = [];
  private readonly progressWaiters: Waiter<ProgressParams>[] = [];

  private constructor(
    readonly connection: ProtocolConnection,
    readonly child: ChildProcess,
  ) {}

  static async start(options: ClientOptions = {}): Promise<TestClient> {
    const child = spawn(process.execPath, [path.join(repoRoot, 'server/dist/main.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(connection, child);
    child.stderr!.on('data', (data: Buffer) => void client.logs.push(data.toString()));
    connection.onNotification(LogMessageNotification.type, (params) => void client.logs.push(params.message));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      client.diagnostics.push(params);
      settle(client.diagnosticWaiters, params);
    });
    connection.onNotification(ProgressNotification.type, (params) => {
      client.progress.push(params);
      settle(client.progressWaiters, params);
    });
    client.settings = options.settings ?? {};
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => client.settings));
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.onRequest(CodeLensRefreshRequest.type, () => undefined);
    connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => client.applyEdit(params.edit));
    connection.listen();
    const folder = options.workspaceFolder ?? repoRoot;
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: [{ uri: `file://${folder}`, name: path.basename(folder) }],
      capabilities: {
        workspace: {
          configuration: options.pullSettings !== false,
          applyEdit: true,
          workspaceEdit: { documentChanges: true },
          codeLens: { refreshSupport: true },
        },
      },
      initializationOptions: { clientCommands: options.clientCommands ?? [] },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  async open(uri: string, text: string, languageId = 'markdown'): Promise<void> {
    const doc = TextDocument.create(uri, languageId, 1, text);
    this.docs.set(uri, doc);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Sends incremental changes (ranges against the text before each change, as LSP orders them). */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const doc = this.docs.get(uri)!;
    const version = doc.version + 1;
    // Like an editor, which has its buffer already: the server hears of the change first.
    const sent = this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: changes,
    });
    this.docs.set(uri, TextDocument.update(doc, changes, version));
    await sent;
    return version;
  }

  /** Replaces [from, to) (offsets in the current text) with `text`. */
  async replace(uri: string, from: number, to: number, text: string): Promise<number> {
    const doc = this.docs.get(uri)!;
    return this.change(uri, [{ range: { start: doc.positionAt(from), end: doc.positionAt(to) }, text }]);
  }

  async settingsChanged(): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  async close(uri: string): Promise<void> {
    this.docs.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  text(uri: string): string {
    return this.docs.get(uri)!.getText();
  }

  version(uri: string): number {
    return this.docs.get(uri)!.version;
  }

  /** The next diagnostics for `uri` (at `version` when given) — already received ones count. */
  diagnosticsFor(uri: string, version?: number): Promise<PublishDiagnosticsParams> {
    return this.diagnosticsWhere((p) => p.uri === uri && (version === undefined || p.version === version));
  }

  /** The first publication, received or to come, that passes `test`. */
  diagnosticsWhere(test: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
    const seen = this.diagnostics.find(test);
    return seen ? Promise.resolve(seen) : waitFor(this.diagnosticWaiters, test);
  }

  progressFor(uri: string, version: number): Promise<ProgressParams> {
    const test = (p: ProgressParams) => p.uri === uri && p.version === version;
    const seen = this.progress.find(test);
    return seen ? Promise.resolve(seen) : waitFor(this.progressWaiters, test);
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } finally {
      this.connection.dispose();
      if (this.child.exitCode === null) await new Promise((resolve) => this.child.once('exit', resolve));
    }
  }

  private async applyEdit(edit: { documentChanges?: unknown[] }): Promise<ApplyWorkspaceEditResult> {
    if (this.refuseEdits) return { applied: false, failureReason: 'refused by the test' };
    for (const change of (edit.documentChanges ?? []) as { textDocument: { uri: string; version: number | null }; edits: TextEdit[] }[]) {
      const doc = this.docs.get(change.textDocument.uri);
      if (!doc) return { applied: false, failureReason: 'document not open' };
      if (change.textDocument.version !== null && change.textDocument.version !== doc.version) {
        return { applied: false, failureReason: `version ${change.textDocument.version} is stale, the document is at ${doc.version}` };
      }
      // Like an editor: apply from the end so each change's range is valid against the text before it.
      const sorted = [...change.edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start));
      await this.change(
        change.textDocument.uri,
        sorted.map((e) => ({ range: e.range, text: e.newText })),
      );
    }
    return { applied: true };
  }
}

function settle<T>(waiters: Waiter<T>[], value: T): void {
  for (const waiter of [...waiters]) {
    if (!waiter.test(value)) continue;
    waiters.splice(waiters.indexOf(waiter), 1);
    waiter.resolve(value);
  }
}

function waitFor<T>(waiters: Waiter<T>[], test: (value: T) => boolean): Promise<T> {
  return new Promise((resolve) => waiters.push({ test, resolve }));
}
