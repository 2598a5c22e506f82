/**
 * Where a path really is, by realpath, and whether that is inside a folder: a `cwd:` of `../..`, an absolute
 * path elsewhere or a symlink pointing out of the workspace must not become where a step runs or a file is
 * written. Shared by the extension (cwd:, New Checklist, Fresh Run) and `preflight new`; no VS Code here, so
 * unit tests use real symlinks.
 */
import { realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';

/** True when `child` is `parent` or below it (both real, absolute paths). */
export function isWithin(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/**
 * The real path of `wanted` (relative to `root`, or absolute) when it lies inside `root`'s real path. A path
 * that does not exist yet (a folder about to be created) is resolved through its deepest existing ancestor.
 */
export function resolveInside(
  root: string,
  wanted: string,
  what: string,
  rootName = 'the workspace folder',
): { path: string } | { error: string } {
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch (error) {
    return { error: `the folder ${root} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).` };
  }
  const target = path.resolve(root, wanted);
  let existing = target;
  const rest: string[] = [];
  for (;;) {
    try {
      existing = realpathSync(existing);
      break;
    } catch {
      const up = path.dirname(existing);
      if (up === existing) return { error: `${what} ${target} cannot be resolved.` };
      rest.unshift(path.basename(existing));
      existing = up;
    }
  }
  const real = path.join(existing, ...rest);
  if (!isWithin(realRoot, real)) {
    const via = real === target ? '' : ` (it resolves to ${real})`;
    return { error: `${what} ${target} is outside ${rootName} ${realRoot}${via}; Preflight only works inside it. Use a path inside it.` };
  }
  return { path: real };
}

/** `resolveInside` for a folder that must exist already (where a step runs). */
export function existingFolderInside(root: string, wanted: string, what: string): { path: string } | { error: string } {
  const resolved = resolveInside(root, wanted, what);
  if ('error' in resolved) return resolved;
  let isDir = false;
  try {
    isDir = statSync(resolved.path).isDirectory();
  } catch {
    // reported below
  }
  return isDir ? resolved : { error: `${what} ${resolved.path} is not a folder; create it or fix the path.` };
}

/** Where a new file really goes: its folder resolved inside `root` (or an error), and the file's name in it. */
export function fileTargetInside(root: string, file: string, what: string, rootName?: string): { path: string } | { error: string } {
  const folder = resolveInside(root, path.dirname(file), what, rootName);
  return 'error' in folder ? folder : { path: path.join(folder.path, path.basename(file)) };
}
