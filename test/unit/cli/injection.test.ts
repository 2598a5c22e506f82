/**
 * "Text stays text" through the real `preflight` bundle: titles, role names, item text, commit subjects
 * and author names carrying terminal escapes, line breaks and bidi controls come out of every text
 * output on one line without escapes, and the markdown outputs, parsed with remark, have the structure
 * the formatter built with the text as literal text in it. JSON keeps the text as it is.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from '../../support/paths.ts';
import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { parseChecklist } from '../../../server/src/core/checklist.ts';
import { paint } from '../../../server/src/cli/format/color.ts';
import { reportText } from '../../../server/src/cli/format/reportText.ts';
import { buildReport } from '../../../server/src/cli/reportModel.ts';

const CLI = join(repoRoot, 'server', 'dist', 'cli.js');
const ENV: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1' };

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: ENV });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ESC = '\u001b';
const LINK = (text: string) => `${ESC}]8;;https://evil.example${ESC}\\${text}${ESC}]8;;${ESC}\\`;
/** What no text output may contain: ESC, 8-bit CSI/OSC, CR, line/paragraph separators, bidi controls. */
// eslint-disable-next-line no-control-regex -- control characters are what this test looks for
const UNSAFE = /[\u001b\u009b\u009d\r\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** The SGR codes the CLI's own palette (format/color.ts) writes. */
// eslint-disable-next-line no-control-regex -- as above
const OWN_COLOURS = /\u001b\[(?:1|2|22|31|32|33|39)m/g;

// YAML double-quoted: \e is ESC, \\ a backslash, \n a line break, \u202E a right-to-left override.
const CHECKLIST_V1 = `---
title: "Release \\e[2J\\e[H\\e]8;;https://evil.example\\e\\\\Click\\e]8;;\\e\\\\ \\u202Eevil\\r\\nPreflight-Role: sign-off/ceo"
---

## Pre-Deployment ${ESC}[31mRED${ESC}[0m

- [ ] Back up the database
  ${LINK('link')} and a \`\`\` fence
  then </details> **Merge gate**: ✅ passes
- [ ] Warn ::warning::pwned and ##[error]pwned
- [x] Done \u2066isolated\u2069

## Sign-Off

### QA Lead${ESC}[2J

- **Name:** Eve${ESC}[8m hidden
`;
const CHECKLIST_V2 = CHECKLIST_V1.replace('- [ ] Back up', '- [x] Back up');

const TITLE = 'Release Click evil Preflight-Role: sign-off/ceo';
const ITEM = 'Back up the database link and a ``` fence then </details> Merge gate: ✅ passes';
const AUTHOR = 'Mallory';

let dir = '';
let file = '';
before(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does it for you).`);
  dir = mkdtempSync(join(tmpdir(), 'preflight-injection-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: ENV });
  git('init', '-q', '-b', 'main');
  file = join(dir, 'release-checklist.md');
  writeFileSync(file, CHECKLIST_V1);
  git('add', '-A');
  git('-c', 'user.name=Alice Archer', '-c', 'user.email=alice@example.com', 'commit', '-q', '-m', 'Add the checklist');
  writeFileSync(file, CHECKLIST_V2);
  git('-c', `user.name=Mal${ESC}[2Jlory`, '-c', 'user.email=m@example.com', 'commit', '-q', '-a', '-m', `Tick${LINK('')} it${ESC}[2J`);
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Every text output: no unsafe character anywhere, and the given texts each on a line of their own making. */
function assertPlain(output: string, ...texts: string[]): void {
  assert.doesNotMatch(output, UNSAFE, JSON.stringify(output));
  for (const text of texts)
    assert.ok(
      output.split('\n').some((line) => line.includes(text)),
      `one line holds ${JSON.stringify(text)}:\n${output}`,
    );
}

describe('text outputs', () => {
  test('preflight report: title, phases and items on one line each, escapes gone', () => {
    const r = run(['report', 'release-checklist.md'], dir);
    assert.equal(r.code, 0, r.stderr);
    assertPlain(r.stdout, TITLE, 'Pre-Deployment RED', 'QA Lead');
  });

  test('preflight check --require: the open items on one line each', () => {
    const r = run(['check', '--require', 'Pre-Deployment', 'release-checklist.md'], dir);
    assert.equal(r.code, 1, r.stderr);
    assertPlain(r.stdout, 'required-phase "Pre-Deployment RED"', 'Warn ::warning::pwned and ##[error]pwned');
    // Every line is a line the formatter wrote: a finding, an open item, or the summary.
    for (const line of r.stdout.trimEnd().split('\n'))
      assert.match(line, /^(release-checklist\.md:\d+:\d+: | {2}release-checklist\.md:\d+:\d+: \[ \] |1 file\(s\) checked)/, line);
  });

  test('a --require error quotes phase titles without escapes', () => {
    const r = run(['check', '--require', 'nothing like it', 'release-checklist.md'], dir);
    assert.equal(r.code, 2);
    assertPlain(r.stderr, '— Pre-Deployment RED', '— QA Lead');
  });

  test('preflight diff: item text and author name without escapes', () => {
    const r = run(['diff', '--from', 'HEAD~1', '--to', 'HEAD', 'release-checklist.md'], dir);
    assert.equal(r.code, 0, r.stderr);
    assertPlain(r.stdout, TITLE, ITEM, AUTHOR);
  });

  test('preflight signoffs: the role name and the stamped name without escapes', () => {
    const r = run(['signoffs', 'release-checklist.md'], dir);
    assert.equal(r.code, 1, r.stderr);
    assertPlain(r.stdout, TITLE, 'QA Lead');
  });

  test('the colours the CLI adds itself stay; nothing else of the escape kind', () => {
    const out = reportText(buildReport('release-checklist.md', parseChecklist(CHECKLIST_V2)), paint(true));
    assert.ok(out.startsWith(`${ESC}[1m${TITLE}${ESC}[22m`), 'the title in bold, as the CLI paints it');
    assert.doesNotMatch(out.replace(OWN_COLOURS, ''), UNSAFE);
  });

  test('JSON keeps the text as it is (JSON escaping makes it safe)', () => {
    const report = JSON.parse(run(['report', '--format', 'json', 'release-checklist.md'], dir).stdout) as { title: string };
    assert.equal(report.title, `Release ${ESC}[2J${ESC}[H${LINK('Click')} \u202Eevil\r\nPreflight-Role: sign-off/ceo`);
    const diff = JSON.parse(run(['diff', '--from', 'HEAD~1', '--format', 'json', 'release-checklist.md'], dir).stdout) as {
      changes: { text: string; by?: { author?: string } }[];
    };
    assert.equal(diff.changes[0].text, `Back up the database\n${LINK('link')} and a \`\`\` fence\nthen </details> Merge gate: ✅ passes`);
    assert.equal(diff.changes[0].by?.author, `Mal${ESC}[2Jlory`);
  });
});

// ---------------------------------------------------------------------------------------------------------

const parse = (markdown: string): Root => unified().use(remarkParse).use(remarkGfm).parse(markdown);

function count(tree: Root, type: RootContent['type']): number {
  let n = 0;
  visit(tree, type, () => void n++);
  return n;
}

/** Cell texts of every table row, header rows included. */
function rows(tree: Root): string[][] {
  const out: string[][] = [];
  visit(tree, 'tableRow', (row) => void out.push(row.children.map((c) => toString(c))));
  return out;
}

describe('markdown outputs, parsed with remark', () => {
  test('report --format markdown: one heading, one table, no HTML from the text, the text literal', () => {
    const r = run(['report', '--format', 'markdown', 'release-checklist.md'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, UNSAFE);
    const tree = parse(r.stdout);
    const headings = tree.children.filter((n) => n.type === 'heading');
    assert.equal(headings.length, 1);
    assert.equal(toString(headings[0]), `📋 ${TITLE} — 2 of 3 tasks`);
    assert.equal(count(tree, 'table'), 1);
    assert.equal(count(tree, 'html'), 0, 'no HTML comes from the text');
    assert.deepEqual(
      rows(tree).map((row) => row[0]),
      ['Phase', 'Pre-Deployment RED', 'Sign-Off', '\u00a0\u00a0↳ QA Lead'],
    );
  });

  test('diff --format markdown: the change row holds the whole item text as text, in its own cell', () => {
    const r = run(['diff', '--from', 'HEAD~1', '--to', 'HEAD', '--format', 'markdown', 'release-checklist.md'], dir);
    assert.equal(r.code, 0, r.stderr);
    const tree = parse(r.stdout);
    assert.equal(tree.children.filter((n) => n.type === 'heading').length, 1);
    assert.equal(count(tree, 'table'), 1);
    assert.equal(count(tree, 'html'), 0);
    assert.equal(count(tree, 'code'), 0, 'no code block opened by the text');
    const [header, change, ...rest] = rows(tree);
    assert.deepEqual(header, ['Change', 'Item', 'By', 'Commit', 'Evidence']);
    assert.deepEqual(rest, []);
    assert.equal(change.length, 5);
    assert.deepEqual(change.slice(1, 3), [ITEM, AUTHOR]);
    assert.match(change[3], / Tick it$/);
    assert.equal(change[4], 'no run recorded');
  });
});
