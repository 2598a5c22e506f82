/**
 * Sign-off role states (`preflight/signoffStates`) per checklist, as the server last judged them from git.
 * Fetched lazily, when a view first shows a checklist's roles, and again for the checklists already shown
 * after a save, a Sign Off… commit, a change of HEAD or a branch, and when trust is granted. The server runs
 * git, so nothing here waits on it: a view draws what is known and redraws on `onDidChange`.
 */
import * as vscode from 'vscode';
import { type SignOffStates, SignOffStatesRequest } from '@preflight/protocol';
import type { Ctx } from '../ctx';
import { WantedFetches } from '../wantedFetches';

/** Several ref files change in one commit or checkout: one refresh for the burst. */
const HEAD_SETTLE_MS = 300;

export class RoleStates implements vscode.Disposable {
  private readonly states = new Map<string, SignOffStates>();
  /** The checklists shown, each fetched once at a time. */
  private readonly wanted = new WantedFetches((key) => this.fetchOnce(key));
  private readonly changed = new vscode.EventEmitter<string>();
  /** A checklist's role states arrived; the argument is its uri. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[];
  private headTimer: NodeJS.Timeout | undefined;

  constructor(private readonly ctx: Ctx) {
    // A commit moves a branch ref; a checkout or a new branch moves HEAD. `.git/objects` is not watched.
    const heads = vscode.workspace.createFileSystemWatcher('**/.git/{HEAD,packed-refs,refs/heads/**}');
    const headMoved = () => {
      clearTimeout(this.headTimer);
      this.headTimer = setTimeout(() => this.refreshAll(), HEAD_SETTLE_MS);
    };
    this.disposables = [
      this.changed,
      heads,
      heads.onDidChange(headMoved),
      heads.onDidCreate(headMoved),
      heads.onDidDelete(headMoved),
      vscode.workspace.onDidSaveTextDocument((doc) => this.refresh(doc.uri)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc.uri)),
      // Trust restarts the server with the commands that let it run git: ask again then.
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.refreshAll()),
    ];
  }

  /** The states known for a checklist; the first call for one starts fetching them (see onDidChange). */
  get(uri: vscode.Uri | string): SignOffStates | undefined {
    const key = uri.toString();
    if (!this.wanted.has(key)) void this.wanted.fetch(key);
    return this.states.get(key);
  }

  /** Fetches again for a checklist already shown; one nobody looked at stays unfetched. */
  refresh(uri: vscode.Uri | string): Promise<void> {
    const key = uri.toString();
    if (!this.wanted.has(key)) return Promise.resolve();
    return this.wanted.fetch(key);
  }

  /** After a commit of this checklist: the server computes afresh (its hovers too), whether shown or not. */
  committed(uri: vscode.Uri | string): Promise<void> {
    return this.wanted.fetch(uri.toString());
  }

  private refreshAll(): void {
    for (const key of this.wanted.keys()) void this.wanted.fetch(key);
  }

  private async fetchOnce(key: string): Promise<void> {
    let states: SignOffStates | null;
    try {
      // The server answers for open documents: open it (unshown) if VS Code has let it go.
      await vscode.workspace.openTextDocument(vscode.Uri.parse(key));
      states = await this.ctx.languageClient.sendRequest(SignOffStatesRequest.type, { uri: key });
    } catch (error) {
      this.ctx.output.warn(`Sign-off states of ${key} failed: ${(error as Error).message}`);
      states = { checked: false, reason: 'the language server did not answer (see the Preflight output)', roles: {} };
    }
    // A file closed meanwhile is forgotten, not brought back.
    if (!this.wanted.has(key)) return;
    if (states) this.states.set(key, states);
    else this.states.delete(key);
    this.changed.fire(key);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.wanted.forget(key);
    this.states.delete(key);
  }

  dispose(): void {
    clearTimeout(this.headTimer);
    for (const d of this.disposables) d.dispose();
  }
}
