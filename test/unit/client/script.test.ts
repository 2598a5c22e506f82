import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { scriptOf } from '../../../client/src/run/script.ts';

describe('scriptOf: shell blocks and inline commands run as written', () => {
  for (const kind of ['bash', 'sh', 'shell', 'zsh', 'inline', '']) {
    test(`${kind || '(no language)'}: unchanged but for trailing new lines`, () => {
      assert.equal(scriptOf(kind, 'npm ci\nnpm run test\n'), 'npm ci\nnpm run test');
      assert.equal(scriptOf(kind, 'npm run test'), 'npm run test');
    });
  }

  test('a bash block keeps its $ lines, comments and blank lines: bash reads them as bash', () => {
    const block = '# build\n$ not a prompt here\n\necho "$HOME"\r\n\r\n';
    assert.equal(scriptOf('bash', block), '# build\n$ not a prompt here\n\necho "$HOME"');
  });

  test('an inline command that starts with $ is left alone (the caller owns inline prompts)', () => {
    assert.equal(scriptOf('inline', '$ npm run test'), '$ npm run test');
  });
});

describe('scriptOf: console sessions', () => {
  test('only the $ lines run, without their prompt; output is dropped', () => {
    const session = [
      '$ npm run test',
      '',
      '> vivr@1.0.0 test',
      '> vitest run',
      '',
      ' ✓ 42 tests passed',
      '$ npm run lint',
      'No problems',
    ].join('\n');
    assert.equal(scriptOf('console', session), 'npm run test\nnpm run lint');
  });

  test('a backslash continues a command onto lines that are kept as written', () => {
    const session = [
      '$ aws ecs update-service \\',
      '    --cluster vivr-prod \\',
      '    --service vivr-app',
      '{',
      '  "service": {}',
      '}',
    ].join('\n');
    assert.equal(scriptOf('console', session), 'aws ecs update-service \\\n    --cluster vivr-prod \\\n    --service vivr-app');
  });

  test('a continuation line that itself looks like output or a prompt is still part of the command', () => {
    assert.equal(scriptOf('console', '$ echo a \\\n$b\nout'), 'echo a \\\n$b');
  });

  test('a bare $ runs nothing; `$` must be followed by a blank to be a prompt', () => {
    assert.equal(scriptOf('console', '$\n$ ls\n$HOME is output\n$(echo no)\n'), 'ls');
  });

  test('indented prompts and a tab after the $ count; # lines are output (a root prompt is not run)', () => {
    assert.equal(scriptOf('console', '  $ npm ci\n$\tnpm test\n# rm -rf /\n'), 'npm ci\nnpm test');
  });

  test('CRLF line ends', () => {
    assert.equal(scriptOf('console', '$ npm ci\r\nadded 3 packages\r\n$ npm test\r\n'), 'npm ci\nnpm test');
  });

  test('a session without any prompt runs nothing', () => {
    assert.equal(scriptOf('console', 'just output\nmore output\n'), '');
  });

  test('the language is matched without case, and the other session aliases are sessions too', () => {
    for (const kind of ['Console', 'shell-session', 'shellsession', 'bash-session', 'sh-session', ' console ']) {
      assert.equal(scriptOf(kind, '$ make\nok\n'), 'make', kind);
    }
  });
});
