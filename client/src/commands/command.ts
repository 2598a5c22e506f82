/** The shape of a command file, and what every command may use. */
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { EcsStates } from '../ecs/ecsStates';
import type { Outlines } from '../checklists/outlines';
import type { RoleStates } from '../signoff/roleStates';
import type { Reviews } from '../review/reviews';
import type { Runs } from '../run/runs';
import type { ChecklistTree } from '../checklists/checklistTree';
import type { FileHost } from '../files';

/** What every command may use, on the desktop and on the web. */
export interface Services {
  ctx: Ctx;
  outlines: Outlines;
  tree: ChecklistTree;
  /** Sign-off role states from the server (git on the desktop); refreshed after a sign-off commit. */
  roles: RoleStates;
  /** Writes the new files of Fresh Run and New Checklist from Template (node:fs, or workspace.fs on the web). */
  files: FileHost;
  /** Where the extension is installed: its bundled templates/ live there. */
  extensionUri: vscode.Uri;
}

/** What the commands that act on the machine (run a step, sign off, ECS, review) also use: desktop only. */
export interface MachineServices extends Services {
  runs: Runs;
  ecs: EcsStates;
  /** The review in progress (Review Changes Against…) and each checklist's changes since its ref. */
  reviews: Reviews;
}

export interface Command<S extends Services = Services> {
  id: string;
  run(services: S, ...args: unknown[]): unknown;
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
