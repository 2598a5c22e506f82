/** Finds the checklists of every workspace folder by the `preflight.files` globs of that folder. */
import * as vscode from 'vscode';
import { defaultSettings } from '@preflight/protocol';

/** Opening a file gives it to the server; beyond this many the tree says that it shows only the first. */
export const MAX_CHECKLISTS = 200;
const EXCLUDE = '{**/node_modules/**,**/.git/**}';

export async function findChecklists(token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const found = new Map<string, vscode.Uri>();
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const globs = vscode.workspace
      .getConfiguration('preflight', folder)
      .get<string[]>('files', defaultSettings.files)
      .filter((g) => typeof g === 'string' && g.trim() !== '');
    if (globs.length === 0) continue;
    const pattern = new vscode.RelativePattern(folder, globs.length === 1 ? globs[0] : `{${globs.join(',')}}`);
    for (const uri of await vscode.workspace.findFiles(pattern, EXCLUDE, MAX_CHECKLISTS + 1, token)) found.set(uri.toString(), uri);
  }
  return [...found.values()].sort((a, b) => a.fsPath.localeCompare(b.fsPath));
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** The last segment of a URI's path: its file name on any scheme. */
export function fileNameOf(uri: vscode.Uri): string {
  return uri.path.split('/').pop()!;
}
