/** git's own three-way line merge (`git merge-file`), the LineMerge the checklist merge hands the rest of the text to. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LineMerge } from '../core/merge/types.js';
import { InputError } from './errors.js';

/**
 * `git merge-file -p -L ours -L base -L theirs` on temporary files, in git's default conflict style (pinned
 * with merge.conflictStyle=merge, whatever the user's setting): what the checklist merge does not merge
 * itself stays exactly as git would leave it.
 */
export const gitLineMerge: LineMerge = (base, ours, theirs, labels) => {
  const dir = mkdtempSync(join(tmpdir(), 'preflight-merge-'));
  try {
    const file = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text, 'utf8');
      return path;
    };
    const paths = [file('ours', ours), file('base', base), file('theirs', theirs)];
    const result = spawnSync(
      'git',
      ['-c', 'merge.conflictStyle=merge', 'merge-file', '-p', '-L', labels.ours, '-L', labels.base, '-L', labels.theirs, ...paths],
      {
        cwd: dir,
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
        env: { ...process.env, LC_ALL: 'C' },
      },
    );
    if (result.error) {
      const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT';
      throw new InputError(
        missing
          ? 'git is not installed or not on PATH; preflight merge uses `git merge-file` for the lines it does not merge itself. Install git or add it to PATH.'
          : `could not run git merge-file: ${result.error.message}`,
      );
    }
    // merge-file exits with the number of conflicts (capped at 127), or a negative number (255 here) on error.
    if (result.status === null || result.status > 127)
      throw new InputError(`git merge-file failed: ${result.stderr.trim() || `exit ${result.status ?? result.signal}`}`);
    return { text: result.stdout, conflicts: result.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
