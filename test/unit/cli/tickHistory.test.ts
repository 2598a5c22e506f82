/** The burn-up's committed ticks on a real temporary git repository, across a rename and a non-ASCII name. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadTickHistory } from '../../../server/src/cli/tickHistory.ts';

const ENV: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Alice', '-c', 'user.email=alice@example.com', ...args], { cwd, env: ENV, encoding: 'utf8' });
const checklist = (done: number) => `# Release\n\n## Ship\n\n- [${done > 0 ? 'x' : ' '}] build\n- [${done > 1 ? 'x' : ' '}] tag\n`;

test('the ticks of every commit since the fresh run, under each name the file had', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'preflight-ticks-'));
  try {
    git(dir, 'init', '-q', '-b', 'main');
    const commit = (file: string, done: number) => {
      writeFileSync(join(dir, file), checklist(done));
      git(dir, 'add', '-A');
      git(dir, 'commit', '-q', '-m', `${done} done`);
    };
    commit('old-checklist.md', 2); // an earlier run: before the fresh one, not in this run's chart
    commit('old-checklist.md', 0);
    commit('old-checklist.md', 1);
    git(dir, 'mv', 'old-checklist.md', 'Prüf-checklist.md');
    git(dir, 'commit', '-q', '-m', 'rename');
    commit('Prüf-checklist.md', 2);
    const history = await loadTickHistory(join(dir, 'Prüf-checklist.md'), dir);
    assert.deepEqual(
      history.points.map((p) => [p.done, p.total]),
      [
        [0, 2],
        [1, 2],
        [1, 2],
        [2, 2],
      ],
    );
    assert.equal(history.truncated, false);
    assert.ok(history.points.every((p) => /^\d{4}-\d\d-\d\dT/.test(p.at) && p.sha.startsWith(p.short)));
    const short = await loadTickHistory(join(dir, 'Prüf-checklist.md'), dir, 2);
    assert.deepEqual([short.points.map((p) => p.done), short.truncated], [[1, 2], true]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
