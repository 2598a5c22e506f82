/**
 * Sign-off roles in the Checklists view, from a real outline (parser → features/outline.ts): where each
 * role's row sits, and what it shows for each state the server sends. Role names come from the document,
 * so the tooltip's markdown must keep them text.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { roleRow } from '../../../client/src/signoff/roleRow.ts';
import { fileNode, hasOpen, type PhaseNode, type RoleNode, type TreeNode } from '../../../client/src/checklists/treeNodes.ts';
import { parseChecklist } from '../../../server/src/core/checklist.ts';
import { outline } from '../../../server/src/lsp/features/outline.ts';
import type { Outline, RoleSignOffState, SignOffStates } from '../../../server/src/protocol/protocol.ts';

const HEADINGS = `---
signers:
  QA Lead: quinn@example.com
---
# Release

## Testing

- [x] Tests pass

## Sign-Off

### QA Lead
- [x] QA requirements met
- Name: Quinn Quality

### Ops Lead
- [ ] Infrastructure ready
- Name: ____
`;

const TABLE = `# Release

## Sign-Off

| Role | Name | Date |
|---|---|---|
| QA Lead | Quinn | 2026-01-01 |
| Ops <b>*Lead*</b> [x](https://evil.example) | ____ | ____ |
`;

const outlineOf = (text: string): Outline => outline(parseChecklist(text), 'file:///w/release.md', 1);
const walk = (nodes: readonly TreeNode[]): TreeNode[] => nodes.flatMap((n) => [n, ...walk(n.children)]);

describe('role rows in the tree', () => {
  test('a role with its own heading is that phase row; the sign-off section gets no extra rows', () => {
    const file = fileNode('file:///w/release.md', outlineOf(HEADINGS));
    const signOff = file.children.find((n): n is PhaseNode => n.kind === 'phase' && n.phase.title === 'Sign-Off')!;
    assert.deepEqual(
      signOff.children.map((n) => [n.kind, n.kind === 'phase' ? n.role?.id : undefined]),
      [
        ['phase', 'sign-off/qa-lead'],
        ['phase', 'sign-off/ops-lead'],
      ],
    );
    assert.equal(signOff.role, undefined, 'the section itself is no role');
    assert.equal(walk(file.children).filter((n) => n.kind === 'phase' && n.role).length, 2);
    assert.deepEqual((signOff.children[0] as PhaseNode).role?.signers, ['quinn@example.com']);
    assert.equal((signOff.children[1] as PhaseNode).role?.signers, undefined);
  });

  test('roles in a table get a row each under their section, after its items', () => {
    const file = fileNode('file:///w/release.md', outlineOf(TABLE));
    const signOff = file.children.find((n): n is PhaseNode => n.kind === 'phase')!;
    const roles = signOff.children.filter((n): n is RoleNode => n.kind === 'role');
    assert.deepEqual(
      roles.map((r) => r.role.id),
      ['sign-off/qa-lead', 'sign-off/ops-bleadb-x'],
    );
    assert.ok(roles.every((r) => r.parent === signOff));
    // Open items only: a signed (complete) role is hidden, an open one stays.
    assert.deepEqual(roles.map(hasOpen), [false, true]);
  });
});

describe('what a role row shows', () => {
  const role = outlineOf(TABLE).signOff[1];
  const states = (state: RoleSignOffState): SignOffStates => ({ checked: true, roles: { [role.id]: state } });
  const cases: [string, RoleSignOffState | undefined, boolean, string, string][] = [
    [
      'verified',
      {
        state: 'verified',
        label: 'verified',
        reason: '',
        passes: true,
        commit: 'a'.repeat(40),
        signer: 'quinn@example.com',
        format: 'ssh',
      },
      true,
      'verified · ssh quinn@example.com',
      'verified-filled',
    ],
    [
      'unsigned',
      { state: 'unsigned', label: 'author name only, not proven', reason: 'abc1234 is not signed', passes: true, commit: 'b'.repeat(40) },
      true,
      'author name only, not proven',
      'warning',
    ],
    [
      'edited',
      {
        state: 'edited after sign-off',
        label: 'edited after sign-off',
        reason: 'changed after sign-off in abc by Mallory: x',
        passes: false,
        commit: 'c'.repeat(40),
      },
      true,
      'edited after sign-off',
      'error',
    ],
    [
      'signer not allowed',
      { state: 'signer not allowed', label: 'signer not allowed for QA', reason: 'r', passes: false },
      true,
      'signer not allowed for QA',
      'error',
    ],
    ['not signed', { state: 'not signed', label: 'not signed', reason: '', passes: true }, true, 'not signed', 'circle-outline'],
    [
      'restricted',
      { state: 'not checked', label: 'not checked: trust the workspace', reason: 'trust the workspace' },
      false,
      'not checked (Restricted Mode)',
      'workspace-untrusted',
    ],
    ['not fetched', undefined, true, 'checking…', 'loading~spin'],
  ];
  for (const [what, state, trusted, description, icon] of cases) {
    test(`${what}: "${description}" with ${icon}`, () => {
      const row = roleRow(role, state ? states(state) : undefined, trusted);
      assert.deepEqual([row.description, row.icon], [description, icon]);
    });
  }

  test('a role the last check did not know (typed since) asks for a save; a check that failed says why', () => {
    assert.equal(roleRow(role, { checked: true, roles: {} }, true).description, 'not checked yet: save to check');
    assert.equal(
      roleRow(role, { checked: false, reason: 'the file is not in a git repository', roles: {} }, true).description,
      'not checked: the file is not in a git repository',
    );
  });

  test('the tooltip gives state, reason and commit, with document text kept text (no HTML, link or emphasis)', () => {
    const row = roleRow(
      role,
      states({
        state: 'edited after sign-off',
        label: 'edited after sign-off',
        reason: 'changed after sign-off in abc1234 by <b>Mallory</b>: *tick*',
        passes: false,
        commit: 'c'.repeat(40),
      }),
      true,
    );
    // Parsed as VS Code's renderer would (GFM): only the markup the row adds itself.
    const tree = unified().use(remarkParse).use(remarkGfm).parse(row.tooltip) as Root;
    const kinds = new Set<string>();
    visit(tree, (node) => void kinds.add(node.type));
    assert.deepEqual([...kinds].sort(), ['inlineCode', 'paragraph', 'root', 'strong', 'text'], row.tooltip);
    assert.ok(row.tooltip.startsWith('**Ops \\<b\\>Lead\\</b\\> x** · sign-off: edited after sign-off'), row.tooltip);
    assert.match(row.tooltip, /Why: changed after sign-off in abc1234 by \\<b\\>Mallory\\</);
    assert.match(row.tooltip, /Commit: `c{12}`/);
  });
});
