/**
 * The real step runner without VS Code: real bash, real files. A checklist's `env:` that would run code before
 * `echo hello` (BASH_ENV, PATH, LD_PRELOAD, NODE_OPTIONS) never reaches the process, through the outline (core
 * drops them) nor when handed to the runner directly (it drops them again). Each case first proves that its
 * trap does fire when the user's own environment sets it, so a passing test means the filter held.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startStep, stepEnvironment } from '../../../client/src/run/stepProcess.ts';
import { parseChecklist } from '../../../server/src/core/checklist.ts';
import { outline } from '../../../server/src/lsp/features/outline.ts';
import { withShellParser } from '../../support/shellParser.ts';

// Outlines and code lenses read shell steps (ECS targets) with the bash parser.
withShellParser();

/** The LD_PRELOAD case builds a real shared library; without a compiler it is skipped, and says so. */
const HAS_GCC = spawnSync('gcc', ['--version']).status === 0;

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'preflight-step-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** A file that, when it runs, leaves `marker`. */
function trap(name: string): { marker: string; path: string } {
  const marker = join(dir, `${name}.marker`);
  return { marker, path: join(dir, name) };
}

/** Each trap: the variable, a value that would leave the marker, and the step to run. */
interface Trap {
  name: string;
  value: string;
  marker: string;
  script: string;
}

function traps(): Trap[] {
  const bashEnv = trap('bash-env.sh');
  writeFileSync(bashEnv.path, `touch '${bashEnv.marker}'\n`);

  // A `bash` first on PATH: node looks the program up with the child's PATH.
  const bin = join(dir, 'bin');
  const pathMarker = join(dir, 'path.marker');
  execFileSync('mkdir', ['-p', bin]);
  writeFileSync(join(bin, 'bash'), `#!/bin/sh\ntouch '${pathMarker}'\nexec /bin/bash "$@"\n`);
  chmodSync(join(bin, 'bash'), 0o755);

  const preload = trap('preload.so');
  const source = join(dir, 'preload.c');
  writeFileSync(
    source,
    `#include <stdio.h>\n__attribute__((constructor)) static void hit(void) { FILE *f = fopen("${preload.marker}", "w"); if (f) fclose(f); }\n`,
  );
  if (HAS_GCC) execFileSync('gcc', ['-shared', '-fPIC', '-o', preload.path, source]);

  const nodeRequire = trap('require.cjs');
  writeFileSync(nodeRequire.path, `require('node:fs').writeFileSync(${JSON.stringify(nodeRequire.marker)}, '')\n`);

  return [
    { name: 'BASH_ENV', value: bashEnv.path, marker: bashEnv.marker, script: 'echo hello' },
    { name: 'PATH', value: `${bin}:/usr/bin:/bin`, marker: pathMarker, script: 'echo hello' },
    ...(HAS_GCC ? [{ name: 'LD_PRELOAD', value: preload.path, marker: preload.marker, script: 'echo hello' }] : []),
    {
      name: 'NODE_OPTIONS',
      value: `--require ${nodeRequire.path}`,
      marker: nodeRequire.marker,
      script: `echo hello && '${process.execPath}' -e 0`,
    },
  ];
}

const checklistWith = (env: Record<string, string>, step: string) =>
  `---\nenv:\n${Object.entries(env)
    .map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`)
    .join('\n')}\n---\n# Deploy\n\n- [ ] Say hello \`${step}\`\n`;

describe('the step runner (real bash)', () => {
  let all: Trap[];
  before(() => {
    all = traps();
  });

  test("each trap fires when the user's own environment sets it (so the cases below can fail)", async () => {
    for (const t of all) {
      const base = t.name === 'PATH' ? { ...process.env, PATH: t.value } : { ...process.env, [t.name]: t.value };
      const result = await startStep({ script: t.script, cwd: dir, env: {}, base }).outcome;
      assert.equal(result.exitCode, 0, `${t.name}: ${result.outputTail}`);
      assert.ok(existsSync(t.marker), `${t.name} did not leave its marker`);
      rmSync(t.marker);
    }
  });

  test("a checklist's env: that changes how programs start never reaches the process; a normal variable does", async () => {
    for (const t of all) {
      const text = checklistWith({ [t.name]: t.value, GREETING: 'hello from env' }, `${t.script} && echo "$GREETING"`);
      const run = outline(parseChecklist(text), 'file:///x.md', 1).run;
      assert.deepEqual(run.env, { GREETING: 'hello from env' }, t.name);
      const step = startStep({ script: `${t.script} && echo "$GREETING"`, cwd: dir, env: run.env });
      const result = await step.outcome;
      assert.equal(result.exitCode, 0, `${t.name}: ${result.outputTail}`);
      assert.match(result.outputTail, /^hello\nhello from env\n$/);
      assert.equal(existsSync(t.marker), false, `${t.name} from the checklist ran its code`);
    }
  });

  test("handed to the runner directly (a prompt's answer, a server that let one through), it is refused again", async () => {
    for (const t of all) {
      const step = startStep({ script: `${t.script}; echo "\${${t.name}-unset}"`, cwd: dir, env: { [t.name]: t.value, GREETING: 'hi' } });
      const result = await step.outcome;
      assert.deepEqual(step.refused, [t.name]);
      assert.equal(existsSync(t.marker), false, `${t.name} given to the runner ran its code`);
      assert.ok(!result.outputTail.includes(t.value), `${t.name} reached the process: ${result.outputTail}`);
    }
  });

  test('LD_PRELOAD with a real library', { skip: HAS_GCC ? false : 'gcc is not installed: no library to preload' }, () => {
    assert.ok(all.some((t) => t.name === 'LD_PRELOAD'));
  });

  test('the environment: inherited kept, given added, denied names refused whatever their case', () => {
    const { env, refused } = stepEnvironment(
      { PATH: '/usr/bin', HOME: '/home/me' },
      { APP: 'x', bash_env: '/tmp/a', Git_Dir: '/tmp', BASH_FUNC_ls: '() { :; }' },
    );
    assert.deepEqual(env, { PATH: '/usr/bin', HOME: '/home/me', APP: 'x' });
    assert.deepEqual(refused, ['bash_env', 'Git_Dir', 'BASH_FUNC_ls']);
  });

  test('exit code, output tail, working folder; -e stops at the first failing command', async () => {
    const result = await startStep({ script: 'pwd; false; echo not reached', cwd: dir, env: {} }).outcome;
    assert.equal(result.exitCode, 1);
    assert.equal(result.outputTail.trim(), dir);
    assert.equal(result.cancelled, false);
  });

  test('cancel ends the whole process group', async () => {
    const pidFile = join(dir, 'child.pid');
    const step = startStep({ script: `sleep 30 & echo $! > '${pidFile}'; wait`, cwd: dir, env: {} });
    while (!existsSync(pidFile) || readFileSync(pidFile, 'utf8').trim() === '') await new Promise((r) => setTimeout(r, 20));
    const child = Number(readFileSync(pidFile, 'utf8').trim());
    assert.equal(step.cancel(), true);
    const result = await step.outcome;
    assert.equal(result.cancelled, true);
    // SIGTERM reaches the sleep as it reaches bash, but may land a moment later; a zombie has ended too.
    const ended = () => !existsSync(`/proc/${child}`) || /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${child}/stat`, 'utf8'));
    const deadline = Date.now() + 2000;
    while (!ended() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.ok(ended(), 'the background sleep outlived the cancel');
    assert.equal(step.cancel(), false);
  });
});
