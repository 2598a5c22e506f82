/**
 * `preflight new` writes only inside --dir, by realpath: a `checklists/` that is a symlink to another place
 * must not receive the file. (The extension has its own copy in client/src/services/insideFolder.ts: the
 * two sides share only the protocol.)
 */
import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';

/** The real path `file` would be written to, or why it is outside `dir`. */
export function realTargetInside(dir: string, file: string): { path: string } | { outside: string } {
  const root = realpathSync(dir);
  // The deepest folder that exists, real; the rest is created under it.
  let existing = dirname(file);
  const rest: string[] = [];
  for (;;) {
    try {
      existing = realpathSync(existing);
      break;
    } catch {
      if (dirname(existing) === existing) return { outside: existing };
      rest.unshift(basename(existing));
      existing = dirname(existing);
    }
  }
  const real = join(existing, ...rest, basename(file));
  const rel = relative(root, real);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? { path: real } : { outside: real };
}
