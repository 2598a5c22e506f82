/**
 * The local rules' findings (rules with `checkSpan`), cached per chunk of the parse: an edit re-runs them
 * only on the chunks whose text changed. A chunk's findings are kept relative to the chunk's start, and
 * moved with it.
 *
 * A local rule's findings in a chunk depend on the chunk's text and facts only, given a little context
 * that the whole document decides. The context is checked here: the link and footnote definitions of the
 * document (they change a chunk's facts), and whether it is a template (placeholder messages); a change of
 * either empties the cache. Chunks that see more of the document are never cached: the first chunk (front
 * matter, text before any phase heading), the one holding the title heading (its placeholders are under no
 * phase, so a label before it counts), one that starts inside an HTML comment (masked up to its end), and one
 * holding a private key's BEGIN marker (its body is read up to the END marker, wherever that is).
 */
import type { CheckSpans } from './check.js';
import type { ChunkCache, ChunkText } from './parse.js';
import type { Checklist, Facts, Point, Range } from './model.js';
import type { Fix, Report, Rule, Severity } from './rules/defineRule.js';
import { insideComment } from './rules/support/source.js';
import { isTemplateChecklist } from './rules/unfilled-placeholder.js';

/** A finding as a rule reported it, positions relative to its chunk (line 1 is the chunk's first line). */
interface Reported {
  message: string;
  range: Range;
  severity?: Severity;
  fix?: Fix;
  line?: number;
}

/** Reported findings by chunk text, then by rule id. */
type ByChunk = Map<string, Map<string, Reported[]>>;

export class ChunkFindings {
  private context = '';
  private byChunk: ByChunk = new Map();

  /**
   * The local rules' findings of a checklist analysed from `chunks` (ParsedText.chunks) and `facts`: found
   * again only where this cache has no chunk of the same text. Holds the chunks of the latest analysis only.
   */
  spans(checklist: Checklist, chunks: readonly ChunkText[], facts: Pick<Facts, 'definitions' | 'footnotes'>): CheckSpans {
    const context = JSON.stringify([facts.definitions, facts.footnotes, isTemplateChecklist(checklist)]);
    const previous: ByChunk = context === this.context ? this.byChunk : new Map();
    const next: ByChunk = new Map();
    this.context = context;
    this.byChunk = next;
    const title = checklist.titleHeading?.range.start.offset ?? -1;
    // Each chunk's entry is looked up once here, not once per rule, by the parse's own string for the chunk's
    // text: while the chunk is unchanged it is the same object, whose hash is kept and which compares at once.
    // A chunk whose text the last analysis had takes over its entry (two chunks of one text share one).
    const entries = chunks.map(({ offset, length, text }) => {
      if (offset === 0 || (title >= offset && title < offset + length) || insideComment(checklist, offset)) return undefined;
      if (text.includes('-----BEGIN')) return undefined;
      let entry = next.get(text);
      if (!entry) next.set(text, (entry = previous.get(text) ?? new Map<string, Reported[]>()));
      return entry;
    });
    return {
      check(rule: Rule, report: Report): void {
        chunks.forEach((chunk, i) => {
          const entry = entries[i];
          const from = chunk.offset;
          const to = from + chunk.length;
          if (entry === undefined) {
            rule.checkSpan!(checklist, from, to, report);
            return;
          }
          let found = entry.get(rule.id);
          if (!found) {
            const relative: Reported[] = [];
            rule.checkSpan!(checklist, from, to, (f) => relative.push(moved(f, -(chunk.line - 1), -from)));
            entry.set(rule.id, (found = relative));
          }
          for (const f of found) report(moved(f, chunk.line - 1, from));
        });
      },
    };
  }
}

/** The findings cache that goes with a document's chunk cache (LiveChecklist hands the chunk cache on). */
const caches = new WeakMap<ChunkCache, ChunkFindings>();

export function chunkFindingsOf(cache: ChunkCache): ChunkFindings {
  let findings = caches.get(cache);
  if (!findings) caches.set(cache, (findings = new ChunkFindings()));
  return findings;
}

function moved(f: Reported, lines: number, offset: number): Reported {
  const point = (p: Point): Point => ({ line: p.line + lines, column: p.column, offset: p.offset + offset });
  const range = (r: Range): Range => ({ start: point(r.start), end: point(r.end) });
  return {
    message: f.message,
    range: range(f.range),
    ...(f.severity ? { severity: f.severity } : {}),
    ...(f.line === undefined ? {} : { line: f.line + lines }),
    ...(f.fix ? { fix: { title: f.fix.title, edits: f.fix.edits.map((e) => ({ range: range(e.range), newText: e.newText })) } } : {}),
  };
}
