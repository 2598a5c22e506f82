/**
 * Facts of a chunk moved to the chunk's place in the document. Always a copy (the cache keeps the
 * originals), and written out type by type rather than by a generic walk: the copies then share a
 * few fixed shapes, which keeps every later pass over items and ranges fast. The copiers are plain
 * functions given the move, not closures made anew for every chunk of every analysis.
 */
import type {
  CodeFact,
  Facts,
  FieldFact,
  HeadingFact,
  ItemFact,
  PlaceholderFact,
  Point,
  Range,
  TableCheckFact,
  TableFact,
} from './model.js';

/** Lines and characters to add. */
interface Move {
  lines: number;
  offset: number;
}

export function shiftFacts(facts: Facts, lines: number, offset: number): Facts {
  const by: Move = { lines, offset };
  return {
    headings: facts.headings.map((h) => heading(h, by)),
    items: facts.items.map((i) => item(i, by)),
    code: facts.code.map((c) => code(c, by)),
    tables: facts.tables.map((t) => table(t, by)),
    tableChecks: facts.tableChecks.map((c) => tableCheck(c, by)),
    placeholders: facts.placeholders.map((p) => placeholder(p, by)),
    fields: facts.fields.map((f) => field(f, by)),
    ...(facts.frontMatter ? { frontMatter: { raw: facts.frontMatter.raw, range: range(facts.frontMatter.range, by) } } : {}),
    definitions: facts.definitions,
    footnotes: facts.footnotes,
  };
}

function point(p: Point, by: Move): Point {
  return { line: p.line + by.lines, column: p.column, offset: p.offset + by.offset };
}

function range(r: Range, by: Move): Range {
  return { start: point(r.start, by), end: point(r.end, by) };
}

function heading(h: HeadingFact, by: Move): HeadingFact {
  return { depth: h.depth, title: h.title, range: range(h.range, by), setext: h.setext };
}

// One literal per shape: a spread inside a literal is several times slower to build.
function item(i: ItemFact, by: Move): ItemFact {
  const commands = i.commands.length === 0 ? [] : i.commands.map((c) => ({ command: c.command, range: range(c.range, by) }));
  if (!i.parent)
    return {
      text: i.text,
      textWithCode: i.textWithCode,
      checked: i.checked,
      struck: i.struck,
      range: range(i.range, by),
      box: range(i.box, by),
      depth: i.depth,
      commands,
    };
  return {
    text: i.text,
    textWithCode: i.textWithCode,
    checked: i.checked,
    struck: i.struck,
    range: range(i.range, by),
    box: range(i.box, by),
    depth: i.depth,
    parent: point(i.parent, by),
    commands,
  };
}

function code(c: CodeFact, by: Move): CodeFact {
  return { lang: c.lang, meta: c.meta, value: c.value, fenced: c.fenced, range: range(c.range, by) };
}

function table(t: TableFact, by: Move): TableFact {
  return {
    range: range(t.range, by),
    rows: t.rows.map((row) => ({
      range: range(row.range, by),
      cells: row.cells.map((cell) => ({ text: cell.text, range: range(cell.range, by) })),
    })),
  };
}

function tableCheck(c: TableCheckFact, by: Move): TableCheckFact {
  return { checked: c.checked, box: range(c.box, by), row: c.row };
}

function placeholder(p: PlaceholderFact, by: Move): PlaceholderFact {
  return { text: p.text, kind: p.kind, range: range(p.range, by) };
}

function field(f: FieldFact, by: Move): FieldFact {
  return { key: f.key, value: f.value, bold: f.bold, inList: f.inList, range: range(f.range, by), valueRange: range(f.valueRange, by) };
}
