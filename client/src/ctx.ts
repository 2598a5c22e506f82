/**
 * Owns the language client, its output channel and the disposables of the extension. The server runs
 * from the bundled server/dist/main.js over IPC; everything the client shows comes from it.
 */
import * as vscode from 'vscode';
import {
  CodeLensRequest,
  ExecuteCommandRequest,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import {
  ClientCommands,
  type CommandReply,
  type InitializationOptions,
  ProgressNotification,
  type ProgressParams,
  type RunStepArgs,
} from '@preflight/protocol';
import type { Runs } from './run/runs';

export class Ctx implements vscode.Disposable {
  readonly output = vscode.window.createOutputChannel('Preflight', { log: true });
  private readonly progressEmitter = new vscode.EventEmitter<ProgressParams>();
  /** Every `preflight/progress` the server sends, i.e. after each analysis of a checklist. */
  readonly onProgress = this.progressEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.output, this.progressEmitter];
  private client: LanguageClient;

  /**
   * @param machineCommands client commands with effects on the machine (run a step, sign off with git):
   * announced to the server, and so offered as lenses, only in a trusted workspace.
   */
  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly machineCommands: readonly string[],
    private readonly runs: Runs,
  ) {
    this.client = this.createClient();
    // The Run lens of a running step turns into its Cancel lens, and back when it ends.
    this.disposables.push(
      runs.onDidChange(() => {
        const lenses = this.client.getFeature(CodeLensRequest.method);
        for (const editor of vscode.window.visibleTextEditors) lenses?.getProvider(editor.document)?.onDidChangeCodeLensEmitter.fire();
      }),
    );
    // Trust changes what the client may announce (Run and Sign-off lenses): start over with the new list.
    this.disposables.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void this.restart()));
  }

  async start(): Promise<void> {
    await this.client.start();
  }

  get languageClient(): LanguageClient {
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

  private createClient(): LanguageClient {
    const module = this.context.asAbsolutePath('server/dist/main.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const initializationOptions: InitializationOptions = {
      clientCommands: vscode.workspace.isTrusted ? [...this.machineCommands] : [],
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { language: 'markdown', scheme: 'file' },
        { language: 'markdown', scheme: 'untitled' },
      ],
      initializationOptions,
      outputChannel: this.output,
      middleware: {
        provideCodeLenses: async (document, token, next) => (await next(document, token))?.map((lens) => this.whileRunning(lens)),
      },
    };
    const client = new LanguageClient('preflight', 'Preflight', serverOptions, clientOptions);
    client.onNotification(ProgressNotification.type, (params) => this.progressEmitter.fire(params));
    return client;
  }

  private whileRunning(lens: vscode.CodeLens): vscode.CodeLens {
    if (lens.command?.command !== ClientCommands.runStep) return lens;
    const { uri, stepId } = lens.command.arguments?.[0] as RunStepArgs;
    if (!this.runs.isRunning(uri, stepId)) return lens;
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
