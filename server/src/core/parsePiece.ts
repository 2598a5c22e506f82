/**
 * The parse of one piece of a document, as a request and its answer: plain data, so it can be
 * answered on this thread (the CLI, tests: runToEnd) or by a worker thread (the language server's
 * parse pool) with the same code. A stepwise parse (parse.ts) yields batches of requests and is
 * resumed with their answers in the same order.
 */
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { complexityOf, TooComplex, type TooComplexAt } from './complexity.js';
import { emptyFacts, extractFacts } from './extract.js';
import type { Facts } from './model.js';
import { type Seed, seedDefinitionsExtension } from './seedDefinitions.js';

export interface PieceRequest {
  /** The piece's source followed by its lookahead (the heading line that starts the next piece, and one more). */
  text: string;
  /** Length of the source: facts stop there. */
  sourceLength: number;
  /** The piece opens the document and the document opens with front matter that closes. */
  frontMatter: boolean;
  /** Where the piece starts in the document (line 1-based), for messages. */
  at: { offset: number; line: number };
  /** Line (1-based, within `text`) of the heading the lookahead must yield at root level; 0 when there is no lookahead. */
  cutLine: number;
  /** Definitions of other pieces this one may reference. */
  seed?: Seed;
}

/** `ok`: the cut after the piece was proved (always true without lookahead); facts are relative to the piece. */
export type PieceAnswer = { ok: boolean; facts: Facts } | { tooComplex: TooComplexAt };

/** A stepwise parse: yields batches of requests, resumed with their answers; may throw TooComplex. */
export type ParseSteps<T> = Generator<PieceRequest[], T, PieceAnswer[]>;

const withFrontMatter = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();
const withoutFrontMatter = unified().use(remarkParse).use(remarkGfm).freeze();

export function answerRequest(request: PieceRequest): PieceAnswer {
  try {
    const { text, sourceLength, frontMatter, at, cutLine, seed } = request;
    const tree = guardedParse(text, frontMatter, at, seed);
    const ok =
      cutLine === 0 ||
      tree.children.some((n) => n.type === 'heading' && n.position?.start.line === cutLine && n.position.start.column === 1);
    return { ok, facts: ok ? stackGuarded(at, () => extractFacts(tree, text, sourceLength)) : emptyFacts() };
  } catch (error) {
    if (error instanceof TooComplex) return { tooComplex: error.at };
    throw error;
  }
}

/** Runs a stepwise parse to its end on this thread (the CLI, tests). */
export function runToEnd<T>(steps: ParseSteps<T>): T {
  let answers: PieceAnswer[] = [];
  for (;;) {
    const next = steps.next(answers);
    if (next.done) return next.value;
    answers = next.value.map(answerRequest);
  }
}

/**
 * The parse of a text that starts at `at` in the document, or TooComplex when it has a shape on which
 * micromark is super-linear (checked first, in linear time) or its parse overflows the stack.
 */
export function guardedParse(text: string, frontMatter: boolean, at: { offset: number; line: number }, seed?: Seed): Root {
  const complex = complexityOf(text, at.line, at.offset);
  if (complex) throw new TooComplex(complex);
  return stackGuarded(at, () => parseMarkdown(text, frontMatter, seed));
}

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

/** `work()`, with a stack overflow (nesting deeper than the pre-scan foresaw) turned into TooComplex. */
function stackGuarded<T>(at: { offset: number; line: number }, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new TooComplex({ reason: `nesting too deep to parse (${error.message}) in the section from line ${at.line}`, offset: at.offset });
  }
}
