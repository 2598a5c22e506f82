/**
 * Which markdown files are checklists: those matching the configured globs, or whose front matter says
 * `preflight: true`. `preflight: false` opts a matching file out. Other markdown gets nothing from us.
 */
import { frontMatterEnd } from './chunks.js';
import { splitLines } from './lines.js';
import { matchesAny } from './globs.js';

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
  // Front matter as the core finds it, looked for in the head of the file only (it may be huge).
  const lines = splitLines(text.slice(0, 64 * 1024));
  const end = frontMatterEnd(lines);
  const value =
    end > 0
      ? OPT.exec(
          lines
            .slice(1, end - 1)
            .map((l) => l.text)
            .join('\n'),
        )?.[1]
      : undefined;
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
