/**
 * Text -> facts, whole or in chunks (the parse of one piece: parsePiece.ts).
 *
 * Chunked parsing cuts the document at ATX headings (chunks.ts) and parses each piece on its own.
 * A cut is kept only when the parse of the piece before it, plus the heading line and one more
 * line of lookahead, yields that heading as a root-level node: then nothing before it is still
 * open, and what follows parses as it would in the whole document. Definitions are then resolved
 * document-wide. Results are cached by content, so a re-parse after an edit costs only the
 * chunks the edit touched.
 */
import { cutCandidates, frontMatterEnd } from './chunks.js';
import { TooComplex } from './complexity.js';
import { emptyFacts } from './extract.js';
import { splitLines } from './lines.js';
import type { Facts, Point } from './model.js';
import { answerRequest, type ParseSteps, type PieceAnswer, type PieceRequest, runToEnd } from './parsePiece.js';
import { shiftFacts } from './shift.js';
import { lastAtOrBefore } from './sorted.js';
import type { Seed } from './seedDefinitions.js';

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

  /** Keeps the answer to a piece's parse request (a too-complex answer is not kept: it is found again cheaply). */
  remember(request: PieceRequest, answer: PieceAnswer): void {
    if (!('tooComplex' in answer)) this.set(keyOf(request), answer);
  }
}

export interface Chunk {
  /** Offset and line (1-based) where the chunk starts. */
  offset: number;
  line: number;
  length: number;
}

/** A chunk and its text: the same string object for as long as the chunk is unchanged, so a cheap map key. */
export interface ChunkText extends Chunk {
  text: string;
}

/** A chunk's text, the lookahead that proves its cut, and its facts. */
interface Piece {
  chunk: Chunk;
  source: string;
  lookahead: string;
  /** Line (1-based, within source + lookahead) of the heading that starts the next chunk; 0 for the last. */
  cutLine: number;
  /** Facts relative to the chunk start, as parsed alone (shared with the cache: never changed). */
  plain: Facts;
  /** `plain`, or the facts of a parse seeded with the definitions of the other chunks. */
  facts: Facts;
  /** `facts` moved to document positions, made when first needed (and again when either changes). */
  absolute?: { at: Chunk; of: Facts; facts: Facts };
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
    const frontMatter = frontMatterEnd(splitLines(text)) > 0;
    const answer = answerRequest({ text, sourceLength: text.length, frontMatter, at: { offset: 0, line: 1 }, cutLine: 0 });
    if ('tooComplex' in answer) throw new TooComplex(answer.tooComplex);
    return { facts: answer.facts, chunks: [{ offset: 0, line: 1, length: text.length }] };
  }
  const parsed = runToEnd(ParsedText.open(text, options.cache));
  return { facts: parsed.facts(), chunks: parsed.chunks() };
}

/** An edit that only rewrites the state character of task boxes: `[ ]` <-> `[x]`. */
export interface BoxEdit {
  /** Offset of the `[`. */
  offset: number;
  /** The new state character. */
  mark: ' ' | 'x' | 'X';
}

/**
 * A text parsed in chunks that can follow edits: an edit re-parses only the chunks it touches (and
 * their neighbour whose cut it must re-prove), a box toggle re-parses nothing. The parse is a
 * generator that yields its chunks' parse requests (parsePiece.ts) in batches: the pieces the cut
 * candidates propose all at once (a pool parses them in parallel), then one at a time where a cut
 * fails to hold. A server answers them off its request loop and drops stale work between batches;
 * state changes only when a generator runs to its end.
 */
export class ParsedText {
  private constructor(
    readonly text: string,
    private pieces: Piece[],
    private readonly cache: ChunkCache,
    /** Lines of front matter, fences included; 0 without any. */
    private readonly frontMatterLines: number,
  ) {}

  static *open(text: string, cache = new ChunkCache()): ParseSteps<ParsedText> {
    // Only the first chunk can hold front matter: every other one starts with a heading.
    const frontMatterLines = frontMatterLinesOf(text);
    const frontMatter = frontMatterLines > 0;
    const pieces = (yield* chunkRegion(text, 0, text.length, cache, frontMatter))!;
    yield* resolveDefinitionsAcrossChunks(pieces, cache, frontMatter);
    return new ParsedText(text, pieces, cache, frontMatterLines);
  }

  /** The parse of `text`, re-using every chunk outside the part that differs from this one's text. */
  *update(text: string): ParseSteps<ParsedText> {
    const old = this.text;
    if (text === old) return this;
    // Front matter that appears, goes or closes on another line moves the first cut, which may lie past the
    // chunks the change touches (a deleted closing `---` takes headings below into it): cut again from the start.
    const frontMatterLines = frontMatterLinesOf(text);
    if (frontMatterLines !== this.frontMatterLines) return yield* ParsedText.open(text, this.cache);
    const frontMatter = frontMatterLines > 0;
    const { prefix, oldEnd, newEnd } = changedSpan(old, text);
    const delta = newEnd - oldEnd;
    const lineDelta = countLines(text, prefix, newEnd) - countLines(old, prefix, oldEnd);
    const pieces = this.pieces;
    // The first chunk to redo: the one holding the change, or the one before when the change is in
    // the first two lines of its chunk (the previous cut's proof read them).
    let first = lastChunkAtOrBefore(pieces, prefix);
    if (first > 0 && prefix <= pieces[first].chunk.offset + twoLines(old, pieces[first].chunk.offset).length) first--;
    let end = lastChunkAtOrBefore(pieces, Math.max(prefix, oldEnd - 1)) + 1;
    for (;;) {
      const from = pieces[first].chunk.offset;
      const to = end < pieces.length ? pieces[end].chunk.offset + delta : text.length;
      const redone = yield* chunkRegion(text, from, to, this.cache, frontMatter, pieces[first].chunk.line);
      if (redone) {
        const after = pieces.slice(end).map((p) => moved(p, delta, lineDelta));
        const next = [...pieces.slice(0, first), ...redone, ...after];
        yield* resolveDefinitionsAcrossChunks(next, this.cache, frontMatter);
        return new ParsedText(text, next, this.cache, frontMatterLines);
      }
      // The cut after the region no longer holds (a fence opened, say): take in the next chunk too.
      end++;
    }
  }

  /**
   * The parse after rewriting box states in place: no parsing, the facts of the chunks holding the
   * boxes are copied with the new states and cached under their new text. Undefined when an offset is
   * not a task item's box of this text (a table cell's tick changes its row's text too: re-parse it).
   */
  toggle(edits: readonly BoxEdit[]): ParsedText | undefined {
    let text = this.text;
    const pieces = [...this.pieces];
    for (const edit of edits) {
      const index = lastChunkAtOrBefore(pieces, edit.offset);
      const piece = pieces[index];
      const local = edit.offset - piece.chunk.offset;
      const hit = (box: { start: Point }) => box.start.offset === local;
      if (!piece.facts.items.some((i) => hit(i.box))) return undefined;
      const { mark } = edit;
      // Read from the chunk, not the document: after earlier toggles the document is a rope that a read would flatten.
      if (piece.source[local + 1] === mark) continue;
      text = text.slice(0, edit.offset + 1) + mark + text.slice(edit.offset + 2);
      const checked = mark !== ' ';
      const patch = (facts: Facts): Facts => ({ ...facts, items: facts.items.map((x) => (hit(x.box) ? { ...x, checked } : x)) });
      const source = piece.source.slice(0, local + 1) + mark + piece.source.slice(local + 2);
      const plain = patch(piece.plain);
      const updated: Piece = { ...piece, source, plain, facts: piece.facts === piece.plain ? plain : patch(piece.facts) };
      this.cache.set(keyOf({ text: updated.source + updated.lookahead, sourceLength: updated.source.length }), { ok: true, facts: plain });
      pieces[index] = updated;
      // The previous chunk's lookahead may hold the box: its facts stay, its key changes.
      const before = pieces[index - 1];
      if (before && before.chunk.offset + before.source.length + before.lookahead.length > edit.offset) {
        const at = edit.offset - before.chunk.offset - before.source.length;
        const lookahead = before.lookahead.slice(0, at + 1) + mark + before.lookahead.slice(at + 2);
        pieces[index - 1] = { ...before, lookahead };
        this.cache.set(keyOf({ text: before.source + lookahead, sourceLength: before.source.length }), { ok: true, facts: before.plain });
      }
    }
    return new ParsedText(text, pieces, this.cache, this.frontMatterLines);
  }

  /** The character at `offset`, read from its chunk (cheap even while the text is a rope of edits). */
  charAt(offset: number): string {
    const piece = this.pieces[lastChunkAtOrBefore(this.pieces, offset)];
    return piece.source[offset - piece.chunk.offset] ?? '';
  }

  facts(): Facts {
    const facts = emptyFacts();
    for (const piece of this.pieces) {
      const { chunk } = piece;
      let { absolute } = piece;
      if (!absolute || absolute.of !== piece.facts || absolute.at.offset !== chunk.offset || absolute.at.line !== chunk.line) {
        absolute = piece.absolute = { at: { ...chunk }, of: piece.facts, facts: shiftFacts(piece.facts, chunk.line - 1, chunk.offset) };
      }
      appendFacts(facts, absolute.facts);
    }
    return facts;
  }

  chunks(): ChunkText[] {
    return this.pieces.map(({ chunk, source }) => ({ offset: chunk.offset, line: chunk.line, length: chunk.length, text: source }));
  }
}

function frontMatterLinesOf(text: string): number {
  return text.startsWith('---') || text.startsWith('\uFEFF---') ? frontMatterEnd(splitLines(text)) : 0;
}

/** A piece's cache key: its text, where its source ends, and its seed. */
function keyOf(request: Pick<PieceRequest, 'text' | 'sourceLength' | 'seed'>): string {
  return `${request.sourceLength}\u0000${seedKey(request.seed)}\u0000${request.text}`;
}

function seedKey(seed: Seed | undefined): string {
  return seed ? `${seed.definitions.join('\u0001')}\u0002${seed.footnotes.join('\u0001')}` : '';
}

type PieceText = Omit<Piece, 'plain' | 'facts'>;

function requestFor(piece: PieceText, frontMatter: boolean, seed?: Seed): PieceRequest {
  const { chunk, source, lookahead, cutLine } = piece;
  return {
    text: source + lookahead,
    sourceLength: source.length,
    frontMatter: frontMatter && chunk.offset === 0,
    at: { offset: chunk.offset, line: chunk.line },
    cutLine: lookahead === '' ? 0 : cutLine,
    ...(seed ? { seed } : {}),
  };
}

/**
 * Parses every piece of `wanted` not in the cache, in one batch, and caches the answers. A piece too
 * complex to parse is left out: whoever needs it asks again (parsePiece) and gets the TooComplex.
 */
function* parseAll(wanted: readonly { piece: PieceText; seed?: Seed }[], cache: ChunkCache, frontMatter: boolean): ParseSteps<void> {
  const missing = wanted
    .map(({ piece, seed }) => requestFor(piece, frontMatter, seed))
    .filter((request) => cache.get(keyOf(request)) === undefined);
  if (missing.length === 0) return;
  const answers = yield missing;
  missing.forEach((request, i) => cache.remember(request, answers[i]));
}

/** The parse of one piece, from the cache when its text (and seed) were seen before. */
function* parsePiece(piece: PieceText, cache: ChunkCache, frontMatter: boolean, seed?: Seed): ParseSteps<ChunkResult> {
  const request = requestFor(piece, frontMatter, seed);
  const cached = cache.get(keyOf(request));
  if (cached) return cached;
  const [answer] = yield [request];
  if ('tooComplex' in answer) throw new TooComplex(answer.tooComplex);
  cache.remember(request, answer);
  return answer;
}

/** The piece from `start` to `end` (exclusive; the end of the text when undefined). */
function pieceBetween(text: string, start: { offset: number; line: number }, end: { offset: number; line: number } | undefined): PieceText {
  const source = text.slice(start.offset, end?.offset ?? text.length);
  const chunk = { offset: start.offset, line: start.line, length: source.length };
  return end
    ? { chunk, source, lookahead: twoLines(text, end.offset), cutLine: end.line - start.line + 1 }
    : { chunk, source, lookahead: '', cutLine: 0 };
}

/**
 * Chunks covering [from, to) of `text`, the last one ending exactly at `to` with its cut proved;
 * undefined when no proved cut reaches `to` (the caller then widens the region). `line` is the line of `from`.
 */
function* chunkRegion(
  text: string,
  from: number,
  to: number,
  cache: ChunkCache,
  frontMatter: boolean,
  line = 1,
): ParseSteps<Piece[] | undefined> {
  const region = splitLines(text.slice(from, to));
  // Lines are relative to the region; cutCandidates skips front matter only at the document start.
  const candidates = (from === 0 ? cutCandidates(region) : cutCandidates(region).filter((i) => i > 0)).map((i) => ({
    offset: from + region[i].start,
    line: line + i,
  }));
  // A cut at `to` must still start a line: an edit that joins a line onto the heading there (`### Se` + `## Only`)
  // leaves no cut at `to`, and the caller widens the region.
  if (to < text.length && startsLine(text, to)) candidates.push({ offset: to, line: line + region.length - 1 });
  const cuts = candidates.filter((c) => c.offset > from);
  // Every cut usually holds: parse the pieces between candidates together, then prove the cuts in order.
  const starts = [{ offset: from, line }, ...cuts];
  const guesses = starts.map((start, i) => pieceBetween(text, start, cuts[i]));
  yield* parseAll(
    (to < text.length ? guesses.slice(0, cuts.length) : guesses).map((piece) => ({ piece })),
    cache,
    frontMatter,
  );
  const pieces: Piece[] = [];
  let start = { offset: from, line };
  for (const cut of cuts) {
    if (cut.offset <= start.offset) continue;
    const piece = pieceBetween(text, start, cut);
    const result = yield* parsePiece(piece, cache, frontMatter);
    if (!result.ok) continue;
    pieces.push({ ...piece, plain: result.facts, facts: result.facts });
    start = cut;
  }
  if (start.offset === to && to < text.length) return pieces;
  if (to < text.length) return undefined;
  const piece = pieceBetween(text, start, undefined);
  const result = yield* parsePiece(piece, cache, frontMatter);
  pieces.push({ ...piece, plain: result.facts, facts: result.facts });
  return pieces;
}

function startsLine(text: string, offset: number): boolean {
  const before = text[offset - 1];
  return offset === 0 || before === '\n' || (before === '\r' && text[offset] !== '\n');
}

/** The heading line at `offset` and the line after it: enough to prove a cut. */
function twoLines(text: string, offset: number): string {
  const eol = /\r\n|\r|\n/g;
  eol.lastIndex = offset;
  let end = text.length;
  for (let n = 0; n < 2; n++) {
    const m = eol.exec(text);
    if (!m) {
      end = text.length;
      break;
    }
    end = m.index + m[0].length;
  }
  return text.slice(offset, end);
}

/** Common prefix and suffix of two texts: the change is [prefix, oldEnd) -> [prefix, newEnd). */
function changedSpan(a: string, b: string): { prefix: number; oldEnd: number; newEnd: number } {
  const max = Math.min(a.length, b.length);
  // Whole blocks first, then characters: comparing two slices runs natively, several times faster per
  // character than a loop (a loop over a 1.5 MB text took ~5 ms).
  const block = 1024;
  let prefix = 0;
  while (prefix + block <= max && a.slice(prefix, prefix + block) === b.slice(prefix, prefix + block)) prefix += block;
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  // A CRLF must not be split between the prefix and the change: back off to the CR.
  if (prefix > 0 && a.charCodeAt(prefix - 1) === 13) prefix--;
  let suffix = 0;
  while (
    suffix + block <= max - prefix &&
    a.slice(a.length - suffix - block, a.length - suffix) === b.slice(b.length - suffix - block, b.length - suffix)
  )
    suffix += block;
  while (suffix < max - prefix && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  return { prefix, oldEnd: a.length - suffix, newEnd: b.length - suffix };
}

/** Line endings in [from, to). */
function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

function lastChunkAtOrBefore(pieces: readonly Piece[], offset: number): number {
  return Math.max(
    0,
    lastAtOrBefore(pieces, offset, (p) => p.chunk.offset),
  );
}

function moved(piece: Piece, delta: number, lineDelta: number): Piece {
  return { ...piece, chunk: { ...piece.chunk, offset: piece.chunk.offset + delta, line: piece.chunk.line + lineDelta } };
}

/**
 * Gives every chunk that mentions a definition of another chunk the parse seeded with those
 * definitions, and every other chunk its plain parse (a definition may have gone since).
 */
function* resolveDefinitionsAcrossChunks(pieces: Piece[], cache: ChunkCache, frontMatter: boolean): ParseSteps<void> {
  const definitions = new Set(pieces.flatMap((p) => p.plain.definitions));
  const footnotes = new Set(pieces.flatMap((p) => p.plain.footnotes));
  const seeds = pieces.map((piece) => (pieces.length > 1 ? seedFor(piece, definitions, footnotes) : undefined));
  yield* parseAll(
    pieces.flatMap((piece, i) => (seeds[i] ? [{ piece, seed: seeds[i] }] : [])),
    cache,
    frontMatter,
  );
  for (let i = 0; i < pieces.length; i++) {
    const seed = seeds[i];
    const wanted = seed ? (yield* parsePiece(pieces[i], cache, frontMatter, seed)).facts : pieces[i].plain;
    if (wanted !== pieces[i].facts) pieces[i] = { ...pieces[i], facts: wanted };
  }
}

/** The other chunks' definitions that this chunk may reference, or undefined when it needs none. */
function seedFor(piece: Piece, definitions: Set<string>, footnotes: Set<string>): Seed | undefined {
  if (definitions.size === 0 && footnotes.size === 0) return undefined;
  const own = new Set([...piece.plain.definitions, ...piece.plain.footnotes.map((f) => `^${f}`)]);
  const foreign = (ids: Set<string>, prefix: string) => [...ids].filter((id) => !own.has(prefix + id)).sort();
  const seed = { definitions: foreign(definitions, ''), footnotes: foreign(footnotes, '^') };
  if (seed.definitions.length + seed.footnotes.length === 0 || !piece.source.includes('[')) return undefined;
  // Ids are normalised as micromark does (lower then upper case, so `ẞ` is `SS`); whitespace and `>` go,
  // because a label may wrap onto a blockquote line. Seeding a chunk needlessly only costs a re-parse.
  const fold = (s: string) =>
    s
      .toLowerCase()
      .toUpperCase()
      .replace(/[\s>]+/g, '');
  const haystack = fold(piece.source);
  const mentioned = (id: string) => haystack.includes(fold(id));
  return seed.definitions.some(mentioned) || seed.footnotes.some(mentioned) ? seed : undefined;
}

function appendFacts(into: Facts, facts: Facts): void {
  into.headings.push(...facts.headings);
  into.items.push(...facts.items);
  into.code.push(...facts.code);
  into.tables.push(...facts.tables);
  into.tableChecks.push(...facts.tableChecks);
  into.placeholders.push(...facts.placeholders);
  into.fields.push(...facts.fields);
  into.definitions.push(...facts.definitions);
  into.footnotes.push(...facts.footnotes);
  if (facts.frontMatter) into.frontMatter = facts.frontMatter;
}
