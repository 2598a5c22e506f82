/**
 * Known differences between cmark-gfm 0.29 (the oracle) and the GFM spec as micromark/remark-gfm
 * implement it (../shared/oracles/README.md). A difference is explained only by inspecting the
 * source line of the item, never by its position alone.
 */

export type DivergenceClass =
  'task in blockquote' | 'second list marker on the same line' | 'box alone, text on the next line' | 'box followed by trailing space only';

export interface TaskLine {
  line: number;
  checked: boolean;
}

export interface LineDifference {
  line: number;
  /** `checked` of the items Preflight found on this line. */
  preflight: boolean[];
  oracle: boolean[];
}

export interface Comparison {
  differences: LineDifference[];
  explained: { line: number; class: DivergenceClass }[];
  unexplained: LineDifference[];
}

/** Lines whose task items differ between the two sides (count or checked state). */
export function diffTaskLines(preflight: readonly TaskLine[], oracle: readonly TaskLine[]): LineDifference[] {
  const byLine = new Map<number, LineDifference>();
  const at = (line: number) => {
    let d = byLine.get(line);
    if (!d) byLine.set(line, (d = { line, preflight: [], oracle: [] }));
    return d;
  };
  for (const p of preflight) at(p.line).preflight.push(p.checked);
  for (const o of oracle) at(o.line).oracle.push(o.checked);
  const same = (a: boolean[], b: boolean[]) => a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i]);
  return [...byLine.values()].filter((d) => !same(d.preflight, d.oracle)).sort((a, b) => a.line - b.line);
}

/** Container markers (`>`, list markers) at the start of a line, and what follows them. */
function containerPrefix(line: string): { quotes: number; markers: number; rest: string } {
  let rest = line;
  let quotes = 0;
  let markers = 0;
  for (;;) {
    const m = /^[ \t]*(?:(>)[ \t]?|(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$))/.exec(rest);
    if (!m || m[0] === '') break;
    if (m[1]) quotes++;
    else markers++;
    rest = rest.slice(m[0].length);
  }
  return { quotes, markers, rest };
}

/**
 * The class explaining one differing line, or undefined. `lines` are the document's lines
 * (0-based array, `line` 1-based).
 */
export function classify(lines: readonly string[], d: LineDifference): DivergenceClass | undefined {
  const source = lines[d.line - 1] ?? '';
  const { quotes, markers, rest } = containerPrefix(source);
  const box = /^\[[ xX]\]/.exec(rest);
  if (!box || markers === 0) return undefined;
  const after = rest.slice(3);
  const extra = d.preflight.length - d.oracle.length;
  if (extra > 0) {
    // Tasks for the spec, not for cmark-gfm 0.29.
    if (quotes > 0) return 'task in blockquote';
    if (markers >= 2) return 'second list marker on the same line';
    const next = lines[d.line] ?? '';
    if (/^[ \t]*$/.test(after) && next.trim() !== '') return 'box alone, text on the next line';
    return undefined;
  }
  if (extra < 0) {
    // A task for cmark-gfm 0.29, not for the spec.
    if (/^[ \t]+$/.test(after) && quotes === 0 && markers === 1) return 'box followed by trailing space only';
    return undefined;
  }
  return undefined; // same count, different checked state: never a known divergence
}

export function compareTasks(text: string, preflight: readonly TaskLine[], oracle: readonly TaskLine[]): Comparison {
  const lines = text.split(/\r\n|\r|\n/);
  const differences = diffTaskLines(preflight, oracle);
  const explained: Comparison['explained'] = [];
  const unexplained: LineDifference[] = [];
  for (const d of differences) {
    const c = classify(lines, d);
    if (c) explained.push({ line: d.line, class: c });
    else unexplained.push(d);
  }
  return { differences, explained, unexplained };
}
