/**
 * Owns the language client, its output channel and the disposables of the extension. The server runs
 * from the bundled server/dist/main.js over IPC; everything the client shows comes from it.
 */
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { type CommandReply, type InitializationOptions, ProgressNotification, type ProgressParams } from '../../server/src/protocol';

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
  ) {
    this.client = this.createClient();
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
      const reply = (await this.client.sendRequest('workspace/executeCommand', { command, arguments: [args] })) as CommandReply | null;
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
    };
    const client = new LanguageClient('preflight', 'Preflight', serverOptions, clientOptions);
    client.onNotification(ProgressNotification.type, (params) => this.progressEmitter.fire(params));
    return client;
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
