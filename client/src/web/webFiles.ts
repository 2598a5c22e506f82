/**
 * The web's FileHost: `workspace.fs` (github.dev's vscode-vfs, code-server's vscode-remote, a test's memory
 * file system). A browser workspace has no real paths to resolve, so "inside" is by the URI's path, and
 * "never over an existing file" is a stat just before the write (workspace.fs has no create-only write);
 * a stat that fails for another reason than "not found" writes nothing.
 */
import * as vscode from 'vscode';
import type { FileHost } from '../files';

export const webFiles: FileHost = {
  async create(root, target, text, what) {
    const rootPath = root.path.replace(/\/+$/, '');
    // `..` and `.` segments (a parsed URI keeps them) and backslashes could step out of the folder.
    const steps = target.path.split('/').some((segment) => segment === '..' || segment === '.') || target.path.includes('\\');
    if (steps || target.scheme !== root.scheme || target.authority !== root.authority || !target.path.startsWith(`${rootPath}/`))
      return {
        created: false,
        reason: 'outside',
        message: `${what} ${target.path} is outside the workspace folder ${rootPath}: choose a file inside it.`,
      };
    try {
      if (await statOrMissing(target)) return { created: false, reason: 'exists', message: `${target.path} exists` };
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

/** The file's stat, or undefined when it is not there. Any other failure (offline, denied) throws: never read as free. */
async function statOrMissing(uri: vscode.Uri): Promise<vscode.FileStat | undefined> {
  try {
    return await vscode.workspace.fs.stat(uri);
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
    throw error;
  }
}
