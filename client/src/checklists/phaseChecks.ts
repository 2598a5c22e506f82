/**
 * Check / uncheck every item of a phase: the tree row it was called on, or the phase at the cursor. The command
 * ids keep their first name (`…Section`): keybindings and other extensions call them.
 */
import * as vscode from 'vscode';
import { ServerCommands, type SetPhaseArgs } from '@preflight/protocol';
import type { TreeNode } from './treeNodes';
import { phaseAtLine } from './walk';
import { activeChecklist, type Command, type Services } from '../commands/command';

export const checkPhase: Command = {
  id: 'preflight.checkSection',
  run: (services, node) => setPhase(services, true, node as TreeNode | undefined),
};
export const uncheckPhase: Command = {
  id: 'preflight.uncheckSection',
  run: (services, node) => setPhase(services, false, node as TreeNode | undefined),
};

async function setPhase(services: Services, checked: boolean, node: TreeNode | undefined): Promise<void> {
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
      void vscode.window.showInformationMessage('Preflight: the cursor is above the first phase; put it inside a phase.');
      return;
    }
    uri = active.uri;
    phaseId = phase.id;
  }
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const args: SetPhaseArgs = { uri, version: doc.version, phaseId, checked };
  await services.ctx.serverCommand(ServerCommands.setSection, args);
}
