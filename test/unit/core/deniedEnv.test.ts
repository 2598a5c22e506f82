/** Front matter `env:` names that change how a shell or program starts: refused with an error, dropped from the outline. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { check } from '../../../server/src/core/check.ts';
import { parseChecklist } from '../../../server/src/core/checklist.ts';
import { deniedEnvReason } from '../../../server/src/core/deniedEnv.ts';
import { frontMatterEnv } from '../../../server/src/core/env.ts';

const DENIED = [
  'BASH_ENV',
  'ENV',
  'PATH',
  'LD_PRELOAD',
  'LD_LIBRARY_PATH',
  'LD_AUDIT',
  'DYLD_INSERT_LIBRARIES',
  'NODE_OPTIONS',
  'NODE_PATH',
  'GIT_SSH_COMMAND',
  'GIT_CONFIG_GLOBAL',
  'GIT_EXTERNAL_DIFF',
  'BASH_FUNC_ls%%',
  'BASH_FUNC_echo',
  'PROMPT_COMMAND',
  'SHELLOPTS',
  'BASHOPTS',
  'IFS',
  'CDPATH',
  'GLOBIGNORE',
  'PS4',
  'HOME',
  'PYTHONSTARTUP',
  'PYTHONPATH',
  'PERL5OPT',
  'PERL5LIB',
  'RUBYOPT',
  'JAVA_TOOL_OPTIONS',
  '_JAVA_OPTIONS',
  'SSH_ASKPASS',
  'EDITOR',
  'VISUAL',
  'PAGER',
  'LESSOPEN',
  'TERMINFO',
  'LOCALDOMAIN',
  'GCONV_PATH',
  'AWS_CONFIG_FILE',
  'KUBECONFIG',
  'npm_config_script_shell',
  'path',
  'Bash_Env',
];
const ALLOWED = [
  'APP',
  'VERSION',
  'CLUSTER',
  'AWS_REGION',
  'AWS_PROFILE',
  'AWS_ENDPOINT_URL_ECS',
  'NODE_ENV',
  'PYTHONUNBUFFERED',
  'ENVIRONMENT',
  'PATH_PREFIX',
  'MY_PATH',
  'GITHUB_SHA',
  'LANG',
  'TZ',
  'HOMEPAGE',
];

describe('denied env names', () => {
  for (const name of DENIED) test(`${name} is refused`, () => assert.ok(deniedEnvReason(name)));
  for (const name of ALLOWED) test(`${name} is allowed`, () => assert.equal(deniedEnvReason(name), undefined));
});

const text = (env: string) => `---\nenv:\n${env}\n---\n# Deploy\n\n- [ ] Say hello \`echo hello\`\n`;

describe('front matter env:', () => {
  test('a denied name: an error on its key naming it and why; the outline never carries it', () => {
    const checklist = parseChecklist(text('  APP: shop\n  BASH_ENV: /tmp/x.sh\n  LD_PRELOAD: /tmp/x.so'));
    const findings = check(checklist).filter((f) => f.ruleId === 'front-matter-run-context');
    assert.deepEqual(
      findings.map((f) => [f.severity, f.range.start.line, f.message.replace(/: .*$/s, '')]),
      [
        ['error', 4, 'Front matter `env:` may not set BASH_ENV'],
        ['error', 5, 'Front matter `env:` may not set LD_PRELOAD'],
      ],
    );
    assert.match(findings[0].message, /read and run the file it names before the step/);
    assert.match(findings[0].message, /never passed to a step; remove it\.$/);
    assert.deepEqual(frontMatterEnv(checklist.frontMatter!.data), { APP: 'shop' });
  });

  test('other shapes: warnings, and the variable is left out', () => {
    const checklist = parseChecklist(text('  "1BAD": x\n  LIST: [a, b]\n  OK: 3'));
    const findings = check(checklist).filter((f) => f.ruleId === 'front-matter-run-context');
    assert.deepEqual(
      findings.map((f) => f.severity),
      ['warning', 'warning'],
    );
    assert.match(findings[0].message, /name "1BAD" is not a shell variable name/);
    assert.match(findings[1].message, /LIST is a list, expected a single value/);
    assert.deepEqual(frontMatterEnv(checklist.frontMatter!.data), { OK: '3' });
  });

  test('env: and cwd: of the wrong kind', () => {
    const checklist = parseChecklist('---\nenv: [A]\ncwd: 3\n---\n# Deploy\n\n- [ ] x\n');
    const messages = check(checklist)
      .filter((f) => f.ruleId === 'front-matter-run-context')
      .map((f) => f.message);
    assert.equal(messages.length, 2);
    assert.match(messages[0], /`env:` is a list, expected a mapping/);
    assert.match(messages[1], /`cwd:` is the number 3, expected a folder path/);
  });

  test('a clean env: and cwd: say nothing', () => {
    const checklist = parseChecklist('---\nenv:\n  APP: shop\ncwd: deploy\n---\n# Deploy\n\n- [ ] x\n');
    assert.deepEqual(
      check(checklist).filter((f) => f.ruleId === 'front-matter-run-context'),
      [],
    );
  });
});
