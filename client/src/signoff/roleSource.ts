/**
 * Where the views take sign-off role states from: RoleStates (git, through the server) on the desktop; on the
 * web, where there is no git, every checklist's roles read "not checked" with the reason.
 */
import * as vscode from 'vscode';
import type { SignOffStates } from '@preflight/protocol';

export interface RoleSource {
  /** The states known for a checklist (undefined: not fetched yet; see onDidChange). */
  get(uri: vscode.Uri | string): SignOffStates | undefined;
  /** A checklist's role states arrived; the argument is its uri. */
  readonly onDidChange: vscode.Event<string>;
}

/** VS Code for the Web: sign-offs are verified with git, which a browser does not have. */
export const noGitRoles: RoleSource = {
  get: () => NO_GIT,
  onDidChange: () => ({ dispose() {} }),
};

const NO_GIT: SignOffStates = {
  checked: false,
  reason: 'sign-offs are verified with git, which VS Code for the Web does not have (open the repository in desktop VS Code)',
  roles: {},
};
