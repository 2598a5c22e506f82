// Review in VS Code, on a real git repository with two branches (a feature branch tracking origin/main, which
// moved on after the branch left it): "Review Changes Against…" defaults to the merge base with the upstream
// branch; the Checklists view's "Changes" section lists exactly what `preflight diff` of the built CLI lists;
// each changed item has its gutter marker and a hover that says who, which commit, signature and evidence.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { PreflightApi } from '../../../client/src/extension.ts';
import type { Review } from '../../../client/src/review/reviews.ts';
import type { ChangeNode, ChangesNode } from '../../../client/src/checklists/treeNodes.ts';
import { e2e } from '../support/env.ts';
import { fileRow, preflight } from '../support/preflight.ts';
import { openInEditor, until } from '../support/wait.ts';

const NAME = 'production-deployment-checklist.md';
const NOTE = '  <!-- preflight:run {"at":"2026-12-05T10:00:00+00:00","exit":0,"ms":2300,"by":"ada"} -->\n';
const ALICE = ['-c', 'user.name=Alice Archer', '-c', 'user.email=alice@example.com'];
const BOB = ['-c', 'user.name=Bob Baker', '-c', 'user.email=bob@example.com'];

interface CliChange {
  kind: string;
  id: string;
  text: string;
  checked: boolean;
  line: number;
  by?: { kind: string; short?: string; author?: string; signature?: { status: string } };
  evidence?: { exitCode: number };
}

suite('review changes against a ref', () => {
  let api: PreflightApi;
  let editor: vscode.TextEditor;
  let dir = '';
  let repo = '';
  let file = '';
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
    }).trim();
  const commit = (who: string[], message: string, edit: (s: string) => string) => {
    const before = fs.readFileSync(file, 'utf8');
    const after = edit(before);
    assert.notEqual(after, before, `${message}: the edit changed nothing`);
    fs.writeFileSync(file, after);
    git('add', '-A');
    git(...who, 'commit', '-q', '-m', message);
  };
  const tick = (text: string) => (s: string) => s.replace(`- [ ] ${text}\n`, `- [x] ${text}\n`);

  /** `preflight diff --format json --from <ref>` of the built CLI, on the file as saved. */
  const cliDiff = (ref: string): CliChange[] =>
    JSON.parse(
      execFileSync(process.execPath, [path.join(e2e.repo, 'server/dist/cli.js'), 'diff', '--format', 'json', '--from', ref, NAME], {
        cwd: repo,
        encoding: 'utf8',
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      }),
    ).changes;
  /** The Changes section once it answers for the text in the editor. */
  const section = async (): Promise<ChangesNode> => {
    await until(
      () => {
        const answer = api.reviews.get(editor.document.uri);
        return answer?.checked && answer.version === editor.document.version;
      },
      `the review's answer for version ${editor.document.version} (it is ${JSON.stringify(api.reviews.get(editor.document.uri)?.version)}: ${api.reviews.get(editor.document.uri)?.reason ?? ''})`,
    );
    const file = await fileRow(api, path.join(repo, NAME));
    const node = api.tree.changesNode(file);
    assert.ok(node, 'the checklist has a Changes section while the review runs');
    assert.equal(api.tree.getChildren(file)[0], node, 'the Changes section comes first under its checklist');
    return node;
  };
  const hoverAt = async (line: number): Promise<string> => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      new vscode.Position(line, 3),
    );
    return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n---\n');
  };

  suiteSetup(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-e2e-review-'));
    repo = path.join(dir, 'work');
    file = path.join(repo, NAME);
    fs.mkdirSync(repo);
    execFileSync('git', ['init', '-q', '--bare', path.join(dir, 'origin.git')]);
    git('init', '-q', '-b', 'main');
    // main: the deployment checklist as made from the template, one item already checked.
    fs.writeFileSync(file, tick('Git commit history is clean and linear')(fs.readFileSync(e2e.pristineSeed, 'utf8')));
    git('add', '-A');
    git(...ALICE, 'commit', '-q', '-m', 'deployment checklist');
    git('remote', 'add', 'origin', path.join(dir, 'origin.git'));
    git('push', '-q', 'origin', 'main');
    git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
    // The feature branch tracks origin/main: its merge base with the upstream is the commit above.
    git('checkout', '-q', '-b', 'feature', '--track', 'origin/main');
    commit(ALICE, 'reviewed; lint ran', (s) =>
      tick('Code review completed by 2+ team members')(s).replace(
        '- [ ] ESLint passes without warnings: `npm run lint`\n',
        `- [x] ESLint passes without warnings: \`npm run lint\`\n${NOTE}`,
      ),
    );
    commit(BOB, 'history is not linear; feature flags; no deprecated code step', (s) =>
      s
        .replace('- [x] Git commit history is clean and linear', '- [ ] Git commit history is clean and linear')
        .replace(
          '- [ ] No merge conflicts or pending changes\n',
          '- [ ] No merge conflicts or pending changes\n- [ ] Feature flags reviewed\n',
        )
        .replace('- [ ] Deprecated code removed\n', ''),
    );
    // origin/main moves on after the branch left it.
    git('checkout', '-q', 'main');
    fs.writeFileSync(path.join(repo, 'NOTES.md'), 'main moved on\n');
    git('add', '-A');
    git(...ALICE, 'commit', '-q', '-m', 'notes');
    git('push', '-q', 'origin', 'main');
    git('checkout', '-q', 'feature');
    git('config', 'user.name', 'Carol Commit');
    git('config', 'user.email', 'carol@example.com');

    editor = await openInEditor(file);
    api = await preflight();
    await fileRow(api, file);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('preflight.reviewChanges', { stop: true });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor').then(undefined, () => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the default ref is the merge base with the upstream branch (origin/main), not its tip', async () => {
    const mergeBase = git('merge-base', 'HEAD', '@{upstream}');
    assert.notEqual(mergeBase, git('rev-parse', 'origin/main'), 'origin/main moved on after the branch left it');
    const review = await vscode.commands.executeCommand<Review | undefined>('preflight.reviewChanges', { in: repo, defaultBase: true });
    assert.deepEqual(
      { ref: review?.ref, label: review?.label, mergeBaseOf: review?.mergeBaseOf },
      { ref: mergeBase, label: `merge base with origin/main (${mergeBase.slice(0, 7)})`, mergeBaseOf: 'origin/main' },
    );
    assert.equal(api.reviews.current?.root, fs.realpathSync(repo));
  });

  test('with an unsaved tick, the Changes section lists exactly what `preflight diff` lists, the tick as not committed', async () => {
    const mergeBase = git('merge-base', 'HEAD', '@{upstream}');
    const line = editor.document.getText().split('\n').indexOf('- [ ] Email notifications tested');
    assert.ok(line > 0);
    await editor.edit((b) => b.replace(new vscode.Range(line, 0, line, 5), '- [x]'));
    assert.equal(editor.document.isDirty, true);
    let rows = (await section()).children;
    const unsaved = rows.find((r) => r.change.text === 'Email notifications tested');
    assert.deepEqual([unsaved?.change.kind, unsaved?.change.by?.kind, unsaved?.change.line], ['checked', 'uncommitted', line]);

    // The same text on disk, then the CLI: the section's rows are its changes, in its order, with its lines.
    await editor.document.save();
    rows = (await section()).children;
    const cli = cliDiff(mergeBase);
    const shown = (row: ChangeNode) => {
      const item = api.tree.getTreeItem(row);
      return {
        kind: row.change.kind,
        label: item.label,
        line: row.change.line === undefined ? 'none' : row.change.line + 1,
        description: item.description,
      };
    };
    const expected = (c: CliChange) => ({
      kind: c.kind,
      label: c.text,
      line: c.kind === 'removed' ? 'none' : c.line,
      description: [
        c.kind,
        c.by?.kind === 'uncommitted' ? 'not committed' : `${c.by?.author} · ${c.by?.short}`,
        ...(c.by?.signature ? [c.by.signature.status] : []),
        ...(c.evidence ? [`run recorded: exit ${c.evidence.exitCode}`] : c.checked && c.kind !== 'removed' ? ['ticked by hand'] : []),
      ].join(' · '),
    });
    assert.deepEqual(rows.map(shown), cli.map(expected));
    const sorted = (pairs: string[][]) => pairs.map((p) => p.join(' ')).sort();
    assert.deepEqual(
      sorted(cli.map((c) => [c.kind, c.text])),
      sorted([
        ['checked', 'Code review completed by 2+ team members'],
        ['added', 'Feature flags reviewed'],
        ['unchecked', 'Git commit history is clean and linear'],
        ['removed', 'Deprecated code removed'],
        ['checked', 'ESLint passes without warnings: `npm run lint`'],
        ['checked', 'Email notifications tested'],
      ]),
      'the branch made the changes the section is compared on',
    );
    const reveal = rows.find((r) => r.change.kind === 'checked')!;
    assert.deepEqual(
      api.tree.getTreeItem(reveal).command?.arguments,
      [editor.document.uri.toString(), reveal.change.line],
      'a click reveals the line',
    );
    assert.equal(
      api.tree.getTreeItem(rows.find((r) => r.change.kind === 'removed')!).command,
      undefined,
      'a removed item has no line to reveal',
    );
  });

  test('each changed item has its gutter marker and a hover that explains the change; removed items have neither', async () => {
    const rows = (await section()).children;
    const linesOf = (kind: string) => rows.filter((r) => r.change.kind === kind).map((r) => r.change.line);
    await until(() => api.reviewMarkers.markedIn(editor).checked.length > 0, 'the gutter markers');
    assert.deepEqual(api.reviewMarkers.markedIn(editor), {
      checked: linesOf('checked'),
      unchecked: linesOf('unchecked'),
      added: linesOf('added'),
    });

    const lint = rows.find((r) => r.change.text.startsWith('ESLint passes'))!;
    const hover = await hoverAt(lint.change.line!);
    assert.match(
      hover,
      /\*\*Checked\*\* since merge base with origin\/main \([0-9a-f]{7}\): ESLint passes without warnings: \\`npm run lint\\`/,
    );
    assert.match(hover, /By: Alice Archer \\<alice@example\.com\\>/);
    assert.match(hover, /Commit: `[0-9a-f]{7}` reviewed; lint ran/);
    assert.match(hover, /Signature: unsigned/);
    assert.match(hover, /Evidence: run recorded: exit 0, 2026-12-05T10:00:00\+00:00, by ada, 2\.3 s/);
    const byHand = await hoverAt(rows.find((r) => r.change.text.startsWith('Code review'))!.change.line!);
    assert.match(byHand, /Evidence: ticked by hand \(no run recorded\)/);
    const unchecked = await hoverAt(rows.find((r) => r.change.kind === 'unchecked')!.change.line!);
    assert.match(unchecked, /\*\*Unchecked\*\* since [^]*\nBy: Bob Baker/);
    const unchanged = editor.document.getText().split('\n').indexOf('- [ ] Accessibility testing completed');
    assert.doesNotMatch(await hoverAt(unchanged), /since merge base/, 'an unchanged item has no review hover');
  });

  test('a commit moves HEAD: the tick is attributed to it, found by watching the repository', async () => {
    git('commit', '-q', '-am', 'email notifications tested');
    const short = git('rev-parse', '--short', 'HEAD');
    await until(
      () => api.reviews.get(editor.document.uri)?.changes.find((c) => c.text === 'Email notifications tested')?.by?.short === short,
      `the tick attributed to ${short} (Carol Commit)`,
    );
  });

  test('Stop Reviewing removes the section and the markers', async () => {
    await vscode.commands.executeCommand('preflight.reviewChanges', { stop: true });
    assert.equal(api.reviews.current, undefined);
    assert.equal(api.tree.changesNode(await fileRow(api, file)), undefined);
    await until(() => api.reviewMarkers.markedIn(editor).checked.length === 0, 'the markers cleared');
  });
});
