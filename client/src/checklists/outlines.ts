/**
 * The outlines and progress of checklists, as the server last sent them. Progress arrives by
 * notification after every analysis; the outline (phases, items, steps with ranges) is fetched after
 * it, at most every FETCH_DELAY_MS per file, so typing never floods the server.
 */
import * as vscode from 'vscode';
import { type Outline, OutlineRequest, type ProgressParams } from '@preflight/protocol';
import type { Ctx } from '../ctx';

const FETCH_DELAY_MS = 80;

export class Outlines implements vscode.Disposable {
  private readonly outlines = new Map<string, Outline>();
  private readonly progress = new Map<string, ProgressParams>();
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly changed = new vscode.EventEmitter<string>();
  /** A file's outline changed (or it stopped being a checklist); the argument is its uri. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly ctx: Ctx) {
    this.disposables = [
      this.changed,
      ctx.onProgress((params) => {
        this.progress.set(params.uri, params);
        this.schedule(params.uri);
      }),
    ];
  }

  get(uri: vscode.Uri | string): Outline | undefined {
    return this.outlines.get(uri.toString());
  }

  progressOf(uri: vscode.Uri | string): ProgressParams | undefined {
    return this.progress.get(uri.toString());
  }

  /** Opens the file for the server if needed (without showing it) and fetches its outline. */
  async load(uri: vscode.Uri): Promise<Outline | undefined> {
    try {
      await vscode.workspace.openTextDocument(uri);
      return await this.fetch(uri.toString());
    } catch (error) {
      this.ctx.output.warn(`Could not read ${uri.fsPath}: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** Drops what is known of a file, e.g. when it was deleted. */
  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    if (this.outlines.delete(key) || this.progress.delete(key)) this.changed.fire(key);
  }

  private schedule(uri: string): void {
    clearTimeout(this.pending.get(uri));
    // The first outline of a file is fetched at once: the tree and the status bar are waiting for it.
    this.pending.set(
      uri,
      setTimeout(
        () => {
          this.pending.delete(uri);
          void this.fetch(uri);
        },
        this.outlines.has(uri) ? FETCH_DELAY_MS : 0,
      ),
    );
  }

  private async fetch(uri: string): Promise<Outline | undefined> {
    let outline: Outline | null;
    try {
      outline = await this.ctx.languageClient.sendRequest(OutlineRequest.type, { uri });
    } catch (error) {
      this.ctx.output.warn(`Outline of ${uri} failed: ${(error as Error).message}`);
      return this.outlines.get(uri);
    }
    if (outline) this.outlines.set(uri, outline);
    else {
      // No longer a checklist (front matter `preflight: false`, the globs, or too large).
      this.outlines.delete(uri);
      this.progress.delete(uri);
    }
    this.changed.fire(uri);
    return outline ?? undefined;
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    for (const d of this.disposables) d.dispose();
  }
}
