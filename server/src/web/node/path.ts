/**
 * `node:path` in the web build (scripts/build.mjs maps it here): the POSIX functions the server's modules
 * import. A browser has no working directory, so `resolve` resolves against `/`. On the web only git-backed
 * features, which never run there (no trusted client), would call these; they are real all the same.
 */
export const sep = '/';

/** The segments of `path` with `.` and `..` applied (`..` above the root of an absolute path is dropped). */
function segments(path: string, absolute: boolean): string[] {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out.at(-1) !== '..') out.pop();
    else if (part !== '..' || !absolute) out.push(part);
  }
  return out;
}

export function normalize(path: string): string {
  const absolute = path.startsWith('/');
  const joined = segments(path, absolute).join('/');
  return absolute ? `/${joined}` : joined || '.';
}

export function join(...paths: string[]): string {
  const joined = paths.filter((p) => p !== '').join('/');
  return joined === '' ? '.' : normalize(joined);
}

export function resolve(...paths: string[]): string {
  let resolved = '';
  for (let i = paths.length - 1; i >= 0 && !resolved.startsWith('/'); i--) if (paths[i] !== '') resolved = `${paths[i]}/${resolved}`;
  return normalize(`/${resolved}`);
}

export function relative(from: string, to: string): string {
  const [a, b] = [segments(resolve(from), true), segments(resolve(to), true)];
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return [...a.slice(common).map(() => '..'), ...b.slice(common)].join('/');
}

export function dirname(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  const slash = trimmed.lastIndexOf('/');
  if (slash < 0) return '.';
  return slash === 0 ? '/' : trimmed.slice(0, slash);
}

export function basename(path: string, suffix?: string): string {
  const name = (path.length > 1 ? path.replace(/\/+$/, '') : path).split('/').at(-1) ?? '';
  return suffix && name !== suffix && name.endsWith(suffix) ? name.slice(0, -suffix.length) : name;
}
