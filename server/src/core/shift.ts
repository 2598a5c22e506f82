/**
 * Facts of a chunk moved to the chunk's place in the document. Always a copy (the cache keeps the
 * originals), and written out type by type rather than by a generic walk: the copies then share a
 * few fixed shapes, which keeps every later pass over items and ranges fast.
 */
import type { CodeFact, Facts, FieldFact, HeadingFact, ItemFact, PlaceholderFact, Point, Range, TableCheckFact, TableFact } from './model.js';

export function shiftFacts(facts: Facts, lines: number, offset: number): Facts {
  const point = (p: Point): Point => ({ line: p.line + lines, column: p.column, offset: p.offset + offset });
  const range = (r: Range): Range => ({ start: point(r.start), end: point(r.end) });
  const heading = (h: HeadingFact): HeadingFact => ({ depth: h.depth, title: h.title, range: range(h.range), setext: h.setext });
  // One literal per shape: a spread inside a literal is several times slower to build.
  const item = (i: ItemFact): ItemFact => {
    const commands = i.commands.length === 0 ? [] : i.commands.map((c) => ({ command: c.command, range: range(c.range) }));
    if (!i.parent) return { text: i.text, checked: i.checked, struck: i.struck, range: range(i.range), box: range(i.box), depth: i.depth, commands };
    return { text: i.text, checked: i.checked, struck: i.struck, range: range(i.range), box: range(i.box), depth: i.depth, parent: point(i.parent), commands };
  };
  const code = (c: CodeFact): CodeFact => ({ lang: c.lang, meta: c.meta, value: c.value, fenced: c.fenced, range: range(c.range) });
  const table = (t: TableFact): TableFact => ({
    range: range(t.range),
    rows: t.rows.map((row) => ({ range: range(row.range), cells: row.cells.map((cell) => ({ text: cell.text, range: range(cell.range) })) })),
  });
  const tableCheck = (c: TableCheckFact): TableCheckFact => ({ checked: c.checked, box: range(c.box), row: c.row });
  const placeholder = (p: PlaceholderFact): PlaceholderFact => ({ text: p.text, kind: p.kind, range: range(p.range) });
  const field = (f: FieldFact): FieldFact => ({ key: f.key, value: f.value, bold: f.bold, inList: f.inList, range: range(f.range), valueRange: range(f.valueRange) });
  return {
    headings: facts.headings.map(heading),
    items: facts.items.map(item),
    code: facts.code.map(code),
    tables: facts.tables.map(table),
    tableChecks: facts.tableChecks.map(tableCheck),
    placeholders: facts.placeholders.map(placeholder),
    fields: facts.fields.map(field),
    ...(facts.frontMatter ? { frontMatter: { raw: facts.frontMatter.raw, range: range(facts.frontMatter.range) } } : {}),
    definitions: facts.definitions,
    footnotes: facts.footnotes,
  };
}
