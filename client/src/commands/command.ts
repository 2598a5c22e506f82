/** The shape of a command file, and what every command may use. */
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { EcsStates } from '../ecs/ecsStates';
import type { Outlines } from '../checklists/outlines';
import type { RoleStates } from '../signoff/roleStates';
import type { Reviews } from '../review/reviews';
import type { Runs } from '../run/runs';
import type { ChecklistTree } from '../checklists/checklistTree';

export interface Services {
  ctx: Ctx;
  outlines: Outlines;
  tree: ChecklistTree;
  runs: Runs;
  ecs: EcsStates;
  /** Sign-off role states from git, for the tree; refreshed after a sign-off commit. */
  roles: RoleStates;
  /** The review in progress (Review Changes Against…) and each checklist's changes since its ref. */
  reviews: Reviews;
  /** Where the extension is installed: its bundled templates/ live there. */
  extensionUri: vscode.Uri;
}

export interface Command {
  id: string;
  run(services: Services, ...args: unknown[]): unknown;
}

/** The active editor when it shows a checklist the server has analysed; otherwise says why not. */
export function activeChecklist(services: Services): { editor: vscode.TextEditor; uri: string } | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !services.outlines.get(editor.document.uri)) {
    void vscode.window.showInformationMessage(
      'Preflight: open a checklist in the editor first (a markdown file matching preflight.files).',
    );
    return undefined;
  }
  return { editor, uri: editor.document.uri.toString() };
}

/** Effects on the machine need a trusted workspace; says so, with the way to grant trust. */
export function refuseUntrusted(what: string): boolean {
  if (vscode.workspace.isTrusted) return false;
  const manage = 'Manage Workspace Trust';
  void vscode.window
    .showWarningMessage(`Preflight ${what} only in a trusted workspace. Trust the workspace to go on.`, manage)
    .then((choice) => choice === manage && vscode.commands.executeCommand('workbench.trust.manage'));
  return true;
}
