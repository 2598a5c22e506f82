/** `Preflight 64% (210/328)` for the active checklist; a click focuses the Checklists view. */
import * as vscode from 'vscode';
import type { Outlines } from './outlines';
import { TREE_VIEW_ID } from './checklistTree';
import { percent } from './treeNodes';

export class ProgressStatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('preflight.status', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly outlines: Outlines) {
    this.item.name = 'Preflight Progress';
    this.item.command = `${TREE_VIEW_ID}.focus`;
    this.disposables = [
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      outlines.onDidChange(() => this.update()),
    ];
    this.update();
  }

  private update(): void {
    const editor = vscode.window.activeTextEditor;
    const progress = editor && this.outlines.progressOf(editor.document.uri);
    // Tells keybindings and menus whether the active editor is a checklist.
    void vscode.commands.executeCommand('setContext', 'preflight.isChecklist', Boolean(progress));
    if (!progress) {
      this.item.hide();
      return;
    }
    const { overall } = progress;
    this.item.text = `Preflight ${percent(overall)}% (${overall.done}/${overall.total})`;
    this.item.tooltip = new vscode.MarkdownString(
      `**${progress.title}**\n\n${overall.done} of ${overall.total} items done; required ${overall.required.done}/${overall.required.total}.\n\nClick to show the checklist tree.`,
    );
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
