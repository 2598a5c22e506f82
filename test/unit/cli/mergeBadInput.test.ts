/**
 * `preflight merge BASE OURS THEIRS` on bad input: a missing file, a binary file, text that is not UTF-8,
 * the wrong number of arguments. Each exits 2 with a message that names the problem, and OURS (the file git
 * reads the result from) keeps its bytes. Also the exit codes and the stderr list of a good merge.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CLI, cli, conflictRegions, removeDir, tempDir } from '../../support/mergeRepo.ts';

const BASE = '# Deploy checklist\n\n## Steps\n\n- [ ] Backup taken\n- [ ] Migration applied\n- [ ] Health check green\n';
const OURS = BASE.replace('- [ ] Backup taken', '- [x] Backup taken');
const THEIRS = BASE.replace('- [ ] Migration applied', '- [x] Migration applied');

let dir: string;
before(() => {
  dir = tempDir('preflight-merge-input-');
});
after(() => removeDir(dir));

let n = 0;
/** Fresh BASE/OURS/THEIRS files; `bytes` replaces one of them. */
function files(replace: Partial<Record<'base' | 'ours' | 'theirs', Buffer | string | null>> = {}): {
  base: string;
  ours: string;
  theirs: string;
  oursBytes: Buffer | undefined;
} {
  n++;
  const paths = { base: join(dir, `${n}.base`), ours: join(dir, `${n}.ours`), theirs: join(dir, `${n}.theirs`) };
  const content = { base: BASE, ours: OURS, theirs: THEIRS, ...replace };
  for (const key of ['base', 'ours', 'theirs'] as const) if (content[key] !== null) writeFileSync(paths[key], content[key]!);
  return { ...paths, oursBytes: existsSync(paths.ours) ? readFileSync(paths.ours) : undefined };
}

function assertUntouched(f: { ours: string; oursBytes: Buffer | undefined }): void {
  if (f.oursBytes === undefined) assert.ok(!existsSync(f.ours), 'a missing OURS is not created');
  else assert.ok(readFileSync(f.ours).equals(f.oursBytes), 'OURS keeps its bytes');
}

describe('preflight merge: bad input exits 2, says why and leaves OURS alone', () => {
  test('the CLI is built', () => assert.ok(existsSync(CLI), `${CLI} is missing: run npm run build first`));

  for (const missing of ['base', 'ours', 'theirs'] as const) {
    test(`a missing ${missing.toUpperCase()} file`, () => {
      const f = files({ [missing]: null });
      const r = cli(['merge', f.base, f.ours, f.theirs, '--path', 'deploy-checklist.md'], dir);
      assert.equal(r.code, 2, `exit 2 expected: ${r.stdout}${r.stderr}`);
      assert.ok(r.stderr.includes(f[missing]), `the message names the file: ${r.stderr}`);
      assert.match(r.stderr, /not found|no such file|does not exist|cannot (?:be )?read|missing/i, r.stderr);
      assertUntouched(f);
    });
  }

  for (const side of ['base', 'ours', 'theirs'] as const) {
    test(`a binary ${side.toUpperCase()} (a NUL byte)`, () => {
      const f = files({
        [side]: Buffer.concat([Buffer.from('- [ ] Backup taken\n'), Buffer.from([0x00, 0x01, 0x02, 0xff]), Buffer.from('\n')]),
      });
      const r = cli(['merge', f.base, f.ours, f.theirs], dir);
      assert.equal(r.code, 2, `exit 2 expected: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, /binary/i, r.stderr);
      assert.ok(r.stderr.includes(f[side]), `the message names the file: ${r.stderr}`);
      assertUntouched(f);
    });

    test(`${side.toUpperCase()} not UTF-8 (Latin-1 bytes)`, () => {
      const f = files({ [side]: Buffer.from(`${BASE}- [ ] Caf\xe9 ordered\n`, 'latin1') });
      const r = cli(['merge', f.base, f.ours, f.theirs], dir);
      assert.equal(r.code, 2, `exit 2 expected: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, /UTF-8/i, r.stderr);
      assert.ok(r.stderr.includes(f[side]), `the message names the file: ${r.stderr}`);
      assertUntouched(f);
    });
  }

  for (const args of [[], ['a'], ['a', 'b'], ['a', 'b', 'c', 'd']]) {
    test(`${args.length} file argument(s)`, () => {
      const f = files();
      const named = args.map((a) => ({ a: f.base, b: f.ours, c: f.theirs, d: f.theirs })[a as 'a' | 'b' | 'c' | 'd']);
      const r = cli(['merge', ...named], dir);
      assert.equal(r.code, 2, `exit 2 expected: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, /BASE OURS THEIRS|three files|3 files|usage|--help/i, r.stderr);
      assertUntouched(f);
    });
  }

  test('an unknown option', () => {
    const f = files();
    const r = cli(['merge', f.base, f.ours, f.theirs, '--frobnicate'], dir);
    assert.equal(r.code, 2, `exit 2 expected: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /frobnicate/, r.stderr);
    assertUntouched(f);
  });
});

describe('preflight merge: exit codes and output of good input', () => {
  test('a clean merge writes OURS and exits 0', () => {
    const f = files();
    const r = cli(['merge', f.base, f.ours, f.theirs, '--path', 'deploy-checklist.md'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      readFileSync(f.ours, 'utf8'),
      BASE.replace('- [ ] Backup taken', '- [x] Backup taken').replace('- [ ] Migration applied', '- [x] Migration applied'),
    );
    assert.equal(readFileSync(f.base, 'utf8'), BASE, 'BASE is not written');
    assert.equal(readFileSync(f.theirs, 'utf8'), THEIRS, 'THEIRS is not written');
  });

  test('a conflict exits 1, leaves markers in OURS and lists each conflict on one stderr line', () => {
    const f = files({
      ours: BASE.replace('- [ ] Backup taken', '- [ ] Backup taken and verified').replace(
        '- [ ] Health check green',
        '- [ ] Health check green on all pods',
      ),
      theirs: BASE.replace('- [ ] Backup taken', '- [ ] Backup taken to S3').replace(
        '- [ ] Health check green',
        '- [ ] Health check green for 10 minutes',
      ),
    });
    const r = cli(['merge', f.base, f.ours, f.theirs, '--path', 'deploy-checklist.md'], dir);
    assert.equal(r.code, 1, `${r.stdout}${r.stderr}`);
    const merged = readFileSync(f.ours, 'utf8');
    const regions = conflictRegions(merged);
    assert.equal(regions.length, 2, merged);
    assert.match(merged, /^- \[ \] Migration applied$/m, 'the untouched item between the conflicts stays outside them');
    const listed = r.stderr.split('\n').filter((l) => /backup|health/i.test(l));
    assert.equal(listed.length, 2, `one stderr line per conflict:\n${r.stderr}`);
  });
});
