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
  const file = locationOf(uri);
  if (file === undefined || !/\.(?:md|markdown)$/i.test(file.path)) return false;
  const path = file.path;
  // The folders that hold the file: same scheme and authority, and its path below theirs.
  const inside = folders
    .map(locationOf)
    .filter((f) => f !== undefined && f.root === file.root && path.startsWith(`${f.path.replace(/\/$/, '')}/`))
    .map((f) => f!.path.replace(/\/$/, ''));
  return matchesAny(path, globs) || inside.some((folder) => matchesAny(path.slice(folder.length + 1), globs));
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

/**
 * Where a document lives: its URI's scheme and authority, and its path (decoded, `/` separated). Any scheme
 * with a path counts (file: on the desktop; vscode-vfs:, vscode-remote:, vscode-test-web: in VS Code for the
 * Web); undefined for a URI without one.
 */
export function locationOf(uri: string): { root: string; path: string } | undefined {
  try {
    const url = new URL(uri);
    const path = decodeURIComponent(url.pathname).replace(/^\/([A-Za-z]:)/, '$1');
    if (!path.startsWith('/') && !/^[A-Za-z]:/.test(path)) return undefined;
    return { root: `${url.protocol}//${url.host}`, path };
  } catch {
    return undefined;
  }
}
