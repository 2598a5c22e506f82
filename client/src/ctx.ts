/**
 * Owns the language client, its output channel and the disposables of the extension. The host's factory
 * makes the client: on the desktop the bundled server/dist/main.js over IPC (client/src/node/nodeClient.ts),
 * on the web server/dist/web/server.js in a Worker (client/src/web/webClient.ts). Everything the client
 * shows comes from the server.
 */
import * as vscode from 'vscode';
import { type BaseLanguageClient, CodeLensRequest, ExecuteCommandRequest, type LanguageClientOptions } from 'vscode-languageclient';
import {
  ClientCommands,
  type CommandReply,
  type InitializationOptions,
  ProgressNotification,
  type ProgressParams,
  type RunStepArgs,
} from '@preflight/protocol';
import type { Runs } from './run/runs';

/** Makes the language client from the options Ctx chose (selector, announced commands, middleware). */
export type ClientFactory = (options: LanguageClientOptions) => BaseLanguageClient;

export interface CtxOptions {
  createClient: ClientFactory;
  /** The URI schemes of the documents the server analyses (a browser workspace has more than file:). */
  schemes: readonly string[];
  /**
   * Client commands with effects on the machine (run a step, sign off with git): announced to the server,
   * and so offered as lenses, only in a trusted workspace. None on the web.
   */
  machineCommands: readonly string[];
  /** The steps running: a running step's Run lens becomes its Cancel lens. Absent on the web. */
  runs?: Runs;
}

export class Ctx implements vscode.Disposable {
  readonly output = vscode.window.createOutputChannel('Preflight', { log: true });
  private readonly progressEmitter = new vscode.EventEmitter<ProgressParams>();
  /** Every `preflight/progress` the server sends, i.e. after each analysis of a checklist. */
  readonly onProgress = this.progressEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.output, this.progressEmitter];
  private client: BaseLanguageClient;

  constructor(private readonly options: CtxOptions) {
    this.client = this.createClient();
    // The Run lens of a running step turns into its Cancel lens, and back when it ends.
    if (options.runs)
      this.disposables.push(
        options.runs.onDidChange(() => {
          const lenses = this.client.getFeature(CodeLensRequest.method);
          for (const editor of vscode.window.visibleTextEditors) lenses?.getProvider(editor.document)?.onDidChangeCodeLensEmitter.fire();
        }),
      );
    // Trust changes what the client may announce (Run and Sign-off lenses): start over with the new list.
    if (options.machineCommands.length > 0) this.disposables.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void this.restart()));
  }

  async start(): Promise<void> {
    await this.client.start();
  }

  get languageClient(): BaseLanguageClient {
    return this.client;
  }

  /** Runs a server command (an edit through workspace/applyEdit) and reports a refusal to the user. */
  async serverCommand(command: string, args: unknown): Promise<CommandReply> {
    try {
      const reply = (await this.client.sendRequest(ExecuteCommandRequest.type, { command, arguments: [args] })) as CommandReply | null;
      if (reply && !reply.applied && reply.message) void vscode.window.showWarningMessage(`Preflight: ${reply.message}`);
      return reply ?? { applied: false };
    } catch (error) {
      const message = `Preflight could not reach its language server (${(error as Error).message}). See the "Preflight" output and try again.`;
      void vscode.window.showErrorMessage(message);
      return { applied: false, message };
    }
  }

  private createClient(): BaseLanguageClient {
    const initializationOptions: InitializationOptions = {
      clientCommands: vscode.workspace.isTrusted ? [...this.options.machineCommands] : [],
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: this.options.schemes.map((scheme) => ({ language: 'markdown', scheme })),
      initializationOptions,
      outputChannel: this.output,
      middleware: {
        provideCodeLenses: async (document, token, next) => (await next(document, token))?.map((lens) => this.whileRunning(lens)),
      },
    };
    const client = this.options.createClient(clientOptions);
    client.onNotification(ProgressNotification.type, (params) => this.progressEmitter.fire(params));
    return client;
  }

  private whileRunning(lens: vscode.CodeLens): vscode.CodeLens {
    if (lens.command?.command !== ClientCommands.runStep) return lens;
    const { uri, stepId } = lens.command.arguments?.[0] as RunStepArgs;
    if (!this.options.runs?.isRunning(uri, stepId)) return lens;
    return new vscode.CodeLens(lens.range, {
      title: '$(sync~spin) Running… (Cancel)',
      command: 'preflight.cancelStep',
      arguments: [{ uri, stepId }],
      tooltip: 'End the step and everything it started',
    });
  }

  private async restart(): Promise<void> {
    await this.client.stop().catch(() => undefined);
    this.client = this.createClient();
    await this.client.start();
  }

  async dispose(): Promise<void> {
    await this.client.stop().catch(() => undefined);
    for (const d of this.disposables) d.dispose();
  }
}
