/** Go to the next / previous open item after or before the cursor, wrapping around the file. */
import * as vscode from 'vscode';
import { itemsOf } from './walk';
import { activeChecklist, type Command, type Services } from '../commands/command';

export const nextOpenItem: Command = { id: 'preflight.nextOpenItem', run: (services) => goToOpenItem(services, 1) };
export const previousOpenItem: Command = { id: 'preflight.previousOpenItem', run: (services) => goToOpenItem(services, -1) };

function goToOpenItem(services: Services, direction: 1 | -1): void {
  const active = activeChecklist(services);
  if (!active) return;
  const { editor } = active;
  const open = itemsOf(services.outlines.get(active.uri)!).filter((item) => !item.checked);
  if (open.length === 0) {
    void vscode.window.showInformationMessage('Preflight: every item of this checklist is checked.');
    return;
  }
  const line = editor.selection.active.line;
  const ahead = direction === 1 ? open.find((item) => item.range.start.line > line) : open.findLast((item) => item.range.start.line < line);
  const target = ahead ?? (direction === 1 ? open[0] : open[open.length - 1]);
  if (!ahead) vscode.window.setStatusBarMessage(`Preflight: wrapped to the ${direction === 1 ? 'first' : 'last'} open item`, 3000);
  const at = new vscode.Position(target.range.start.line, target.range.start.character);
  editor.selection = new vscode.Selection(at, at);
  editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
