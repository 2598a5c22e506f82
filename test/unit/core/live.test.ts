/**
 * The property the language server's speed rests on: a LiveChecklist kept up to date edit by edit —
 * box toggles in place, other edits by re-parsing only the chunks they touch — always equals a fresh
 * analysis of the same text: the same checklist model and the same findings.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { check } from '../../../server/src/core/check.ts';
import { parseChecklist } from '../../../server/src/core/checklist.ts';
import { type Change, LiveChecklist } from '../../../server/src/core/live.ts';
import { runToEnd } from '../../../server/src/core/parsePiece.ts';
import { firstDifference } from '../../support/diff.ts';
import { mutate, realisticChecklist, TOKENS } from '../../support/generate.ts';
import { baseSeed, Rng } from '../../support/prng.ts';
import { corpus, material, seedText } from '../../support/material.ts';

const LINES = [
  '## New phase\n',
  '### Section\n',
  '- [ ] new step\n',
  '  - [x] sub-step\n',
  '```bash\n',
  '```\n',
  '\n',
  '| a | [ ] |\n',
  '<!-- note -->\n',
  '---\n',
  '[ref]: /x\n',
];

/** A local edit, like typing or a paste: a toggle, a token, a line, a deletion. */
function randomChange(rng: Rng, live: LiveChecklist): Change {
  const text = live.text;
  const boxes = live.checklist.items;
  const kind = rng.weighted<string>([
    [5, 'toggle'],
    [4, 'token'],
    [2, 'line'],
    [3, 'delete'],
    [1, 'type'],
  ]);
  if (kind === 'toggle' && boxes.length > 0) {
    const box = rng.pick(boxes).box.start.offset + 1;
    return { from: box, to: box + 1, insert: text[box] === ' ' ? rng.pick(['x', 'X']) : ' ' };
  }
  const at = rng.int(0, text.length);
  if (kind === 'line') {
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    return { from: lineStart, to: lineStart, insert: rng.pick(LINES) };
  }
  if (kind === 'delete') return { from: at, to: Math.min(text.length, at + rng.int(1, 40)), insert: '' };
  if (kind === 'type') return { from: at, to: at, insert: rng.pick(['a', ' ', '\n', '#', '-', '[', ']', 'x', '`']) };
  return { from: at, to: at, insert: rng.pick(TOKENS) };
}

function apply(text: string, change: Change): string {
  return text.slice(0, change.from) + change.insert + text.slice(change.to);
}

function assertEqualsFresh(live: LiveChecklist, label: string): void {
  const fresh = parseChecklist(live.text);
  if (!isDeepStrictEqual(live.checklist, fresh))
    assert.fail(`${label}: live model differs from a fresh analysis at ${firstDifference(live.checklist, fresh)}`);
  const findings = check(fresh);
  if (!isDeepStrictEqual(live.findings, findings))
    assert.fail(`${label}: live findings differ from a fresh check at ${firstDifference(live.findings, findings)}`);
}

/** Applies `edits` random edits to `text`, comparing with a fresh analysis after every one; returns how many were toggles. */
function run(text: string, rng: Rng, edits: number, label: string): number {
  let live = runToEnd(LiveChecklist.open(text));
  assertEqualsFresh(live, `${label} (open)`);
  let toggles = 0;
  for (let i = 0; i < edits; i++) {
    const change = randomChange(rng, live);
    const next = apply(live.text, change);
    const toggled = live.toggle([change]);
    if (toggled) toggles++;
    live = toggled ?? runToEnd(live.update(rng.chance(0.03) ? mutate(rng, next) : next));
    if (toggled) assert.equal(toggled.text, next, `${label}: a toggle must give the edited text`);
    assertEqualsFresh(live, `${label} edit ${i + 1} (${JSON.stringify(change).slice(0, 80)})`);
  }
  return toggles;
}

describe('incremental analysis equals a fresh analysis', () => {
  const seed = baseSeed(20261127);

  test(`${material.seedName}, 400 random edits (base seed ${seed}; replay with PREFLIGHT_SEED)`, () => {
    const toggles = run(seedText, new Rng(seed), 400, 'seed');
    assert.ok(toggles > 50, `expected many edits to take the toggle path, got ${toggles}`);
  });

  for (const file of corpus) {
    test(`${path.basename(file)}, 40 random edits`, () => {
      run(readFileSync(file, 'utf8'), new Rng(seed + path.basename(file).length), 40, path.basename(file));
    });
  }

  test('a 600-item generated checklist, 300 random edits', () => {
    run(realisticChecklist(new Rng(seed), 600), new Rng(seed + 1), 300, 'generated');
  });

  test('item toggles keep the findings of rules that no item tick changes; a table cell toggle re-runs them', () => {
    // malformed-checkbox (itemState false) reports the unmarked row `[ ] | b`, whose box is also a table cell.
    const text =
      '# T\n\n## A\n\n- [ ] one\n- []  broken\n\n| Done | Step |\n| --- | --- |\n[ ] | b\n| [x] | c |\n\n- [ ] two\n  - [ ] sub\n[ ] loose\n';
    let live = runToEnd(LiveChecklist.open(text));
    const cell = live.checklist.tableChecks[0].box.start.offset + 1;
    const before = live.findings.filter((f) => f.ruleId === 'malformed-checkbox' && f.range.start.offset === cell - 1);
    assert.equal(before.length, 1, 'the row is reported as a malformed task');
    const cellChange = { from: cell, to: cell + 1, insert: 'x' };
    assert.equal(live.toggle([cellChange]), undefined, "a table cell's tick takes the re-parse path");
    const reparsed = runToEnd(live.update(apply(live.text, cellChange)));
    assertEqualsFresh(reparsed, 'the table cell ticked');
    assert.notDeepEqual(reparsed.findings, live.findings, 'the cell tick shows in the malformed-checkbox message');
    const rng = new Rng(seed + 2);
    for (let i = 0; i < 60; i++) {
      const at = rng.pick(live.checklist.items).box.start.offset + 1;
      const change = { from: at, to: at + 1, insert: live.text[at] === ' ' ? 'x' : ' ' };
      const next = live.toggle([change]);
      assert.ok(next, `toggle ${i + 1} is a box edit`);
      live = next;
      assertEqualsFresh(live, `toggle ${i + 1} (${JSON.stringify(change)})`);
    }
  });

  test('front matter that closes on another line: the headings it takes in or lets go are cut again', () => {
    // Found by the random edits on test/fixtures/front-matter-signers.md: deleting the closing `---` kept
    // "## Testing" as a phase although the front matter now ran to the next `---` below it.
    const text =
      '---\nsigners:\n  QA Lead: quinn@example.com\n---\n\n# Release\n\n## Testing\n\n- [x] Tests pass\n\n---\n\n## Sign-Off\n\n### QA Lead\n- Name: ____\n';
    let live = runToEnd(LiveChecklist.open(text));
    assertEqualsFresh(live, 'open');
    const edits: [string, (t: string) => string][] = [
      [
        'the closing line deleted: the front matter runs to the rule below',
        (t) => t.replace('quinn@example.com\n---\n', 'quinn@example.com\n'),
      ],
      ['a line added inside the longer front matter', (t) => t.replace('signers:\n', 'signers:\n  Dana: dana@example.com\n')],
      ['the closing line back', (t) => t.replace('quinn@example.com\n', 'quinn@example.com\n---\n')],
      ['the opening line gone: no front matter', (t) => t.slice(4)],
      ['and back', (t) => `---\n${t}`],
    ];
    for (const [label, edit] of edits) {
      const next = edit(live.text);
      assert.notEqual(next, live.text, label);
      live = runToEnd(live.update(next));
      assertEqualsFresh(live, label);
    }
  });

  test('an edit that joins a line onto the heading a chunk starts at: that cut is gone, the chunks are cut again', () => {
    // Found by the random edits on test/fixtures/empty-phase.md: deleting from inside `### Section` to the start of
    // `## Only a rule` left `### Se## Only a rule`, and the old cut there was still taken for a level-2 phase.
    let live = runToEnd(
      LiveChecklist.open(
        '# Release\n\n## Preparation\n\n### Section\n- [x] Tag the release\n\n## Only a rule\n\n---\n\n## Text only\n\nNothing to tick.\n',
      ),
    );
    assertEqualsFresh(live, 'open');
    const edits: [string, (t: string) => string][] = [
      ['the end of one heading line and the lines after it deleted', (t) => t.replace('ction\n- [x] Tag the release\n\n', '')],
      ['a line break typed back: the heading starts a line again', (t) => t.replace('### Se## Only', '### Se\n## Only')],
      ['a CRLF line end split by a joined heading', (t) => t.replace('## Text only', 'x\r## Text only')],
    ];
    for (const [label, edit] of edits) {
      const next = edit(live.text);
      assert.notEqual(next, live.text, label);
      live = runToEnd(live.update(next));
      assertEqualsFresh(live, label);
    }
    assert.deepEqual(
      live.checklist.phases.map((p) => p.title),
      ['Preparation', 'Only a rule', 'Text only'],
    );
  });

  test("local rules' findings cached per chunk follow moved chunks and edits that change a chunk's findings", () => {
    const section = (n: number) =>
      `## Phase ${n}\n\n**Owner:** [Name]\n\n- [ ] step ${n} with DB_PASSWORD=hunter${n}x\n- [x ] malformed ${n}\n- [ ]\n  text on the next line\n- [ ] ____ blank\n\n\`\`\`\nkubectl get pods\n\`\`\`\n\n`;
    let text = `# Title\n\nStatus: COMPLETE\n\n${[1, 2, 3, 4, 5].map(section).join('')}`;
    let live = runToEnd(LiveChecklist.open(text));
    assertEqualsFresh(live, 'open');
    const edits: [string, (t: string) => string][] = [
      ['a line above every chunk moves them all', (t) => t.replace('Status: COMPLETE\n', 'Status: COMPLETE\nIntro line\n\n')],
      ["an edit that changes one chunk's findings", (t) => t.replace('- [x ] malformed 3', '- [x] fixed 3')],
      ['a second level-1 heading: the title heading becomes a phase', (t) => `${t}# Second\n\n- [ ] [Who]\n`],
      ['back to one title', (t) => t.slice(0, t.indexOf('# Second'))],
      ['an inline comment left open runs over the next chunks', (t) => t.replace('step 2 with', 'step 2 <!-- open with')],
      ['the comment closed in a later chunk', (t) => t.replace('step 4 with', 'step 4 --> with')],
      [
        'a private key whose END marker is in a later chunk',
        (t) =>
          t
            .replace('## Phase 2\n', `## Phase 2\n\n-----BEGIN RSA PRIVATE KEY-----\n${'A'.repeat(30)}\n`)
            .replace('## Phase 4\n', `## Phase 4\n\n${'B'.repeat(30)}\n-----END RSA PRIVATE KEY-----\n`),
      ],
      ['a link definition that turns a placeholder into a link', (t) => `${t}\n[Name]: https://example.com\n`],
      ['the same chunk text twice', (t) => t + section(1)],
      ['a template with template placeholders', (t) => `---\ntemplate:\n  name: x\n---\n${t.replace('[Name]', '{{project}}')}`],
    ];
    for (const [label, edit] of edits) {
      text = edit(text);
      live = runToEnd(live.update(text));
      assertEqualsFresh(live, label);
    }
  });

  test("duplicate-item's findings cached per chunk: the line they cite moves with the chunk, edits make and unmake duplicates", () => {
    const section = (n: number) =>
      `## Phase ${n}\n\n- [ ] Deploy\n- [ ] Verify\n  - [ ] Check logs\n- [ ] deploy.\n\n**Later:**\n\n- [ ] Verify\n\n`;
    let text = `Intro\n\n- [ ] Loose step\n\n# Title\n\n- [ ] loose step\n\n${[1, 2, 3, 4].map(section).join('')}`;
    let live = runToEnd(LiveChecklist.open(text));
    assertEqualsFresh(live, 'open');
    // Loose items before and after the title heading lie in two chunks and still make one group.
    assert.ok(live.findings.some((f) => f.message.startsWith("Duplicate item 'loose step' before the first heading")));
    const edits: [string, (t: string) => string][] = [
      ['lines added above every chunk: the cited lines move', (t) => t.replace('Intro\n', 'Intro\n\nMore\ntext\n')],
      ['a word typed into a duplicate: no longer one', (t) => t.replace('- [ ] deploy.\n\n**Later', '- [ ] deploy now.\n\n**Later')],
      ['a line added inside a chunk, above its first occurrence', (t) => t.replace('## Phase 3\n\n', '## Phase 3\n\nNote\n\n')],
      ['a sub-item made a duplicate of its parent: different parents', (t) => t.replace('Check logs', 'Verify')],
      ['the label line removed: the two "Verify" items share a group', (t) => t.replace('**Later:**\n\n', '')],
      ['the heading between two phases removed: the phases merge', (t) => t.replace('## Phase 2\n\n', '')],
      ['the title heading made a phase', (t) => t.replace('# Title', '## Title')],
    ];
    for (const [label, edit] of edits) {
      text = edit(text);
      live = runToEnd(live.update(text));
      assertEqualsFresh(live, label);
    }
    assert.ok(live.findings.some((f) => f.ruleId === 'duplicate-item'));
  });
  test('toggles of nested items, sign-off statements and items a status line counts re-check only what they change, equal to a fresh analysis', () => {
    const text = [
      '# Release',
      '',
      '**Status:** COMPLETE',
      '',
      '## Pre-Deployment',
      '',
      '- [ ] parent',
      '  - [ ] child one',
      '  - [ ] child two',
      '    - [ ] grandchild',
      '- [ ]',
      '  text below a bare box',
      '',
      '## Deployment Day',
      '',
      '- [ ] deploy',
      '- [ ] verify (optional)',
      '',
      '### Sign-Off',
      '',
      '#### QA Lead',
      '- [ ] All QA requirements met',
      '- Name:',
      '- Date:',
      '',
      '## Post-Deployment',
      '',
      '- [ ] monitor',
      '',
    ].join('\n');
    let live = runToEnd(LiveChecklist.open(text));
    const rng = new Rng(seed + 3);
    for (let i = 0; i < 120; i++) {
      const picks = rng.chance(0.3) ? [rng.pick(live.checklist.items), rng.pick(live.checklist.items)] : [rng.pick(live.checklist.items)];
      const changes = [...new Set(picks)].map((item) => {
        const at = item.box.start.offset + 1;
        return { from: at, to: at + 1, insert: live.text[at] === ' ' ? rng.pick(['x', 'X']) : ' ' };
      });
      const next = live.toggle(changes);
      assert.ok(next, `toggle ${i + 1} is a box edit`);
      live = next;
      assertEqualsFresh(live, `toggle ${i + 1} (${JSON.stringify(changes)})`);
    }
  });

  test('several box toggles in one change event, and a toggle that is not a box', () => {
    const text = '# T\n\n## A\n\n- [ ] one\n- [x] two\n\n## Sign-Off\n\n### QA Lead\n- [ ] All QA requirements met\n- Name: Jo\n';
    const live = runToEnd(LiveChecklist.open(text));
    const box = (n: number) => live.checklist.items[n].box.start.offset + 1;
    const both = live.toggle([
      { from: box(0), to: box(0) + 1, insert: 'x' },
      { from: box(2), to: box(2) + 1, insert: 'x' },
    ]);
    assert.ok(both, 'two box edits are a toggle');
    assert.equal(both.checklist.progress.done, 3);
    assert.equal(both.checklist.signOff?.roles[0].complete, true);
    assertEqualsFresh(both, 'two toggles');
    assert.equal(live.toggle([{ from: box(0), to: box(0) + 1, insert: 'y' }]), undefined, '[y] is not a box');
    assert.equal(live.toggle([{ from: 0, to: 1, insert: '#' }]), undefined, 'an edit outside any box');
  });
});
