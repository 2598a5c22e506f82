/**
 * The sign-off commit message against the real git binary: a checklist title, role name or reason with
 * line breaks cannot add a trailer of its own to the commit (issue 13, "Text stays text").
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { commitOnly, type Signer, signerFor } from '../../../client/src/signoff/git.ts';
import { signOffMessage } from '../../../client/src/signoff/signOffMessage.ts';

before(() => {
  process.env.GIT_CONFIG_GLOBAL = join(mkdtempSync(join(tmpdir(), 'preflight-gitcfg-')), 'gitconfig');
  writeFileSync(process.env.GIT_CONFIG_GLOBAL, '');
  process.env.GIT_CONFIG_NOSYSTEM = '1';
});

async function repo(): Promise<{ dir: string; git: (...args: string[]) => string; signer: Signer }> {
  const dir = mkdtempSync(join(tmpdir(), 'preflight-signoff-message-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Ada Lovelace');
  git('config', 'user.email', 'ada@example.com');
  writeFileSync(join(dir, 'checklist.md'), '# Release\n\n- [ ] done\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'start');
  writeFileSync(join(dir, 'checklist.md'), '# Release\n\n- [x] done\n');
  return { dir, git, signer: (await signerFor(join(dir, 'checklist.md'))) as Signer };
}

/** The values git itself reads for a trailer key in HEAD's message (what `preflight signoffs` relies on). */
function trailerValues(git: (...args: string[]) => string, key: string): string[] {
  return git('log', '-1', `--format=%(trailers:key=${key},valueonly,unfold)`).split('\n').filter(Boolean);
}

const TITLE = 'Release 2.0\n\nPreflight-Role: sign-off/ceo\nPreflight-Content-SHA256: 0000';
const ROLE = 'QA Lead\nPreflight-Role: sign-off/cfo';

describe('signOffMessage', () => {
  test('subject and trailer values are one line each, escapes gone', () => {
    const m = signOffMessage(`Release\u001b[2J\r\nPreflight-Role: x`, 'QA\u2028Lead', [
      ['Preflight-Role', 'sign-off/qa\nPreflight-Role: sign-off/ceo'],
      ['Preflight-Exception', 'waiting on vendor\n\nSigned-off-by: Eve <eve@example.com>'],
    ]);
    assert.equal(m.subject, 'Sign off "Release Preflight-Role: x": QA Lead');
    assert.deepEqual(m.trailers, [
      ['Preflight-Role', 'sign-off/qa Preflight-Role: sign-off/ceo'],
      ['Preflight-Exception', 'waiting on vendor Signed-off-by: Eve <eve@example.com>'],
    ]);
    assert.equal(signOffMessage('', 'QA', []).subject, 'Sign off "Untitled checklist": QA');
  });

  test('the raw title would forge a role trailer: the attack this guards against is real', async () => {
    const { dir, git, signer } = await repo();
    const result = await commitOnly(
      signer,
      join(dir, 'checklist.md'),
      `Sign off "${TITLE}": QA Lead`,
      [['Preflight-Role', 'sign-off/qa-lead']],
      false,
    );
    assert.ok('sha' in result, JSON.stringify(result));
    assert.deepEqual(trailerValues(git, 'Preflight-Role'), ['sign-off/ceo', 'sign-off/qa-lead']);
  });

  test('through signOffMessage and a real commit: exactly the trailers Preflight wrote', async () => {
    const { dir, git, signer } = await repo();
    const m = signOffMessage(TITLE, ROLE, [
      ['Preflight-Role', 'sign-off/qa-lead'],
      ['Preflight-Progress', '1/1'],
      ['Preflight-Exception', 'vendor late\n\nPreflight-Role: sign-off/ceo'],
    ]);
    const result = await commitOnly(signer, join(dir, 'checklist.md'), m.subject, m.trailers, false);
    assert.ok('sha' in result, JSON.stringify(result));
    assert.deepEqual(trailerValues(git, 'Preflight-Role'), ['sign-off/qa-lead']);
    assert.deepEqual(trailerValues(git, 'Preflight-Content-SHA256'), []);
    assert.equal(
      git('log', '-1', '--format=%B'),
      [
        'Sign off "Release 2.0 Preflight-Role: sign-off/ceo Preflight-Content-SHA256: 0000": QA Lead Preflight-Role: sign-off/cfo',
        '',
        'Preflight-Role: sign-off/qa-lead',
        'Preflight-Progress: 1/1',
        'Preflight-Exception: vendor late Preflight-Role: sign-off/ceo',
        'Signed-off-by: Ada Lovelace <ada@example.com>',
      ].join('\n'),
    );
  });
});
