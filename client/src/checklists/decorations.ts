/**
 * Editor decorations from the outline: a progress bar after each phase heading, checked items dimmed,
 * open items marked in the overview ruler, and the last run result beside each step. Each kind can be
 * switched off in the settings (preflight.decorations.*).
 */
import * as vscode from 'vscode';
import type { RunNote } from '@preflight/protocol';
import type { Outlines } from './outlines';
import { itemsOf, phasesOf } from './walk';
import { progressBar } from './progressBar';

/** What was last drawn in an editor, per kind: what the status of the decorations is, for tests and logs. */
export interface Drawn {
  progress: number;
  dimmed: number;
  openMarks: number;
  lastRuns: number;
}

export class Decorations implements vscode.Disposable {
  private readonly progress = vscode.window.createTextEditorDecorationType({
    after: { margin: '0 0 0 2em', color: new vscode.ThemeColor('preflight.progressForeground') },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private readonly dimmed = vscode.window.createTextEditorDecorationType({ opacity: '0.55' });
  private readonly openMark = vscode.window.createTextEditorDecorationType({
    overviewRulerColor: new vscode.ThemeColor('preflight.openItemRuler'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
  });
  private readonly lastRun = vscode.window.createTextEditorDecorationType({
    after: { margin: '0 0 0 2em' },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private readonly drawn = new WeakMap<vscode.TextEditor, Drawn>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly outlines: Outlines) {
    this.disposables = [
      this.progress,
      this.dimmed,
      this.openMark,
      this.lastRun,
      outlines.onDidChange((uri) => this.drawAll((e) => e.document.uri.toString() === uri)),
      vscode.window.onDidChangeVisibleTextEditors(() => this.drawAll()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('preflight.decorations') && this.drawAll()),
    ];
    this.drawAll();
  }

  /** What the last drawing put into this editor (zeros when it is not a checklist). */
  drawnIn(editor: vscode.TextEditor): Drawn {
    return this.drawn.get(editor) ?? { progress: 0, dimmed: 0, openMarks: 0, lastRuns: 0 };
  }

  private drawAll(which: (editor: vscode.TextEditor) => boolean = () => true): void {
    for (const editor of vscode.window.visibleTextEditors) if (which(editor)) this.draw(editor);
  }

  private draw(editor: vscode.TextEditor): void {
    const outline = this.outlines.get(editor.document.uri);
    const config = vscode.workspace.getConfiguration('preflight.decorations', editor.document.uri);
    const doc = editor.document;
    // The outline may lag a keystroke behind the text: never point past the end.
    const lineEnd = (line: number) => doc.lineAt(Math.min(line, doc.lineCount - 1)).range.end;
    const lineRange = (line: number) => doc.lineAt(Math.min(line, doc.lineCount - 1)).range;

    const progress: vscode.DecorationOptions[] = [];
    const dimmed: vscode.Range[] = [];
    const openMarks: vscode.Range[] = [];
    const lastRuns: vscode.DecorationOptions[] = [];
    if (outline) {
      if (config.get('progressBar', true)) {
        for (const phase of phasesOf(outline)) {
          if (phase.total === 0) continue;
          const complete = phase.done === phase.total;
          const at = lineEnd(phase.range.start.line);
          progress.push({
            range: new vscode.Range(at, at),
            renderOptions: {
              after: {
                contentText: progressBar(phase.done, phase.total),
                color: complete ? new vscode.ThemeColor('preflight.completeForeground') : undefined,
              },
            },
          });
        }
      }
      for (const item of itemsOf(outline)) {
        if (item.checked) dimmed.push(lineRange(item.range.start.line));
        else openMarks.push(lineRange(item.range.start.line));
      }
      if (!config.get('dimChecked', true)) dimmed.length = 0;
      if (!config.get('overviewRuler', true)) openMarks.length = 0;
      if (config.get('lastRun', true)) {
        for (const step of outline.steps) {
          if (!step.lastRun) continue;
          const at = lineEnd(step.range.start.line);
          lastRuns.push({
            range: new vscode.Range(at, at),
            hoverMessage: runHover(step.lastRun),
            renderOptions: { after: runLabel(step.lastRun) },
          });
        }
      }
    }
    editor.setDecorations(this.progress, progress);
    editor.setDecorations(this.dimmed, dimmed);
    editor.setDecorations(this.openMark, openMarks);
    editor.setDecorations(this.lastRun, lastRuns);
    this.drawn.set(editor, { progress: progress.length, dimmed: dimmed.length, openMarks: openMarks.length, lastRuns: lastRuns.length });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function runLabel(run: RunNote): vscode.ThemableDecorationAttachmentRenderOptions {
  const passed = run.exitCode === 0;
  return {
    contentText: `${passed ? '✓ passed' : `✗ exit ${run.exitCode}`} · ${seconds(run.durationMs)} · ${run.by} · ${run.at.slice(0, 16).replace('T', ' ')}`,
    color: new vscode.ThemeColor(passed ? 'preflight.completeForeground' : 'preflight.failedForeground'),
  };
}

function runHover(run: RunNote): vscode.MarkdownString {
  return new vscode.MarkdownString(
    `**Last run** ${run.exitCode === 0 ? 'passed' : 'failed'} with exit code ${run.exitCode} in ${seconds(run.durationMs)}, by ${run.by} at ${run.at}.`,
  );
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
