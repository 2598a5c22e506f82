/**
 * The sign-off's git side against the real git binary in temporary repositories: one file committed
 * alone with its trailers, everything else left as it was, and refusals that change nothing.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { commitOnly, type Signer, signerFor, storedContent } from '../../../client/src/signoff/git.ts';

// No user or system git configuration leaks in: each repository sets what it needs.
before(() => {
  process.env.GIT_CONFIG_GLOBAL = join(mkdtempSync(join(tmpdir(), 'preflight-gitcfg-')), 'gitconfig');
  writeFileSync(process.env.GIT_CONFIG_GLOBAL, '');
  process.env.GIT_CONFIG_NOSYSTEM = '1';
});

function repo(identity = true): { dir: string; git: (...args: string[]) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'preflight-git-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  if (identity) {
    git('config', 'user.name', 'Ada Lovelace');
    git('config', 'user.email', 'ada@example.com');
  }
  writeFileSync(join(dir, 'checklist.md'), '# Release\n\n- [ ] done\n');
  writeFileSync(join(dir, 'app.ts'), 'v1\n');
  writeFileSync(join(dir, 'config.ts'), 'v1\n');
  if (identity) {
    git('add', '-A');
    git('commit', '-q', '-m', 'start');
  }
  return { dir, git };
}

const TRAILERS: [string, string][] = [
  ['Preflight-Role', 'sign-off/qa-lead'],
  ['Preflight-Progress', '1/1'],
];

describe('signerFor', () => {
  test('a repository with an identity on a branch', async () => {
    const { dir } = repo();
    assert.deepEqual(await signerFor(join(dir, 'checklist.md')), {
      root: execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8' }).trim(),
      name: 'Ada Lovelace',
      email: 'ada@example.com',
    });
  });

  test('refusals say what to do: no repository, no identity, detached HEAD', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'preflight-nogit-'));
    assert.match(((await signerFor(join(outside, 'checklist.md'))) as { error: string }).error, /not in a git repository.*git init/);
    const anonymous = repo(false);
    assert.match(
      ((await signerFor(join(anonymous.dir, 'checklist.md'))) as { error: string }).error,
      /no user\.name: set it with `git config --global user\.name/,
    );
    const detached = repo();
    detached.git('checkout', '-q', '--detach');
    assert.match(((await signerFor(join(detached.dir, 'checklist.md'))) as { error: string }).error, /HEAD is detached/);
  });
});

describe('commitOnly', () => {
  test('commits the checklist alone with its trailers; staged and unstaged work stays as it was', async () => {
    const { dir, git } = repo();
    writeFileSync(join(dir, 'app.ts'), 'v2 staged\n');
    git('add', 'app.ts');
    writeFileSync(join(dir, 'config.ts'), 'v2 unstaged\n');
    writeFileSync(join(dir, 'checklist.md'), '# Release\n\n- [x] done\n');
    const status = git('status', '--porcelain');
    const signer = (await signerFor(join(dir, 'checklist.md'))) as { root: string; name: string; email: string };
    const result = await commitOnly(signer, join(dir, 'checklist.md'), 'Sign off "Release": QA Lead', TRAILERS, false);
    assert.ok('sha' in result, JSON.stringify(result));
    assert.equal(git('rev-parse', 'HEAD'), result.sha);
    assert.deepEqual(git('show', '--name-only', '--format=', 'HEAD').split('\n'), ['checklist.md']);
    assert.equal(
      git('log', '-1', '--format=%B'),
      'Sign off "Release": QA Lead\n\nPreflight-Role: sign-off/qa-lead\nPreflight-Progress: 1/1\nSigned-off-by: Ada Lovelace <ada@example.com>',
    );
    assert.equal(
      git('status', '--porcelain'),
      status
        .split('\n')
        .filter((l) => !l.endsWith('checklist.md'))
        .join('\n'),
    );
    assert.equal(git('diff', '--cached', '--name-only'), 'app.ts');
    assert.equal(git('diff', '--name-only'), 'config.ts');
  });

  test('a checklist git does not know yet is committed alone', async () => {
    const { dir, git } = repo();
    writeFileSync(join(dir, 'new-checklist.md'), '# New\n\n- [x] a\n');
    const signer = (await signerFor(join(dir, 'new-checklist.md'))) as { root: string; name: string; email: string };
    const result = await commitOnly(signer, join(dir, 'new-checklist.md'), 'Sign off "New": QA', TRAILERS, false);
    assert.ok('sha' in result, JSON.stringify(result));
    assert.deepEqual(git('show', '--name-only', '--format=', 'HEAD').split('\n'), ['new-checklist.md']);
    assert.equal(git('status', '--porcelain'), '');
  });

  test('a failing commit hook: its output is returned and the index is as it was, for a known and a new file', async () => {
    const { dir, git } = repo();
    writeFileSync(join(dir, '.git/hooks/pre-commit'), '#!/bin/sh\necho "lint failed: fix the checklist" >&2\nexit 1\n');
    chmodSync(join(dir, '.git/hooks/pre-commit'), 0o755);
    writeFileSync(join(dir, 'app.ts'), 'v2 staged\n');
    git('add', 'app.ts');
    writeFileSync(join(dir, 'checklist.md'), '# Release\n\n- [x] done\n');
    writeFileSync(join(dir, 'other-checklist.md'), '# Other\n');
    const head = git('rev-parse', 'HEAD');
    const status = git('status', '--porcelain');
    const signer = (await signerFor(join(dir, 'checklist.md'))) as { root: string; name: string; email: string };
    for (const file of ['checklist.md', 'other-checklist.md']) {
      const result = await commitOnly(signer, join(dir, file), 'Sign off', TRAILERS, false);
      assert.ok('error' in result);
      assert.match(result.error, /lint failed: fix the checklist/);
      assert.equal(git('rev-parse', 'HEAD'), head);
      assert.equal(git('status', '--porcelain'), status, `${file}: the repository is untouched`);
    }
  });
});

describe('storedContent: the bytes a sign-off hashes are the bytes git commits', () => {
  test('core.autocrlf: a CRLF file on disk is stored, and hashed, with LF', async () => {
    const { dir, git } = repo();
    git('config', 'core.autocrlf', 'true');
    writeFileSync(join(dir, 'checklist.md'), '# Release\r\n\r\n- [x] done\r\n');
    const signer = (await signerFor(join(dir, 'checklist.md'))) as Signer;
    const stored = await storedContent(signer, join(dir, 'checklist.md'));
    assert.equal(stored.toString(), '# Release\n\n- [x] done\n');
    const commit = await commitOnly(signer, join(dir, 'checklist.md'), 'Sign off', TRAILERS, false);
    assert.ok('sha' in commit);
    assert.deepEqual(
      execFileSync('git', ['cat-file', 'blob', 'HEAD:checklist.md'], { cwd: dir }),
      stored,
      'what was hashed is what was committed',
    );
  });

  test('a clean filter: the filtered bytes, as git stores them', async () => {
    const { dir, git } = repo();
    git('config', 'filter.upper.clean', 'tr a-z A-Z');
    writeFileSync(join(dir, '.gitattributes'), 'checklist.md filter=upper\n');
    const signer = (await signerFor(join(dir, 'checklist.md'))) as Signer;
    assert.equal((await storedContent(signer, join(dir, 'checklist.md'))).toString(), '# RELEASE\n\n- [ ] DONE\n');
  });
});
