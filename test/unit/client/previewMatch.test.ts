/**
 * The Markdown preview's line matching (client/src/preview/previewMatch.ts) and rendering (previewRender.ts)
 * over the corpus, the seed and generated checklists of test/support/material.ts. The outline comes from the
 * server's real code (parser → features/outline.ts); the tokens from markdown-it set up as VS Code's Markdown
 * extension sets it up (html, linkify, front matter as a token of its own). Every task markdown-it sees must
 * stand for exactly one outline item and every outline item must get its box; where markdown-it and GFM
 * (cmark-gfm, which the server matches) disagree the outline wins, and each such case is listed below.
 *
 * VS Code 1.100 bundles markdown-it 12.3; these tests run markdown-it 15. Lists, headings and tables (what is
 * matched here) parse alike in both on this material.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import MarkdownIt from 'markdown-it';
import { itemsOf, phasesOf } from '../../../client/src/checklists/walk.ts';
import { boxContext, parseBoxContext } from '../../../client/src/preview/boxContext.ts';
import { isTaskToken, matchOutline, outlineSignature, type MdToken } from '../../../client/src/preview/previewMatch.ts';
import { installPreviewMarks, type MarkdownItLike } from '../../../client/src/preview/previewRender.ts';
import { parseChecklist } from '../../../server/src/core/checklist.ts';
import { outline } from '../../../server/src/lsp/features/outline.ts';
import type { Outline, OutlinePhase } from '../../../server/src/protocol/protocol.ts';
import { realisticChecklist } from '../../support/generate.ts';
import { corpus, GENERATED, isExtended, material, seedPath } from '../../support/material.ts';
import { Rng } from '../../support/prng.ts';
import { withShellParser } from '../../support/shellParser.ts';

// The outline reads shell steps (ECS targets) with the bash parser.
withShellParser();

const uri = 'file:///work/checklist.md';
type StateBlock = InstanceType<typeof MarkdownIt.StateBlock>;

/**
 * VS Code's front matter rule (markdown-it-front-matter, registered before `fence`): `---` on the first line
 * up to the next `---` or `...` line becomes one hidden token, so the lines after it keep their numbers.
 */
function frontMatter(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (startLine !== 0 || !/^-{3,}[ \t]*$/.test(lineText(state, 0))) return false;
  if (silent) return true;
  let end = 1;
  while (end < endLine && !/^(?:-{3,}|\.{3})[ \t]*$/.test(lineText(state, end))) end++;
  const token = state.push('front_matter', '', 0);
  token.hidden = true;
  token.map = [startLine, Math.min(end + 1, endLine)];
  state.line = Math.min(end + 1, endLine);
  return true;
}

function lineText(state: StateBlock, line: number): string {
  return state.src.slice(state.bMarks[line] + state.tShift[line], state.eMarks[line]);
}

/** markdown-it with the options and the front matter rule of VS Code's Markdown extension. */
function vscodeMarkdownIt() {
  const md = new MarkdownIt({ html: true, linkify: true });
  md.block.ruler.before('fence', 'front_matter', frontMatter, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  return md;
}

interface Preview {
  outline: Outline;
  tokens: MdToken[];
  match: ReturnType<typeof matchOutline>;
  html: string;
}

function preview(text: string, transform: (o: Outline) => Outline = (o) => o): Preview {
  const o = transform(outline(parseChecklist(text), uri, 7));
  const md = vscodeMarkdownIt();
  const tokens = md.parse(text, {}) as unknown as MdToken[];
  const match = matchOutline(tokens, o);
  installPreviewMarks(md as unknown as MarkdownItLike, (env) =>
    (env as { currentDocument?: string }).currentDocument === uri ? o : undefined,
  );
  const html = md.render(text, { currentDocument: uri });
  return { outline: o, tokens, match, html };
}

const count = (html: string, pattern: RegExp) => (html.match(pattern) ?? []).length;
const itemLines = (items: { range: { start: { line: number } } }[]) => items.map((i) => i.range.start.line);

/** The progress badges of the rendered headings, in document order. */
function headingBadges(html: string): string[] {
  return [...html.matchAll(/<h[1-6][^>]*>.*?<\/h[1-6]>/gs)].flatMap((h) =>
    [...h[0].matchAll(/<span class="preflight-badge( preflight-complete)?" title="[^"]*">(\d+\/\d+)<\/span>/g)].map((m) => m[2]),
  );
}

/**
 * Documents where markdown-it and GFM disagree on a box, by file name: the lines (0-based) of markdown-it's
 * tasks the outline does not hold (rendered as plain text), and of outline items the preview cannot show.
 * None in the corpus, the seed or the generated checklists today, with markdown-it 15 and with VS Code's 12;
 * the inline cases below hold the ones known.
 */
const DIVERGENCES: Record<string, { tasksNotInOutline: number[]; itemsNotRendered: number[] }> = {};

const generated = isExtended
  ? GENERATED.map(({ seed, items }) => ({
      name: `generated-realistic-${seed}-${items}.md`,
      text: realisticChecklist(new Rng(seed), items),
    }))
  : []; // the own corpus holds them already
const documents = [...[...corpus, seedPath].map((file) => ({ name: path.basename(file), text: readFileSync(file, 'utf8') })), ...generated];

describe(`the preview matches the outline over the ${material.kind} corpus, ${material.seedName} and generated checklists`, () => {
  test('the material is there', () => {
    assert.ok(documents.length >= 10, `only ${documents.length} documents`);
    assert.ok(
      documents.some((d) => d.name === path.basename(seedPath)),
      'the seed',
    );
  });

  for (const { name, text } of documents) {
    test(name, () => {
      const { outline: o, tokens, match, html } = preview(text);
      const items = itemsOf(o);
      const expected = DIVERGENCES[name] ?? { tasksNotInOutline: [], itemsNotRendered: [] };
      assert.deepEqual(match.tasksNotInOutline, expected.tasksNotInOutline, 'markdown-it tasks the outline does not hold');
      assert.deepEqual(itemLines(match.itemsNotRendered), expected.itemsNotRendered, 'outline items without a box');

      // Every task token stands for exactly one item, on its line, and every item for at most one token.
      const tasks = tokens.flatMap((_, i) => (isTaskToken(tokens, i) ? [i] : []));
      assert.deepEqual(
        tasks.filter((i) => !match.items.has(i)).map((i) => tokens[i].map![0]),
        expected.tasksNotInOutline,
      );
      for (const [i, item] of match.items) assert.equal(tokens[i].map![0], item.range.start.line, `${item.id} on its line`);
      assert.equal(new Set(match.items.values()).size, match.items.size, 'no item is drawn twice');
      assert.equal(match.items.size + match.itemsNotRendered.length, items.length, 'every outline item is matched or listed');

      // What the HTML shows: a box per matched item and table check, ticked as the outline says.
      const drawn = [...match.items.values()];
      assert.equal(count(html, /<li class="[^"]*\btask-list-item\b/g), drawn.length, 'task list items');
      assert.equal(count(html, /<input type="checkbox" class="task-list-item-checkbox"/g), drawn.length + match.cells.size, 'checkboxes');
      assert.equal(
        count(html, /<input type="checkbox" class="task-list-item-checkbox" disabled checked/g),
        drawn.filter((i) => i.checked).length + [...match.cells.values()].filter((c) => c.checked).length,
        'ticked checkboxes',
      );
      assert.deepEqual(match.tableChecksNotRendered, [], 'every table check has its cell');
      assert.equal(match.cells.size, o.tableChecks.length);

      // One badge per phase with items, with the outline's own counts, in document order.
      const phases = [...phasesOf(o)].filter((p) => p.total > 0);
      assert.deepEqual(
        headingBadges(html),
        phases.map((p) => `${p.done}/${p.total}`),
      );
      assert.equal(count(html, /class="preflight-badge preflight-complete"/g), phases.filter((p) => p.done === p.total).length);
      assert.equal(count(html, /class="preflight-badge preflight-role/g), o.signOff.length, 'a badge per sign-off role');
    });
  }
});

describe('where markdown-it and GFM disagree, the outline wins', () => {
  test('a task in a footnote definition: GFM counts it, markdown-it (no footnotes in VS Code) shows the text', () => {
    const text = '# F\n\n## Steps\n\n- [ ] a\n\n[^1]: - [ ] in a footnote\n';
    const { match, html } = preview(text);
    assert.deepEqual(itemLines(match.itemsNotRendered), [6]);
    assert.deepEqual(match.tasksNotInOutline, []);
    assert.equal(count(html, /task-list-item-checkbox/g), 1);
    // The badge still shows the outline's count: the preview counts nothing itself.
    assert.deepEqual(headingBadges(html), ['0/2']);
  });

  test('`[x]` with a link definition `[x]: …`: GFM reads a ticked box, markdown-it a link; the box is drawn', () => {
    const text = '# L\n\n## Steps\n\n- [x] linked\n- [ ] plain\n\n[x]: https://example.com\n';
    const { match, html } = preview(text);
    assert.equal(match.items.size, 2);
    assert.match(html, /<input type="checkbox" class="task-list-item-checkbox" disabled checked> linked<\/span>/);
    assert.doesNotMatch(html, /<a href/);
  });

  test('an empty `- [ ]` is no task for either (GFM wants text after the marker)', () => {
    const { match, html } = preview('# E\n\n## Steps\n\n- [ ] real\n- [ ]\n- [x] \n');
    assert.equal(match.items.size, 1);
    assert.deepEqual(match.tasksNotInOutline, []);
    assert.match(html, /<li>\[ \]<\/li>/);
  });

  test('a task token the outline does not hold is rendered as markdown-it renders it', () => {
    const text = '# O\n\n## Steps\n\n- [ ] kept\n- [ ] dropped from the outline\n';
    const dropped = (o: Outline): Outline => {
      const without = (p: OutlinePhase): OutlinePhase => ({
        ...p,
        items: p.items.filter((i) => i.range.start.line !== 5),
        phases: p.phases.map(without),
      });
      return { ...o, phases: o.phases.map(without) };
    };
    const { match, html } = preview(text, dropped);
    assert.deepEqual(match.tasksNotInOutline, [5]);
    assert.match(html, /<li>\[ \] dropped from the outline<\/li>/);
    assert.equal(count(html, /task-list-item-checkbox/g), 1);
  });

  test('front matter is one token: a list in it is no task, and the lines after it match', () => {
    const text = '---\ntitle: x\nnotes:\n- [ ] not a task\n---\n\n# T\n\n## Steps\n\n- [ ] one\n';
    const { match } = preview(text);
    assert.deepEqual(match.tasksNotInOutline, []);
    assert.deepEqual(
      [...match.items.values()].map((i) => i.range.start.line),
      [10],
    );
  });
});

describe('what the preview writes into HTML', () => {
  test('document text is escaped in attributes and content', () => {
    const text = [
      '# T',
      '',
      '## Sign-off',
      '',
      '| Role | Name | Done |',
      '|---|---|---|',
      '| QA "Lead" <img src=x onerror=alert(1)> | a & b | [ ] |',
      '',
      '## Steps',
      '',
      '- [ ] item with "quotes" and <b>tags</b>',
      '',
    ].join('\n');
    const { html } = preview(text);
    // markdown-it renders the document's own HTML (VS Code's preview sanitizes it); what Preflight adds is text.
    assert.equal(count(html, /<img src=x/g), 1, 'the cell itself, nothing from the label or the role badge');
    assert.match(html, /aria-label="QA &#34;Lead&#34; &#60;img src=x onerror=alert\(1\)&#62; · a &#38; b"/);
    const context = /data-vscode-context="([^"]*)"/.exec(html)?.[1];
    assert.ok(context, 'a context on the box');
    assert.doesNotMatch(context, /["<>]/);
  });

  test('each box carries the context "Toggle Item" needs, and it reads back', () => {
    const { html, outline: o } = preview('# T\n\n## Steps\n\n- [x] done\n\n| When | Done |\n|---|---|\n| now | [ ] |\n');
    const contexts = [...html.matchAll(/data-vscode-context="([^"]*)"/g)].map((m) =>
      JSON.parse(m[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&')),
    );
    assert.deepEqual(contexts, [boxContext(uri, 7, { itemId: itemsOf(o)[0].id }), boxContext(uri, 7, { line: 8 })]);
    for (const c of contexts) assert.deepEqual(parseBoxContext(c), c);
    assert.match(html, /<li class="task-list-item preflight-checked"/);
  });

  test('without an outline for the document the rendering is markdown-it’s own', () => {
    const text = '# T\n\n## Steps\n\n- [ ] a\n';
    const md = vscodeMarkdownIt();
    const plain = md.render(text, {});
    installPreviewMarks(md as unknown as MarkdownItLike, () => undefined);
    assert.equal(md.render(text, { currentDocument: uri }), plain);
  });

  test('rendering leaves the tokens alone: VS Code caches them per document version', () => {
    const text = '# T\n\n## Steps\n\n- [ ] a\n';
    const o = outline(parseChecklist(text), uri, 1);
    const md = vscodeMarkdownIt();
    installPreviewMarks(md as unknown as MarkdownItLike, () => o);
    const tokens = md.parse(text, {});
    const before = JSON.stringify(tokens);
    const first = md.renderer.render(tokens, md.options, {});
    assert.equal(JSON.stringify(tokens), before);
    assert.equal(md.renderer.render(tokens, md.options, {}), first);
  });

  test('the signature changes with what a rendering shows', () => {
    const a = outline(parseChecklist('# T\n\n## S\n\n- [ ] a\n'), uri, 1);
    const b = outline(parseChecklist('# T\n\n## S\n\n- [x] a\n'), uri, 1);
    assert.notEqual(outlineSignature(a), outlineSignature(b));
    assert.equal(outlineSignature(a), outlineSignature(outline(parseChecklist('# T\n\n## S\n\n- [ ] a\n'), uri, 1)));
  });
});

describe('the context of a right-clicked box is checked before use', () => {
  const good = boxContext('file:///a.md', 3, { itemId: 'steps#a' });
  test('well-formed contexts pass', () => {
    assert.deepEqual(parseBoxContext(good), good);
    assert.deepEqual(parseBoxContext(boxContext('file:///a.md', 3, { line: 12 })), boxContext('file:///a.md', 3, { line: 12 }));
  });
  for (const [why, value] of [
    ['not an object', 'preflight'],
    ['null', null],
    ['not ours', { ...good, preflightBox: 'yes' }],
    ['no uri', { ...good, uri: '' }],
    ['a fractional version', { ...good, version: 1.5 }],
    ['a negative line', { preflightBox: true, uri: 'file:///a.md', version: 1, line: -1 }],
    ['both an id and a line', { ...good, line: 3 }],
    ['neither', { preflightBox: true, uri: 'file:///a.md', version: 1 }],
    ['an id that is no string', { ...good, itemId: 5 }],
  ] as const)
    test(`refused: ${why}`, () => assert.equal(parseBoxContext(value), undefined));
});
