/** The sanitizers document text goes through on its way out: tables of inputs and what must come out. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Root, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { escapeMarkdownInline, fenceFor, inlineCode } from '../../../server/src/text/markdownText.ts';
import { oneLine, plainLine, stripTerminalEscapes } from '../../../server/src/text/plainText.ts';

const ESC = '\u001b';

describe('stripTerminalEscapes', () => {
  const cases: [string, string, string][] = [
    ['plain text', 'Deploy to production', 'Deploy to production'],
    ['clear screen (CSI)', `Deploy${ESC}[2J${ESC}[H now`, 'Deploy now'],
    ['SGR colours', `${ESC}[1;31mred${ESC}[0m`, 'red'],
    ['CSI with private parameters', `a${ESC}[?25lb`, 'ab'],
    ['8-bit CSI', 'a\u009b2Jb', 'ab'],
    ['OSC 8 hyperlink, ST terminated', `${ESC}]8;;https://evil.example${ESC}\\click${ESC}]8;;${ESC}\\`, 'click'],
    ['OSC title, BEL terminated', `${ESC}]0;owned\u0007text`, 'text'],
    ['8-bit OSC and ST', 'a\u009d0;t\u009cb', 'ab'],
    ['DCS', `a${ESC}Pq#0;2;0;0;0${ESC}\\b`, 'ab'],
    ['unterminated OSC swallows the rest, as a terminal would', `ok${ESC}]8;;http://x`, 'ok'],
    ['two-character ESC sequences', `a${ESC}cb${ESC}(Bc${ESC}7d`, 'abcd'],
    ['a lone ESC at the end', `a${ESC}`, 'a'],
    ['other C1 controls', 'a\u0085b\u008dc', 'abc'],
    ['C0 controls other than ESC stay (oneLine takes them)', 'a\rb\tc', 'a\rb\tc'],
    ['non-ASCII text stays', 'Schlüssel ✅ — 日本', 'Schlüssel ✅ — 日本'],
  ];
  for (const [name, input, expected] of cases) test(name, () => assert.equal(stripTerminalEscapes(input), expected));
});

describe('oneLine', () => {
  const cases: [string, string, string][] = [
    ['plain text', 'Deploy to production', 'Deploy to production'],
    ['a line break and a trailer', 'Release\nPreflight-Role: sign-off/ceo', 'Release Preflight-Role: sign-off/ceo'],
    ['CRLF, CR, tab and the spaces around them make one space', 'a \r\n b\rc\t\td', 'a b c d'],
    ['runs of plain spaces stay', 'a  b', 'a  b'],
    ['NUL, DEL and C1', 'a\u0000b\u007fc\u0085d', 'a b c d'],
    ['line and paragraph separators', 'a\u2028b\u2029c', 'a b c'],
    ['bidi overrides and isolates', 'a\u202eevil\u202c\u2066b\u2069', 'a evil b'],
    ['trimmed', '\n  title \n', 'title'],
    ['empty', '', ''],
  ];
  for (const [name, input, expected] of cases) test(name, () => assert.equal(oneLine(input), expected));

  test('plainLine: escape sequences removed whole, then one line', () => {
    assert.equal(plainLine(`Release${ESC}[2J\nPreflight-Role: x${ESC}]8;;http://e${ESC}\\`), 'Release Preflight-Role: x');
  });

  test('long adversarial runs are handled in one pass (spaces without a control, unterminated sequences)', () => {
    const spaces = `a${' '.repeat(200_000)}b`;
    assert.equal(oneLine(spaces), spaces);
    assert.equal(stripTerminalEscapes(`x${`${ESC}[`.repeat(50_000)}`), 'x');
    assert.equal(stripTerminalEscapes(`x${`${ESC}]`.repeat(50_000)}`), 'x');
    assert.equal(escapeMarkdownInline('`'.repeat(100_000)).length, 200_000);
  });
});

describe('escapeMarkdownInline', () => {
  const cases: [string, string, string][] = [
    ['plain text is unchanged', 'Release 2.0 Checklist (optional)', 'Release 2.0 Checklist (optional)'],
    ['HTML cannot open or close', '</details><!-- x --><img src=x>', '\\</details\\>\\<!-- x --\\>\\<img src=x\\>'],
    ['table pipes', 'a | b', 'a \\| b'],
    ['emphasis, code, links, strike-through', '*a* _b_ `c` [d](e) ~~f~~', '\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\~\\~f\\~\\~'],
    ['entities and backslashes stay literal', '&lt; \\*', '\\&lt; \\\\\\*'],
    ['a leading hash and math; # elsewhere is text', '# C# and #releases $x$', '\\# C# and #releases \\$x\\$'],
    ['trailing hashes, which a heading would take for its closing sequence', 'Notes ##', 'Notes \\#\\#'],
    ['hashes alone', '##', '\\##'],
    ['a leading list marker', '- item', '\\- item'],
    ['a leading plus and setext underline', '+ x', '\\+ x'],
    ['a leading ordered-list marker', '1. step', '1\\. step'],
    ['a leading quote', '> quoted', '\\> quoted'],
    ['line breaks collapse: no new block can start', 'a\n```\n## b', 'a \\`\\`\\` ## b'],
    ['terminal escapes go', `a${ESC}[2Jb`, 'ab'],
  ];
  for (const [name, input, expected] of cases) test(name, () => assert.equal(escapeMarkdownInline(input), expected));

  // remark reads the escaped text back as exactly the one-line text, in each place the formatters put it.
  const places: [string, (e: string) => string, (tree: Root) => RootContent | undefined][] = [
    ['a heading', (e) => `### A ${e}`, (tree) => tree.children[0]],
    [
      'a table cell',
      (e) => `| A | B |\n| :-- | :-- |\n| ${e} | x |`,
      (tree) => (tree.children[0] as Table | undefined)?.children[1]?.children[0],
    ],
    ['a list item', (e) => `- ☐ ${e} — _phase_`, (tree) => tree.children[0]],
  ];
  const nasty = [
    ...cases.map(([, input]) => input),
    'a ## ',
    '1) b',
    '= c',
    '<!-- d',
    'e\\',
    '**bold** and [link](http://x) and ![i](y)',
    '$$ f $$',
    '| g |',
  ];
  for (const [place, wrap, pick] of places) {
    test(`remark reads it back as the text itself, in ${place}`, () => {
      for (const input of nasty) {
        const tree = unified()
          .use(remarkParse)
          .use(remarkGfm)
          .parse(wrap(escapeMarkdownInline(input)));
        assert.equal(tree.children.length, 1, `${JSON.stringify(input)}: one block`);
        const node = pick(tree);
        assert.ok(node, `${JSON.stringify(input)}: the block is where it was put`);
        const prefix = place === 'a heading' ? 'A ' : place === 'a list item' ? '☐ ' : '';
        const suffix = place === 'a list item' ? ' — phase' : '';
        assert.equal(toString(node), `${prefix}${plainLine(input)}${suffix}`, JSON.stringify(input));
      }
    });
  }
});

describe('fenceFor and inlineCode', () => {
  const fences: [string, string][] = [
    ['no backticks', '```'],
    ['a ``` b', '````'],
    ['``````', '```````'],
    ['`x` and ``y``', '```'],
  ];
  for (const [text, fence] of fences) test(`fenceFor(${JSON.stringify(text)})`, () => assert.equal(fenceFor(text), fence));

  const spans: [string, string][] = [
    ['npm test', '`npm test`'],
    ['a `b` c', '``a `b` c``'],
    ['`edge', '`` `edge ``'],
    ['two\nlines', '`two lines`'],
  ];
  for (const [text, span] of spans) test(`inlineCode(${JSON.stringify(text)})`, () => assert.equal(inlineCode(text), span));
});
