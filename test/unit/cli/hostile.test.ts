/**
 * Hostile input takes the budget path: the linear pre-scan (core/complexity.ts) sends every adversarial
 * shape to the line scanner (core/lineScan.ts) before micromark can spend seconds on it, the model still
 * has its headings and boxes, and every real checklist stays on the normal path. Through core and through
 * the built CLI bundle. No time is asserted: the timings are in `npm run bench`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ChecklistReport } from '../../../server/src/cli/reportModel.ts';
import { check } from '../../../server/src/core/check.ts';
import { parseChecklist } from '../../../server/src/core/checklist.ts';
import { complexityOf, LIMITS } from '../../../server/src/core/complexity.ts';
import { scanFacts } from '../../../server/src/core/lineScan.ts';
import { LiveChecklist } from '../../../server/src/core/live.ts';
import type { Checklist, Range } from '../../../server/src/core/model.ts';
import { parseFacts } from '../../../server/src/core/parse.ts';
import { runToEnd } from '../../../server/src/core/parsePiece.ts';
import { adversarialCases } from '../../support/adversarial.ts';
import { corpus, material, seedPath } from '../../support/material.ts';
import { repoRoot } from '../../support/paths.ts';

/** A hang guard only: on the normal path the worst of these takes minutes. */
const HANG_GUARD = { timeout: 20_000 };
const CLI = path.join(repoRoot, 'server', 'dist', 'cli.js');
const cases = adversarialCases();

/** Task lines counted from the raw text, independently of core: a marker, a box, text after it. */
function taskLines(text: string): number {
  return text.split(/\r\n|\r|\n/).filter((l) => /^[ >]*(?:[-+*][ \t]+)*(?:[-+*]|\d{1,9}[.)])[ \t]+\[[ xX]\][ \t]+\S/.test(l)).length;
}

function assertRangesInside(checklist: Checklist, name: string): void {
  const inside = (r: Range, what: string) => {
    assert.ok(
      r.start.offset >= 0 && r.start.offset <= r.end.offset && r.end.offset <= checklist.text.length,
      `${name}: ${what} ${r.start.offset}-${r.end.offset} outside 0-${checklist.text.length}`,
    );
  };
  for (const item of checklist.items) {
    inside(item.range, 'item');
    inside(item.box, 'box');
    assert.match(
      checklist.text.slice(item.box.start.offset, item.box.end.offset),
      /^\[[ xX]\]$/,
      `${name}: box at ${item.box.start.line}:${item.box.start.column}`,
    );
  }
  for (const phase of checklist.phases) inside(phase.range, 'phase');
  if (checklist.degraded) inside(checklist.degraded.range, 'degraded');
}

describe('adversarial shapes through core', () => {
  for (const c of cases) {
    test(`${c.name}: ${c.degrades ? 'degrades with one too-complex finding' : 'stays on the normal path'}`, HANG_GUARD, () => {
      assert.equal(taskLines(c.text), c.tasks, 'the generator counts its own task lines');
      const checklist = parseChecklist(c.text);
      const findings = check(checklist);
      assert.equal(checklist.items.length, c.tasks, 'every task line is an item');
      assertRangesInside(checklist, c.name);
      if (c.degrades) {
        assert.ok(checklist.degraded, 'degraded');
        assert.equal(findings.length, 1, findings.map((f) => f.ruleId).join(', '));
        const [finding] = findings;
        assert.equal(finding.ruleId, 'too-complex');
        assert.equal(finding.severity, 'info');
        assert.match(finding.message, /^too complex to analyse fully: .+ at lines? \d+(?:–\d+)?; showing headings and task items only$/);
        // The finding sits on the line it names.
        assert.equal(finding.range.start.line, Number(/ at lines? (\d+)/.exec(finding.message)![1]));
        // The headings around the hostile text, the one after it included, are still phases.
        const sections = c.text.split(/\r\n|\r|\n/).flatMap((l) => /^## (.+)$/.exec(l)?.[1] ?? []);
        assert.deepEqual(
          checklist.phases.map((p) => p.title),
          sections,
        );
      } else {
        assert.equal(checklist.degraded, undefined);
        assert.ok(findings.every((f) => f.ruleId !== 'too-complex'));
      }
    });
  }

  test('toggling a degraded item flips exactly its box, and the model follows', HANG_GUARD, () => {
    for (const c of cases.filter((x) => x.degrades)) {
      const live = runToEnd(LiveChecklist.open(c.text));
      assert.ok(live.checklist.degraded, c.name);
      const item = live.checklist.items[live.checklist.items.length - 1];
      const at = item.box.start.offset + 1;
      const mark = item.checked ? ' ' : 'x';
      const toggled = live.toggle([{ from: at, to: at + 1, insert: mark }]);
      assert.ok(toggled, `${c.name}: the toggle applies`);
      const expected = c.text.slice(0, at) + mark + c.text.slice(at + 1);
      assert.equal(toggled.text, expected, `${c.name}: only the box character changed`);
      assert.equal(toggled.checklist.items.find((i) => i.box.start.offset === item.box.start.offset)?.checked, !item.checked);
      assert.equal(toggled.checklist.progress.done, live.checklist.progress.done + (item.checked ? -1 : 1));
      assert.deepEqual(
        toggled.findings.map((f) => f.ruleId),
        ['too-complex'],
      );
      // An edit that is not a toggle is refused, as on the normal path.
      assert.equal(live.toggle([{ from: 0, to: 1, insert: 'X' }]), undefined);
    }
  });

  test('an edit that removes the hostile text returns to the normal path, and one that adds it degrades', HANG_GUARD, () => {
    const hostile = cases.find((c) => c.name === 'emphasis run *a_')!;
    const start = hostile.text.indexOf('*a_');
    const end = hostile.text.lastIndexOf('*a_') + 3;
    const clean = `${hostile.text.slice(0, start)}plain words${hostile.text.slice(end)}`;
    const live = runToEnd(LiveChecklist.open(hostile.text));
    assert.ok(live.checklist.degraded);
    const healed = runToEnd(live.update(clean));
    assert.equal(healed.checklist.degraded, undefined);
    assert.deepEqual(healed.checklist, parseChecklist(clean), 'equal to a fresh analysis');
    assert.deepEqual(healed.findings, check(parseChecklist(clean)));
    const again = runToEnd(healed.update(hostile.text));
    assert.ok(again.checklist.degraded);
    assert.deepEqual(
      again.findings.map((f) => f.ruleId),
      ['too-complex'],
    );
  });

  test('LiveChecklist.degraded gives any reason (a time budget, say) at the first line, and an edit retries the full analysis', () => {
    const text = readFileSync(path.join(repoRoot, 'templates', 'release-checklist.md'), 'utf8');
    const live = LiveChecklist.degraded(text, 'the analysis ran past its time budget of 2 s', { rules: {} });
    assert.deepEqual(
      live.findings.map((f) => [f.ruleId, f.severity, f.message, f.range.start.line]),
      [
        [
          'too-complex',
          'info',
          'too complex to analyse fully: the analysis ran past its time budget of 2 s; showing headings and task items only',
          1,
        ],
      ],
    );
    const full = parseChecklist(text);
    assert.deepEqual(
      live.checklist.items.map((i) => i.box),
      full.items.map((i) => i.box),
    );
    assert.deepEqual(
      live.checklist.phases.map((p) => p.id),
      full.phases.map((p) => p.id),
    );
    assert.equal(runToEnd(live.update(text)), live, 'the same text keeps the degraded model');
    const edited = runToEnd(live.update(`${text}\n- [ ] one more\n`));
    assert.equal(edited.checklist.degraded, undefined);
  });

  test('the too-complex finding obeys its rule setting like any other', () => {
    const [c] = cases;
    assert.deepEqual(check(parseChecklist(c.text), { rules: { 'too-complex': 'off' } }), []);
    assert.equal(check(parseChecklist(c.text), { rules: { 'too-complex': 'warning' } })[0].severity, 'warning');
  });

  test('each limit trips just above its value and not at it', () => {
    const at = (body: string) => complexityOf(`# T\n\n${body}\n`);
    const shapes: [string, (n: number) => string][] = [
      ['delimiterRuns', (n) => `- [ ] ${'*a'.repeat(n)}`],
      ['brackets', (n) => 'a]'.repeat(n)],
      ['listDepth', (n) => `${'- '.repeat(n - 1)}- [ ] x`],
      ['quoteDepth', (n) => `${'>'.repeat(n)} x`],
      ['lineLength', (n) => `- [ ] ${'a'.repeat(n - 6)}`],
      ['tableCells', (n) => `${'|a'.repeat(n - 1)}|`],
      ['tableRows', (n) => Array.from({ length: n }, () => '| a | b |').join('\n')],
    ];
    for (const [limit, shape] of shapes) {
      const value = LIMITS[limit as keyof typeof LIMITS];
      assert.equal(at(shape(value)), undefined, `${limit} at ${value}`);
      assert.ok(at(shape(value + 1)), `${limit} at ${value + 1}`);
    }
  });

  test('emphasis runs in separate list items or table rows do not add up; fenced code does not count', () => {
    const many = (line: string, n: number) => Array.from({ length: n }, () => line).join('\n');
    assert.equal(complexityOf(`# T\n\n${many('- [ ] **bold** and _em_ and ~~gone~~', 2000)}\n`), undefined);
    assert.equal(complexityOf(`# T\n\n${many('| **a** | _b_ |', 900)}\n`), undefined);
    assert.equal(complexityOf(`# T\n\n\`\`\`\n${many('*a_'.repeat(100), 100)}\n\`\`\`\n`), undefined);
    assert.ok(complexityOf(`# T\n\n${many('*a_'.repeat(100), 100)}\n`), 'the same lines as one paragraph');
    assert.equal(complexityOf(`---\n${many('tags: [a, b] [c] *x* _y_', 400)}\n---\n# T\n`), undefined, 'front matter is not markdown');
  });
});

describe('the line scanner', () => {
  const sameAsParser = (text: string) => {
    const parsed = parseFacts(text).facts;
    const scanned = scanFacts(text);
    const items = (f: typeof parsed) =>
      f.items.map((i) => ({ box: i.box, checked: i.checked, depth: i.depth, parent: i.parent?.offset, line: i.range.start.line }));
    assert.deepEqual(items(scanned), items(parsed), 'items');
    assert.deepEqual(
      scanned.headings.map((h) => [h.depth, h.title, h.setext, h.range.start.line]),
      parsed.headings.map((h) => [h.depth, h.title, h.setext, h.range.start.line]),
      'headings',
    );
    return scanned;
  };

  test('skips front matter, fenced code and HTML comments; reads setext headings, every marker, nesting and quotes', () => {
    const text = [
      '---',
      'title: x',
      'steps:',
      '- [ ] not an item',
      '---',
      '',
      'Release',
      '=======',
      '',
      'Deploy',
      '------',
      '',
      '- [ ] one',
      '  * [x] nested',
      '    1. [ ] deeper',
      '    2) [X] sibling',
      '+ [ ]\ttab',
      '- plain',
      '  - [ ] under a plain item',
      '',
      '```bash',
      '- [ ] in code',
      '```',
      '',
      '~~~~',
      '- [x] in tilde code',
      '~~~~',
      '',
      '<!--',
      '- [ ] commented',
      '-->',
      '',
      '> - [ ] quoted',
      '> ## Quoted heading',
      '',
      '### Closed heading ###',
      '',
      '- [ ]',
      '- [x] ',
      '- [ ]',
      '  continued',
      '',
    ].join('\n');
    const scanned = sameAsParser(text);
    assert.deepEqual(
      scanned.items.map((i) => i.text),
      ['one', 'nested', 'deeper', 'sibling', 'tab', 'under a plain item', 'quoted', ''],
    );
  });

  test('CRLF, a lone CR and a byte order mark keep offsets exact', () => {
    sameAsParser('\uFEFF# T\r\n\r\n## A\r- [ ] one\r\n  - [x] two\n- [ ] three\r');
  });
});

describe('every real checklist stays on the normal path, and the line scanner agrees with the parser on it', () => {
  const fixtures = readdirSync(path.join(repoRoot, 'test', 'fixtures'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.join(repoRoot, 'test', 'fixtures', f));
  const templates = readdirSync(path.join(repoRoot, 'templates'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.join(repoRoot, 'templates', f));
  const groups: [string, string[]][] = [
    ['seed', [seedPath]],
    ['templates', templates],
    ['fixtures', fixtures],
    [`corpus (${material.kind} material)`, corpus],
  ];
  for (const [group, files] of groups) {
    test(group, () => {
      assert.ok(files.length > 0, `no ${group} documents`);
      for (const file of files) {
        const text = readFileSync(file, 'utf8');
        const name = path.basename(file);
        assert.equal(complexityOf(text), undefined, name);
        const parsed = parseFacts(text).facts;
        const scanned = scanFacts(text);
        const items = (f: typeof parsed) =>
          f.items.map((i) => ({ box: i.box, checked: i.checked, depth: i.depth, parent: i.parent?.offset }));
        assert.deepEqual(items(scanned), items(parsed), `${name}: items`);
        assert.deepEqual(
          scanned.headings.map((h) => [h.depth, h.range.start.line]),
          parsed.headings.map((h) => [h.depth, h.range.start.line]),
          `${name}: headings`,
        );
      }
    });
  }
});

describe('adversarial shapes through the CLI bundle', () => {
  let dir = '';
  before(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does it for you).`);
    dir = mkdtempSync(path.join(tmpdir(), 'preflight-hostile-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a parse that overflows the stack anyway degrades with the reason instead of crashing', HANG_GUARD, () => {
    // Nesting at the pre-scan's limit passes it. Node's default stack is ~984 KB; somewhere between the
    // smallest stack node starts with and that, the recursion on this text overflows inside the parse.
    // Which size does depends on the build, so a range is tried: no size may crash or change the count,
    // and at least one must take the degraded path with the reason.
    const file = path.join(dir, 'deep.md');
    writeFileSync(file, `# T\n\n## A\n\n${'- > '.repeat(LIMITS.containerDepth / 2)}[ ] deep\n\n## B\n\n- [ ] after\n`);
    const degraded =
      /deep\.md:3:1: info too-complex too complex to analyse fully: nesting too deep to parse \(Maximum call stack size exceeded\) in the section from line 3; showing headings and task items only/;
    const totals = new Set<number>();
    let degradedAt = 0;
    for (let kb = 48; kb <= 120; kb += 4) {
      const r = spawnSync(process.execPath, [`--stack-size=${kb}`, CLI, 'report', '--format', 'json', file], { encoding: 'utf8' });
      // Too small for node itself to start: not the parse's doing.
      if (r.status !== 0 && /Maximum call stack size exceeded/.test(r.stderr) && !r.stdout) continue;
      assert.equal(r.status, 0, `--stack-size=${kb}: ${r.stderr}`);
      totals.add((JSON.parse(r.stdout) as { total: number }).total);
      const check = spawnSync(process.execPath, [`--stack-size=${kb}`, CLI, 'check', file], { encoding: 'utf8' });
      assert.equal(check.status, 0, `--stack-size=${kb}: ${check.stderr}`);
      if (degraded.test(check.stdout)) degradedAt ||= kb;
    }
    assert.deepEqual([...totals], [1], 'parsed or degraded, one task: the deep line ends in a block quote, so only "after" is a task');
    assert.ok(degradedAt > 0, 'at some stack size the parse overflowed and the check said so');
  });

  for (const [i, c] of cases.entries()) {
    test(`${c.name}: check exits 0 or 1 and report counts every task line`, HANG_GUARD, () => {
      const file = path.join(dir, `case-${i}.md`);
      writeFileSync(file, c.text);
      const checked = spawnSync(process.execPath, [CLI, 'check', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      assert.ok(checked.status === 0 || checked.status === 1, `exit ${checked.status}: ${checked.stderr}`);
      assert.equal(checked.stderr, '');
      const tooComplex = checked.stdout.split('\n').filter((l) => / info too-complex too complex to analyse fully: /.test(l));
      assert.equal(tooComplex.length, c.degrades ? 1 : 0, checked.stdout.slice(0, 2000));
      if (c.degrades) assert.match(checked.stdout, /1 file\(s\) checked: 0 error\(s\), 0 warning\(s\), 1 info;/);
      const reported = spawnSync(process.execPath, [CLI, 'report', '--format', 'json', file], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      assert.equal(reported.status, 0, reported.stderr);
      const report = JSON.parse(reported.stdout) as ChecklistReport;
      assert.equal(report.total, c.tasks);
    });
  }
});
