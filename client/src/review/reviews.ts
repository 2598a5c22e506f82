/**
 * The review in progress: the ref one repository's checklists are compared with, and each checklist's
 * changes since it (`preflight/reviewChanges`, the same core as `preflight diff`). Changes are fetched
 * lazily, when the view or an editor first shows a checklist, and again after edits (debounced), saves and
 * moves of HEAD. Nothing here waits on git: views draw what is known and redraw on `onDidChange`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { type ReviewChanges, ReviewChangesRequest } from '@preflight/protocol';
import type { Ctx } from '../ctx';
import { WantedFetches } from '../wantedFetches';
import { defaultBase, gitDirs } from './refs';

export interface Review {
  /** The repository's top directory: the checklists inside it are reviewed. */
  root: string;
  /** What git resolves: a sha, or a full ref name (`refs/heads/main`) that follows its branch. */
  ref: string;
  /** How the ref reads: `merge base with origin/main (a1b2c3d)`, `main`, `v1.2.0`. */
  label: string;
  /** The ref is the merge base of HEAD and this branch: found again when HEAD moves (a rebase, a pull). */
  mergeBaseOf?: string;
}

/** Typing settles before the server diffs the history again. */
const EDIT_SETTLE_MS = 400;
/** Several ref files change in one commit or checkout: one refresh for the burst. */
const HEAD_SETTLE_MS = 300;

export class Reviews implements vscode.Disposable {
  private review: Review | undefined;
  private readonly changes = new Map<string, ReviewChanges>();
  /** The checklists shown, each fetched once at a time. */
  private readonly wanted = new WantedFetches((key) => this.fetchOnce(key));
  private readonly editTimers = new Map<string, NodeJS.Timeout>();
  private headTimer: NodeJS.Timeout | undefined;
  private headWatcher: vscode.Disposable | undefined;
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  /** A checklist's changes arrived (its uri), or the review started or stopped (undefined). */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly ctx: Ctx) {
    this.disposables = [
      this.changed,
      vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && this.edited(e.document.uri.toString())),
      vscode.workspace.onDidSaveTextDocument((doc) => this.refresh(doc.uri.toString())),
      vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc.uri.toString())),
    ];
  }

  get current(): Review | undefined {
    return this.review;
  }

  /** Starts reviewing against `review.ref` (replacing any review): every shown checklist is asked again. */
  start(review: Review): void {
    this.stopWatching();
    this.review = review;
    this.changes.clear();
    this.wanted.clear();
    void this.watchHead(review);
    void vscode.commands.executeCommand('setContext', 'preflight.reviewing', true);
    this.changed.fire(undefined);
  }

  stop(): void {
    this.stopWatching();
    this.review = undefined;
    this.changes.clear();
    this.wanted.clear();
    void vscode.commands.executeCommand('setContext', 'preflight.reviewing', false);
    this.changed.fire(undefined);
  }

  /** Whether the review covers this checklist: a file inside the reviewed repository. */
  covers(uri: vscode.Uri | string): boolean {
    if (!this.review) return false;
    const parsed = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
    if (parsed.scheme !== 'file') return false;
    // git names the top with symlinks resolved (macOS /var -> /private/var); the editor may not.
    return inside(this.review.root, parsed.fsPath) || inside(this.review.root, realPath(parsed.fsPath));
  }

  /** The changes known for a covered checklist; the first call for one starts fetching them (see onDidChange). */
  get(uri: vscode.Uri | string): ReviewChanges | undefined {
    const key = uri.toString();
    if (!this.covers(key)) return undefined;
    if (!this.wanted.has(key)) void this.wanted.fetch(key);
    return this.changes.get(key);
  }

  /** Fetches again for a checklist already shown; one nobody looked at stays unfetched. */
  refresh(key: string): Promise<void> {
    return this.wanted.has(key) ? this.wanted.fetch(key) : Promise.resolve();
  }

  private edited(key: string): void {
    if (!this.wanted.has(key)) return;
    clearTimeout(this.editTimers.get(key));
    this.editTimers.set(
      key,
      setTimeout(() => {
        this.editTimers.delete(key);
        void this.refresh(key);
      }, EDIT_SETTLE_MS),
    );
  }

  /**
   * HEAD or a branch moved (a commit, a checkout, a pull): a merge base is found again, then every shown
   * checklist is asked again. The reviewed repository's own git directories are watched, inside the
   * workspace or not: HEAD in the git directory, the branches in the common one (a linked worktree's differ).
   */
  private async watchHead(review: Review): Promise<void> {
    const dirs = await gitDirs(review.root);
    if (!dirs || this.review !== review) return;
    const moved = () => {
      clearTimeout(this.headTimer);
      this.headTimer = setTimeout(() => void this.headMoved(), HEAD_SETTLE_MS);
    };
    const watch = (dir: string, glob: string) => {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dir), glob));
      return vscode.Disposable.from(watcher, watcher.onDidChange(moved), watcher.onDidCreate(moved), watcher.onDidDelete(moved));
    };
    const same = dirs.gitDir === dirs.commonDir;
    this.headWatcher = same
      ? watch(dirs.gitDir, '{HEAD,packed-refs,refs/heads/**}')
      : vscode.Disposable.from(watch(dirs.gitDir, 'HEAD'), watch(dirs.commonDir, '{packed-refs,refs/heads/**}'));
  }

  /** What a move of HEAD does; public so that a caller that moved HEAD itself need not wait for the watcher. */
  async headMoved(): Promise<void> {
    const review = this.review;
    if (!review) return;
    if (review.mergeBaseOf) {
      const base = await defaultBase(review.root);
      // The branch may be gone (deleted, renamed): keep the old base rather than stop the review.
      if (base && base.against === review.mergeBaseOf && base.sha !== review.ref && this.review === review) {
        this.start({ ...review, ref: base.sha, label: `merge base with ${base.against} (${base.short})` });
        return;
      }
    }
    await Promise.all(this.wanted.keys().map((key) => this.wanted.fetch(key)));
  }

  private async fetchOnce(key: string): Promise<void> {
    const review = this.review;
    if (!review) return;
    let answer: ReviewChanges | null;
    try {
      // The server answers for open documents: open it (unshown) if VS Code has let it go.
      await vscode.workspace.openTextDocument(vscode.Uri.parse(key));
      answer = await this.ctx.languageClient.sendRequest(ReviewChangesRequest.type, { uri: key, ref: review.ref });
    } catch (error) {
      this.ctx.output.warn(`Review changes of ${key} failed: ${(error as Error).message}`);
      answer = {
        uri: key,
        version: -1,
        checked: false,
        reason: 'the language server did not answer (see the Preflight output)',
        ref: review.ref,
        changes: [],
        summary: { checked: 0, unchecked: 0, added: 0, removed: 0 },
        progress: { from: { done: 0, total: 0 }, to: { done: 0, total: 0 } },
      };
    }
    // The review changed (or stopped) meanwhile, or the file was closed: the answer is for nothing shown.
    if (this.review !== review || !this.wanted.has(key)) return;
    if (answer) this.changes.set(key, answer);
    else this.changes.delete(key);
    this.changed.fire(key);
  }

  private forget(key: string): void {
    clearTimeout(this.editTimers.get(key));
    this.editTimers.delete(key);
    this.wanted.forget(key);
    this.changes.delete(key);
  }

  private stopWatching(): void {
    clearTimeout(this.headTimer);
    for (const timer of this.editTimers.values()) clearTimeout(timer);
    this.editTimers.clear();
    this.headWatcher?.dispose();
    this.headWatcher = undefined;
  }

  dispose(): void {
    this.stopWatching();
    for (const d of this.disposables) d.dispose();
  }
}

function inside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** The file's real path (its folder's, for a file not saved yet); the path itself when there is none. */
function realPath(file: string): string {
  try {
    return path.join(fs.realpathSync(path.dirname(file)), path.basename(file));
  } catch {
    return file;
  }
}
