/**
 * The hover over a sign-off role: the state line under a heading's own hover, alone on a table row, and
 * the role name and reason (document and git text) kept as text in the markdown.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { MarkupContent } from 'vscode-languageserver';
import { parseChecklist } from '../../../server/src/core/checklist.ts';
import { hover } from '../../../server/src/lsp/features/hover.ts';
import type { RoleSignOffState } from '../../../server/src/protocol/protocol.ts';

// Roles as headings, or as rows of a table (one shape per sign-off section).
const HEADINGS = `# Release

## Sign-Off

### QA Lead
- Name: Quinn
`;
const TABLE = `# Release

## Sign-Off

| Role | Name |
|---|---|
| Ops <b>*Lead*</b> [x](https://evil.example) | Olga |
`;
const at = (line: number) => ({ line, character: 3 });
const value = (h: ReturnType<typeof hover>) => (h ? (h.contents as MarkupContent).value : '');

const edited: RoleSignOffState = {
  state: 'edited after sign-off',
  label: 'edited after sign-off',
  reason: 'changed after sign-off in abc1234 by <img src=x>: *tick* [here](https://evil.example)',
  passes: false,
  commit: 'abc1234'.padEnd(40, '0'),
};
const verified: RoleSignOffState = {
  state: 'verified',
  label: 'verified',
  reason: '',
  passes: true,
  commit: 'f'.repeat(40),
  signer: 'quinn@example.com',
  format: 'ssh',
};
const states = (role: { id: string }) => (role.id === 'sign-off/qa-lead' ? verified : edited);

test('a role heading: its phase hover first, then the state with signer and commit', () => {
  const h = value(hover(parseChecklist(HEADINGS), at(HEADINGS.split('\n').indexOf('### QA Lead')), undefined, states));
  assert.match(h, /^\*\*QA Lead\*\*/);
  assert.match(h, /\n\n---\n\n\*\*Sign-off QA Lead\*\*: ✓ verified · ssh quinn@example\.com {2}\nCommit: `f{12}`$/);
});

test('a table row role: the state alone, on the row; name and reason stay text (no HTML, hidden link or emphasis)', () => {
  const line = TABLE.split('\n').findIndex((l) => l.startsWith('| Ops'));
  const h = hover(parseChecklist(TABLE), at(line), undefined, states);
  assert.equal(h?.range?.start.line, line);
  const tree = unified().use(remarkParse).use(remarkGfm).parse(value(h)) as Root;
  const kinds = new Set<string>();
  visit(tree, (node) => {
    kinds.add(node.type);
    // GFM shows a bare URL as a link to itself: seen as it is, never a target hidden behind other text.
    if (node.type === 'link') assert.equal(node.url, toString(node).replace(/^(?!https?:)/, 'http://'));
  });
  kinds.delete('link');
  assert.deepEqual([...kinds].sort(), ['break', 'inlineCode', 'paragraph', 'root', 'strong', 'text'], value(h));
  assert.match(
    value(h),
    /^\*\*Sign-off Ops \\<b\\>Lead\\<\/b\\> x\*\*: ✗ edited after sign-off {2}\nWhy: changed after sign-off in abc1234 by \\<img src=x\\>: \\\*tick\\\* \\\[here\\\]\(https:\/\/evil\.example\)/,
  );
});

test('without states (not asked), role lines carry no sign-off state', () => {
  assert.doesNotMatch(value(hover(parseChecklist(HEADINGS), at(HEADINGS.split('\n').indexOf('### QA Lead')))), /Sign-off/);
  assert.equal(hover(parseChecklist(TABLE), at(TABLE.split('\n').findIndex((l) => l.startsWith('| Ops')))), null);
});
