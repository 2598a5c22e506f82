/** Shows a line of a checklist (a tree row's click), keeping the focus where it was. */
import * as vscode from 'vscode';
import type { Command } from '../commands/command';

export const revealLine: Command = {
  id: 'preflight.revealLine',
  async run(_services, uri, line) {
    const at = new vscode.Position(Number(line) || 0, 0);
    await vscode.window.showTextDocument(vscode.Uri.parse(String(uri)), {
      selection: new vscode.Range(at, at),
      preserveFocus: true,
      preview: true,
    });
  },
};
