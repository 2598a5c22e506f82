/**
 * Writing and running only inside the workspace folder, by realpath, with real symlinks: a step's `cwd:`, the
 * folder of New Checklist from Template and of a Fresh Run (client/src/services/insideFolder.ts), and the CLI's
 * `preflight new` (its bundle in a child process) with a `checklists/` linked to another place.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { existingFolderInside, fileTargetInside, resolveInside } from '../../../server/src/node/insideFolder.ts';
import { repoRoot } from '../../support/paths.ts';

let root = '';
let ws = '';
let elsewhere = '';
before(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'preflight-inside-')));
  ws = join(root, 'ws');
  elsewhere = join(root, 'elsewhere');
  for (const d of [join(ws, 'deploy', 'app'), elsewhere]) mkdirSync(d, { recursive: true });
  symlinkSync(elsewhere, join(ws, 'out-link'));
  symlinkSync(join(ws, 'deploy'), join(ws, 'in-link'));
});
after(() => rmSync(root, { recursive: true, force: true }));

const error = (r: { path: string } | { error: string }) => ('error' in r ? r.error : '');

describe("a step's working folder (cwd:)", () => {
  test('inside: relative, nested, the folder itself, a symlink that stays inside (its real path)', () => {
    assert.deepEqual(existingFolderInside(ws, 'deploy', 'cwd'), { path: join(ws, 'deploy') });
    assert.deepEqual(existingFolderInside(ws, 'deploy/app/..', 'cwd'), { path: join(ws, 'deploy') });
    assert.deepEqual(existingFolderInside(ws, '.', 'cwd'), { path: ws });
    assert.deepEqual(existingFolderInside(ws, 'in-link/app', 'cwd'), { path: join(ws, 'deploy', 'app') });
    assert.deepEqual(existingFolderInside(ws, join(ws, 'deploy'), 'cwd'), { path: join(ws, 'deploy') });
  });

  test('refused: ../.., an absolute path elsewhere, a symlink pointing out, a missing folder', () => {
    assert.match(
      error(existingFolderInside(ws, '../..', 'cwd "../..":')),
      /^cwd "\.\.\/\.\.": .* is outside the workspace folder .*ws; .*Use a path inside it\.$/,
    );
    assert.match(error(existingFolderInside(ws, elsewhere, 'cwd')), /is outside the workspace folder/);
    assert.match(
      error(existingFolderInside(ws, 'out-link', 'cwd')),
      new RegExp(`out-link is outside the workspace folder .* \\(it resolves to ${elsewhere}\\)`),
    );
    assert.match(error(existingFolderInside(ws, 'nope', 'cwd')), /nope is not a folder; create it or fix the path\.$/);
  });

  test('a folder named like the workspace beside it is not inside it', () => {
    mkdirSync(join(root, 'ws-other'), { recursive: true });
    assert.match(error(resolveInside(ws, '../ws-other', 'cwd')), /outside/);
  });
});

describe('where a new checklist or fresh run is written', () => {
  test('a folder still to be created inside the workspace is fine, through an inside link too', () => {
    assert.deepEqual(fileTargetInside(ws, join(ws, 'checklists', 'new.md'), 'folder'), { path: join(ws, 'checklists', 'new.md') });
    assert.deepEqual(fileTargetInside(ws, join(ws, 'in-link', 'new', 'x.md'), 'folder'), { path: join(ws, 'deploy', 'new', 'x.md') });
  });

  test('a symlinked checklists/ pointing elsewhere is refused', () => {
    const linked = join(root, 'ws-linked');
    mkdirSync(linked);
    symlinkSync(elsewhere, join(linked, 'checklists'));
    assert.match(
      error(fileTargetInside(linked, join(linked, 'checklists', 'release-2026-12-01.md'), 'the folder')),
      /outside the workspace folder/,
    );
  });
});

describe('preflight new', () => {
  const CLI = join(repoRoot, 'server', 'dist', 'cli.js');
  const ENV = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1' };
  const newChecklist = (dir: string) =>
    spawnSync(
      process.execPath,
      [
        CLI,
        'new',
        'production-deployment-checklist',
        '--dir',
        dir,
        '--set',
        'project=Shop',
        '--set',
        'version=1.0.0',
        '--set',
        'lead=Ada',
        '--set',
        'url=https://shop.example.com',
        '--set',
        'ecs_cluster=c',
        '--set',
        'ecs_service=s',
      ],
      { encoding: 'utf8', env: ENV },
    );

  test('refuses a checklists/ symlinked outside --dir: exit 2, a clear message, nothing written there', () => {
    const dir = join(root, 'cli-linked');
    const target = join(root, 'cli-target');
    mkdirSync(dir);
    mkdirSync(target);
    symlinkSync(target, join(dir, 'checklists'));
    const r = newChecklist(dir);
    assert.equal(r.status, 2, r.stderr);
    assert.match(
      r.stderr,
      /its folder .*checklists is outside --dir .*cli-linked \(it resolves to .*cli-target\).*Is checklists\/ a symlink to another folder\? Nothing was written/,
    );
    assert.deepEqual(readdirSync(target), []);
  });

  test('writes into a plain checklists/ as before', () => {
    const dir = join(root, 'cli-plain');
    mkdirSync(dir);
    const r = newChecklist(dir);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(existsSync(join(dir, r.stdout.trim().split('/').slice(-2).join('/'))), r.stdout);
  });
});
