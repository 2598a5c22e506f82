/**
 * The web's FileHost: `workspace.fs` (github.dev's vscode-vfs, code-server's vscode-remote, a test's memory
 * file system). A browser workspace has no real paths to resolve, so "inside" is by the URI's path, and
 * "never over an existing file" is a stat just before the write: workspace.fs has no create-only write.
 */
import * as vscode from 'vscode';
import type { FileHost } from '../files';

export const webFiles: FileHost = {
  async create(root, target, text, what) {
    const rootPath = root.path.replace(/\/+$/, '');
    if (target.scheme !== root.scheme || target.authority !== root.authority || !target.path.startsWith(`${rootPath}/`))
      return { created: false, reason: 'outside', message: `${what} ${target.path} is outside the workspace folder ${rootPath}.` };
    try {
      await vscode.workspace.fs.stat(target);
      return { created: false, reason: 'exists', message: `${target.path} exists` };
    } catch {
      // not there: write it
    }
    try {
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
      return { created: true };
    } catch (error) {
      return { created: false, reason: 'failed', message: (error as Error).message };
    }
  },
  // No git, and no account name, in a browser: the input box starts empty.
  userName: async () => undefined,
};
