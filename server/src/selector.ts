/**
 * Which markdown files are checklists: those matching the configured globs, or whose front matter says
 * `preflight: true`. `preflight: false` opts a matching file out. Other markdown gets nothing from us.
 */
import { matchesAny } from './globs.js';

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
const OPT = /^preflight:[ \t]*(true|false|yes|no)[ \t]*(?:#.*)?$/m;

export function isChecklistFile(uri: string, text: string, globs: readonly string[], folders: readonly string[]): boolean {
  const opt = optedIn(text);
  if (opt !== undefined) return opt;
  const path = pathOf(uri);
  if (path === undefined || !/\.(?:md|markdown)$/i.test(path)) return false;
  const relative = folders.map(pathOf).filter((f): f is string => f !== undefined && path.startsWith(`${f.replace(/\/$/, '')}/`));
  return matchesAny(path, globs) || relative.some((folder) => matchesAny(path.slice(folder.replace(/\/$/, '').length + 1), globs));
}

/** The front matter's `preflight:` switch, if any. */
export function optedIn(text: string): boolean | undefined {
  const block = FRONT_MATTER.exec(text.slice(0, 64 * 1024));
  const value = block && OPT.exec(block[1])?.[1];
  return value ? value === 'true' || value === 'yes' : undefined;
}

/** The path of a file: URI (decoded, `/` separated); undefined for other schemes. */
export function pathOf(uri: string): string | undefined {
  try {
    const url = new URL(uri);
    if (url.protocol !== 'file:') return undefined;
    return decodeURIComponent(url.pathname).replace(/^\/([A-Za-z]:)/, '$1');
  } catch {
    return undefined;
  }
}
