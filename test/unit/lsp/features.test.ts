/**
 * LSP features on the seed and small inline documents. Expectations are counted from the text
 * (line scans, regular expressions), not taken from the core functions the features call.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  CodeActionKind,
  type CodeActionContext,
  DiagnosticSeverity,
  type MarkupContent,
  type Range,
  type TextDocumentEdit,
} from 'vscode-languageserver';
import { check } from '../../../server/src/core/check.ts';
import { parseChecklist } from '../../../server/src/core/checklist.ts';
import { codeActions } from '../../../server/src/lsp/features/codeActions.ts';
import { codeLenses } from '../../../server/src/lsp/features/codeLens.ts';
import { completions } from '../../../server/src/lsp/features/completion.ts';
import { toLspRange } from '../../../server/src/lsp/features/convert.ts';
import { toDiagnostics } from '../../../server/src/lsp/features/diagnostics.ts';
import { foldingRanges } from '../../../server/src/lsp/features/folding.ts';
import { hover } from '../../../server/src/lsp/features/hover.ts';
import { outline, progressParams } from '../../../server/src/lsp/features/outline.ts';
import { documentSymbols } from '../../../server/src/lsp/features/symbols.ts';
import {
  ClientCommands,
  defaultSettings,
  type EcsRollbackArgs,
  type EcsVerifyArgs,
  type RunStepArgs,
  ServerCommands,
  type SetPhaseArgs,
  type Settings,
  type ToggleItemsArgs,
} from '../../../server/src/protocol/protocol.ts';
import { seedText } from '../../support/material.ts';
import { repoRoot } from '../../support/paths.ts';
import { withShellParser } from '../../support/shellParser.ts';

// Outlines and code lenses read shell steps (ECS targets) with the bash parser.
withShellParser();

const seed = seedText;
const uri = 'file:///work/checklist.md';
const allCommands: ReadonlySet<string> = new Set(Object.values(ClientCommands));
const noContext: CodeActionContext = { diagnostics: [] };
const at = (line: number, character = 0) => ({ line, character });
const cursor = (line: number, character = 0): Range => ({ start: at(line, character), end: at(line, character) });
const hoverText = (h: ReturnType<typeof hover>) => (h ? (h.contents as MarkupContent).value : '');

/** 0-based numbers of the lines outside fenced code, and of the fence lines. */
function scan(text: string): { prose: { n: number; line: string }[]; fences: { n: number; info: string }[] } {
  const prose: { n: number; line: string }[] = [];
  const fences: { n: number; info: string }[] = [];
  let open: string | undefined;
  text.split('\n').forEach((line, n) => {
    const m = /^(`{3,}|~{3,})(.*)$/.exec(line);
    if (open) {
      if (m && m[1][0] === open[0] && m[1].length >= open.length && m[2].trim() === '') open = undefined;
      return;
    }
    if (m) {
      open = m[1];
      fences.push({ n, info: m[2].trim() });
    } else prose.push({ n, line });
  });
  return { prose, fences };
}

/** Task counts per `##`-`######` heading, each heading counting the tasks up to the next heading of its level or higher. */
function headingCounts(text: string): { n: number; level: number; title: string; done: number; total: number }[] {
  const headings: { n: number; level: number; title: string; done: number; total: number }[] = [];
  for (const { n, line } of scan(text).prose) {
    const h = /^(#{2,6})\s+(.*?)\s*#*$/.exec(line);
    if (h) {
      headings.push({ n, level: h[1].length, title: h[2], done: 0, total: 0 });
      continue;
    }
    const task = /^\s*(?:[-*+]|\d+[.)])\s+\[([ xX])\]\s/.exec(line);
    if (!task) continue;
    // Every open heading (this one and those above it with a lower level) counts the task.
    let level = 7;
    for (let i = headings.length - 1; i >= 0 && level > 2; i--) {
      if (headings[i].level < level) {
        headings[i].total++;
        if (task[1] !== ' ') headings[i].done++;
        level = headings[i].level;
      }
    }
  }
  return headings;
}

describe('code lenses on the seed', () => {
  // Check every item of "Testing" so the percentages are not all zero.
  const text = seed.replace(
    /(### Testing\n\n)((?:- \[ \] .*\n)+)/,
    (_, head: string, items: string) => head + items.replace(/- \[ \]/g, '- [x]'),
  );
  const checklist = parseChecklist(text);

  test('a Run lens per shell block and per item with an inline command, on their first lines', () => {
    const { prose, fences } = scan(text);
    const shellFences = fences.filter((f) => /^(?:bash|sh|shell|zsh|console)\b/.test(f.info));
    const commandItems = prose.filter(({ line }) =>
      /^\s*[-*+] \[[ xX]\] .*`(?:npm|npx|yarn|pnpm|git|docker|kubectl|aws|make) [^`]+`/.test(line),
    );
    assert.equal(shellFences.length, 2);
    assert.equal(commandItems.length, 5);
    const runs = codeLenses(checklist, defaultSettings, allCommands, uri, 7).filter((l) => l.command?.command === ClientCommands.runStep);
    assert.equal(runs.length, shellFences.length + commandItems.length);
    assert.deepEqual(
      runs.map((l) => l.range.start.line),
      [...shellFences, ...commandItems].map((x) => x.n).sort((a, b) => a - b),
    );
    const args = runs.map((l) => l.command?.arguments?.[0] as RunStepArgs);
    assert.ok(args.every((a) => a.uri === uri && a.version === 7 && a.stepId !== '' && a.command !== ''));
    assert.deepEqual(args.map((a) => a.kind).sort(), ['bash', 'bash', 'inline', 'inline', 'inline', 'inline', 'inline']);
    assert.ok(runs.every((l) => l.command?.title === '▶ Run'));
  });

  test('no Run or Sign-off lens for commands the client did not announce', () => {
    const lenses = codeLenses(checklist, defaultSettings, new Set(), uri, 1);
    assert.ok(lenses.length > 0);
    assert.ok(
      lenses.every((l) => l.command?.command === ''),
      'only display lenses remain',
    );
    const onlyRun = codeLenses(checklist, defaultSettings, new Set([ClientCommands.runStep]), uri, 1);
    assert.ok(!onlyRun.some((l) => l.command?.command === ClientCommands.signOff));
    assert.ok(onlyRun.some((l) => l.command?.command === ClientCommands.runStep));
  });

  test('settings turn each kind of lens off', () => {
    const off: Settings = { ...defaultSettings, codeLens: { progress: false, run: false, signOff: false, ecs: false } };
    assert.deepEqual(codeLenses(checklist, off, allCommands, uri, 1), []);
  });

  test('progress lenses on each heading with items show its counts', () => {
    const expected = headingCounts(text).filter((h) => h.total > 0);
    const progress = codeLenses(
      checklist,
      { ...defaultSettings, codeLens: { progress: true, run: false, signOff: false, ecs: false } },
      allCommands,
      uri,
      1,
    );
    assert.deepEqual(
      progress.map((l) => [l.range.start.line, l.command?.title]),
      expected.map((h) => [h.n, `${h.done}/${h.total} done · ${Math.floor((100 * h.done) / h.total)}%`]),
    );
    const testing = progress[expected.findIndex((h) => h.title === 'Testing')];
    assert.equal(testing.command?.title, '10/10 done · 100%');
  });

  test('a Sign-off lens per role, naming the role', () => {
    const roles = headingCounts(text).filter(
      (h) => h.level === 3 && h.n > text.split('\n').indexOf('## Sign-Off') && h.n < text.split('\n').indexOf('## Deployment Timeline'),
    );
    const lenses = codeLenses(checklist, defaultSettings, allCommands, uri, 1).filter((l) => l.command?.command === ClientCommands.signOff);
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title]),
      roles.map((r) => [r.n, `✍ Sign off as ${r.title}`]),
    );
  });
});

describe('ECS lenses on the seed', () => {
  const lines = seed.split('\n');
  const updateLine = lines.findIndex((l) => l.startsWith('aws ecs update-service'));
  const fenceLine = scan(seed)
    .fences.filter((f) => f.n < updateLine)
    .at(-1)?.n;
  const claimLine = lines.indexOf('- [ ] All services healthy');
  const ecsLenses = (text: string, settings: Settings = defaultSettings, commands: ReadonlySet<string> = allCommands) =>
    codeLenses(parseChecklist(text), settings, commands, uri, 3).filter(
      (l) => l.command?.command === ClientCommands.ecsRollback || l.command?.command === ClientCommands.ecsVerify,
    );
  const vivrApp = { cluster: 'vivr-prod', service: 'vivr-app', source: { line: updateLine } };

  test('the seed has one update-service block and one open "All services healthy" item', () => {
    assert.ok(updateLine > 0 && claimLine > 0 && fenceLine !== undefined);
    assert.equal(lines.filter((l) => /aws ecs update-service/.test(l)).length, 1);
    assert.equal(lines[fenceLine], '```bash');
  });

  test("Roll back on the block's first line, naming the service; Verify on the open health claim", () => {
    const lenses = codeLenses(parseChecklist(seed), defaultSettings, allCommands, uri, 3);
    const ecs = lenses.filter((l) => l.command?.command === ClientCommands.ecsRollback || l.command?.command === ClientCommands.ecsVerify);
    assert.deepEqual(
      ecs.map((l) => [l.range.start.line, l.command?.title]),
      [
        [claimLine, '✓ Verify with ECS'],
        [fenceLine, '⟲ Roll back vivr-app…'],
      ],
    );
    const rollback = ecs[1].command?.arguments?.[0] as EcsRollbackArgs;
    const run = lenses.find((l) => l.range.start.line === fenceLine && l.command?.command === ClientCommands.runStep)?.command
      ?.arguments?.[0] as RunStepArgs;
    assert.deepEqual(rollback, { uri, version: 3, stepId: run.stepId, target: vivrApp });
    assert.match(run.command, /aws ecs update-service/);
    const verify = ecs[0].command?.arguments?.[0] as EcsVerifyArgs;
    const item = parseChecklist(seed).items.find((i) => i.range.start.line - 1 === claimLine);
    assert.equal(item?.text, 'All services healthy');
    assert.deepEqual(verify, { uri, version: 3, itemId: item.id, targets: [vivrApp] });
    // The existing order holds: by line, and on the block's line Run comes before Roll back.
    assert.deepEqual(
      lenses.map((l) => l.range.start.line),
      lenses.map((l) => l.range.start.line).sort((a, b) => a - b),
    );
    const onFence = lenses.filter((l) => l.range.start.line === fenceLine).map((l) => l.command?.command);
    assert.deepEqual(onFence, [ClientCommands.runStep, ClientCommands.ecsRollback]);
  });

  test('each lens only when its command was announced', () => {
    assert.deepEqual(ecsLenses(seed, defaultSettings, new Set([ClientCommands.runStep, ClientCommands.signOff])), []);
    assert.deepEqual(
      ecsLenses(seed, defaultSettings, new Set([ClientCommands.ecsRollback])).map((l) => l.command?.command),
      [ClientCommands.ecsRollback],
    );
    assert.deepEqual(
      ecsLenses(seed, defaultSettings, new Set([ClientCommands.ecsVerify])).map((l) => l.command?.command),
      [ClientCommands.ecsVerify],
    );
  });

  test('no Verify lens on a checked claim; the Roll back lens stays', () => {
    const checked = seed.replace('- [ ] All services healthy', '- [x] All services healthy');
    assert.deepEqual(
      ecsLenses(checked).map((l) => l.command?.command),
      [ClientCommands.ecsRollback],
    );
  });

  test('`codeLens.ecs: false` turns both off, and only them', () => {
    const off: Settings = { ...defaultSettings, codeLens: { ...defaultSettings.codeLens, ecs: false } };
    assert.deepEqual(ecsLenses(seed, off), []);
    assert.ok(codeLenses(parseChecklist(seed), off, allCommands, uri, 3).some((l) => l.command?.command === ClientCommands.runStep));
  });

  test('without any ECS target a health claim gets no Verify lens', () => {
    const noEcs = seed.replace(/aws ecs (update-service|wait)/g, 'echo $1');
    assert.equal(noEcs.includes('aws ecs'), false);
    assert.deepEqual(ecsLenses(noEcs), []);
  });
});

describe('symbols and folding on the seed', () => {
  const checklist = parseChecklist(seed);
  const { prose, fences } = scan(seed);
  const lineCount = seed.split('\n').length;

  test("the top level is the seed's `## ` headings, with `### ` sections below", () => {
    const symbols = documentSymbols(checklist);
    const h2 = prose.filter(({ line }) => line.startsWith('## '));
    assert.deepEqual(
      symbols.map((s) => [s.name, s.selectionRange.start.line]),
      h2.map(({ n, line }) => [line.slice(3), n]),
    );
    const h3 = prose.filter(({ line }) => line.startsWith('### '));
    assert.equal(
      symbols.reduce((sum, s) => sum + (s.children?.length ?? 0), 0),
      h3.length,
    );
    const testing = symbols[0].children?.find((c) => c.name === 'Testing');
    assert.equal(testing?.detail, '0/10');
    // Ranges hold their selection and children, and stop before the next heading.
    for (const [i, s] of symbols.entries()) {
      assert.ok(s.range.start.line === s.selectionRange.start.line && s.range.end.line >= s.selectionRange.end.line);
      if (i + 1 < symbols.length) assert.ok(s.range.end.line < symbols[i + 1].range.start.line, s.name);
      for (const c of s.children ?? []) assert.ok(c.range.start.line >= s.range.start.line && c.range.end.line <= s.range.end.line, c.name);
    }
  });

  test('folding ranges are well formed and cover sections, code and the table', () => {
    const ranges = foldingRanges(checklist);
    for (const r of ranges) {
      assert.ok(r.startLine >= 0 && r.endLine > r.startLine && r.endLine < lineCount, JSON.stringify(r));
      // A section or block never ends on a blank line.
      assert.notEqual(seed.split('\n')[r.endLine].trim(), '', JSON.stringify(r));
    }
    const starts = ranges.map((r) => r.startLine);
    assert.deepEqual(
      starts,
      [...new Set(starts)].sort((a, b) => a - b),
      'one range per start line, in order',
    );
    // Every heading with content below it folds, as a region.
    const headings = prose.filter(({ line }) => /^#{2,6} /.test(line));
    for (const h of headings) assert.equal(ranges.find((r) => r.startLine === h.n)?.kind, 'region', h.line);
    for (const f of fences) {
      const range = ranges.find((r) => r.startLine === f.n);
      assert.ok(range && /^(`{3,}|~{3,})\s*$/.test(seed.split('\n')[range.endLine]), `fence at ${f.n} folds to its closing fence`);
    }
    const tableHeader = seed.split('\n').indexOf('| Time | Task | Owner | Status |');
    assert.deepEqual(
      ranges.filter((r) => r.startLine === tableHeader).map((r) => r.endLine),
      [tableHeader + 11],
    );
  });
});

describe('folding and symbols on small documents', () => {
  test('an item with sub-items folds; a heading with nothing below does not', () => {
    const text = '# T\n\n## A\n\n- [ ] parent\n  - [ ] child\n  - [x] child 2\n- [ ] single\n\n## Empty\n\n## B\n<!--\nnote\n-->\n';
    const ranges = foldingRanges(parseChecklist(text));
    assert.deepEqual(
      ranges.map((r) => [r.startLine, r.endLine, r.kind]),
      [
        [2, 7, 'region'],
        [4, 6, undefined],
        [11, 14, 'region'],
        [12, 14, 'comment'],
      ],
    );
  });

  test('an empty document has no symbols and no folds', () => {
    const empty = parseChecklist('');
    assert.deepEqual(documentSymbols(empty), []);
    assert.deepEqual(foldingRanges(empty), []);
  });
});

describe('diagnostics and quick fixes', () => {
  const fixturePath = join(repoRoot, 'test', 'fixtures', 'malformed-checkbox.md');
  const text = readFileSync(fixturePath, 'utf8');
  const checklist = parseChecklist(text);
  const findings = check(checklist);

  test("diagnostics carry the rule id, a docs link and the severity; the README's rule table lists the rule", () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const ruleTable = /<!-- rules:begin -->([\s\S]*?)<!-- rules:end -->/.exec(readme)?.[1] ?? '';
    const repository = String(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).repository.url).replace(/\.git$/, '');
    const diagnostics = toDiagnostics(findings);
    assert.equal(diagnostics.length, findings.length);
    for (const d of diagnostics) {
      assert.equal(d.source, 'preflight');
      assert.equal(d.codeDescription?.href, `${repository}/blob/main/docs/rules/${String(d.code)}.md`);
      assert.ok(existsSync(join(repoRoot, 'docs', 'rules', `${String(d.code)}.md`)), `docs/rules/${String(d.code)}.md exists`);
      assert.match(
        ruleTable,
        new RegExp(`^\\| \\[?\`?${String(d.code)}(?![\\w-])`, 'm'),
        `the README's rule table lists ${String(d.code)}`,
      );
    }
    const first = diagnostics[0];
    assert.equal(first.code, 'malformed-checkbox');
    assert.equal(first.severity, DiagnosticSeverity.Warning);
    assert.deepEqual(first.range.start, at(4, 0));
  });

  test('the fix at the cursor is a preferred quick fix editing the requested version', () => {
    const actions = codeActions(checklist, findings, uri, 3, cursor(4, 2), noContext);
    const fixes = actions.filter((a) => a.kind === CodeActionKind.QuickFix);
    assert.equal(fixes.length, 1);
    const [fix] = fixes;
    assert.equal(fix.title, 'Rewrite as `- [ ]`');
    assert.equal(fix.isPreferred, true);
    assert.equal(fix.diagnostics?.[0].code, 'malformed-checkbox');
    const change = fix.edit?.documentChanges?.[0] as TextDocumentEdit;
    assert.deepEqual(change.textDocument, { uri, version: 3 });
    const [edit] = change.edits;
    assert.ok('newText' in edit);
    const lines = text.split('\n');
    const line = lines[edit.range.start.line];
    lines[edit.range.start.line] = line.slice(0, edit.range.start.character) + edit.newText + line.slice(edit.range.end.character);
    assert.equal(lines[4], '- [ ] Empty box');
    assert.equal(parseChecklist(lines.join('\n')).items.filter((i) => i.text === 'Empty box').length, 1);
  });

  test("the client's diagnostic is linked; other kinds and far-away findings are left out", () => {
    const diagnostic = toDiagnostics(findings)[1];
    const linked = codeActions(checklist, findings, uri, 3, diagnostic.range, { diagnostics: [diagnostic] }).find(
      (a) => a.kind === CodeActionKind.QuickFix,
    );
    assert.equal(linked?.diagnostics?.[0], diagnostic);
    assert.deepEqual(
      codeActions(checklist, findings, uri, 3, cursor(4, 2), { diagnostics: [], only: [CodeActionKind.Refactor] }).filter(
        (a) => a.kind === CodeActionKind.QuickFix,
      ),
      [],
    );
    assert.deepEqual(
      codeActions(checklist, findings, uri, 3, cursor(0), noContext).filter((a) => a.kind === CodeActionKind.QuickFix),
      [],
    );
  });
});

describe('section and toggle actions', () => {
  const text = '# T\n\n## Build\n\n- [x] lint\n- [ ] test\n  - [ ] unit\n\n### Ship\n\n- [ ] push\n\n## Done\n\n- [x] all\n';
  const checklist = parseChecklist(text);
  const commandOf = (title: string, range: Range) =>
    codeActions(checklist, [], uri, 9, range, noContext).find((a) => a.title === title)?.command;

  test('check and uncheck all in the section at the cursor, as server commands', () => {
    const check = commandOf("Check all in 'Build'", cursor(4));
    assert.equal(check?.command, ServerCommands.setSection);
    assert.deepEqual(check?.arguments, [{ uri, version: 9, phaseId: 'build', checked: true } satisfies SetPhaseArgs]);
    assert.equal(commandOf("Uncheck all in 'Build'", cursor(4))?.command, ServerCommands.setSection);
    assert.ok(commandOf("Check all in 'Ship'", cursor(10)));
    // Everything in "Done" is checked: only unchecking is offered.
    assert.equal(commandOf("Check all in 'Done'", cursor(14)), undefined);
    assert.ok(commandOf("Uncheck all in 'Done'", cursor(14)));
  });

  test('toggle the item at the cursor, or every item starting on the selected lines', () => {
    const one = commandOf('Toggle item', cursor(6, 4));
    assert.equal(one?.command, ServerCommands.toggleItems);
    const args = one?.arguments?.[0] as ToggleItemsArgs;
    assert.deepEqual(args.itemIds, [checklist.items[2].id]);
    assert.equal(checklist.items[2].text, 'unit');
    const three = commandOf('Toggle 3 items', { start: at(4), end: at(7, 0) })?.arguments?.[0] as ToggleItemsArgs;
    assert.deepEqual(
      three.itemIds,
      checklist.items.slice(0, 3).map((i) => i.id),
    );
    assert.equal(three.checked, undefined);
    assert.equal(commandOf('Toggle item', cursor(1)), undefined);
  });
});

describe('hover', () => {
  test('a checked item says done, with its phase path and id', () => {
    const text = seed.replace('- [ ] Code review completed by 2+ team members', '- [x] Code review completed by 2+ team members');
    const line = text.split('\n').indexOf('- [x] Code review completed by 2+ team members');
    const h = hover(parseChecklist(text), at(line, 10));
    const value = hoverText(h);
    assert.match(value, /Done/);
    assert.match(value, /Pre-Deployment Phase .*Code Readiness/);
    assert.match(value, /code-review-completed/);
    assert.deepEqual(h?.range?.start, at(line, 0));
    assert.match(hoverText(hover(parseChecklist(text), at(line + 1, 10))), /Open/);
  });

  test('an item with a command shows its last run, from the injected lookup', () => {
    const checklist = parseChecklist('## Build\n\n- [ ] Lint passes: `npm run lint`\n');
    const value = hoverText(
      hover(checklist, at(2, 4), () => ({ at: '2026-01-21T10:00:00+01:00', exitCode: 2, durationMs: 1500, by: 'ana' })),
    );
    assert.match(value, /failed \(exit 2\) in 1\.5 s/);
    assert.match(value, /ana/);
    assert.match(hoverText(hover(checklist, at(2, 4))), /not run yet/);
  });

  test('a conditional item names its phase; a heading gives the breakdown; a placeholder must be filled', () => {
    const text = '## Ship\n\n- [x] deploy\n- [ ] extra (optional)\n\n## Rollback (if needed)\n\n- [ ] revert\n\nOwner: [Name]\n';
    const checklist = parseChecklist(text);
    assert.match(hoverText(hover(checklist, at(7, 3))), /conditional: only when 'Rollback \(if needed\)' applies/);
    const heading = hoverText(hover(checklist, at(0, 4)));
    assert.match(heading, /1\/2 done \(50%\)/);
    assert.match(heading, /Required: 1\/1/);
    assert.match(heading, /Optional: 0\/1/);
    assert.match(hoverText(hover(checklist, at(9, 9))), /must be filled/);
    assert.equal(hover(checklist, at(1)), null);
  });
});

describe('completion', () => {
  const labels = (text: string, position: { line: number; character: number }, model = text) =>
    completions(parseChecklist(model), text, position).map((c) => c.label);

  test('not offered inside a code block of the seed', () => {
    const lines = seed.split('\n');
    const inside = lines.indexOf('# Run automated smoke tests');
    assert.ok(inside > 0);
    assert.deepEqual(labels(seed, at(inside + 1, 0)), []);
    assert.deepEqual(labels(seed, at(inside + 2, 0)), []);
    // The same place with the model one keystroke behind: the fence is found in the text.
    const typed = seed.replace('# Run automated smoke tests', '# Run automated smoke tests!');
    assert.deepEqual(labels(typed, at(inside + 2, 0), seed), []);
    // Outside the block the snippets are there.
    assert.ok(labels(seed, at(lines.indexOf('### Smoke Tests') + 1, 0)).includes('task'));
  });

  test('snippets at the start of a line, and only the box after a list marker', () => {
    const text = '# T\n\n## Build\n\n- [ ] lint\n\n';
    assert.deepEqual(labels(text, at(6, 0)), ['task', 'subtask', 'phase', 'section', 'bash step', 'sign-off section']);
    const items = completions(parseChecklist(text), text, at(6, 0));
    assert.ok(items.every((c) => c.insertTextFormat === 2));
    assert.equal(items.find((c) => c.label === 'phase')?.textEdit?.newText.split('\n')[0], '## ${1:Phase}');
    assert.equal(items.find((c) => c.label === 'section')?.textEdit?.newText.split('\n')[0], '### ${1:Section}');
    assert.equal(items.find((c) => c.label === 'subtask')?.textEdit?.newText, '  - [ ] $0');
    const bash = items.find((c) => c.label === 'bash step')?.textEdit?.newText ?? '';
    assert.match(bash, /^- \[ \] .*\n\n```bash\n/);
    const after = '# T\n\n- ';
    assert.deepEqual(
      completions(parseChecklist(after), after, at(2, 2)).map((c) => c.insertText),
      ['[ ] $0'],
    );
    assert.deepEqual(labels('# T\n\nSome prose', at(2, 10)), []);
  });

  test('a sign-off role inside the sign-off section, with blanks like the seed', () => {
    const text = '# T\n\n## Sign-Off\n\n### QA Lead\n- [ ] Done\n- Name: ____\n\n';
    const role = completions(parseChecklist(text), text, at(8, 0)).find((c) => c.label === 'sign-off role');
    assert.equal(
      role?.textEdit?.newText,
      '### ${1:Role}\n- [ ] ${2:Ready to proceed}\n- Name: ________________\n- Date: ________________\n- Time: ________________\n$0',
    );
  });
});

describe('outline and progress', () => {
  const text =
    '# Release\n\n- [ ] loose\n\n## Build\n\n- [x] parent\n  - [ ] child\n- [ ] run `npm run build`\n\n```bash\nnpm test\n```\n\n## Sign-Off\n\n### QA\n- [ ] Approved\n- Name: ____\n';
  const checklist = parseChecklist(text);

  test('items nest by parent; steps and roles are listed', () => {
    const o = outline(checklist, uri, 4);
    assert.equal(o.title, 'Release');
    assert.deepEqual(
      o.looseItems.map((i) => i.text),
      ['loose'],
    );
    const build = o.phases[0];
    assert.deepEqual(
      build.items.map((i) => [i.text, i.children.map((c) => c.text)]),
      [
        ['parent', ['child']],
        ['run npm run build', []],
      ],
    );
    assert.deepEqual(build.items[0].range, { start: at(6, 0), end: at(6, 12) });
    assert.deepEqual([build.done, build.total, build.required], [1, 3, { done: 1, total: 3 }]);
    assert.deepEqual(
      o.steps.map((s) => [s.kind, s.label, s.range.start.line]),
      [
        ['inline', 'npm run build', 8],
        ['code', 'bash', 10],
      ],
    );
    assert.deepEqual(
      o.signOff.map((r) => [r.name, r.range.start.line, r.complete]),
      [['QA', 16, false]],
    );
  });

  test('CRLF and astral characters: ranges count UTF-16 units and stop before the line ending', () => {
    const crlf = parseChecklist('## 🚀 Ship\r\n\r\n- [ ] 🚀 launch\r\n  - [x] go\r\n');
    const [item] = outline(crlf, uri, 1).phases[0].items;
    assert.deepEqual(item.range, { start: at(2, 0), end: at(2, 15) }); // '- [ ] ' 6, the rocket 2 units, ' launch' 7
    assert.deepEqual(
      foldingRanges(crlf).map((r) => [r.startLine, r.endLine]),
      [
        [0, 3],
        [2, 3],
      ],
    );
    assert.match(hoverText(hover(crlf, at(3, 12))), /Done/);
  });

  test('a step with run notes carries its newest run; hover shows the same run', () => {
    const notes = [
      '<!-- preflight:run {"at":"2026-11-27T21:00:00+01:00","exit":0,"ms":900,"by":"ada"} -->',
      '<!-- preflight:run {"at":"2026-11-27T22:00:00+01:00","exit":3,"ms":2500,"by":"grace","out":"boom"} -->',
    ];
    const ran = parseChecklist(text.replace('npm test\n```\n', `npm test\n\`\`\`\n${notes.join('\n')}\n`));
    const [inline, block] = outline(ran, uri, 5).steps;
    assert.equal('lastRun' in inline, false, 'a step never run has no lastRun');
    assert.deepEqual(block.lastRun, { at: '2026-11-27T22:00:00+01:00', exitCode: 3, durationMs: 2500, by: 'grace' });
    assert.match(hoverText(hover(ran, block.range.start)), /failed \(exit 3\) in 2\.5 s, 2026-11-27T22:00:00\+01:00 by grace/);
  });

  test('front matter cwd and env reach the outline; other shapes are left out', () => {
    assert.deepEqual(outline(checklist, uri, 1).run, { env: {} });
    const withFront = parseChecklist(
      `---\ncwd: services/api\nenv:\n  REGION: eu-west-1\n  REPLICAS: 3\n  DRY_RUN: false\n  nested: {a: 1}\n  bad-name: x\n---\n${text}`,
    );
    assert.deepEqual(outline(withFront, uri, 1).run, {
      cwd: 'services/api',
      env: { REGION: 'eu-west-1', REPLICAS: '3', DRY_RUN: 'false' },
    });
  });

  test('ECS targets reach the outline, front matter first, block lines 0-based, with the block that rolls each back', () => {
    assert.deepEqual(outline(checklist, uri, 1).ecs, []);
    const block =
      '```bash\naws ecs update-service \\\n  --cluster prod --service worker\naws ecs wait services-stable --cluster prod --services api\n```\n';
    const withEcs = parseChecklist(`---\necs: {cluster: prod, service: api, region: eu-west-1}\n---\n${text}\n${block}`);
    const line = withEcs.text.split('\n').indexOf('aws ecs update-service \\');
    assert.ok(line > 0);
    const view = outline(withEcs, uri, 1);
    const block1 = view.steps.find((s) => s.kind === 'code' && s.command.startsWith('aws ecs update-service'))!.id;
    assert.deepEqual(view.ecs, [
      { cluster: 'prod', service: 'api', region: 'eu-west-1', source: 'front-matter' },
      { cluster: 'prod', service: 'worker', region: 'eu-west-1', source: { line }, rollbackStepId: block1 },
    ]);
  });

  test('progress lists every phase depth first', () => {
    const p = progressParams(checklist, uri, 4);
    assert.deepEqual(
      p.phases.map((x) => [x.title, x.done, x.total]),
      [
        ['Build', 1, 3],
        ['Sign-Off', 0, 1],
        ['QA', 0, 1],
      ],
    );
    assert.deepEqual(p.overall, {
      done: 1,
      total: 5,
      required: { done: 1, total: 5 },
      optional: { done: 0, total: 0 },
      conditionalItems: { done: 0, total: 0 },
    });
    assert.deepEqual(p.phases[0].range, toLspRange(checklist.phases[0].range));
  });
});
