/**
 * `preflight merge` as git's merge driver, in real temporary repositories: each case merges the same two
 * branches with plain git (which conflicts: that is the point of the driver) and with the driver, installed
 * by `preflight merge --install` or by the two config lines written by hand.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parseChecklist } from '../../../server/src/core/checklist.ts';
import { type RunNote, parseRunNote, recordRun } from '../../../server/src/core/runNote.ts';
import { applyEdits } from '../../support/applyEdits.ts';
import {
  CLI,
  cli,
  conflictRegions,
  type DriverSetup,
  ENV,
  git,
  gitRun,
  hasMarkers,
  type MergeOutcome,
  mergeBranches,
  removeDir,
  tempDir,
} from '../../support/mergeRepo.ts';

const DOC = `# Release checklist

## Code Readiness

- [ ] All tests pass: \`npm test\`
- [ ] Lint is clean: \`npm run lint\`
- [ ] Changelog updated for the release
- [ ] Version bumped in package.json

## Testing

- [ ] Smoke tests on staging
- [ ] Regression suite green
- [ ] Performance within budget

## Sign-Off

### Release Manager
- [ ] Ready to release
- Name: ________________
- Date: ________________
`;

const DEFAULT_GLOBS = ['*checklist*.md', '*CHECKLIST*.md', 'checklists/**/*.md', '*runbook*.md', 'runbooks/**/*.md'];

const dirs: string[] = [];
after(() => dirs.forEach(removeDir));

function merge(base: string, ours: string, theirs: string, setup: DriverSetup): MergeOutcome {
  const outcome = mergeBranches({ base, ours, theirs, setup });
  dirs.push(outcome.dir);
  return outcome;
}

function tick(text: string, item: string): string {
  const from = `- [ ] ${item}`;
  assert.ok(text.includes(from), `test setup: no open item "${item}"`);
  return text.replace(from, `- [x] ${item}`);
}

function replaceOnce(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `test setup: "${from}" not in the document`);
  return text.replace(from, to);
}

function checkedOf(text: string): Map<string, boolean> {
  return new Map(parseChecklist(text).items.map((i) => [i.text, i.checked]));
}

/** A run note recorded by the core as the Run lens records it. */
function withRun(text: string, stepId: string, note: RunNote): string {
  const result = recordRun(parseChecklist(text), stepId, note, { check: false });
  if ('error' in result) throw new Error(result.error);
  return applyEdits(text, result.edits);
}

function assertClean(outcome: MergeOutcome, what: string): void {
  assert.equal(
    outcome.merge.code,
    0,
    `${what}: git merge should succeed with the driver; stdout: ${outcome.merge.stdout} stderr: ${outcome.merge.stderr}\n${outcome.text}`,
  );
  assert.deepEqual(outcome.unmerged, [], `${what}: nothing should be left unmerged`);
  assert.ok(!hasMarkers(outcome.text), `${what}: no conflict markers expected:\n${outcome.text}`);
}

function assertPlainGitConflicts(base: string, ours: string, theirs: string, what: string): void {
  const plain = merge(base, ours, theirs, 'none');
  assert.notEqual(plain.merge.code, 0, `${what}: plain git merged this cleanly, so the case shows nothing about the driver`);
  assert.ok(hasMarkers(plain.text), `${what}: plain git should leave conflict markers`);
}

describe('preflight merge as a git merge driver', () => {
  test('the CLI is built', () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run npm run build first`);
  });

  for (const setup of ['install', 'manual'] as const) {
    test(`adjacent ticks on two branches merge clean (driver by ${setup}); plain git conflicts`, () => {
      const ours = tick(DOC, 'Changelog updated for the release');
      const theirs = tick(DOC, 'Version bumped in package.json');
      assertPlainGitConflicts(DOC, ours, theirs, 'adjacent ticks');
      const outcome = merge(DOC, ours, theirs, setup);
      assertClean(outcome, 'adjacent ticks');
      const expected = tick(tick(DOC, 'Changelog updated for the release'), 'Version bumped in package.json');
      assert.equal(outcome.text, expected, 'both ticks, everything else as it was');
      // The merge commit holds the merged file, not a half-merged one.
      assert.equal(git(outcome.dir, 'show', 'HEAD:release-checklist.md'), expected);
    });
  }

  test('a file name with shell syntax (from a pull request) is passed to the driver, never run', () => {
    const file = 'release $(touch PWNED) `touch PWNED2`; checklist.md';
    const ours = tick(DOC, 'Changelog updated for the release');
    const theirs = tick(DOC, 'Version bumped in package.json');
    const outcome = mergeBranches({ base: DOC, ours, theirs, setup: 'install', file });
    dirs.push(outcome.dir);
    assertClean(outcome, 'shell-looking file name');
    assert.equal(outcome.text, tick(ours, 'Version bumped in package.json'));
    assert.ok(!existsSync(join(outcome.dir, 'PWNED')) && !existsSync(join(outcome.dir, 'PWNED2')), 'nothing in the file name ran');
  });

  test("both sides' run notes under the same step survive, oldest first", () => {
    const older: RunNote = { at: '2026-12-01T09:00:00+00:00', exitCode: 0, durationMs: 1200, by: 'qa', excerpt: 'ours ok' };
    const newer: RunNote = { at: '2026-12-01T10:30:00+00:00', exitCode: 1, durationMs: 900, by: 'dev', excerpt: 'theirs failed' };
    const stepId = 'code-readiness#all-tests-pass-npm-test';
    const ours = withRun(DOC, stepId, older);
    const theirs = withRun(DOC, stepId, newer);
    assertPlainGitConflicts(DOC, ours, theirs, 'run notes');
    const outcome = merge(DOC, ours, theirs, 'install');
    assertClean(outcome, 'run notes');
    const notes = outcome.text.split('\n').flatMap((line) => parseRunNote(line) ?? []);
    assert.deepEqual(
      notes.map((n) => n.excerpt),
      ['ours ok', 'theirs failed'],
      `both notes, oldest first:\n${outcome.text}`,
    );
    // Still notes of that step: the merged document records them under it.
    assert.equal(parseChecklist(outcome.text).items.length, parseChecklist(DOC).items.length);
    assert.equal(
      outcome.text,
      withRun(withRun(DOC, stepId, older), stepId, newer),
      'the merge equals recording both runs one after the other',
    );
  });

  test('a contradictory rewording conflicts on that item only; the ticks around it merge', () => {
    const base = DOC;
    const ours = tick(
      replaceOnce(base, '- [ ] Changelog updated for the release', '- [ ] Changelog updated and reviewed by docs'),
      'Lint is clean: `npm run lint`',
    );
    const theirs = tick(
      replaceOnce(base, '- [ ] Changelog updated for the release', '- [ ] Changelog entry links every pull request'),
      'Version bumped in package.json',
    );
    assertPlainGitConflicts(base, ours, theirs, 'rewording');
    const outcome = merge(base, ours, theirs, 'install');
    assert.equal(outcome.merge.code, 1, `git merge should stop on the conflict: ${outcome.merge.stdout}${outcome.merge.stderr}`);
    assert.deepEqual(outcome.unmerged, ['release-checklist.md']);
    const regions = conflictRegions(outcome.text);
    assert.equal(regions.length, 1, `one conflict expected:\n${outcome.text}`);
    assert.deepEqual(regions[0].ours, ['- [ ] Changelog updated and reviewed by docs'], 'OURS side of the conflict is the item only');
    assert.deepEqual(regions[0].theirs, ['- [ ] Changelog entry links every pull request'], 'THEIRS side of the conflict is the item only');
    // Everything outside the conflict is merged: both neighbours ticked, the rest untouched.
    const outside = outcome.text.replace(/^<<<<<<<[^]*?^>>>>>>>.*\n/m, '- [ ] Changelog updated for the release\n');
    assert.equal(outside, tick(tick(base, 'Lint is clean: `npm run lint`'), 'Version bumped in package.json'));
  });

  test('a contradictory punctuation-only rewording (same item id) conflicts too', () => {
    const ours = replaceOnce(DOC, 'Smoke tests on staging', 'Smoke tests on staging.');
    const theirs = tick(replaceOnce(DOC, 'Smoke tests on staging', 'Smoke tests on staging!'), 'Regression suite green');
    const outcome = merge(DOC, ours, theirs, 'install');
    assert.equal(outcome.merge.code, 1, `differently reworded on both sides must not merge silently:\n${outcome.text}`);
    const regions = conflictRegions(outcome.text);
    assert.equal(regions.length, 1, outcome.text);
    assert.deepEqual([regions[0].ours, regions[0].theirs], [['- [ ] Smoke tests on staging.'], ['- [ ] Smoke tests on staging!']]);
    assert.match(outcome.text, /^- \[x\] Regression suite green$/m, 'the tick next to the conflict is merged');
  });

  test('a rewording on one side and a tick of the same item on the other merge clean when the id is kept', () => {
    const ours = replaceOnce(DOC, 'Smoke tests on staging', 'Smoke tests on Staging');
    const theirs = tick(DOC, 'Smoke tests on staging');
    const outcome = merge(DOC, ours, theirs, 'install');
    assertClean(outcome, 'reword + tick');
    assert.match(outcome.text, /^- \[x\] Smoke tests on Staging$/m);
  });

  test('a section added on one side and items ticked on the other merge clean', () => {
    // The section goes right under the last Testing item, which THEIRS ticks; OURS also ticks the item next to
    // one THEIRS ticks, so plain git conflicts (git alone slides the section's insertion past the blank line).
    const section = '\n## Rollback\n\n- [ ] Previous release tag noted\n- [ ] Rollback command rehearsed: `npm run rollback:dry`\n';
    const ours = tick(
      replaceOnce(DOC, '- [ ] Performance within budget\n', `- [ ] Performance within budget\n${section}`),
      'Smoke tests on staging',
    );
    const theirs = tick(tick(tick(DOC, 'Performance within budget'), 'Regression suite green'), 'Ready to release');
    assertPlainGitConflicts(DOC, ours, theirs, 'section and ticks');
    const outcome = merge(DOC, ours, theirs, 'install');
    assertClean(outcome, 'section + ticks');
    assert.equal(outcome.text, tick(tick(tick(ours, 'Performance within budget'), 'Regression suite green'), 'Ready to release'));
    // The other way round: the section on THEIRS, the ticks on OURS.
    const swapped = merge(DOC, theirs, ours, 'manual');
    assertClean(swapped, 'ticks + section');
    assert.equal(swapped.text, outcome.text);
  });

  test('a sign-off filled on one side and ticks on the other merge clean; filled differently on both conflicts on that role', () => {
    const signed = replaceOnce(
      replaceOnce(DOC, '- Name: ________________', '- Name: Grace Hopper'),
      '- Date: ________________',
      '- Date: 2026-12-05',
    );
    const ticked = tick(DOC, 'Ready to release');
    const clean = merge(DOC, signed, ticked, 'install');
    assertClean(clean, 'sign-off + tick');
    assert.equal(clean.text, tick(signed, 'Ready to release'));

    const other = replaceOnce(DOC, '- Name: ________________', '- Name: Alan Turing');
    const outcome = merge(DOC, signed, other, 'install');
    assert.equal(outcome.merge.code, 1, `two different names for one role must conflict:\n${outcome.text}`);
    const regions = conflictRegions(outcome.text);
    assert.equal(regions.length, 1, outcome.text);
    assert.ok(
      regions[0].ours.some((l) => l.includes('Grace Hopper')) && regions[0].theirs.some((l) => l.includes('Alan Turing')),
      outcome.text,
    );
    assert.ok(!regions[0].ours.some((l) => /Ready to release|Regression/.test(l)), "the conflict holds the role's field lines, not items");
  });

  test('a CRLF checklist merges clean and stays CRLF', () => {
    const crlf = DOC.replace(/\n/g, '\r\n');
    const ours = tick(crlf, 'Changelog updated for the release');
    const theirs = tick(crlf, 'Version bumped in package.json');
    assertPlainGitConflicts(crlf, ours, theirs, 'CRLF adjacent ticks');
    const outcome = merge(crlf, ours, theirs, 'install');
    assertClean(outcome, 'CRLF');
    assert.ok(!/[^\r]\n/.test(outcome.text), 'every line ends in CRLF');
    assert.equal(outcome.text, tick(tick(crlf, 'Changelog updated for the release'), 'Version bumped in package.json'));
    assert.deepEqual(
      checkedOf(outcome.text),
      checkedOf(tick(tick(DOC, 'Changelog updated for the release'), 'Version bumped in package.json')),
    );
  });
});

describe('preflight merge --install', () => {
  test('writes the driver config and .gitattributes, says so, and is idempotent', () => {
    const dir = tempDir('preflight-install-');
    dirs.push(dir);
    git(dir, 'init', '-q', '-b', 'main');
    writeFileSync(join(dir, '.gitattributes'), '*.png binary\n');

    const first = cli(['merge', '--install'], dir);
    assert.equal(first.code, 0, first.stderr);
    const said = first.stdout + first.stderr;
    assert.match(said, /merge\.preflight\.driver/, `says it set the driver: ${said}`);
    assert.match(said, /\.gitattributes/, `says it wrote .gitattributes: ${said}`);

    const driver = git(dir, 'config', '--local', 'merge.preflight.driver').trim();
    assert.match(driver, /merge %O %A %B --path %P$/, driver);
    assert.ok(git(dir, 'config', '--local', 'merge.preflight.name').trim() !== '', 'merge.preflight.name is set');
    const attributes = readFileSync(join(dir, '.gitattributes'), 'utf8');
    assert.ok(attributes.startsWith('*.png binary\n'), `existing attributes kept:\n${attributes}`);
    for (const glob of DEFAULT_GLOBS)
      assert.ok(attributes.split('\n').includes(`${glob} merge=preflight`), `${glob} merge=preflight in .gitattributes:\n${attributes}`);
    for (const path of ['release-checklist.md', 'docs/DEPLOY_CHECKLIST.md', 'checklists/a/b.md', 'ops/db-runbook.md', 'runbooks/x.md']) {
      assert.match(git(dir, 'check-attr', 'merge', '--', path), /merge: preflight/, `${path} uses the driver`);
    }
    assert.match(git(dir, 'check-attr', 'merge', '--', 'README.md'), /merge: unspecified/);

    const second = cli(['merge', '--install'], dir);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout + second.stderr, /already installed/i, `second run: ${second.stdout}${second.stderr}`);
    assert.equal(readFileSync(join(dir, '.gitattributes'), 'utf8'), attributes, 'no line added twice');
    assert.equal(git(dir, 'config', '--local', '--get-all', 'merge.preflight.driver').trim(), driver, 'one driver line');
  });

  test('--glob adds its own pattern', () => {
    const dir = tempDir('preflight-install-');
    dirs.push(dir);
    git(dir, 'init', '-q', '-b', 'main');
    const r = cli(['merge', '--install', '--glob', 'ops/*.md'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(git(dir, 'check-attr', 'merge', '--', 'ops/deploy.md'), /merge: preflight/);
  });

  test("run from npx's temporary cache it refuses (the driver line would name a path npx may clear)", () => {
    const dir = tempDir('preflight-install-');
    dirs.push(dir);
    git(dir, 'init', '-q', '-b', 'main');
    const cached = join(dir, 'npm-cache', '_npx', '5f1c', 'node_modules', '@preflight-dev', 'preflight', 'cli.js');
    mkdirSync(dirname(cached), { recursive: true });
    copyFileSync(CLI, cached);
    // `preflight` must not be on PATH for the cache path to be what the driver line would name.
    const r = spawnSync(process.execPath, [cached, 'merge', '--install'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...ENV, PATH: `${dirname(process.execPath)}:/usr/bin:/bin` },
    });
    assert.equal(r.status, 2, `${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /npx's temporary cache.*npm install -g @preflight-dev\/preflight/s);
    assert.ok(!existsSync(join(dir, '.gitattributes')), 'no .gitattributes written');
    assert.equal(gitRun(dir, 'config', '--local', '--get', 'merge.preflight.driver').code, 1, 'no driver configured');
  });

  test('outside a git repository it fails with exit 2 and says why', () => {
    const dir = tempDir('preflight-install-');
    dirs.push(dir);
    const r = cli(['merge', '--install'], dir);
    assert.equal(r.code, 2, `${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /git/i);
    assert.ok(!existsSync(join(dir, '.gitattributes')), 'nothing written outside a repository');
  });
});
