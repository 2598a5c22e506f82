/**
 * The review in the editor: a gutter marker on each item checked, unchecked or added since the reviewed ref
 * (one decoration type per kind, light and dark icons from client/media), and a hover on the item that
 * explains the change (who, commit, signature, evidence). Removed items have no line: the view lists them.
 */
import * as vscode from 'vscode';
import type { ReviewChangeKind } from '@preflight/protocol';
import type { Reviews } from './reviews';
import { changeMarkdown } from './changeRow';

type MarkedKind = Exclude<ReviewChangeKind, 'removed'>;
const MARKED: readonly MarkedKind[] = ['checked', 'unchecked', 'added'];

/** The 0-based lines last marked in an editor, per kind: for tests and logs. */
export type Marked = Record<MarkedKind, number[]>;

export class ReviewMarkers implements vscode.Disposable {
  private readonly types: Record<MarkedKind, vscode.TextEditorDecorationType>;
  private readonly drawn = new WeakMap<vscode.TextEditor, Marked>();
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly reviews: Reviews,
    media: vscode.Uri,
  ) {
    const type = (kind: MarkedKind) =>
      vscode.window.createTextEditorDecorationType({
        light: { gutterIconPath: vscode.Uri.joinPath(media, `change-${kind}-light.svg`) },
        dark: { gutterIconPath: vscode.Uri.joinPath(media, `change-${kind}-dark.svg`) },
        gutterIconSize: 'contain',
        isWholeLine: true,
      });
    this.types = { checked: type('checked'), unchecked: type('unchecked'), added: type('added') };
    this.disposables = [
      ...Object.values(this.types),
      reviews.onDidChange((uri) => this.drawAll((e) => uri === undefined || e.document.uri.toString() === uri)),
      vscode.window.onDidChangeVisibleTextEditors(() => this.drawAll()),
      vscode.languages.registerHoverProvider({ language: 'markdown' }, { provideHover: (doc, position) => this.hover(doc, position) }),
    ];
    this.drawAll();
  }

  /** What the last drawing marked in this editor (nothing when no review covers it). */
  markedIn(editor: vscode.TextEditor): Marked {
    return this.drawn.get(editor) ?? { checked: [], unchecked: [], added: [] };
  }

  private drawAll(which: (editor: vscode.TextEditor) => boolean = () => true): void {
    for (const editor of vscode.window.visibleTextEditors) if (which(editor)) this.draw(editor);
  }

  private draw(editor: vscode.TextEditor): void {
    const marked: Marked = { checked: [], unchecked: [], added: [] };
    // Asking is what fetches the changes of a checklist shown in an editor; they arrive by onDidChange.
    const changes = this.reviews.get(editor.document.uri);
    for (const change of changes?.checked ? changes.changes : []) {
      // The answer may lag an edit; a line past the end waits for the next answer.
      if (change.kind !== 'removed' && change.line !== undefined && change.line < editor.document.lineCount)
        marked[change.kind].push(change.line);
    }
    for (const kind of MARKED)
      editor.setDecorations(
        this.types[kind],
        marked[kind].map((line) => editor.document.lineAt(line).range),
      );
    this.drawn.set(editor, marked);
  }

  /** The hover on a changed item's first line, while the answer is for the text shown (its lines are right). */
  private hover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const changes = this.reviews.covers(doc.uri) ? this.reviews.get(doc.uri) : undefined;
    if (!changes?.checked || changes.version !== doc.version) return undefined;
    const change = changes.changes.find((c) => c.line === position.line);
    if (!change) return undefined;
    return new vscode.Hover(
      new vscode.MarkdownString(changeMarkdown(change, this.reviews.current?.label ?? '')),
      doc.lineAt(position.line).range,
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
