/**
 * How Fresh Run and New Checklist from Template write their new file: never over an existing one, and only
 * inside the workspace folder. On the desktop by real path with node:fs (client/src/node/nodeFiles.ts): a
 * symlinked folder pointing elsewhere gets nothing. On the web with `workspace.fs` (client/src/web/webFiles.ts).
 */
import type * as vscode from 'vscode';

/** `message`: what went wrong, for a sentence that names the file (`exists` needs none). */
export type CreateResult = { created: true } | { created: false; reason: 'exists' | 'outside' | 'failed'; message: string };

export interface FileHost {
  /**
   * Creates `target` holding `text`, and its folder when missing. Refused when `target` is not inside `root`
   * (`what` names its folder in the message) or already exists.
   */
  create(root: vscode.Uri, target: vscode.Uri, text: string, what: string): Promise<CreateResult>;
  /** The default of a template's git-user-name placeholder: git's user.name where git may run, else nothing. */
  userName(folder: vscode.Uri): Promise<string | undefined>;
}
