/**
 * preflight/reviewChanges over a real stdio connection, on a real git repository with two branches: the
 * request lists exactly what `preflight diff --format json` of the built CLI lists for the same text, with the
 * editor's unsaved text as the last version and its lines as the document's 0-based lines. Git is asked
 * only when the client announced a trusted workspace.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ClientCommands, type ReviewChange, ReviewChangesRequest } from '../../server/src/protocol/protocol.ts';
import { TestClient } from '../support/lspClient.ts';
import { repoRoot } from '../support/paths.ts';

// Keep the machine's git configuration out of the repository (the server inherits this environment).
process.env.GIT_CONFIG_GLOBAL = '/dev/null';
process.env.GIT_CONFIG_NOSYSTEM = '1';
const CLI = path.join(repoRoot, 'server', 'dist', 'cli.js');

const BASE = `# Release 2.0

## Build

- [ ] Compile
- [x] Lint with \`npm run lint\`
- [ ] Unit tests pass \`npm test\`

## Ship

- [ ] Deploy to production
- [ ] Announce in #releases
- [ ] Old manual smoke test
`;
const NOTE = '  <!-- preflight:run {"at":"2026-12-05T10:00:00+00:00","exit":0,"ms":2300,"by":"ada"} -->\n';

let dir = '';
let file = '';
let uri = '';
let mergeBase = '';
/** The text of the editor: the feature branch's head plus one tick not saved. */
let editorText = '';
const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
const ALICE = ['-c', 'user.name=Alice Archer', '-c', 'user.email=alice@example.com'];
const BOB = ['-c', 'user.name=Bob *Baker* [ops]', '-c', 'user.email=bob@example.com'];

before(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first.`);
  dir = mkdtempSync(path.join(tmpdir(), 'preflight-lsp-review-'));
  file = path.join(dir, 'release-checklist.md');
  uri = `file://${file}`;
  const commit = (who: string[], message: string, edit: (s: string) => string) => {
    writeFileSync(file, edit(readFileSync(file, 'utf8')));
    git('add', '-A');
    git(...who, 'commit', '-q', '-m', message);
  };
  git('init', '-q', '-b', 'main');
  writeFileSync(file, BASE);
  git('add', '-A');
  git(...ALICE, 'commit', '-q', '-m', 'checklist');
  // The feature branch: Alice ticks two items (one with a recorded run), Bob unchecks one, adds one, removes one.
  git('checkout', '-q', '-b', 'feature');
  commit(ALICE, 'compiled and tested', (s) =>
    s
      .replace('- [ ] Compile\n', `- [x] Compile\n`)
      .replace('- [ ] Unit tests pass `npm test`\n', `- [x] Unit tests pass \`npm test\`\n${NOTE}`),
  );
  commit(BOB, 'lint again; a canary; no manual smoke test', (s) =>
    s
      .replace('- [x] Lint with', '- [ ] Lint with')
      .replace('- [ ] Deploy to production\n', '- [ ] Deploy to production\n- [x] Canary at 5% for 30 min\n')
      .replace('- [ ] Old manual smoke test\n', ''),
  );
  // main moves on after the branch left it: the merge base is not main's tip.
  git('checkout', '-q', 'main');
  writeFileSync(path.join(dir, 'NOTES.md'), 'main moved on\n');
  git('add', '-A');
  git(...ALICE, 'commit', '-q', '-m', 'notes on main');
  git('checkout', '-q', 'feature');
  mergeBase = git('merge-base', 'HEAD', 'main');
  editorText = readFileSync(file, 'utf8').replace('- [ ] Announce in #releases', '- [x] Announce in #releases');
});
after(() => rmSync(dir, { recursive: true, force: true }));

interface CliChange {
  kind: string;
  id: string;
  text: string;
  checked: boolean;
  line: number;
  phase: string;
  by?: { kind: string; sha?: string; author?: string; email?: string; subject?: string; signature?: { status: string } };
  evidence?: { at: string; exitCode: number; durationMs: number; by: string };
}

/** `preflight diff --format json --from <ref>` of the built CLI, with `text` as the working tree's file. */
function cliDiff(ref: string, text: string): { changes: CliChange[]; summary: Record<string, number>; progress: unknown } {
  const committed = readFileSync(file, 'utf8');
  writeFileSync(file, text);
  try {
    const r = spawnSync(process.execPath, [CLI, 'diff', '--format', 'json', '--from', ref, 'release-checklist.md'], {
      cwd: dir,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout);
  } finally {
    writeFileSync(file, committed);
  }
}

/** The request's change in the CLI's terms: lines back to 1-based, the fields the CLI prints. */
function asCli(c: ReviewChange, lineAtRef: number | undefined) {
  return {
    kind: c.kind,
    id: c.itemId,
    text: c.text,
    checked: c.checked,
    line: c.line === undefined ? lineAtRef : c.line + 1,
    phase: c.phase,
    by: c.by && { kind: c.by.kind, sha: c.by.sha, author: c.by.author, signature: c.by.signature?.status },
    evidence: c.evidence,
  };
}

test('trusted: the changes since the merge base are exactly those `preflight diff` lists, the unsaved tick included', async () => {
  const client = await TestClient.start({ clientCommands: [ClientCommands.reviewChanges, ClientCommands.signOff], workspaceFolder: dir });
  try {
    await client.open(uri, editorText);
    await client.diagnosticsFor(uri, 1);
    const review = await client.connection.sendRequest(ReviewChangesRequest.type, { uri, ref: mergeBase });
    assert.ok(review?.checked, `${review?.reason} ${client.logs.join('\n')}`);
    assert.equal(review.sha, mergeBase);
    assert.equal(review.version, 1);
    // The file on disk is the branch's head: only the editor's text has the unsaved tick.
    assert.doesNotMatch(readFileSync(file, 'utf8'), /- \[x\] Announce/);

    const cli = cliDiff(mergeBase, editorText);
    const expected = cli.changes.map((c) => ({
      kind: c.kind,
      id: c.id,
      text: c.text,
      checked: c.checked,
      line: c.line,
      phase: c.phase,
      by: c.by && { kind: c.by.kind, sha: c.by.sha, author: c.by.author, signature: c.by.signature?.status },
      evidence: c.evidence,
    }));
    const removedLines = new Map(cli.changes.filter((c) => c.kind === 'removed').map((c) => [c.id, c.line]));
    assert.deepEqual(
      review.changes.map((c) => asCli(c, removedLines.get(c.itemId))),
      expected,
    );
    assert.deepEqual(review.summary, cli.summary);
    assert.deepEqual(review.progress, cli.progress);

    // What the branch did, so that the comparison above is not of two empty lists.
    assert.deepEqual(
      review.changes.map((c) => [c.kind, c.text, c.by?.kind === 'commit' ? c.by.author : c.by?.kind]),
      [
        ['checked', 'Compile', 'Alice Archer'],
        ['unchecked', 'Lint with `npm run lint`', 'Bob *Baker* [ops]'],
        ['checked', 'Unit tests pass `npm test`', 'Alice Archer'],
        ['added', 'Canary at 5% for 30 min', 'Bob *Baker* [ops]'],
        ['checked', 'Announce in #releases', 'uncommitted'],
        ['removed', 'Old manual smoke test', 'Bob *Baker* [ops]'],
      ],
    );
    // Lines are the editor's lines (0-based); a removed item has none.
    const lines = editorText.split('\n');
    for (const c of review.changes) {
      if (c.kind === 'removed') assert.equal(c.line, undefined);
      else assert.ok(lines[c.line!].includes(c.text), `line ${c.line} is "${lines[c.line!]}", not the item "${c.text}"`);
    }
    // Evidence as the run note has it; signatures as git judged them.
    const tested = review.changes.find((c) => c.text.startsWith('Unit tests pass'));
    assert.deepEqual(tested?.evidence, { at: '2026-12-05T10:00:00+00:00', exitCode: 0, durationMs: 2300, by: 'ada' });
    assert.equal(review.changes.find((c) => c.text === 'Compile')?.evidence, undefined, 'ticked by hand');
    assert.deepEqual(review.changes.find((c) => c.text === 'Compile')?.by?.signature, { status: 'unsigned', label: 'unsigned' });
  } finally {
    await client.stop();
  }
});

test('an edit is answered for its own version (the committed history kept), and a commit is seen at once', async () => {
  const client = await TestClient.start({ clientCommands: [ClientCommands.reviewChanges, ClientCommands.signOff], workspaceFolder: dir });
  try {
    await client.open(uri, editorText);
    await client.diagnosticsFor(uri, 1);
    const first = await client.connection.sendRequest(ReviewChangesRequest.type, { uri, ref: 'main' });
    assert.equal(first?.version, 1);
    const moved = `<!-- a note on top -->\n\n${editorText.replace('- [ ] Deploy to production', '- [x] Deploy to production')}`;
    await client.change(uri, [{ text: moved }]);
    await client.diagnosticsFor(uri, 2);
    const review = await client.connection.sendRequest(ReviewChangesRequest.type, { uri, ref: 'main' });
    assert.equal(review?.version, 2);
    const compile = review?.changes.find((c) => c.text === 'Compile');
    assert.equal(moved.split('\n')[compile?.line ?? -1], '- [x] Compile');
    // A branch name works as well as a sha; the kept history with the new text is what the CLI says of it.
    const cli = cliDiff('main', moved);
    assert.deepEqual(
      review?.changes.map((c) => [c.kind, c.text, c.line === undefined ? undefined : c.line + 1, c.by?.kind]),
      cli.changes.map((c) => [c.kind, c.text, c.kind === 'removed' ? undefined : c.line, c.by?.kind]),
    );
    assert.equal(review?.changes.find((c) => c.text === 'Deploy to production')?.by?.kind, 'uncommitted');

    // The tick is committed: HEAD moved, so the history is read again and the commit takes the tick over.
    writeFileSync(file, moved);
    git('add', '-A');
    git(...ALICE, 'commit', '-q', '-m', 'deployed');
    const committed = await client.connection.sendRequest(ReviewChangesRequest.type, { uri, ref: 'main' });
    assert.deepEqual(committed?.changes.find((c) => c.text === 'Deploy to production')?.by?.subject, 'deployed');
  } finally {
    await client.stop();
  }
});

test('an unknown ref or an option-like ref is refused with what to do; git is not asked in Restricted Mode', async () => {
  const trusted = await TestClient.start({ clientCommands: [ClientCommands.reviewChanges, ClientCommands.signOff], workspaceFolder: dir });
  try {
    await trusted.open(uri, editorText);
    await trusted.diagnosticsFor(uri, 1);
    const unknown = await trusted.connection.sendRequest(ReviewChangesRequest.type, { uri, ref: 'no-such-branch' });
    assert.equal(unknown?.checked, false);
    assert.match(unknown?.reason ?? '', /unknown revision "no-such-branch"/);
    const option = await trusted.connection.sendRequest(ReviewChangesRequest.type, { uri, ref: '--output=/tmp/x' });
    assert.deepEqual([option?.checked, option?.reason], [false, '"--output=/tmp/x" is not a git ref: pick a branch, a tag or a commit.']);
  } finally {
    await trusted.stop();
  }
  const restricted = await TestClient.start({ clientCommands: [], workspaceFolder: dir });
  try {
    await restricted.open(uri, editorText);
    await restricted.diagnosticsFor(uri, 1);
    const review = await restricted.connection.sendRequest(ReviewChangesRequest.type, { uri, ref: mergeBase });
    assert.equal(review?.checked, false);
    assert.match(review?.reason ?? '', /trusted workspace/);
    assert.deepEqual(review?.changes, []);
  } finally {
    await restricted.stop();
  }
});
