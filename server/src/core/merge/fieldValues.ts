/**
 * One line holding several sign-off fields (a table row `| QA Lead | Quinn | 2026-11-27 |`, an item
 * `- [ ] QA Lead: Quinn Date: 2026-11-27`) changed on both sides: each field takes the side that changed it,
 * when the rest of the line is the same on all three (spacing aside). Fields changed differently on both
 * sides are named instead.
 */

export interface ValueSpan {
  /** 0-based columns [from, to) on the line. */
  from: number;
  to: number;
}

export interface FieldLine {
  line: string;
  values: readonly ValueSpan[];
}

/**
 * `template` is OURS's line as the merge writes it (its columns are OURS's): theirs' values go into it.
 * Undefined when the lines differ outside their values, or hold different numbers of fields.
 */
export function mergeFieldValues(
  base: FieldLine,
  ours: FieldLine,
  theirs: FieldLine,
  fields: readonly string[],
  template = ours.line,
): { line: string } | { conflicting: string[] } | undefined {
  const all = [base, ours, theirs];
  if (all.some((c) => c.values.length !== base.values.length)) return undefined;
  const value = (c: FieldLine, i: number) => c.line.slice(c.values[i].from, c.values[i].to);
  const skeleton = (c: FieldLine) =>
    c.values.reduceRight((line, v) => line.slice(0, v.from) + '\u0001' + line.slice(v.to), c.line).replace(/[ \t]+/g, ' ');
  if (skeleton(ours) !== skeleton(base) || skeleton(theirs) !== skeleton(base)) return undefined;
  let line = template;
  const conflicting: string[] = [];
  for (let i = base.values.length - 1; i >= 0; i--) {
    const [b, o, t] = all.map((c) => value(c, i).trim());
    if (o === t || t === b) continue;
    if (o !== b) conflicting.unshift(fields[i] ?? '');
    else line = line.slice(0, ours.values[i].from) + value(theirs, i) + line.slice(ours.values[i].to);
  }
  return conflicting.length > 0 ? { conflicting } : { line };
}
