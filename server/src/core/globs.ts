/**
 * Glob patterns as VS Code's settings write them: `**` crosses folders, `*` and `?` stay within one,
 * `{a,b}` picks one of several, `[abc]` (`[!abc]`, `[a-z]`) one of a set. Paths use `/`.
 *
 * A glob comes from a setting, so it is matched without backtracking: braces are expanded (at most
 * MAX_EXPANSIONS alternatives), and each alternative runs as a set of positions in the pattern advanced
 * one path character at a time, O(path length × pattern length) whatever the pattern. A translation to a
 * RegExp took tens of seconds for `**\/*a*a*a*a*a*a*a*b` against a long path.
 */

/** More alternatives than this (`{a,b}{c,d}…` multiplies) and the glob matches nothing. */
export const MAX_EXPANSIONS = 1024;

type Token =
  | { kind: 'char'; char: string }
  | { kind: 'one' } // `?`: one character, not `/`
  | { kind: 'star' } // `*`: any run without `/`
  | { kind: 'any' } // `**` not followed by `/`: any run
  | { kind: 'folders' } // `**/`: reads nothing; leads past the `**/`, or into the `any` and `/` tokens after it
  | { kind: 'set'; negated: boolean; ranges: [string, string][] };

/** The index of the `]` closing a set that opens at `open`, or -1 (then `[` is a plain character). */
function setEnd(glob: string, open: number): number {
  return glob.indexOf(']', open + 1);
}

/** `{a,b}c` -> [`ac`, `bc`], nested braces included; undefined past MAX_EXPANSIONS. Unclosed braces stay as written. */
export function expandBraces(glob: string): string[] | undefined {
  const out: string[] = [];
  const work = [glob];
  while (work.length > 0) {
    const g = work.pop()!;
    const brace = firstBrace(g);
    if (!brace) {
      out.push(g);
      if (out.length > MAX_EXPANSIONS) return undefined;
      continue;
    }
    const { open, close, commas } = brace;
    const head = g.slice(0, open);
    const tail = g.slice(close + 1);
    const cuts = [open, ...commas, close];
    for (let k = cuts.length - 2; k >= 0; k--) work.push(head + g.slice(cuts[k] + 1, cuts[k + 1]) + tail);
    if (work.length + out.length > MAX_EXPANSIONS) return undefined;
  }
  return out;
}

/** The first `{` that has a matching `}`, with the commas at its own level. */
function firstBrace(g: string): { open: number; close: number; commas: number[] } | undefined {
  for (let open = 0; open < g.length; open++) {
    if (g[open] === '[' && setEnd(g, open) > 0) open = setEnd(g, open);
    else if (g[open] === '{') {
      let depth = 0;
      const commas: number[] = [];
      for (let i = open + 1; i < g.length; i++) {
        const c = g[i];
        if (c === '[' && setEnd(g, i) > 0) i = setEnd(g, i);
        else if (c === '{') depth++;
        else if (c === '}' && depth > 0) depth--;
        else if (c === '}') return { open, close: i, commas };
        else if (c === ',' && depth === 0) commas.push(i);
      }
    }
  }
  return undefined;
}

function tokenize(glob: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      if (glob[i + 2] === '/') {
        tokens.push({ kind: 'folders' }, { kind: 'any' }, { kind: 'char', char: '/' });
        i += 2;
      } else {
        tokens.push({ kind: 'any' });
        i += 1;
      }
    } else if (c === '*') tokens.push({ kind: 'star' });
    else if (c === '?') tokens.push({ kind: 'one' });
    else if (c === '[' && setEnd(glob, i) > 0) {
      const close = setEnd(glob, i);
      let body = glob.slice(i + 1, close);
      const negated = body.startsWith('!') || body.startsWith('^');
      if (negated) body = body.slice(1);
      const ranges: [string, string][] = [];
      for (let k = 0; k < body.length; k++) {
        if (body[k + 1] === '-' && k + 2 < body.length) {
          ranges.push([body[k], body[k + 2]]);
          k += 2;
        } else ranges.push([body[k], body[k]]);
      }
      tokens.push({ kind: 'set', negated, ranges });
      i = close;
    } else tokens.push({ kind: 'char', char: c });
  }
  return tokens;
}

/** Whether the whole of `path` matches the brace-free pattern `tokens`: a walk over sets of pattern positions. */
function matchTokens(tokens: readonly Token[], path: string): boolean {
  const m = tokens.length;
  let current = new Uint8Array(m + 1);
  let next = new Uint8Array(m + 1);
  // Positions reachable without reading a character: past a `*`/`**` that matches nothing, past an empty `**/`.
  const close = (set: Uint8Array) => {
    for (let j = 0; j < m; j++) {
      if (!set[j]) continue;
      const kind = tokens[j].kind;
      if (kind === 'star' || kind === 'any') set[j + 1] = 1;
      else if (kind === 'folders') {
        set[j + 1] = 1; // `**/` as a run ending in `/`
        set[j + 3] = 1; // `**/` as nothing
      }
    }
  };
  current[0] = 1;
  close(current);
  for (const c of path) {
    next.fill(0);
    let alive = false;
    for (let j = 0; j < m; j++) {
      if (!current[j]) continue;
      const t = tokens[j];
      let stay = false;
      let advance = false;
      if (t.kind === 'char') advance = c === t.char;
      else if (t.kind === 'one') advance = c !== '/';
      else if (t.kind === 'star') stay = c !== '/';
      else if (t.kind === 'any') stay = true;
      else if (t.kind === 'folders')
        continue; // reads nothing: its `any` and `/` do
      else advance = t.ranges.some(([from, to]) => from <= c && c <= to) !== t.negated;
      if (stay) next[j] = 1;
      if (advance) next[j + 1] = 1;
      alive ||= stay || advance;
    }
    if (!alive) return false;
    close(next);
    [current, next] = [next, current];
  }
  return current[m] === 1;
}

/** A compiled glob: true when the whole path matches. */
export type GlobMatcher = (path: string) => boolean;

const cache = new Map<string, GlobMatcher>();

export function compileGlob(glob: string): GlobMatcher {
  let hit = cache.get(glob);
  if (hit) return hit;
  const alternatives = (expandBraces(glob) ?? []).map(tokenize);
  hit = (path) => alternatives.some((tokens) => matchTokens(tokens, path));
  if (cache.size >= 256) cache.clear(); // settings hold a handful; this only bounds a misbehaving caller
  cache.set(glob, hit);
  return hit;
}

/** True when `path` (relative to a workspace folder, or absolute) matches one of the globs. */
export function matchesAny(path: string, globs: readonly string[]): boolean {
  const normal = path.replace(/\\/g, '/');
  return globs.some((glob) => {
    const matches = compileGlob(glob);
    // A pattern without a folder part (`*.md`) matches the file name wherever it is, as in files.exclude.
    return (
      matches(normal) || matches(normal.replace(/^\/+/, '')) || (!glob.includes('/') && matches(normal.slice(normal.lastIndexOf('/') + 1)))
    );
  });
}
