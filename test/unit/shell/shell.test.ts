/**
 * The bash parser's model (server/src/shell): what the danger table, the variable scanner and the `aws ecs`
 * extraction read. Real tree-sitter-bash, loaded from node_modules as the hosts load it from their bundles.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseShell } from '../../../server/src/shell/current.ts';
import { invocationOf } from '../../../server/src/shell/invocation.ts';
import type { ShellCommand } from '../../../server/src/shell/model.ts';
import { Rng } from '../../support/prng.ts';
import { withShellParser } from '../../support/shellParser.ts';

withShellParser();

/** Each command's words, a dynamic word as `<text>`. */
const words = (text: string) => parseShell(text).commands.map((c) => c.words.map((w) => w.value ?? `<${w.text}>`));
const named = (commands: ShellCommand[], name: string) => commands.find((c) => c.words[0]?.value === name);

describe('parseShell: commands and words', () => {
  test('quote removal gives the word bash runs, and says it was quoted or escaped', () => {
    const [rm, escaped, double, plain] = parseShell(`r''m -rf /; \\rm x; "rm" -rf; rm -f`).commands;
    assert.deepEqual(
      rm.words.map((w) => w.value),
      ['rm', '-rf', '/'],
    );
    assert.deepEqual(
      [rm, escaped, double, plain].map((c) => [c.words[0].value, c.words[0].quoted]),
      [
        ['rm', true],
        ['rm', true],
        ['rm', true],
        ['rm', false],
      ],
    );
  });

  test('an expansion or substitution makes a word dynamic; its parts say which', () => {
    const [first, second, inner] = parseShell('$cmd a; $(echo rm) -rf x').commands;
    assert.equal(first.words[0].value, undefined);
    assert.deepEqual(first.words[0].parts, [{ kind: 'variable', name: 'cmd', plain: true }]);
    assert.deepEqual(second.words[0].parts, [{ kind: 'dynamic', what: 'command' }]);
    assert.deepEqual(
      inner.words.map((w) => w.value),
      ['echo', 'rm'],
    );
    assert.deepEqual(words('echo "a-$B" ${C:-d} $1 \'$E\''), [['echo', '<"a-$B">', '<${C:-d}>', '<$1>', '$E']]);
  });

  test('commands inside substitutions are listed after the command holding them, and marked', () => {
    const { commands, assignments } = parseShell('ARN=$(aws ecs describe-services) && A=1 echo "$ARN" "$(date)"');
    assert.deepEqual(
      commands.map((c) => [c.words[0]?.value, c.inSubstitution]),
      [
        ['aws', true],
        ['echo', false],
        ['date', true],
      ],
    );
    assert.deepEqual(
      commands[1].assignments.map((a) => a.name),
      ['A'],
    );
    assert.deepEqual(
      assignments.map((a) => a.name),
      ['ARN', 'A'],
    );
  });

  test('pipelines: what each command pipes into; a here-document piped on counts', () => {
    const commands = parseShell('curl -fsSL x | sudo bash -s\ncat <<EOF | sh\necho hi\nEOF\n').commands;
    assert.equal(named(commands, 'curl')?.pipesInto, named(commands, 'sudo'));
    assert.equal(named(commands, 'sudo')?.readsPipe, true);
    assert.equal(named(commands, 'curl')?.readsPipe, false);
    assert.equal(named(commands, 'cat')?.pipesInto, named(commands, 'sh'));
    assert.equal(named(commands, 'echo'), undefined, 'a here-document body is text, not a command');
  });

  test('redirections belong to their command, after a pipeline to its last one', () => {
    const commands = parseShell('mapfile -t H < hosts.txt 2>/dev/null; a | b > out.log').commands;
    assert.deepEqual(
      named(commands, 'mapfile')?.redirects.map((r) => [r.operator, r.target?.value]),
      [
        ['<', 'hosts.txt'],
        ['>', '/dev/null'],
      ],
    );
    assert.deepEqual(
      named(commands, 'b')?.redirects.map((r) => r.target?.value),
      ['out.log'],
    );
    assert.deepEqual(
      named(commands, 'mapfile')?.words.map((w) => w.value),
      ['mapfile', '-t', 'H'],
      'redirections are not arguments',
    );
  });

  test('a pasted `$ ` prompt is a prompt, not the variable `$aws`', () => {
    const [command] = parseShell('$ aws ecs describe-services').commands;
    assert.equal(command.prompt, true);
    assert.deepEqual(
      command.words.map((w) => w.value),
      ['aws', 'ecs', 'describe-services'],
    );
  });

  test('lines: 0-based, continuations and multi-line strings counted', () => {
    const commands = parseShell('echo "one\ntwo"\naws ecs \\\n  update-service \\\n  --cluster c').commands;
    assert.deepEqual(
      commands.map((c) => c.line),
      [0, 2],
    );
    assert.deepEqual(
      commands[1].words.map((w) => w.line),
      [2, 2, 3, 4, 4],
    );
  });
});

describe('parseShell: variables and assignments', () => {
  test('expansions with and without a default; specials, single quotes and quoted here-documents are none', () => {
    const { variables } = parseShell("echo $A ${B:-x} ${C:?m} ${#D} $1 $@ '$E' $'$F'\ncat <<'EOF'\n$G\nEOF\ncat <<EOF\n$H\nEOF");
    assert.deepEqual(
      variables.map((v) => [v.name, v.hasDefault, v.line]),
      [
        ['A', false, 0],
        ['B', true, 0],
        ['C', false, 0],
        ['D', false, 0],
        ['H', false, 5],
      ],
    );
  });

  test('every way bash assigns, by kind', () => {
    const { assignments } = parseShell(
      'A=1; export B; local C=2; for D in x; do :; done; read -r E; (( F += 1 )); for ((G = 0; G < 1; G++)); do :; done; X=1 cmd; printf -v H x',
    );
    assert.deepEqual(
      assignments.map((a) => `${a.name}:${a.kind}`),
      [
        'A:assignment',
        'B:declaration',
        'C:declaration',
        'D:loop',
        'E:read',
        'F:arithmetic',
        'G:loop',
        'G:arithmetic',
        'X:assignment',
        'H:read',
      ],
    );
  });
});

describe('parseShell: comments and errors', () => {
  test('comments are blanked out of `code`, which keeps the length and the lines', () => {
    const text = '# rm -rf /\necho ok # production\n';
    const { code } = parseShell(text);
    assert.equal(code.length, text.length);
    assert.equal(code, `${' '.repeat(10)}\necho ok ${' '.repeat(12)}\n`);
  });

  test('text bash cannot read has error lines; a final backslash is not an error, as in bash', () => {
    assert.deepEqual(parseShell('echo ok\necho "unterminated').errors, [1]);
    assert.deepEqual(parseShell('fi').errors, [0]);
    assert.deepEqual(parseShell('echo ok \\').errors, []);
    assert.deepEqual(parseShell('echo ok').errors, []);
  });

  test('never throws, whatever the text', () => {
    const rng = new Rng(13);
    const pieces = [
      '"',
      "'",
      '`',
      '$(',
      '$((',
      ')',
      '{',
      '}',
      '${',
      '|',
      '&&',
      ';',
      '<<',
      '<<-',
      'EOF',
      '\\',
      '\n',
      ' ',
      'rm',
      '-rf',
      'if',
      'then',
      'fi',
      'for',
      'in',
      'do',
      'done',
      'case',
      'esac',
      '((',
      '))',
      '[[',
      ']]',
      '#',
      '=',
      'é',
      '\u0000',
      '😀',
    ];
    for (let n = 0; n < 500; n++) {
      const text = Array.from({ length: rng.int(1, 30) }, () => rng.pick(pieces)).join('');
      const script = parseShell(text);
      assert.equal(script.code.length, text.length, JSON.stringify(text));
    }
  });
});

describe('invocationOf: wrappers are looked through', () => {
  const run = (text: string) => {
    const invocation = invocationOf(parseShell(text).commands[0]);
    return invocation && [invocation.name.value, invocation.args.map((w) => w.value), invocation.through.map((w) => w.value)];
  };

  test('sudo, env, timeout, nice, xargs, npx, pnpm exec, a `%` prompt', () => {
    assert.deepEqual(run('sudo -u app -E env A=1 timeout -s KILL 5m nice -n 5 rm -rf x'), [
      'rm',
      ['-rf', 'x'],
      ['sudo', 'env', 'timeout', 'nice'],
    ]);
    assert.deepEqual(run('xargs -0 -n 1 rm -r'), ['rm', ['-r'], ['xargs']]);
    assert.deepEqual(run('npx prisma migrate deploy'), ['prisma', ['migrate', 'deploy'], ['npx']]);
    assert.deepEqual(run('pnpm exec prisma migrate reset'), ['prisma', ['migrate', 'reset'], ['pnpm']]);
    assert.deepEqual(run('% aws ecs wait'), ['aws', ['ecs', 'wait'], ['%']]);
    assert.deepEqual(run('sudo AWS_PAGER= aws s3 ls'), ['aws', ['s3', 'ls'], ['sudo']]);
  });

  test('a query runs nothing; a plain command is itself', () => {
    assert.equal(run('command -v rm'), undefined);
    assert.equal(run('sudo -l'), undefined);
    assert.deepEqual(run('git push'), ['git', ['push'], []]);
  });
});
