/**
 * The property chunked parsing rests on: the facts (and the checklist built from them) of a chunked
 * parse equal those of one whole-document parse, for real documents, random ones and the edge
 * cases that could break a cut.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { parseChecklist } from '../../../server/src/core/checklist.ts';
import { ChunkCache, parseFacts, type ParseResult } from '../../../server/src/core/parse.ts';
import { firstDifference } from '../../support/diff.ts';
import { mutate, randomDocument, window } from '../../support/generate.ts';
import { baseSeed, Rng } from '../../support/prng.ts';
import { corpus, material, seedText } from '../../support/material.ts';

/**
 * Asserts chunked == whole for facts and checklist; returns the chunked parse. The chunked checklist
 * goes through the cache the chunked facts filled: cached chunks must give the same answer too.
 */
function assertChunkedEqualsWhole(text: string, label: string): ParseResult {
  const cache = new ChunkCache();
  const chunked = parseFacts(text, { cache });
  const whole = parseFacts(text, { chunked: false });
  if (!isDeepStrictEqual(chunked.facts, whole.facts)) {
    assert.fail(
      `${label}: chunked facts differ from whole-document facts (${chunked.chunks.length} chunks) at ${firstDifference(chunked.facts, whole.facts)}`,
    );
  }
  const a = parseChecklist(text, { cache });
  const b = parseChecklist(text, { chunked: false });
  if (!isDeepStrictEqual(a, b))
    assert.fail(`${label}: chunked checklist differs from whole-document checklist at ${firstDifference(a, b)}`);
  return chunked;
}

describe(`chunked parse equals whole parse: real documents (${material.kind} material)`, () => {
  for (const file of corpus) {
    test(path.basename(file), () => {
      assertChunkedEqualsWhole(readFileSync(file, 'utf8'), path.basename(file));
    });
  }
  test(`${material.seedName}, cut into more than one chunk, each cut at an ATX heading`, () => {
    const text = seedText;
    const { chunks } = assertChunkedEqualsWhole(text, 'seed');
    assert.ok(chunks.length > 1, `expected the seed in several chunks, got ${chunks.length}`);
    for (const chunk of chunks.slice(1)) assert.match(text.slice(chunk.offset, chunk.offset + 7), /^#{1,6} /);
    assert.equal(
      chunks.reduce((n, c) => n + c.length, 0),
      text.length,
      'chunks tile the document',
    );
  });
});

describe('chunked parse equals whole parse: random documents', () => {
  const seed = baseSeed(20240611);
  const batches = 6;
  const perBatch = 50;
  for (let batch = 0; batch < batches; batch++) {
    test(`documents ${batch * perBatch + 1}-${(batch + 1) * perBatch} (base seed ${seed}; replay with PREFLIGHT_SEED)`, () => {
      const failures: string[] = [];
      let multiChunk = 0;
      for (let i = batch * perBatch; i < (batch + 1) * perBatch; i++) {
        const text = randomDocument(new Rng(seed + i), { maxBlocks: 16 });
        try {
          if (assertChunkedEqualsWhole(text, `document ${seed + i}`).chunks.length > 1) multiChunk++;
        } catch (error) {
          failures.push(`${(error as Error).message}\n  document: ${JSON.stringify(text).slice(0, 400)}`);
        }
      }
      assert.deepEqual(failures, []);
      assert.ok(multiChunk > perBatch / 2, `only ${multiChunk} of ${perBatch} documents were cut at all: the generator lost its headings`);
    });
  }
});

describe('chunked parse equals whole parse: mutated real documents', () => {
  const sources = [...corpus.map((f) => readFileSync(f, 'utf8')), seedText];
  test('100 mutated pieces of up to 150 lines', () => {
    const seed = baseSeed(31337);
    const failures: string[] = [];
    for (let i = 0; i < 100; i++) {
      const rng = new Rng(seed + i);
      const text = mutate(rng, window(rng, rng.pick(sources), 150));
      try {
        assertChunkedEqualsWhole(text, `mutated document ${seed + i}`);
      } catch (error) {
        failures.push(`${(error as Error).message}\n  document: ${JSON.stringify(text).slice(0, 400)}`);
      }
    }
    assert.deepEqual(failures, []);
  });
});

describe('chunked parse equals whole parse: edge cases', () => {
  /** `check` runs on both the chunked and the whole parse; `minChunks` on the chunked one. */
  const cases: { name: string; text: string; minChunks?: number; check?: (r: ParseResult, text: string) => void }[] = [
    {
      name: 'a fence containing `## ` and `# ` lines',
      text: '# Title\n\n## Steps\n\n```bash\n## not a heading\n# comment\n- [ ] not a task\n```\n\n~~~\n# also not\n~~~\n\n## After\n\n- [ ] real\n',
      check: (r) => {
        assert.deepEqual(
          r.facts.headings.map((h) => h.title),
          ['Title', 'Steps', 'After'],
        );
        assert.equal(r.facts.items.length, 1);
      },
      minChunks: 3,
    },
    {
      name: 'an unclosed fence swallows the headings after it',
      text: '# A\n\n````\n# inside\n```\n## still inside\n- [ ] no\n',
      check: (r) =>
        assert.deepEqual(
          r.facts.headings.map((h) => h.title),
          ['A'],
        ),
    },
    {
      name: 'a fence in a list item, a heading right after it',
      text: '# A\n- [ ] step\n  ```\n  # in code\n  ```\n# B\n- [x] next\n',
      check: (r) =>
        assert.deepEqual(
          r.facts.headings.map((h) => h.title),
          ['A', 'B'],
        ),
    },
    {
      name: 'setext headings, and `---` under a paragraph',
      text: 'Title\n=====\n\n- [ ] a\n\nPhase one\n---------\n\n# B\nsome text\n---\n- [ ] b\n',
      check: (r) => {
        assert.deepEqual(
          r.facts.headings.map((h) => [h.title, h.setext]),
          [
            ['Title', true],
            ['Phase one', true],
            ['B', false],
            ['some text', true],
          ],
        );
      },
    },
    {
      name: 'HTML blocks and comments holding headings and tasks',
      text: '# A\n<!--\n# hidden\n- [ ] hidden\n-->\n<div>\n# in div\n</div>\n\n<details>\n\n- [ ] in details\n\n</details>\n\n# B\n<!-- - [ ] inline comment -->\n- [ ] visible\n',
      check: (r) => {
        assert.deepEqual(
          r.facts.headings.map((h) => h.title),
          ['A', 'B'],
        );
        assert.deepEqual(
          r.facts.items.map((i) => i.text),
          ['in details', 'visible'],
        );
      },
    },
    {
      name: 'an unclosed HTML comment swallows the rest',
      text: '# A\n- [ ] a\n<!--\n# B\n- [ ] b\n',
      check: (r) => assert.equal(r.facts.items.length, 1),
    },
    {
      name: 'reference links whose definitions are in other chunks',
      text: '# A\n\n- [ ] ask [Name] about [the runbook][rb]\n\n## B\n\n[name]: https://example.com/people\n\n## C\n\n[rb]: https://example.com/rb\n',
      minChunks: 3,
      check: (r) => {
        assert.deepEqual(r.facts.placeholders, [], '[Name] is a link, not a placeholder');
        assert.equal(r.facts.items[0].text, 'ask Name about the runbook');
      },
    },
    {
      name: 'an image reference is the first bracket of its chunk',
      text: '# A\n\n[logo]: /logo.png\n\n## See ![Logo] first, then [x]\n',
      check: (r) => assert.equal(r.facts.headings[1].title, 'See Logo first, then [x]'),
    },
    {
      name: 'a reference label wrapped inside a blockquote',
      text: '# A\n\n> - [ ] see [the\n> runbook] now\n\n# B\n\n[the runbook]: /rb\n',
      check: (r) => assert.equal(r.facts.items[0].text, 'see the\nrunbook now'),
    },
    {
      name: 'labels that change under case folding (ẞ, İ)',
      text: '# A\n\n- [ ] see [Straẞe] and [İd]\n\n# B\n\n[straẞe]: /s\n[İd]: /i\n',
      check: (r) => assert.equal(r.facts.items[0].text, 'see Straẞe and İd'),
    },
    {
      name: 'footnotes whose definitions are in other chunks',
      text: '# A\n\n- [ ] rotate keys[^1]\n- [ ] not a note [^missing]\n\n# Notes\n\n[^1]: Every quarter.\n',
      check: (r) =>
        assert.deepEqual(
          r.facts.items.map((i) => i.text),
          ['rotate keys', 'not a note [^missing]'],
        ),
    },
    {
      name: 'CRLF line endings',
      text: '# A\r\n\r\n- [ ] one\r\n- [x] two\r\n\r\n## B\r\n\r\n```\r\n# code\r\n```\r\n- [ ] three\r\n',
      minChunks: 2,
      check: (r) => assert.equal(r.facts.items.length, 3),
    },
    {
      name: 'lone CR line endings',
      text: '# A\r\r- [ ] one\r## B\r- [x] two\r',
      check: (r) =>
        assert.deepEqual(
          r.facts.items.map((i) => [i.text, i.range.start.line]),
          [
            ['one', 3],
            ['two', 5],
          ],
        ),
    },
    {
      name: 'front matter with `# comment` lines',
      text: '---\ntitle: Deploy\n# a yaml comment\n## another\n---\n# Title\n\n- [ ] a\n\n## Phase\n- [ ] b\n',
      check: (r) => {
        assert.ok(r.facts.frontMatter?.raw.includes('# a yaml comment'));
        assert.deepEqual(
          r.facts.headings.map((h) => h.title),
          ['Title', 'Phase'],
        );
      },
    },
    {
      name: 'an unclosed opening `---` is a thematic break, and the lists after it stay lists',
      text: '---\ntitle: x\n# comment\n\n- [ ] a\n- [x] b\n\n## Phase\n\n- [ ] c\n',
      check: (r) => {
        assert.equal(r.facts.frontMatter, undefined);
        assert.equal(r.facts.items.length, 3);
      },
    },
    {
      name: 'a byte order mark before front matter',
      text: '\uFEFF---\ntitle: x\n# comment\nmore: y\n---\n# A\n- [ ] a\n# B\n- [ ] b\n',
      check: (r, text) => {
        assert.ok(r.facts.frontMatter);
        assert.deepEqual(
          r.facts.items.map((i) => text.slice(i.box.start.offset, i.box.end.offset)),
          ['[ ]', '[ ]'],
        );
      },
      minChunks: 3,
    },
    {
      name: 'headings directly after list items, paragraphs and lazy lines',
      text: '# A\n- [ ] a\nlazy line\n# B\nparagraph\n# C\n> - [ ] quoted\nlazy\n## D\n1. [x] one\n## E\n',
      check: (r) => assert.equal(r.facts.headings.length, 5),
    },
    {
      name: 'indented code and tabs',
      text: '# A\n\n    # indented code\n\t# tab code\n\n-\t[ ] tab after marker\n\t- [ ] nested by tab\n# B\n',
      check: (r) =>
        assert.deepEqual(
          r.facts.headings.map((h) => h.title),
          ['A', 'B'],
        ),
    },
    {
      name: 'tables with `[ ]` cells',
      text: '# A\n\n| Step | Done |\n|---|---|\n| one | [ ] |\n| two | [x] |\n# B\n| x |\n|---|\n| [ ] |\n',
      check: (r) =>
        assert.deepEqual(
          r.facts.tableChecks.map((c) => c.checked),
          [false, true, false],
        ),
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const r = assertChunkedEqualsWhole(c.text, c.name);
      if (c.minChunks) assert.ok(r.chunks.length >= c.minChunks, `${r.chunks.length} chunks, expected at least ${c.minChunks}`);
      c.check?.(r, c.text);
      c.check?.(parseFacts(c.text, { chunked: false }), c.text);
    });
  }
});

/** Counts the chunk parses that miss the cache (every miss is followed by one `set`). */
class CountingCache extends ChunkCache {
  misses = 0;
  override set(key: string, value: Parameters<ChunkCache['set']>[1]): void {
    this.misses++;
    super.set(key, value);
  }
}

describe('ChunkCache: a re-parse after an edit parses only the touched chunks', () => {
  const text = seedText;
  const edit = (source: string, find: string, replace: string) => {
    assert.ok(source.includes(find), `${material.seedName} no longer contains ${JSON.stringify(find)}`);
    return source.replace(find, replace);
  };

  test('an edit inside one chunk misses once', () => {
    const cache = new CountingCache();
    const first = parseFacts(text, { cache });
    assert.ok(first.chunks.length > 1);
    assert.ok(cache.misses >= first.chunks.length);

    cache.misses = 0;
    parseFacts(text, { cache });
    assert.equal(cache.misses, 0, 'the same text again: nothing re-parsed');

    const edited = edit(text, '- [ ] Deprecated code removed', '- [x] Deprecated code removed');
    const again = parseFacts(edited, { cache });
    assert.equal(cache.misses, 1, `one-line edit re-parsed ${cache.misses} chunks of ${again.chunks.length}`);
    assert.deepEqual(again.facts, parseFacts(edited, { chunked: false }).facts, 'and the result is still right');
    assert.equal(again.facts.items.filter((i) => i.checked).length, 1);
  });

  test('editing a heading touches its chunk and the lookahead of the one before', () => {
    const cache = new CountingCache();
    parseFacts(text, { cache });
    cache.misses = 0;
    const edited = edit(text, '### Testing\n', '### Testing and QA\n');
    const again = parseFacts(edited, { cache });
    assert.ok(cache.misses >= 1 && cache.misses <= 2, `heading edit re-parsed ${cache.misses} chunks of ${again.chunks.length}`);
    assert.deepEqual(again.facts, parseFacts(edited, { chunked: false }).facts);
  });

  test('a result shares no objects with the cache: changing it does not change the next parse', () => {
    const doc = '# A\n- [ ] first `npm run test`\n# B\n- [ ] second\n';
    const cache = new ChunkCache();
    const first = parseFacts(doc, { cache });
    for (const item of first.facts.items) {
      item.text = 'changed';
      item.range.start.line = 99;
      item.commands.length = 0;
    }
    first.facts.headings.length = 0;
    assert.deepEqual(parseFacts(doc, { cache }), parseFacts(doc));
  });

  test('a parse through the cache equals a parse without it, after many edits', () => {
    const cache = new CountingCache(64);
    const rng = new Rng(baseSeed(7));
    let doc = text;
    for (let i = 0; i < 15; i++) {
      const lines = doc.split('\n');
      const at = rng.int(0, lines.length - 1);
      lines[at] = rng.pick([`- [ ] added ${i}`, `## Added ${i}`, lines[at].replace('[ ]', '[x]'), '', '```']);
      doc = lines.join('\n');
      const cached = parseFacts(doc, { cache });
      const fresh = parseFacts(doc);
      assert.deepEqual(cached, fresh, `after edit ${i} at line ${at + 1}`);
    }
  });
});
