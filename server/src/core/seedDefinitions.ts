/**
 * A micromark extension that makes link and footnote definitions from other chunks known to the
 * parse of one chunk, so `[label]` resolves as it would in a whole-document parse. micromark keeps
 * defined labels on its parser (`defined`, `gfmFootnotes`) and only reads them when inline text is
 * tokenized, after all flow content: seeding them at the first `[` or `]` is early enough (`]` too, because
 * an image reference `![a]` opens at `!`, so a chunk's first `[` may come after its first reference).
 */
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';

export interface Seed {
  definitions: readonly string[];
  footnotes: readonly string[];
}

interface SeededParser {
  defined: string[];
  gfmFootnotes?: string[];
}

export function seedDefinitionsExtension(seed: Seed): Extension {
  const seeded = new WeakSet<object>();
  const construct: Construct = {
    name: 'preflightSeedDefinitions',
    tokenize(this: TokenizeContext, _effects: Effects, _ok: State, nok: State): State {
      const parser = this.parser as unknown as SeededParser;
      if (!seeded.has(parser)) {
        seeded.add(parser);
        parser.defined.push(...seed.definitions);
        (parser.gfmFootnotes ??= []).push(...seed.footnotes);
      }
      return (code: Code) => nok(code);
    },
  };
  return { text: { 91: construct, 93: construct } };
}
