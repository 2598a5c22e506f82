/** Check / uncheck every item of a section: the tree row it was called on, or the section at the cursor. */
import * as vscode from 'vscode';
import { ServerCommands, type SetSectionArgs } from '@preflight/protocol';
import type { TreeNode } from './treeNodes';
import { phaseAtLine } from './walk';
import { activeChecklist, type Command, type Services } from '../commands/command';

export const checkSection: Command = {
  id: 'preflight.checkSection',
  run: (services, node) => setSection(services, true, node as TreeNode | undefined),
};
export const uncheckSection: Command = {
  id: 'preflight.uncheckSection',
  run: (services, node) => setSection(services, false, node as TreeNode | undefined),
};

async function setSection(services: Services, checked: boolean, node: TreeNode | undefined): Promise<void> {
  let uri: string;
  let phaseId: string;
  if (node?.kind === 'phase') {
    uri = node.uri;
    phaseId = node.phase.id;
  } else {
    const active = activeChecklist(services);
    if (!active) return;
    const phase = phaseAtLine(services.outlines.get(active.uri)!, active.editor.selection.active.line);
    if (!phase) {
      void vscode.window.showInformationMessage('Preflight: the cursor is above the first section; put it inside a section.');
      return;
    }
    uri = active.uri;
    phaseId = phase.id;
  }
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const args: SetSectionArgs = { uri, version: doc.version, phaseId, checked };
  await services.ctx.serverCommand(ServerCommands.setSection, args);
}
