/** `preflight diff` on real temporary git repositories: who checked what, per phase, between revisions. */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from '../../support/paths.ts';

const CLI = join(repoRoot, 'server', 'dist', 'cli.js');
// Keep the machine's git configuration (signing, hooks, templates) out of the temporary repositories.
const ENV: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1' };

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = ENV) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: ENV }).trim();
}

const ALICE = ['-c', 'user.name=Alice Archer', '-c', 'user.email=alice@example.com'];
const BOB = ['-c', 'user.name=Bob Baker', '-c', 'user.email=bob@example.com'];

interface Change {
  kind: string;
  id: string;
  text: string;
  checked: boolean;
  phase: string;
  evidence?: { at: string; exitCode: number; durationMs: number; by: string };
  by?: {
    kind: string;
    short?: string;
    sha?: string;
    author?: string;
    signature?: { status: string; signer: string | null; key: string | null; format: string | null };
  };
}
interface DiffJson {
  path: string;
  renamedFrom?: string;
  from: { sha: string | null; exists: boolean };
  to: { sha: string | null; exists: boolean };
  changes: Change[];
  phases: { phase: string; changes: Change[] }[];
  summary: Record<string, number>;
  progress: { from: { total: number; done: number }; to: { total: number; done: number } };
}

const V1 = `# Release 1.2

## Build

- [ ] Compile
- [ ] Unit tests pass
- [ ] Changelog written (optional)

## Ship

- [ ] Deploy to production
- [ ] Announce in #releases
`;

let base = '';
let repo = '';
const sha: Record<string, string> = {};

before(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does it for you).`);
  base = mkdtempSync(join(tmpdir(), 'preflight-diff-'));
  repo = join(base, 'repo');
  mkdirSync(join(repo, 'docs'), { recursive: true });
  git(repo, 'init', '-q', '-b', 'main');
  const path = join(repo, 'docs', 'release.md');
  const commit = (who: string[], message: string, edit: (s: string) => string) => {
    writeFileSync(path, edit(readFileSync(path, 'utf8')));
    git(repo, 'add', '-A');
    git(repo, ...who, 'commit', '-q', '-m', message);
    return git(repo, 'rev-parse', '--short', 'HEAD');
  };
  writeFileSync(join(repo, 'README.md'), 'hello\n');
  git(repo, 'add', '-A');
  git(repo, ...ALICE, 'commit', '-q', '-m', 'readme only');
  sha.readme = git(repo, 'rev-parse', '--short', 'HEAD');
  writeFileSync(path, '');
  sha.first = commit(ALICE, 'add release checklist', () => V1);
  sha.alice = commit(ALICE, 'build done', (s) =>
    s.replace('- [ ] Compile', '- [x] Compile').replace('- [ ] Unit tests pass', '- [x] Unit tests pass'),
  );
  sha.unrelated = commit(BOB, 'unrelated wording', (s) => s.replace('# Release 1.2', '# Release 1.2 (final)'));
  // Bob signs his commit with an SSH key made here; the repository's allowed-signers file lists it.
  const key = join(base, 'bob-key');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'bob', '-f', key]);
  writeFileSync(join(base, 'allowed_signers'), `bob@example.com ${readFileSync(`${key}.pub`, 'utf8').trim()}\n`);
  git(repo, 'config', 'gpg.ssh.allowedSignersFile', join(base, 'allowed_signers'));
  sha.bob = commit(
    [...BOB, '-c', 'gpg.format=ssh', '-c', `user.signingkey=${key}`, '-c', 'commit.gpgSign=true'],
    'shipped',
    (s) =>
      s
        .replace('- [ ] Deploy to production', '- [x] Deploy to production')
        .replace('- [x] Unit tests pass', '- [ ] Unit tests pass')
        .replace('- [ ] Changelog written (optional)\n', '') + '- [ ] Monitor for an hour\n',
  );
});
after(() => rmSync(base, { recursive: true, force: true }));

function diffJson(args: string[], cwd = join(repo, 'docs')): DiffJson {
  const r = run(['diff', '--format', 'json', ...args], cwd);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as DiffJson;
}

const find = (d: DiffJson, text: string) => d.changes.find((c) => c.text === text);

describe('diff between two revisions', () => {
  test('json: net changes, each attributed to the commit and author that last changed the item', () => {
    const d = diffJson(['--from', sha.first, '--to', 'HEAD', 'release.md']);
    assert.equal(d.path, 'docs/release.md');
    assert.deepEqual(d.summary, { checked: 2, unchecked: 0, added: 1, removed: 1 });
    assert.deepEqual(
      d.changes.map((c) => [c.kind, c.text, c.by?.author, c.by?.short]),
      [
        ['checked', 'Compile', 'Alice Archer', sha.alice],
        ['removed', 'Changelog written (optional)', 'Bob Baker', sha.bob],
        ['checked', 'Deploy to production', 'Bob Baker', sha.bob],
        ['added', 'Monitor for an hour', 'Bob Baker', sha.bob],
      ],
    );
    // Each change carries its commit's signature, as git verified it.
    assert.deepEqual(find(d, 'Compile')?.by?.signature, { status: 'unsigned', signer: null, key: null, format: null });
    const bob = find(d, 'Deploy to production')?.by?.signature;
    assert.deepEqual([bob?.status, bob?.signer, bob?.format], ['good', 'bob@example.com', 'ssh']);
    // Checked by Alice then unchecked by Bob: no net change, so not listed.
    assert.equal(find(d, 'Unit tests pass'), undefined);
    assert.deepEqual(
      d.phases.map((p) => p.phase),
      ['Build', 'Ship'],
    );
    assert.deepEqual(
      [d.progress.from, d.progress.to],
      [
        { total: 5, done: 0 },
        { total: 5, done: 2 },
      ],
    );
  });

  test('an intermediate range shows the uncheck and who did it', () => {
    const d = diffJson(['--from', sha.alice, '--to', sha.bob, 'release.md']);
    const unit = find(d, 'Unit tests pass');
    assert.equal(unit?.kind, 'unchecked');
    assert.equal(unit?.by?.author, 'Bob Baker');
  });

  test('markdown is a "who checked what" comment grouped per phase', () => {
    const r = run(['diff', '--from', sha.first, '--to', 'HEAD', '-f', 'markdown', 'release.md'], join(repo, 'docs'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^### .*Checklist changes — Release 1\.2 \(final\)/);
    assert.match(r.stdout, /2 checked, 0 unchecked, 1 added, 1 removed/);
    assert.match(r.stdout, /\*\*Build\*\*\n\n\| Change \| Item \| By \| Commit \|/);
    assert.match(r.stdout, new RegExp(`\\| ✅ checked \\| Compile \\| Alice Archer \\| \`${sha.alice}\` \\(unsigned\\) build done \\|`));
    assert.match(
      r.stdout,
      new RegExp(
        `\\| ✅ checked \\| Deploy to production \\| Bob Baker \\| \`${sha.bob}\` \\(signed by bob@example\\.com \\(ssh\\)\\) shipped \\|`,
      ),
    );
    assert.ok(r.stdout.indexOf('**Build**') < r.stdout.indexOf('**Ship**'));
  });

  test('text lists the changes per phase with short sha and author', () => {
    const r = run(['diff', '--from', sha.first, '--to', sha.bob, 'release.md'], join(repo, 'docs'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      new RegExp(`^ {3}\\[x\\] checked\\s+Compile\\s+line 5\\s+${sha.alice} Alice Archer · unsigned · no run recorded$`, 'm'),
    );
    assert.match(
      r.stdout,
      new RegExp(
        `^ {3}\\[x\\] checked\\s+Deploy to production\\s+line \\d+\\s+${sha.bob} Bob Baker · signed by bob@example\\.com \\(ssh\\) · no run recorded$`,
        'm',
      ),
    );
    assert.match(r.stdout, /^Ship$/m);
  });

  test('runs from any directory: the path is resolved against the repository top', () => {
    const d = diffJson(['--from', sha.first, '--to', sha.alice, join('docs', 'release.md')], repo);
    assert.deepEqual(
      d.changes.map((c) => c.text),
      ['Compile', 'Unit tests pass'],
    );
  });

  test('a file absent at --from: every item is added', () => {
    const d = diffJson(['--from', sha.readme, '--to', sha.first, 'release.md']);
    assert.equal(d.from.exists, false);
    assert.equal(d.summary.added, 5);
    assert.ok(d.changes.every((c) => c.kind === 'added' && c.by?.author === 'Alice Archer' && c.by.short === sha.first));
  });

  test('no changes between identical revisions', () => {
    const r = run(['diff', '--from', 'HEAD', '--to', 'HEAD', 'release.md'], join(repo, 'docs'));
    assert.equal(r.code, 0);
    assert.match(r.stdout, /No checklist items changed/);
  });
});

describe('diff follows renames, keeps inline code, shows run evidence', () => {
  test('a checklist renamed in the range keeps its history: changes before and after the rename', () => {
    const dir = join(base, 'renamed');
    mkdirSync(dir);
    git(dir, 'init', '-q', '-b', 'main');
    const commit = (message: string) => {
      git(dir, 'add', '-A');
      git(dir, ...ALICE, 'commit', '-q', '-m', message);
      return git(dir, 'rev-parse', '--short', 'HEAD');
    };
    writeFileSync(join(dir, 'old.md'), V1);
    const start = commit('start');
    writeFileSync(join(dir, 'old.md'), V1.replace('- [ ] Compile', '- [x] Compile'));
    const compiled = commit('compiled');
    git(dir, 'mv', 'old.md', 'release-checklist.md');
    commit('rename');
    writeFileSync(
      join(dir, 'release-checklist.md'),
      readFileSync(join(dir, 'release-checklist.md'), 'utf8').replace('- [ ] Deploy to production', '- [x] Deploy to production'),
    );
    const deployed = commit('deployed');
    const d = diffJson(['--from', start, '--to', 'HEAD', 'release-checklist.md'], dir);
    assert.equal(d.renamedFrom, 'old.md');
    assert.equal(d.from.exists, true);
    assert.deepEqual(
      d.changes.map((c) => [c.kind, c.text, c.by?.short]),
      [
        ['checked', 'Compile', compiled],
        ['checked', 'Deploy to production', deployed],
      ],
    );
    assert.match(run(['diff', '--from', start, 'release-checklist.md'], dir).stdout, /release-checklist\.md \(renamed from old\.md\)/);
  });

  test('item text keeps its inline code; a recorded run is evidence, a bare tick is not', () => {
    const dir = join(base, 'evidence');
    mkdirSync(dir);
    git(dir, 'init', '-q', '-b', 'main');
    const text = '# Release\n\n## Build\n\n- [ ] Run `npm run lint`\n- [ ] Tag with `git tag | sort`\n';
    writeFileSync(join(dir, 'checklist.md'), text);
    git(dir, 'add', '-A');
    git(dir, ...ALICE, 'commit', '-q', '-m', 'start');
    const note = '  <!-- preflight:run {"at":"2026-12-05T10:00:00+00:00","exit":0,"ms":1500,"by":"ada"} -->\n';
    writeFileSync(
      join(dir, 'checklist.md'),
      text.replace('- [ ] Run `npm run lint`\n', `- [x] Run \`npm run lint\`\n${note}`).replace('- [ ] Tag', '- [x] Tag'),
    );
    const d = diffJson(['checklist.md'], dir);
    assert.deepEqual(
      d.changes.map((c) => [c.text, c.evidence]),
      [
        ['Run `npm run lint`', { at: '2026-12-05T10:00:00+00:00', exitCode: 0, durationMs: 1500, by: 'ada' }],
        ['Tag with `git tag | sort`', undefined],
      ],
    );
    const md = run(['diff', '-f', 'markdown', 'checklist.md'], dir).stdout;
    assert.match(
      md,
      /\| ✅ checked \| Run `npm run lint` \| uncommitted \| — \| ran: exit 0, 2026-12-05T10:00:00\+00:00, by ada, 1\.5 s \|/,
    );
    // A pipe inside code is escaped, or GFM would split the cell there.
    assert.match(md, /\| ✅ checked \| Tag with `git tag \\\| sort` \| uncommitted \| — \| no run recorded \|/);
  });
});

describe('diff against the working tree', () => {
  test('defaults to HEAD -> working tree, attributing edits to "uncommitted"', () => {
    const path = join(repo, 'docs', 'release.md');
    const committed = readFileSync(path, 'utf8');
    try {
      writeFileSync(path, committed.replace('- [ ] Announce in #releases', '- [x] Announce in #releases'));
      const d = diffJson(['release.md']);
      assert.equal(d.to.sha, null);
      assert.deepEqual(
        d.changes.map((c) => [c.kind, c.text, c.by?.kind]),
        [['checked', 'Announce in #releases', 'uncommitted']],
      );
      const md = run(['diff', '-f', 'markdown', 'release.md'], join(repo, 'docs'));
      assert.match(md.stdout, /\| ✅ checked \| Announce in #releases \| uncommitted \| — \|/);
      // From an older commit: committed changes keep their authors, the new one is uncommitted.
      const wide = diffJson(['--from', sha.first, 'release.md']);
      assert.equal(find(wide, 'Compile')?.by?.author, 'Alice Archer');
      assert.equal(find(wide, 'Announce in #releases')?.by?.kind, 'uncommitted');
    } finally {
      writeFileSync(path, committed);
    }
  });

  test('a checklist deleted in the working tree: every item removed', () => {
    const path = join(repo, 'docs', 'release.md');
    const committed = readFileSync(path, 'utf8');
    try {
      unlinkSync(path);
      const d = diffJson(['release.md']);
      assert.equal(d.to.exists, false);
      assert.equal(d.summary.removed, 5);
    } finally {
      writeFileSync(path, committed);
    }
  });
});

describe('diff errors', () => {
  test('unknown revision: exit 2 and a hint', () => {
    const r = run(['diff', '--from', 'no-such-branch', 'release.md'], join(repo, 'docs'));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown revision "no-such-branch".*git log --oneline/);
    assert.equal(run(['diff', '--to', 'v9.9.9', 'release.md'], join(repo, 'docs')).code, 2);
  });

  test('not a git repository: exit 2', () => {
    const plain = join(base, 'plain');
    mkdirSync(plain, { recursive: true });
    writeFileSync(join(plain, 'c.md'), '- [ ] a\n');
    const r = run(['diff', 'c.md'], plain, { ...ENV, GIT_CEILING_DIRECTORIES: base });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /is not inside a git repository/);
  });

  test('a repository without commits: exit 2 telling to commit first', () => {
    const fresh = join(base, 'fresh');
    mkdirSync(fresh, { recursive: true });
    git(fresh, 'init', '-q');
    writeFileSync(join(fresh, 'c.md'), '- [ ] a\n');
    const r = run(['diff', 'c.md'], fresh);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no commits yet.*Commit the checklist first/);
  });

  test('git not installed: exit 2 saying so', () => {
    const empty = join(base, 'empty-path');
    mkdirSync(empty, { recursive: true });
    const r = run(['diff', 'release.md'], join(repo, 'docs'), { ...ENV, PATH: empty });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /git is not installed or not on PATH/);
  });

  test('a missing directory or a directory as FILE: exit 2', () => {
    const missing = run(['diff', 'nowhere/c.md'], repo);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /does not exist/);
    const folder = run(['diff', 'docs'], repo);
    assert.equal(folder.code, 2);
    assert.match(folder.stderr, /is a directory/);
  });

  test('a file in neither revision: exit 2', () => {
    const r = run(['diff', 'ghost.md'], join(repo, 'docs'));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /exists neither at HEAD nor at the working tree/);
  });
});
