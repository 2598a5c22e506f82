/** The desktop's FileHost: node:fs, by real path, with `wx` so an existing file is never written over. */
import * as fs from 'node:fs/promises';
import { userInfo } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FileHost } from '../files';
import { whoAmI } from '../identity';
import { fileTargetInside } from '../../../server/src/node/insideFolder';

export const nodeFiles: FileHost = {
  async create(root, target, text, what) {
    // By realpath: a folder symlinked to another place must not receive the file.
    const real = fileTargetInside(root.fsPath, target.fsPath, what);
    if ('error' in real) return { created: false, reason: 'outside', message: real.error };
    try {
      await fs.mkdir(path.dirname(real.path), { recursive: true });
      // `wx`: fails if the file exists, even when it appeared a moment ago.
      await fs.writeFile(real.path, text, { flag: 'wx' });
      return { created: true };
    } catch (error) {
      const exists = (error as NodeJS.ErrnoException).code === 'EEXIST';
      return { created: false, reason: exists ? 'exists' : 'failed', message: (error as Error).message };
    }
  },
  // git runs only in a trusted folder: a repository's config is not to be trusted before that.
  userName: async (folder) => (vscode.workspace.isTrusted ? whoAmI(folder.fsPath) : userInfo().username),
};
