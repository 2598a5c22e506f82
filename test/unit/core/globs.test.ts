/**
 * The glob matcher of `preflight.files`: results pinned on examples, the same answers as the RegExp
 * translation it replaced on random globs and paths, and no backtracking on a glob built to cause it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_EXPANSIONS, compileGlob, expandBraces, matchesAny } from '../../../server/src/core/globs.ts';
import { isChecklistFile } from '../../../server/src/core/selector.ts';
import { Rng } from '../../support/prng.ts';

/** The RegExp translation the matcher replaced (server/src/globs.ts before issue 14), as the reference. */
function referenceRegExp(glob: string): RegExp {
  let out = '';
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const slashAfter = glob[i + 2] === '/';
      out += slashAfter ? '(?:.*/)?' : '.*';
      i += slashAfter ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') {
      out += '(?:';
      depth++;
    } else if (c === '}' && depth > 0) {
      out += ')';
      depth--;
    } else if (c === ',' && depth > 0) out += '|';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) out += '\\[';
      else {
        out += `[${glob
          .slice(i + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else out += /[.+^$()|\\]/.test(c) ? `\\${c}` : c;
  }
  return new RegExp(`^${out}$`);
}

describe('glob matching', () => {
  const cases: [glob: string, path: string, expected: boolean][] = [
    ['**/*checklist*.md', 'docs/release-checklist.md', true],
    ['**/*checklist*.md', 'release-checklist.md', true],
    ['**/*checklist*.md', 'docs/checklist/readme.md', false],
    ['**/checklists/**/*.md', 'a/checklists/b/c/x.md', true],
    ['**/checklists/**/*.md', 'checklists/x.md', true],
    ['**/checklists/**/*.md', 'checklists.md', false],
    ['*.md', 'a.md', true],
    ['*.md', 'dir/a.md', false],
    ['runbooks/?.md', 'runbooks/a.md', true],
    ['runbooks/?.md', 'runbooks/ab.md', false],
    ['runbooks/?.md', 'runbooks//.md', false],
    ['{ops,sre}/*.md', 'sre/x.md', true],
    ['{ops,sre}/*.md', 'dev/x.md', false],
    ['{a,{b,c}d}.md', 'cd.md', true],
    ['{a,{b,c}d}.md', 'c.md', false],
    ['[abc]x.md', 'bx.md', true],
    ['[!abc]x.md', 'bx.md', false],
    ['[!abc]x.md', 'dx.md', true],
    ['[a-c]x.md', 'cx.md', true],
    ['[a-c]x.md', 'dx.md', false],
    ['a[b.md', 'a[b.md', true],
    ['{a,b.md', '{a,b.md', true],
    ['a.md', 'aXmd', false],
    ['(x)+.md', '(x)+.md', true],
    ['**', 'any/thing/at/all', true],
    ['a/**', 'a/', true],
  ];
  for (const [glob, path, expected] of cases)
    test(`${glob} against ${path}: ${expected}`, () => assert.equal(compileGlob(glob)(path), expected));

  test('the same answers as the RegExp translation on random globs and paths', () => {
    const rng = new Rng(14);
    const pieces = ['a', 'b', '/', '.', '*', '**', '**/', '?', '{a,b}', '{a,{b/,}c}', '[ab]', '[!a]', '[a-c]', '.md', '-', '+', '('];
    const pathChars = ['a', 'b', 'c', '/', '.', 'm', 'd', '-', '+', '('];
    let compared = 0;
    for (let n = 0; n < 3000; n++) {
      const glob = Array.from({ length: rng.int(1, 6) }, () => rng.pick(pieces)).join('');
      const reference = referenceRegExp(glob);
      const matcher = compileGlob(glob);
      for (let k = 0; k < 8; k++) {
        const path = Array.from({ length: rng.int(0, 10) }, () => rng.pick(pathChars)).join('');
        assert.equal(matcher(path), reference.test(path), `${glob} against ${path}`);
        compared++;
      }
    }
    assert.equal(compared, 24_000);
  });

  test('a pattern without a folder part matches the file name anywhere; leading slashes and backslashes are ignored', () => {
    assert.ok(matchesAny('/home/me/repo/ops/deploy-checklist.md', ['*checklist*.md']));
    assert.ok(matchesAny('C:\\repo\\runbooks\\a.md', ['**/runbooks/**/*.md']));
    assert.ok(!matchesAny('/repo/notes.md', ['**/*checklist*.md']));
    assert.ok(isChecklistFile('file:///ws/runbooks/db.md', '# DB\n', ['runbooks/*.md'], ['file:///ws']));
  });

  test('documents of VS Code for the Web match by their path, relative to a folder of the same scheme and authority', () => {
    const folder = 'vscode-vfs://github/acme/shop';
    assert.ok(isChecklistFile(`${folder}/runbooks/db.md`, '# DB\n', ['runbooks/*.md'], [folder]));
    assert.ok(isChecklistFile('vscode-remote://127.0.0.1:8080/ws/deploy-checklist.md', '# D\n', ['**/*checklist*.md'], []));
    assert.ok(!isChecklistFile('vscode-vfs://github/acme/other/runbooks/db.md', '# DB\n', ['runbooks/*.md'], [folder]));
    assert.ok(!isChecklistFile('vscode-remote://h/acme/shop/runbooks/db.md', '# DB\n', ['runbooks/*.md'], [folder]));
    assert.ok(!isChecklistFile('untitled:Untitled-1', '# D\n', ['**/*.md'], []));
  });

  test('braces expand to at most MAX_EXPANSIONS alternatives; past that the glob matches nothing', () => {
    assert.deepEqual(expandBraces('{a,b}{c,d}'), ['ac', 'ad', 'bc', 'bd']);
    const eleven = '{a,b}'.repeat(11); // 2,048 alternatives
    assert.ok(2 ** 11 > MAX_EXPANSIONS);
    assert.equal(expandBraces(eleven), undefined);
    assert.equal(compileGlob(eleven)('a'.repeat(11)), false);
    assert.equal(expandBraces('{a,b}'.repeat(10))?.length, 1024);
  });

  // A hang guard, not a speed target: the RegExp translation took tens of seconds on this.
  test('a glob built to backtrack answers on a long path', { timeout: 10_000 }, () => {
    const glob = '**/*a*a*a*a*a*a*a*b';
    const path = `${'x/'.repeat(200)}${'a'.repeat(5000)}.md`;
    assert.equal(compileGlob(glob)(path), false);
    assert.equal(compileGlob(glob)(`${path}b`), true);
    assert.equal(matchesAny(path, [glob, '{a,b}*{c,d}*{e,f}*g']), false);
  });
});
