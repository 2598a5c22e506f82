/**
 * The one dashboard panel: a webview beside the checklist that follows the active checklist editor and
 * redraws on every outline change, like the tree. It asks the server for the merge gate and the runs
 * (`preflight/dashboard`) and the burn-up (`preflight/burnUp`, cached by the server while HEAD stays);
 * the outline and the sign-off states it takes from what Outlines and RoleStates already hold.
 */
import * as vscode from 'vscode';
import { type BurnUp, BurnUpRequest, type Dashboard, DashboardRequest, ServerCommands, type ToggleItemsArgs } from '@preflight/protocol';
import type { Services } from '../commands/command';
import { itemsOf } from '../checklists/walk';
import { fileNameOf } from '../checklists/discovery';
import { plainLine } from '../../../server/src/text/plainText';
import { dashboardHtml } from './dashboardHtml';
import { type FromWebview, parseFromWebview, type ToWebview } from './dashboardMessages';
import { dashboardSettings, type DashboardSettings } from './dashboardSettings';
import { dashboardView } from './dashboardView';

/** Typing fires outline changes in bursts: one redraw per burst. */
const REDRAW_DELAY_MS = 100;

export class DashboardPanel implements vscode.Disposable {
  private static current: DashboardPanel | undefined;

  /** Shows the dashboard for this checklist editor: the open panel follows it, or a new one opens beside it. */
  static show(services: Services, editor: vscode.TextEditor): void {
    if (DashboardPanel.current) {
      DashboardPanel.current.follow(editor);
      DashboardPanel.current.panel.reveal(undefined, true);
      return;
    }
    DashboardPanel.current = new DashboardPanel(services, editor);
  }

  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private uri: string;
  /** The column of the checklist's editor: phases are revealed there. */
  private column: vscode.ViewColumn | undefined;
  private dashboard: Dashboard | string | undefined;
  private burnUp: BurnUp | string | undefined;
  private last: ToWebview | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** A redraw scheduled with `fetch` is not downgraded by a later one without. */
  private fetchPending = false;
  /** Bumped by every fetch, so an answer that arrives after a newer question (or a switch) is dropped. */
  private generation = 0;
  /** The last problem written to the output, so that a repeat is not written again. */
  private warned = '';

  private constructor(
    private readonly services: Services,
    editor: vscode.TextEditor,
  ) {
    this.uri = editor.document.uri.toString();
    this.column = editor.viewColumn;
    const roots = ['dist', 'media'].map((dir) => vscode.Uri.joinPath(services.extensionUri, 'client', dir));
    this.panel = vscode.window.createWebviewPanel(
      'preflight.dashboard',
      'Preflight Dashboard',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: roots, enableFindWidget: true },
    );
    this.panel.iconPath = vscode.Uri.joinPath(services.extensionUri, 'client', 'media', 'preflight.svg');
    const webview = this.panel.webview;
    webview.html = dashboardHtml({
      cspSource: webview.cspSource,
      nonce: nonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(roots[0], 'dashboard.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(roots[1], 'dashboard.css')).toString(),
    });
    const ours = (uri: vscode.Uri | string) => uri.toString() === this.uri;
    this.disposables.push(
      webview.onDidReceiveMessage((message: unknown) => void this.receive(parseFromWebview(message))),
      this.panel.onDidDispose(() => this.dispose()),
      services.outlines.onDidChange((uri) => {
        if (ours(uri)) this.schedule(true);
        // A checklist opened just now becomes one once its first outline arrives.
        else if (vscode.window.activeTextEditor?.document.uri.toString() === uri) this.follow(vscode.window.activeTextEditor);
      }),
      services.roles.onDidChange((uri) => ours(uri) && this.schedule(false)),
      vscode.window.onDidChangeActiveTextEditor((editor) => editor && this.follow(editor)),
      vscode.workspace.onDidSaveTextDocument((doc) => ours(doc.uri) && this.schedule(true)),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('preflight.dashboard') && this.schedule(true)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.schedule(true)),
    );
    this.schedule(true, 0);
  }

  /** Switches to another checklist editor; anything else (a plain markdown file, an output) is ignored. */
  private follow(editor: vscode.TextEditor): void {
    const uri = editor.document.uri.toString();
    if (!this.services.outlines.get(uri)) return;
    this.column = editor.viewColumn ?? this.column;
    if (uri === this.uri) return;
    this.uri = uri;
    this.dashboard = undefined;
    this.burnUp = undefined;
    this.schedule(true, 0);
  }

  /** Redraws soon; `fetch` asks the server again first (the outline or the settings changed). */
  private schedule(fetch: boolean, delay = REDRAW_DELAY_MS): void {
    this.fetchPending ||= fetch;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const fetchNow = this.fetchPending;
      this.fetchPending = false;
      void this.update(fetchNow);
    }, delay);
  }

  private async update(fetch: boolean): Promise<void> {
    const uri = this.uri;
    const outline = this.services.outlines.get(uri);
    if (!outline) {
      this.post({
        type: 'empty',
        message:
          'This file is no longer a checklist Preflight analyses: match it with the preflight.files setting, or put `preflight: true` in its front matter (and keep it under preflight.maxFileSizeKB).',
      });
      return;
    }
    const settings = this.settings(uri);
    if (fetch) {
      const generation = ++this.generation;
      const client = this.services.ctx.languageClient;
      const [dashboard, burnUp] = await Promise.all([
        ask(() => client.sendRequest(DashboardRequest.type, { uri, ...settings }), 'the merge gate and the runs'),
        ask(() => client.sendRequest(BurnUpRequest.type, { uri }), 'the burn-up'),
      ]);
      if (generation !== this.generation || uri !== this.uri) return;
      this.dashboard = dashboard;
      this.burnUp = burnUp;
      // Once per new problem, not once per typing pause.
      const problems = [dashboard, burnUp].filter((answer): answer is string => typeof answer === 'string').join(' ');
      if (problems && problems !== this.warned) this.services.ctx.output.warn(`Dashboard of ${uri}: ${problems}`);
      this.warned = problems;
    }
    const current = this.services.outlines.get(uri);
    if (!current) return;
    const trusted = vscode.workspace.isTrusted;
    // One short plain line: a title may hold line breaks, bidi controls or pages of text.
    const title = plainLine(current.title).slice(0, 80) || fileNameOf(vscode.Uri.parse(uri));
    this.panel.title = `Dashboard: ${title}`;
    this.post({
      type: 'render',
      view: dashboardView({
        outline: current,
        dashboard: this.dashboard,
        burnUp: this.burnUp,
        // Asking starts git on the server (trusted only): Restricted Mode shows "not checked" without it.
        roles: trusted ? this.services.roles.get(uri) : undefined,
        trusted,
        settings,
      }),
    });
  }

  private settings(uri: string): DashboardSettings {
    const config = vscode.workspace.getConfiguration('preflight.dashboard', vscode.Uri.parse(uri));
    return dashboardSettings(config.get('require'), config.get('failOn'));
  }

  private post(message: ToWebview): void {
    this.last = message;
    void this.panel.webview.postMessage(message);
  }

  private async receive(message: FromWebview | undefined): Promise<void> {
    if (!message) return;
    switch (message.type) {
      case 'ready':
        if (this.last) void this.panel.webview.postMessage(this.last);
        return;
      case 'openSettings':
        await vscode.commands.executeCommand('workbench.action.openSettings', 'preflight.dashboard');
        return;
      case 'reveal':
        await this.reveal(message.line);
        return;
      case 'toggle':
        await this.toggle(message.itemId, message.checked);
        return;
    }
  }

  /** Shows a line in the checklist's own column, keeping the focus in the dashboard for the next click. */
  private async reveal(line: number): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(this.uri));
    if (line >= doc.lineCount) return;
    const at = new vscode.Range(line, 0, line, 0);
    const editor = await vscode.window.showTextDocument(doc, {
      viewColumn: this.column ?? vscode.ViewColumn.One,
      selection: at,
      preserveFocus: true,
    });
    editor.revealRange(at, vscode.TextEditorRevealType.AtTop);
  }

  /** One undoable server edit against the document's current version; an item no longer there is not sent. */
  private async toggle(itemId: string, checked: boolean): Promise<void> {
    const uri = this.uri;
    const outline = this.services.outlines.get(uri);
    const known = outline && itemsOf(outline).some((item) => item.id === itemId);
    // The server edits open documents: open it (unshown) if its editor was closed meanwhile.
    const doc = known ? await vscode.workspace.openTextDocument(vscode.Uri.parse(uri)) : undefined;
    const args: ToggleItemsArgs | undefined = doc ? { uri, version: doc.version, itemIds: [itemId], checked } : undefined;
    const reply = args ? await this.services.ctx.serverCommand(ServerCommands.toggleItems, args) : { applied: false };
    // The box shows the document's truth again when nothing changed; a change redraws through the outline.
    if (!reply.applied && this.last) void this.panel.webview.postMessage(this.last);
  }

  dispose(): void {
    if (DashboardPanel.current === this) DashboardPanel.current = undefined;
    clearTimeout(this.timer);
    this.generation++;
    for (const d of this.disposables) d.dispose();
    this.disposables.length = 0;
    this.panel.dispose();
  }
}

/** The server's answer, or what to tell the user when it failed or the file is not a checklist. */
async function ask<T>(request: () => Promise<T | null>, what: string): Promise<T | string> {
  try {
    return (
      (await request()) ??
      `The language server gave no answer for ${what}: the file may no longer be a checklist, or the server failed (see the Preflight output).`
    );
  } catch (error) {
    return `The language server did not answer for ${what} (${(error as Error).message}). See the Preflight output.`;
  }
}

/** 18 random bytes in base64, from Web Crypto (in node 20 and in a browser's worker alike). */
function nonce(): string {
  return btoa(String.fromCharCode(...globalThis.crypto.getRandomValues(new Uint8Array(18))));
}
