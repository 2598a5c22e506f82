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
import { cutCandidates, frontMatterEnd } from './chunks.js';
import { emptyFacts, extractFacts } from './extract.js';
import { splitLines } from './lines.js';
import type { Facts, Point } from './model.js';
import { type Seed, seedDefinitionsExtension } from './seedDefinitions.js';

const withFrontMatter = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();
const withoutFrontMatter = unified().use(remarkParse).use(remarkGfm).freeze();

/** `frontMatter`: the text opens with front matter that closes (see frontMatterEnd). */
function parseMarkdown(text: string, frontMatter: boolean, seed?: Seed): Root {
  if (!seed) return (frontMatter ? withFrontMatter : withoutFrontMatter).parse(text);
  return unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkFrontmatter, frontMatter ? ['yaml'] : [])
    .use(function seedDefinitions() {
      const data = this.data();
      (data.micromarkExtensions ??= []).push(seedDefinitionsExtension(seed));
    })
    .parse(text);
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

/** A chunk's text, the lookahead that proves its cut, and its facts relative to its start. */
interface Piece {
  chunk: Chunk;
  source: string;
  lookahead: string;
  /** Line (1-based, within source + lookahead) of the heading that starts the next chunk; 0 for the last. */
  cutLine: number;
  facts: Facts;
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
  const lines = splitLines(text);
  // Only the first chunk can hold front matter: every other one starts with a heading.
  const frontMatter = frontMatterEnd(lines) > 0;
  if (options.chunked === false) {
    return { facts: extractFacts(parseMarkdown(text, frontMatter), text), chunks: [{ offset: 0, line: 1, length: text.length }] };
  }
  const cache = options.cache ?? new ChunkCache();
  const candidates = cutCandidates(lines);
  const pieces: Piece[] = [];

  // The cache key is the text alone: the line of the cut and whether front matter is on follow from it.
  const parsePiece = (piece: Piece, seed?: Seed): ChunkResult => {
    const { source, lookahead } = piece;
    const seedKey = seed ? `${seed.definitions.join('\u0001')}\u0002${seed.footnotes.join('\u0001')}` : '';
    const key = `${source.length}\u0000${seedKey}\u0000${source}${lookahead}`;
    let result = cache.get(key);
    if (!result) {
      const tree = parseMarkdown(source + lookahead, frontMatter && piece.chunk.offset === 0, seed);
      const ok = lookahead === '' || tree.children.some((n) => n.type === 'heading' && n.position?.start.line === piece.cutLine && n.position.start.column === 1);
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
      const piece: Piece = { chunk: { offset: from, line: startLine + 1, length: source.length }, source, lookahead, cutLine: cut - startLine + 1, facts: emptyFacts() };
      const result = parsePiece(piece);
      if (!result.ok) continue;
      pieces.push({ ...piece, facts: result.facts });
      startLine = cut;
      done = true;
      break;
    }
    if (!done) {
      const source = text.slice(from);
      const piece: Piece = { chunk: { offset: from, line: startLine + 1, length: source.length }, source, lookahead: '', cutLine: 0, facts: emptyFacts() };
      pieces.push({ ...piece, facts: parsePiece(piece).facts });
      break;
    }
  }

  resolveDefinitionsAcrossChunks(pieces, parsePiece);
  const facts = emptyFacts();
  for (const piece of pieces) appendShifted(facts, piece.facts, piece.chunk);
  return { facts, chunks: pieces.map((p) => p.chunk) };
}

/** Re-parses, with the other chunks' definitions seeded, the chunks that may reference them. */
function resolveDefinitionsAcrossChunks(pieces: Piece[], parsePiece: (piece: Piece, seed?: Seed) => ChunkResult): void {
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
    piece.facts = parsePiece(piece, seed).facts;
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
