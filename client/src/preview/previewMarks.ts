/**
 * Checkboxes and progress in VS Code's built-in Markdown preview (`markdown.markdownItPlugins`). A rendering
 * draws the server's outline only when it describes the very text being rendered (same version), else the
 * plain document; when the outline catches up, or changes what the last rendering showed, the previews are
 * refreshed. See previewRender.ts for what is drawn.
 */
import * as vscode from 'vscode';
import type { Outline } from '@preflight/protocol';
import type { Outlines } from '../checklists/outlines';
import { outlineSignature } from './previewMatch';
import { installPreviewMarks, type MarkdownItLike } from './previewRender';

const REFRESH_DELAY_MS = 100;

/** What the last rendering of a document showed: its version, and the outline's signature (undefined: plain). */
export interface PreviewRendering {
  version: number;
  signature: string | undefined;
}

export class PreviewMarks implements vscode.Disposable {
  private readonly rendered = new Map<string, PreviewRendering>();
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly outlines: Outlines) {
    this.disposables = [
      outlines.onDidChange((uri) => this.outlineChanged(uri)),
      vscode.workspace.onDidCloseTextDocument((document) => this.rendered.delete(document.uri.toString())),
    ];
  }

  /** The `extendMarkdownIt` VS Code's Markdown extension calls once per engine it builds. */
  extendMarkdownIt(md: MarkdownItLike): MarkdownItLike {
    installPreviewMarks(md, (env) => this.outlineFor(env));
    return md;
  }

  /** What the last rendering of this document showed, for the end-to-end tests. */
  lastRendering(uri: vscode.Uri | string): PreviewRendering | undefined {
    return this.rendered.get(uri.toString());
  }

  private outlineFor(env: unknown): Outline | undefined {
    // VS Code passes the rendered document's Uri; other callers (markdown.api.render of a string) pass none.
    const current = (env as { currentDocument?: { scheme?: unknown } } | undefined)?.currentDocument;
    if (!current || typeof current.scheme !== 'string') return undefined;
    const uri = String(current);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    if (!document) return undefined;
    const outline = this.current(uri, document);
    this.rendered.set(uri, { version: document.version, signature: outline && outlineSignature(outline) });
    return outline;
  }

  /** The outline when it was made from the document's text as it is now: only then do its lines match. */
  private current(uri: string, document: vscode.TextDocument): Outline | undefined {
    const outline = this.outlines.get(uri);
    return outline?.version === document.version ? outline : undefined;
  }

  private outlineChanged(uri: string): void {
    const last = this.rendered.get(uri);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    // A rendering of an older version is followed by one of the new text anyway: the preview watches edits.
    if (!last || !document || last.version !== document.version) return;
    const outline = this.current(uri, document);
    if (last.signature !== (outline && outlineSignature(outline))) this.scheduleRefresh();
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void vscode.commands.executeCommand('markdown.preview.refresh');
    }, REFRESH_DELAY_MS);
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    for (const d of this.disposables) d.dispose();
  }
}
