/**
 * Glob patterns as VS Code's settings write them: `**` crosses folders, `*` and `?` stay within one,
 * `{a,b}` picks one of several, `[abc]` one of a set. Paths use `/`.
 */
const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  let hit = cache.get(glob);
  if (hit) return hit;
  let out = '';
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const slashAfter = glob[i + 2] === '/';
      out += slashAfter ? '(?:.*/)?' : '.*';
      i += slashAfter ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') {
      out += '(?:';
      depth++;
    } else if (c === '}' && depth > 0) {
      out += ')';
      depth--;
    } else if (c === ',' && depth > 0) out += '|';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) out += '\\[';
      else {
        out += `[${glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else out += /[.+^$()|\\]/.test(c) ? `\\${c}` : c;
  }
  hit = new RegExp(`^${out}$`);
  cache.set(glob, hit);
  return hit;
}

/** True when `path` (relative to a workspace folder, or absolute) matches one of the globs. */
export function matchesAny(path: string, globs: readonly string[]): boolean {
  const normal = path.replace(/\\/g, '/');
  return globs.some((glob) => {
    const re = globToRegExp(glob);
    // A pattern without a folder part (`*.md`) matches the file name wherever it is, as in files.exclude.
    return re.test(normal) || re.test(normal.replace(/^\/+/, '')) || (!glob.includes('/') && re.test(normal.slice(normal.lastIndexOf('/') + 1)));
  });
}
