/** Positions follow unist: 1-based line and column, 0-based UTF-16 offset. */
export interface Point {
  line: number;
  column: number;
  offset: number;
}

export interface Range {
  start: Point;
  end: Point;
}

/** A replacement of `range` by `newText`; fixes are data so every front end can apply them. */
export interface TextEdit {
  range: Range;
  newText: string;
}

// ---- Facts: what one parse of a piece of text yields, flat and in document order ----

export interface HeadingFact {
  depth: number;
  title: string;
  range: Range;
  setext: boolean;
}

export interface ItemFact {
  text: string;
  /** `text` with its inline code kept as code spans (`npm run lint`); the very same string when it has none. */
  textWithCode: string;
  checked: boolean;
  struck: boolean;
  range: Range;
  /** The three characters `[ ]` / `[x]`. */
  box: Range;
  /** How many list items enclose this one. */
  depth: number;
  /** Start of the nearest enclosing task item, if any. */
  parent?: Point;
  commands: InlineCommand[];
}

export interface InlineCommand {
  command: string;
  range: Range;
}

export interface CodeFact {
  lang: string | null;
  meta: string | null;
  value: string;
  fenced: boolean;
  range: Range;
}

export interface TableFact {
  range: Range;
  /** The header row first. */
  rows: { range: Range; cells: { text: string; range: Range }[] }[];
}

export interface TableCheckFact {
  checked: boolean;
  /** The `[ ]` inside the cell. */
  box: Range;
  /** The row's cells as plain text, for a readable label. */
  row: string[];
}

export type PlaceholderKind = 'bracket' | 'blank' | 'mustache';

export interface PlaceholderFact {
  text: string;
  kind: PlaceholderKind;
  range: Range;
}

/** `Key: value` lines in paragraphs (`**Version:** 1.0.0`, `- Name: ____`). */
export interface FieldFact {
  key: string;
  value: string;
  bold: boolean;
  inList: boolean;
  range: Range;
  valueRange: Range;
}

export interface FrontMatterFact {
  raw: string;
  range: Range;
}

export interface Facts {
  headings: HeadingFact[];
  items: ItemFact[];
  code: CodeFact[];
  tables: TableFact[];
  tableChecks: TableCheckFact[];
  placeholders: PlaceholderFact[];
  fields: FieldFact[];
  frontMatter?: FrontMatterFact;
  /** Normalised identifiers of link reference and footnote definitions. */
  definitions: string[];
  footnotes: string[];
}

// ---- The checklist: facts analysed into phases, ids and progress ----

export interface Count {
  total: number;
  done: number;
}

export interface Progress extends Count {
  /** Items marked optional (`(optional)`, `(if applicable)`, struck through). */
  optional: Count;
  /** Items neither optional nor inside a conditional phase: what "complete" means. */
  required: Count;
}

export interface Item extends ItemFact {
  id: string;
  optional: boolean;
  /** Inside a phase that applies only when triggered (rollback and the like). */
  conditional: boolean;
  /** Id of the innermost phase holding the item; '' before the first heading. */
  phaseId: string;
  parentId?: string;
}

export interface Phase {
  id: string;
  title: string;
  level: number;
  range: Range;
  /** From the heading to the next heading of the same or a higher level. */
  sectionEnd: Point;
  conditional: boolean;
  progress: Progress;
  /** Items directly under this heading (not in sub-phases). */
  items: Item[];
  code: CodeFact[];
  tableChecks: TableCheckFact[];
  phases: Phase[];
}

export interface SignOffField {
  key: string;
  value: string;
  filled: boolean;
  range: Range;
  valueRange: Range;
}

export interface SignOffRole {
  id: string;
  name: string;
  range: Range;
  statements: Item[];
  fields: SignOffField[];
  /** A statement checked or a field filled: somebody claims to have signed. */
  signed: boolean;
  /** Every statement checked and every field filled. */
  complete: boolean;
}

export interface SignOff {
  phase: Phase;
  roles: SignOffRole[];
}

export interface Metadata {
  key: string;
  value: string;
  range: Range;
}

export interface FrontMatter {
  range: Range;
  data: Record<string, unknown>;
  error?: string;
}

export interface Checklist {
  text: string;
  title: string;
  frontMatter?: FrontMatter;
  metadata: Metadata[];
  /** The title heading, when one level-1 heading heads the document. */
  titleHeading?: HeadingFact;
  /** Top-level phases; sub-headings nest in `phases`. */
  phases: Phase[];
  /** Items before the first phase heading. */
  looseItems: Item[];
  items: Item[];
  code: CodeFact[];
  tableChecks: TableCheckFact[];
  placeholders: PlaceholderFact[];
  fields: FieldFact[];
  signOff?: SignOff;
  progress: Progress;
  tableProgress: Count;
  /** Set when the text was too complex to parse: the model holds headings and task items only, and no rule runs. */
  degraded?: Degraded;
}

/** Why a checklist holds only what the line scanner found, and where (the line at fault, or the start). */
export interface Degraded {
  reason: string;
  range: Range;
}
