/**
 * Text -> facts with unified + remark-parse + remark-gfm, whole or in chunks.
 *
 * Chunked parsing cuts the document at ATX headings (chunks.ts) and parses each piece on its own.
 * A cut is kept only when the parse of the piece before it, plus the heading line and one more
 * line of lookahead, yields that heading as a root-level node: then nothing before it is still
 * open, and what follows parses as it would in the whole document. Definitions are then resolved
 * document-wide. Results are cached by content, so a re-parse after an edit costs only the
 * chunks the edit touched.
 */
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { cutCandidates } from './chunks.js';
import { emptyFacts, extractFacts } from './extract.js';
import { splitLines } from './lines.js';
import type { Facts, Point } from './model.js';
import { type Seed, seedDefinitionsExtension } from './seedDefinitions.js';

const baseProcessor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();
const noFrontMatterProcessor = unified().use(remarkParse).use(remarkGfm).freeze();

function parseMarkdown(text: string, seed?: Seed): Root {
  // micromark-extension-frontmatter#5: an opening `---` that never closes is tried as front matter to
  // the end of the document, and meanwhile no container opens: every list and blockquote after it
  // comes out as a paragraph. Front matter must close to exist, so only then is the extension on.
  const frontMatter = hasClosedFrontMatter(text);
  if (!seed || (seed.definitions.length === 0 && seed.footnotes.length === 0)) {
    return (frontMatter ? baseProcessor : noFrontMatterProcessor).parse(text);
  }
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkFrontmatter, frontMatter ? ['yaml'] : [])
    .use(function seedDefinitions() {
      const data = this.data();
      (data.micromarkExtensions ??= []).push(seedDefinitionsExtension(seed));
    });
  return processor.parse(text);
}

/** Whether the text opens with YAML front matter that closes, as micromark-extension-frontmatter reads it. */
function hasClosedFrontMatter(text: string): boolean {
  const open = /^\uFEFF?---[ \t]*(?:\r\n|\r|\n)/.exec(text);
  if (!open) return false;
  const fence = /---[ \t]*(?:\r\n|\r|\n|$)/y;
  const ending = /\r\n|\r|\n/g;
  for (let at = open[0].length; ; ) {
    fence.lastIndex = at;
    if (fence.test(text)) return true;
    ending.lastIndex = at;
    if (!ending.exec(text)) return false;
    at = ending.lastIndex;
  }
}

interface ChunkResult {
  /** The cut after this chunk was proved safe (always true for the last chunk). */
  ok: boolean;
  facts: Facts;
}

/** Chunk results by content; bounded so a long editing session does not grow without end. */
export class ChunkCache {
  private readonly map = new Map<string, ChunkResult>();
  constructor(private readonly capacity = 4096) {}

  get(key: string): ChunkResult | undefined {
    const hit = this.map.get(key);
    if (hit) {
      this.map.delete(key);
      this.map.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: ChunkResult): void {
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as string);
  }

  get size(): number {
    return this.map.size;
  }
}

export interface Chunk {
  /** Offset and line (1-based) where the chunk starts. */
  offset: number;
  line: number;
  length: number;
}

export interface ParseResult {
  facts: Facts;
  chunks: Chunk[];
}

export interface ParseOptions {
  /** Parse in chunks (default) or as one document. */
  chunked?: boolean;
  cache?: ChunkCache;
}

export function parseFacts(text: string, options: ParseOptions = {}): ParseResult {
  if (options.chunked === false) {
    return { facts: extractFacts(parseMarkdown(text), text), chunks: [{ offset: 0, line: 1, length: text.length }] };
  }
  const cache = options.cache ?? new ChunkCache();
  const lines = splitLines(text);
  const candidates = cutCandidates(lines);
  const pieces: { chunk: Chunk; source: string; lookahead: string; facts: Facts }[] = [];

  const parsePiece = (source: string, lookahead: string, seed?: Seed): ChunkResult => {
    const seedKey = seed ? `${seed.definitions.join('\u0001')}\u0002${seed.footnotes.join('\u0001')}` : '';
    const key = `${source.length}\u0000${seedKey}\u0000${source}${lookahead}`;
    let result = cache.get(key);
    if (!result) {
      const tree = parseMarkdown(source + lookahead, seed);
      // micromark drops a leading byte order mark, so its offsets are one short of ours after one.
      const bom = source.charCodeAt(0) === 0xfeff ? 1 : 0;
      const ok = lookahead === '' || tree.children.some((n) => n.type === 'heading' && n.position?.start.offset === source.length - bom && n.position.start.column === 1);
      result = { ok, facts: ok ? extractFacts(tree, source + lookahead, source.length) : emptyFacts() };
      cache.set(key, result);
    }
    return result;
  };

  let startLine = 0;
  let next = 0;
  for (;;) {
    const from = lines[startLine].start;
    let done = false;
    while (next < candidates.length) {
      const cut = candidates[next++];
      if (cut <= startLine) continue;
      const source = text.slice(from, lines[cut].start);
      const lookahead = text.slice(lines[cut].start, cut + 2 < lines.length ? lines[cut + 2].start : text.length);
      const result = parsePiece(source, lookahead);
      if (!result.ok) continue;
      pieces.push({ chunk: { offset: from, line: startLine + 1, length: source.length }, source, lookahead, facts: result.facts });
      startLine = cut;
      done = true;
      break;
    }
    if (!done) {
      const source = text.slice(from);
      pieces.push({ chunk: { offset: from, line: startLine + 1, length: source.length }, source, lookahead: '', facts: parsePiece(source, '').facts });
      break;
    }
  }

  resolveDefinitionsAcrossChunks(pieces, parsePiece);
  const facts = emptyFacts();
  for (const piece of pieces) appendShifted(facts, piece.facts, piece.chunk);
  return { facts, chunks: pieces.map((p) => p.chunk) };
}

/** Re-parses, with the other chunks' definitions seeded, the chunks that may reference them. */
function resolveDefinitionsAcrossChunks(
  pieces: { source: string; lookahead: string; facts: Facts }[],
  parsePiece: (source: string, lookahead: string, seed?: Seed) => ChunkResult,
): void {
  if (pieces.length < 2) return;
  const definitions = new Set(pieces.flatMap((p) => p.facts.definitions));
  const footnotes = new Set(pieces.flatMap((p) => p.facts.footnotes));
  if (definitions.size === 0 && footnotes.size === 0) return;
  for (const piece of pieces) {
    const own = new Set([...piece.facts.definitions, ...piece.facts.footnotes.map((f) => `^${f}`)]);
    const foreign = (ids: Set<string>, prefix: string) => [...ids].filter((id) => !own.has(prefix + id)).sort();
    const seed = { definitions: foreign(definitions, ''), footnotes: foreign(footnotes, '^') };
    if (seed.definitions.length + seed.footnotes.length === 0 || !piece.source.includes('[')) continue;
    // Ids are normalised as micromark does (lower then upper case, so `ẞ` is `SS`); whitespace and `>` go,
    // because a label may wrap onto a blockquote line. Seeding a chunk needlessly only costs a re-parse.
    const fold = (s: string) => s.toLowerCase().toUpperCase().replace(/[\s>]+/g, '');
    const haystack = fold(piece.source);
    const mentioned = (id: string) => haystack.includes(fold(id));
    if (!seed.definitions.some(mentioned) && !seed.footnotes.some(mentioned)) continue;
    piece.facts = parsePiece(piece.source, piece.lookahead, seed).facts;
  }
}

function appendShifted(into: Facts, facts: Facts, chunk: Chunk): void {
  const shift = <T>(value: T): T => shiftPoints(value, chunk.line - 1, chunk.offset);
  into.headings.push(...facts.headings.map(shift));
  into.items.push(...facts.items.map(shift));
  into.code.push(...facts.code.map(shift));
  into.tables.push(...facts.tables.map(shift));
  into.tableChecks.push(...facts.tableChecks.map(shift));
  into.placeholders.push(...facts.placeholders.map(shift));
  into.fields.push(...facts.fields.map(shift));
  into.definitions.push(...facts.definitions);
  into.footnotes.push(...facts.footnotes);
  if (facts.frontMatter) into.frontMatter = shift(facts.frontMatter);
}

/**
 * A deep copy with every point moved down by `lines` and along by `offset`. Always a copy, even for
 * the first chunk: the cache keeps the originals, and a caller changing its result must not change them.
 */
function shiftPoints<T>(value: T, lines: number, offset: number): T {
  if (Array.isArray(value)) return value.map((v: unknown) => shiftPoints(v, lines, offset)) as T;
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (typeof record.line === 'number' && typeof record.offset === 'number' && typeof record.column === 'number') {
    return { line: record.line + lines, column: record.column, offset: record.offset + offset } satisfies Point as T;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) out[key] = shiftPoints(record[key], lines, offset);
  return out as T;
}
