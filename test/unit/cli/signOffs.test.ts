/** `preflight signoffs` on real temporary git repositories, with sign-off commits made as the client makes them. */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from '../../support/paths.ts';
import { parseChecklist } from '../../../server/src/core/checklist.ts';
import { stampSignOff } from '../../../server/src/core/stamp.ts';
import { applyEdits } from '../../support/applyEdits.ts';

const CLI = join(repoRoot, 'server', 'dist', 'cli.js');
// Keep the machine's git configuration (signing, hooks, templates) out of the temporary repositories.
const ENV: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1' };

const CHECKLIST = `# Release 2.0

## Testing

- [x] Unit tests pass
- [x] E2E tests pass

## Deploy

- [ ] Ship it

## Sign-Off

### QA Lead
- [ ] QA approved
- Name: ____
- Date: ____

### Deployment Lead
- Name: ____
- Date: ____

### Product Owner
- Name: ____
`;

interface RoleJson {
  id: string;
  name: string;
  signed: boolean;
  state: string;
  verified: boolean;
  passes: boolean;
  signer: string | null;
  allowed: string[] | null;
  commit: string | null;
  author: string | null;
  date: string | null;
  signature: { status: string; signer: string | null; key: string | null; format: string | null } | null;
  progress?: string;
  exception?: string;
  problems: string[];
}
interface FileJson {
  file: string;
  path: string;
  title: string;
  verified: boolean;
  roles: RoleJson[];
}

let base = '';
let count = 0;

before(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does it for you).`);
  base = mkdtempSync(join(tmpdir(), 'preflight-signoffs-'));
});
after(() => rmSync(base, { recursive: true, force: true }));

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = ENV) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: ENV }).trim();
}

const as = (name: string) => ['-c', `user.name=${name}`, '-c', `user.email=${name.split(' ')[0].toLowerCase()}@example.com`];
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A repository with the checklist committed by Alice at docs/release.md; returns the repository. */
function makeRepo(): string {
  const repo = join(base, `repo-${++count}`);
  mkdirSync(join(repo, 'docs'), { recursive: true });
  git(repo, 'init', '-q', '-b', 'main');
  writeFileSync(join(repo, 'docs', 'release.md'), CHECKLIST);
  git(repo, 'add', '-A');
  git(repo, ...as('Alice Archer'), 'commit', '-q', '-m', 'Add the release checklist');
  return repo;
}

function edit(repo: string, change: (text: string) => string): void {
  const path = join(repo, 'docs', 'release.md');
  writeFileSync(path, change(readFileSync(path, 'utf8')));
}

interface SignOffOptions {
  /** The commit's author, when it differs from the stamped name. */
  author?: string;
  /** The recorded hash, when it should not be the file's. */
  hash?: string;
  exception?: string;
  /** When the role is stamped (signing again writes a new date). */
  at?: string;
  /** An SSH private key file to sign the commit with (`gpg.format=ssh`). */
  key?: string;
  /** A GPG key (its e-mail) to sign the commit with. */
  gpgKey?: string;
}

/**
 * Signs `roleId` as the client does: stamp the role through core, then `git commit --only` of the checklist with
 * the trailers of protocol.ts' SignOffTrailers. Returns the short sha.
 */
function signOff(repo: string, roleId: string, name: string, options: SignOffOptions = {}): string {
  const path = join(repo, 'docs', 'release.md');
  const text = readFileSync(path, 'utf8');
  const checklist = parseChecklist(text);
  const stamped = stampSignOff(checklist, roleId, { name, at: options.at ?? '2026-11-27T21:49:32+01:00' });
  if ('error' in stamped) assert.fail(stamped.error);
  writeFileSync(path, applyEdits(text, stamped.edits));
  const role = checklist.signOff!.roles.find((r) => r.id === roleId)!;
  const trailers = [
    `Preflight-Role: ${roleId}`,
    `Preflight-Progress: ${checklist.progress.required.done}/${checklist.progress.required.total}`,
    `Preflight-Content-SHA256: ${options.hash ?? sha256(path)}`,
  ];
  if (options.exception) trailers.push(`Preflight-Exception: ${options.exception}`);
  git(
    repo,
    ...as(options.author ?? name),
    ...(options.key ? ['-c', 'gpg.format=ssh', '-c', `user.signingkey=${options.key}`] : []),
    ...(options.gpgKey ? ['-c', 'gpg.format=openpgp', '-c', `user.signingkey=${options.gpgKey}`] : []),
    'commit',
    ...(options.key || options.gpgKey ? ['-S'] : []),
    '-q',
    '--only',
    '-m',
    `Sign off "Release 2.0": ${role.name}`,
    ...trailers.flatMap((t) => ['--trailer', t]),
    '--signoff',
    '--',
    'docs/release.md',
  );
  return git(repo, 'rev-parse', '--short', 'HEAD');
}

function commitAll(repo: string, who: string, message: string): string {
  git(repo, 'add', '-A');
  git(repo, ...as(who), 'commit', '-q', '-m', message);
  return git(repo, 'rev-parse', '--short', 'HEAD');
}

const signoffs = (repo: string, ...args: string[]) => run(['signoffs', ...args, 'docs/release.md'], repo);
const lineOf = (stdout: string, role: string) => stdout.split('\n').find((l) => new RegExp(`^  . ${role} `).test(l)) ?? '';
const json = (repo: string) => JSON.parse(signoffs(repo, '--format', 'json').stdout) as FileJson;

describe('signoffs: what verifies', () => {
  test('an unsigned sign-off that otherwise matches is "author name only, not proven", never verified; exit 0', () => {
    const repo = makeRepo();
    const sha = signOff(repo, 'sign-off/qa-lead', 'Quinn Quality');
    const r = signoffs(repo);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^Release 2\.0 {2}docs\/release\.md$/m);
    assert.match(
      lineOf(r.stdout, 'QA Lead'),
      new RegExp(
        `^  \\? QA Lead +${sha} Quinn Quality \\d{4}-\\d\\d-\\d\\dT[\\d:]+[+-]\\d\\d:\\d\\d  author name only, not proven: ${sha} is not signed`,
      ),
    );
    assert.doesNotMatch(r.stdout, /verified \(/);
    assert.match(lineOf(r.stdout, 'Deployment Lead'), /– Deployment Lead +not signed$/);
    assert.match(r.stdout, /0 of 1 signed role\(s\) verified; 1 not proven; 2 not signed\./);
  });

  test('nobody signed: exit 0, every role "not signed"', () => {
    const repo = makeRepo();
    const r = signoffs(repo);
    assert.equal(r.code, 0);
    assert.equal((r.stdout.match(/not signed$/gm) ?? []).length, 3);
  });

  test('a later sign-off of another role keeps the first verified', () => {
    const repo = makeRepo();
    signOff(repo, 'sign-off/qa-lead', 'Quinn Quality');
    const second = signOff(repo, 'sign-off/deployment-lead', 'Dana Deploy');
    const r = signoffs(repo);
    assert.equal(r.code, 0, r.stdout);
    assert.match(lineOf(r.stdout, 'QA Lead'), /\? .*author name only, not proven: \w+ is not signed[^;]*$/);
    assert.match(lineOf(r.stdout, 'Deployment Lead'), new RegExp(`\\? Deployment Lead +${second} Dana Deploy .*author name only`));
  });

  test('signing again after a change verifies again: the newest sign-off commit of the role counts', () => {
    const repo = makeRepo();
    signOff(repo, 'sign-off/qa-lead', 'Quinn Quality');
    edit(repo, (t) => t.replace('- [ ] Ship it', '- [x] Ship it'));
    commitAll(repo, 'Bob Baker', 'Ship');
    assert.equal(signoffs(repo).code, 1);
    const again = signOff(repo, 'sign-off/qa-lead', 'Quinn Quality', { at: '2026-11-28T09:00:00+01:00' });
    const r = signoffs(repo);
    assert.equal(r.code, 0, r.stdout);
    assert.match(lineOf(r.stdout, 'QA Lead'), new RegExp(`\\? QA Lead +${again} `));
  });

  test('an exception trailer is shown with the role', () => {
    const repo = makeRepo();
    signOff(repo, 'sign-off/qa-lead', 'Quinn Quality', { exception: 'load test waived by the CTO' });
    const r = signoffs(repo);
    assert.equal(r.code, 0);
    assert.match(lineOf(r.stdout, 'QA Lead'), /not proven: .* · exception: load test waived by the CTO$/);
  });
});

describe('signoffs: what fails', () => {
  test('an edit committed after the sign-off fails, naming the commit, its author and subject', () => {
    const repo = makeRepo();
    signOff(repo, 'sign-off/qa-lead', 'Quinn Quality');
    edit(repo, (t) => t.replace('- [x] E2E tests pass', '- [ ] E2E tests pass'));
    const sha = commitAll(repo, 'Bob Baker', 'E2E flaky again');
    signOff(repo, 'sign-off/deployment-lead', 'Dana Deploy');
    const r = signoffs(repo);
    assert.equal(r.code, 1);
    assert.match(
      lineOf(r.stdout, 'QA Lead'),
      new RegExp(`✗ QA Lead .* edited after sign-off: .*changed after sign-off in ${sha} by Bob Baker: E2E flaky again$`),
    );
    // The second sign-off came after the edit: it stands (unproven, as it is unsigned).
    assert.match(lineOf(r.stdout, 'Deployment Lead'), /\? .*author name only/);
    assert.match(r.stdout, /0 of 2 signed role\(s\) verified; 1 not proven; 1 not signed\./);
  });

  test('an uncommitted edit fails every signed role', () => {
    const repo = makeRepo();
    signOff(repo, 'sign-off/qa-lead', 'Quinn Quality');
    edit(repo, (t) => `${t}\n- [ ] One more thing\n`);
    const r = signoffs(repo);
    assert.equal(r.code, 1);
    assert.match(lineOf(r.stdout, 'QA Lead'), /✗ QA Lead .*edited after sign-off: .*changed after sign-off: uncommitted edits$/);
  });

  test('a forged name (stamped name is not the commit author) fails', () => {
    const repo = makeRepo();
    const sha = signOff(repo, 'sign-off/qa-lead', 'Quinn Quality', { author: 'Mallory Mole' });
    const r = signoffs(repo);
    assert.equal(r.code, 1);
    assert.match(
      lineOf(r.stdout, 'QA Lead'),
      new RegExp(`✗ QA Lead +${sha} Mallory Mole .*signed as "Quinn Quality" but ${sha} was committed by Mallory Mole$`),
    );
  });

  test('names compare without regard to case and spacing', () => {
    const repo = makeRepo();
    signOff(repo, 'sign-off/qa-lead', 'Quinn  quality', { author: 'quinn Quality' });
    assert.equal(signoffs(repo).code, 0);
  });

  test("a content hash that is not the committed file's fails", () => {
    const repo = makeRepo();
    signOff(repo, 'sign-off/qa-lead', 'Quinn Quality', { hash: 'ab'.repeat(32) });
    const r = signoffs(repo);
    assert.equal(r.code, 1);
    assert.match(
      lineOf(r.stdout, 'QA Lead'),
      /content hash mismatch: \w+ records Preflight-Content-SHA256 abababababab… but the file it commits hashes to [0-9a-f]{12}…/,
    );
  });

  test('a later commit with a role trailer but a wrong hash is a change, not a sign-off', () => {
    const repo = makeRepo();
    signOff(repo, 'sign-off/qa-lead', 'Quinn Quality');
    edit(repo, (t) => t.replace('- [ ] Ship it', '- [x] Ship it'));
    const sha = signOff(repo, 'sign-off/deployment-lead', 'Dana Deploy', { hash: '0'.repeat(64) });
    const r = signoffs(repo);
    assert.equal(r.code, 1);
    assert.match(
      lineOf(r.stdout, 'QA Lead'),
      new RegExp(
        `changed after sign-off in ${sha} by Dana Deploy: Sign off "Release 2.0": Deployment Lead \\(it carries Preflight-Role but its Preflight-Content-SHA256 does not match the file\\)`,
      ),
    );
  });

  test('a role signed in the text without a sign-off commit fails', () => {
    const repo = makeRepo();
    edit(repo, (t) => t.replace('### Product Owner\n- Name: ____', '### Product Owner\n- Name: Pat Product'));
    commitAll(repo, 'Pat Product', 'Sign as product owner by hand');
    signOff(repo, 'sign-off/qa-lead', 'Quinn Quality');
    const r = signoffs(repo);
    assert.equal(r.code, 1);
    assert.match(
      lineOf(r.stdout, 'Product Owner'),
      /✗ Product Owner +no commit: signed in the text, but no commit carries Preflight-Role: sign-off\/product-owner$/,
    );
    assert.match(lineOf(r.stdout, 'QA Lead'), /\?/);
  });
});

describe('signoffs --format json', () => {
  test('one object per file: roles with id, name, signed, verified, commit, author, date, exception and problems', () => {
    const repo = makeRepo();
    signOff(repo, 'sign-off/qa-lead', 'Quinn Quality', { exception: 'perf budget waived' });
    const full = git(repo, 'rev-parse', 'HEAD');
    edit(repo, (t) => t.replace('### Deployment Lead\n- Name: ____', '### Deployment Lead\n- Name: Dana Deploy'));
    const report = json(repo);
    assert.equal(report.file, 'docs/release.md');
    assert.equal(report.path, 'docs/release.md');
    assert.equal(report.title, 'Release 2.0');
    assert.equal(report.verified, false);
    const [qa, lead, owner] = report.roles;
    assert.deepEqual(
      { ...qa, date: typeof qa.date },
      {
        id: 'sign-off/qa-lead',
        name: 'QA Lead',
        signed: true,
        state: 'edited after sign-off',
        verified: false,
        passes: false,
        signer: 'Quinn Quality',
        allowed: null,
        commit: full,
        author: 'Quinn Quality',
        date: 'string',
        signature: { status: 'unsigned', signer: null, key: null, format: null },
        progress: '2/4',
        exception: 'perf budget waived',
        problems: [
          `${full.slice(0, 7)} is not signed: the author name Quinn Quality is all that backs it, and anyone can set that (git commit --author)`,
          'changed after sign-off: uncommitted edits',
        ],
      },
    );
    assert.deepEqual(lead.problems, ['signed in the text, but no commit carries Preflight-Role: sign-off/deployment-lead']);
    assert.equal(lead.commit, null);
    assert.equal(lead.state, 'no commit');
    assert.deepEqual(
      { signed: owner.signed, state: owner.state, verified: owner.verified, problems: owner.problems },
      { signed: false, state: 'not signed', verified: false, problems: [] },
    );
    assert.ok(!('short' in qa));
  });

  test('several files give an array', () => {
    const repo = makeRepo();
    writeFileSync(join(repo, 'docs', 'other.md'), '# Other\n\n- [ ] a\n');
    commitAll(repo, 'Alice Archer', 'other');
    const r = run(['signoffs', '-f', 'json', 'docs/release.md', 'docs/other.md'], repo);
    assert.equal(r.code, 0);
    const reports = JSON.parse(r.stdout) as (FileJson & { hasSignOff: boolean })[];
    assert.deepEqual(
      reports.map((x) => [x.path, x.verified, x.hasSignOff, x.roles.length]),
      [
        ['docs/release.md', true, true, 3],
        ['docs/other.md', true, false, 0],
      ],
    );
  });
});

describe('signoffs: signatures (real SSH keys, git verifies)', () => {
  let keys = '';
  let allowed = '';
  const key = (who: string) => join(keys, who);
  before(() => {
    keys = mkdtempSync(join(tmpdir(), 'preflight-keys-'));
    for (const who of ['quinn', 'mallory', 'dana', 'stranger'])
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', who, '-f', key(who)]);
    // The reviewer's own allowed-signers file: the stranger's key is not in it.
    allowed = join(keys, 'allowed_signers');
    writeFileSync(
      allowed,
      ['quinn', 'mallory', 'dana'].map((who) => `${who}@example.com ${readFileSync(`${key(who)}.pub`, 'utf8').trim()}`).join('\n') + '\n',
    );
  });
  after(() => rmSync(keys, { recursive: true, force: true }));

  const check = (repo: string, ...args: string[]) => run(['signoffs', '--allowed-signers', allowed, ...args, 'docs/release.md'], repo);
  const jsonOf = (repo: string, ...args: string[]) => JSON.parse(check(repo, '-f', 'json', ...args).stdout) as FileJson;
  const withSigners = (repo: string, signers: string) => {
    edit(repo, (t) => `---\nsigners:\n${signers}\n---\n${t}`);
    commitAll(repo, 'Alice Archer', 'Name the signers');
  };

  test('a genuine signed sign-off verifies, in text and JSON; --require-signatures exits 0', () => {
    const repo = makeRepo();
    withSigners(repo, '  QA Lead: quinn@example.com');
    const sha = signOff(repo, 'sign-off/qa-lead', 'Quinn Quality', { key: key('quinn') });
    const r = check(repo);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(
      lineOf(r.stdout, 'QA Lead'),
      new RegExp(`^  ✓ QA Lead +${sha} Quinn Quality \\S+  verified \\(ssh, quinn@example\\.com\\)$`),
    );
    const qa = jsonOf(repo).roles[0];
    assert.equal(qa.state, 'verified');
    assert.deepEqual(qa.allowed, ['quinn@example.com']);
    assert.equal(qa.signature?.status, 'good');
    assert.equal(qa.signature?.signer, 'quinn@example.com');
    assert.equal(qa.signature?.format, 'ssh');
    assert.match(qa.signature?.key ?? '', /^SHA256:/);
    assert.equal(check(repo, '--require-signatures').code, 0);
  });

  test('the allowed-signers file from git config works as well as --allowed-signers', () => {
    const repo = makeRepo();
    signOff(repo, 'sign-off/qa-lead', 'Quinn Quality', { key: key('quinn') });
    git(repo, 'config', 'gpg.ssh.allowedSignersFile', allowed);
    const r = run(['signoffs', '--require-signatures', 'docs/release.md'], repo);
    assert.equal(r.code, 0, r.stdout);
    assert.match(lineOf(r.stdout, 'QA Lead'), /✓ .*verified \(ssh, quinn@example\.com\)$/);
  });

  test('--author forgery, unsigned: author name only; with signers: for the role it fails; --require-signatures exits 1', () => {
    const repo = makeRepo();
    // Mallory commits claiming Quinn as author: git takes any --author.
    signOff(repo, 'sign-off/qa-lead', 'Quinn Quality', { author: 'Quinn Quality' });
    git(
      repo,
      '-c',
      'user.name=Mallory Mole',
      '-c',
      'user.email=mallory@example.com',
      'commit',
      '-q',
      '--amend',
      '--no-edit',
      '--author',
      'Quinn Quality <quinn@example.com>',
    );
    assert.equal(git(repo, 'log', '-1', '--format=%an / %cn'), 'Quinn Quality / Mallory Mole');
    const loose = check(repo);
    assert.equal(loose.code, 0, 'without signers: an unsigned match is not proven, as before');
    assert.match(lineOf(loose.stdout, 'QA Lead'), /\? QA Lead .*author name only, not proven: \w+ is not signed/);
    assert.equal(jsonOf(repo).roles[0].state, 'unsigned');
    assert.equal(check(repo, '--require-signatures').code, 1);

    withSigners(repo, '  QA Lead: quinn@example.com');
    signOff(repo, 'sign-off/qa-lead', 'Quinn Quality', { at: '2026-11-28T09:00:00+01:00' });
    const strict = check(repo);
    assert.equal(strict.code, 1, strict.stdout);
    assert.match(lineOf(strict.stdout, 'QA Lead'), /✗ QA Lead .*author name only, not proven: /);
  });

  test("--author forgery signed with the forger's own key: signer not allowed", () => {
    const repo = makeRepo();
    const sha = signOff(repo, 'sign-off/qa-lead', 'Quinn Quality', { key: key('mallory') });
    const r = check(repo, '--format', 'json');
    assert.equal(r.code, 1);
    const qa = (JSON.parse(r.stdout) as FileJson).roles[0];
    assert.equal(qa.state, 'signer not allowed');
    assert.equal(qa.signature?.signer, 'mallory@example.com');
    assert.match(qa.problems.join('\n'), new RegExp(`${sha} is signed by mallory@example\\.com but authored as quinn@example\\.com`));
    assert.match(lineOf(check(repo).stdout, 'QA Lead'), /✗ QA Lead .*signer not allowed for QA Lead: /);
  });

  test('a key not allowed for the role fails, naming who may sign', () => {
    const repo = makeRepo();
    withSigners(repo, '  QA Lead: [quinn@example.com]\n  sign-off/deployment-lead: dana@example.com');
    signOff(repo, 'sign-off/qa-lead', 'Dana Deploy', { key: key('dana') });
    const r = check(repo);
    assert.equal(r.code, 1);
    assert.match(
      lineOf(r.stdout, 'QA Lead'),
      /✗ QA Lead .*signer not allowed for QA Lead: \w+ is signed by dana@example\.com, who is not allowed to sign "QA Lead" \(signers: quinn@example\.com\)/,
    );
  });

  test('a key git cannot check: unknown key (not proven; fails with signers: or --require-signatures)', () => {
    const repo = makeRepo();
    signOff(repo, 'sign-off/qa-lead', 'Quinn Quality', { key: key('stranger') });
    const r = check(repo);
    assert.equal(r.code, 0, r.stdout);
    assert.match(
      lineOf(r.stdout, 'QA Lead'),
      /\? QA Lead .*unknown key: \w+ is signed with a key git cannot check \(SHA256:\S+\): the key is not in the allowed-signers file/,
    );
    assert.equal(check(repo, '--require-signatures').code, 1);
    // No allowed-signers file at all: git cannot check any SSH signature, and says so.
    const bare = run(['signoffs', 'docs/release.md'], repo);
    assert.match(
      lineOf(bare.stdout, 'QA Lead'),
      /unknown key: .*until gpg\.ssh\.allowedSignersFile names your trusted allowed-signers file \(or pass --allowed-signers\)/,
    );
  });

  test('a bad signature (the commit rewritten after signing) fails', () => {
    const repo = makeRepo();
    signOff(repo, 'sign-off/qa-lead', 'Quinn Quality', { key: key('quinn') });
    const raw = execFileSync('git', ['cat-file', 'commit', 'HEAD'], { cwd: repo, env: ENV, encoding: 'utf8' });
    const forged = raw.replace('Sign off "Release 2.0": QA Lead', 'Sign off "Release 2.0": QA Lead (approved)');
    assert.notEqual(forged, raw);
    const sha = execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], {
      cwd: repo,
      env: ENV,
      input: forged,
      encoding: 'utf8',
    }).trim();
    git(repo, 'update-ref', 'refs/heads/main', sha);
    const r = check(repo, '-f', 'json');
    assert.equal(r.code, 1);
    const qa = (JSON.parse(r.stdout) as FileJson).roles[0];
    assert.equal(qa.state, 'bad signature');
    assert.equal(qa.signature?.status, 'bad');
    assert.match(
      lineOf(check(repo).stdout, 'QA Lead'),
      /✗ QA Lead .*bad signature: \w+ has a bad signature: the commit was changed after it was signed/,
    );
  });

  test('an edit after a signed sign-off fails; a later verified sign-off is harmless, an unsigned one is not proof', () => {
    const repo = makeRepo();
    signOff(repo, 'sign-off/qa-lead', 'Quinn Quality', { key: key('quinn') });
    signOff(repo, 'sign-off/deployment-lead', 'Dana Deploy', { key: key('dana') });
    assert.equal(check(repo, '--require-signatures').code, 0, 'a verified sign-off commit after it keeps QA Lead verified');
    const unsigned = signOff(repo, 'sign-off/product-owner', 'Pat Product');
    const soft = check(repo);
    assert.equal(soft.code, 0);
    assert.match(
      lineOf(soft.stdout, 'QA Lead'),
      new RegExp(
        `\\? QA Lead .*edited after sign-off: changed after sign-off in ${unsigned} by Pat Product: .*\\(a sign-off commit that is not verified: unsigned\\)`,
      ),
    );
    edit(repo, (t) => t.replace('- [x] E2E tests pass', '- [ ] E2E tests pass'));
    const sha = commitAll(repo, 'Bob Baker', 'E2E flaky again');
    const r = check(repo);
    assert.equal(r.code, 1);
    assert.match(
      lineOf(r.stdout, 'QA Lead'),
      new RegExp(`✗ QA Lead .*edited after sign-off: changed after sign-off in ${sha} by Bob Baker: E2E flaky again$`),
    );
    assert.equal(jsonOf(repo).roles[1].state, 'edited after sign-off');
  });

  test("verifying never runs programs the repository's config names", () => {
    const repo = makeRepo();
    signOff(repo, 'sign-off/qa-lead', 'Quinn Quality', { key: key('quinn') });
    const marker = join(repo, 'pwned');
    const evil = join(repo, 'evil.sh');
    writeFileSync(evil, `#!/bin/sh\ntouch '${marker}'\nexit 1\n`, { mode: 0o755 });
    for (const name of ['gpg.program', 'gpg.ssh.program', 'gpg.openpgp.program', 'core.fsmonitor', 'core.pager'])
      git(repo, 'config', name, evil);
    const r = check(repo);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(lineOf(r.stdout, 'QA Lead'), /✓ .*verified \(ssh, quinn@example\.com\)$/);
    assert.equal(existsSync(marker), false, 'a program from the repository config ran');
  });

  test('a GPG-signed sign-off verifies', (t) => {
    if (spawnSync('gpg', ['--version']).status !== 0) {
      t.skip('gpg is not installed: the GPG case needs it (the SSH cases above cover the rest)');
      return;
    }
    const home = mkdtempSync(join(tmpdir(), 'preflight-gnupg-'));
    const env = { ...ENV, GNUPGHOME: home };
    try {
      execFileSync(
        'gpg',
        [
          '--batch',
          '--pinentry-mode',
          'loopback',
          '--passphrase',
          '',
          '--quick-gen-key',
          'Quinn Quality <quinn@example.com>',
          'ed25519',
          'sign',
          'never',
        ],
        { env, stdio: 'ignore' },
      );
      const repo = makeRepo();
      const previous = process.env.GNUPGHOME;
      process.env.GNUPGHOME = home;
      try {
        ENV.GNUPGHOME = home;
        signOff(repo, 'sign-off/qa-lead', 'Quinn Quality', { gpgKey: 'quinn@example.com' });
      } finally {
        delete ENV.GNUPGHOME;
        if (previous === undefined) delete process.env.GNUPGHOME;
        else process.env.GNUPGHOME = previous;
      }
      const r = run(['signoffs', '--require-signatures', '-f', 'json', 'docs/release.md'], repo, env);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      const qa = (JSON.parse(r.stdout) as FileJson).roles[0];
      assert.equal(qa.state, 'verified');
      assert.deepEqual(
        { status: qa.signature?.status, signer: qa.signature?.signer, format: qa.signature?.format },
        { status: 'good', signer: 'quinn@example.com', format: 'gpg' },
      );
      // Another reviewer without the key: git cannot check it.
      const stranger = mkdtempSync(join(tmpdir(), 'preflight-gnupg-'));
      const other = run(['signoffs', '-f', 'json', 'docs/release.md'], repo, { ...ENV, GNUPGHOME: stranger });
      assert.equal((JSON.parse(other.stdout) as FileJson).roles[0].state, 'unknown key');
      rmSync(stranger, { recursive: true, force: true });
    } finally {
      spawnSync('gpgconf', ['--kill', 'gpg-agent'], { env });
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('signoffs: usage and input errors', () => {
  test('not a git repository: exit 2 saying what to do', () => {
    const plain = join(base, 'plain');
    mkdirSync(plain, { recursive: true });
    writeFileSync(join(plain, 'c.md'), CHECKLIST);
    const r = run(['signoffs', 'c.md'], plain, { ...ENV, GIT_CEILING_DIRECTORIES: base });
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /"c\.md" is not inside a git repository .*Run preflight signoffs inside a clone where the checklist is committed/,
    );
  });

  test('a repository without commits: signed roles have no commit', () => {
    const fresh = join(base, 'fresh');
    mkdirSync(fresh, { recursive: true });
    git(fresh, 'init', '-q');
    writeFileSync(join(fresh, 'c.md'), CHECKLIST.replace('### Product Owner\n- Name: ____', '### Product Owner\n- Name: Pat'));
    const r = run(['signoffs', 'c.md'], fresh);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /✗ Product Owner +no commit: signed in the text, but no commit carries Preflight-Role: sign-off\/product-owner/);
  });

  test('bad format, standard input and a missing file are usage errors; --help describes the command', () => {
    const repo = makeRepo();
    for (const [args, message] of [
      [['signoffs', '--format', 'markdown', 'docs/release.md'], /unknown format "markdown": signoffs prints text or json/],
      [['signoffs', '-'], /needs a file in a repository, not "-"/],
      [['signoffs'], /signoffs needs at least one markdown file/],
    ] as const) {
      const r = run([...args], repo);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message);
      assert.match(r.stderr, /preflight signoffs --help/);
    }
    const missing = run(['signoffs', 'docs/nope.md', 'docs/release.md'], repo);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.md" does not exist/);
    assert.match(missing.stdout, /Release 2\.0/, 'the readable file is still reported');
    const help = run(['signoffs', '--help'], repo);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^preflight signoffs FILE… \[--require-signatures\] \[--allowed-signers FILE\] \[--format text\|json\]/);
    assert.match(run(['--help'], repo).stdout, /preflight signoffs FILE/);
  });
});

describe('signoffs: renames and what git stores', () => {
  test('a sign-off made before the checklist was renamed still counts', () => {
    const repo = makeRepo();
    const sha = signOff(repo, 'sign-off/qa-lead', 'Quinn Quality');
    git(repo, 'mv', 'docs/release.md', 'docs/release-2.0.md');
    git(repo, ...as('Alice Archer'), 'commit', '-q', '-m', 'Name the checklist after its release');
    const r = run(['signoffs', 'docs/release-2.0.md'], repo);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(lineOf(r.stdout, 'QA Lead'), new RegExp(`^  \\? QA Lead +${sha} Quinn Quality .* author name only, not proven`));
  });

  test('core.autocrlf: a CRLF checkout of the signed blob is the committed file, not an uncommitted edit', () => {
    const repo = makeRepo();
    git(repo, 'config', 'core.autocrlf', 'true');
    const path = join(repo, 'docs', 'release.md');
    writeFileSync(path, readFileSync(path, 'utf8').replace(/\r?\n/g, '\r\n'));
    // The client hashes what git stores (client/src/services/git.ts storedContent): the LF blob.
    const stored = () =>
      execFileSync('git', ['cat-file', 'blob', git(repo, 'hash-object', '-w', '--path=docs/release.md', 'docs/release.md')], {
        cwd: repo,
        env: ENV,
      });
    const hashOfStored = (text: string) => {
      writeFileSync(path, text);
      return createHash('sha256').update(stored()).digest('hex');
    };
    const checklist = parseChecklist(readFileSync(path, 'utf8'));
    const stamped = stampSignOff(checklist, 'sign-off/qa-lead', { name: 'Quinn Quality', at: '2026-11-27T21:49:32+01:00' });
    if ('error' in stamped) assert.fail(stamped.error);
    const hash = hashOfStored(applyEdits(readFileSync(path, 'utf8'), stamped.edits));
    assert.ok(readFileSync(path, 'utf8').includes('\r\n') && !stored().includes('\r\n'), 'CRLF on disk, LF in the blob');
    git(
      repo,
      ...as('Quinn Quality'),
      'commit',
      '-q',
      '--only',
      '-m',
      'Sign off "Release 2.0": QA Lead',
      '--trailer',
      'Preflight-Role: sign-off/qa-lead',
      '--trailer',
      `Preflight-Content-SHA256: ${hash}`,
      '--',
      'docs/release.md',
    );
    const r = signoffs(repo);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.doesNotMatch(r.stdout, /uncommitted edits|hash mismatch/);
    assert.match(lineOf(r.stdout, 'QA Lead'), /author name only, not proven/);
    // A real edit on disk still counts as one.
    writeFileSync(path, readFileSync(path, 'utf8').replace('Unit tests pass', 'Unit tests pass again'));
    assert.match(lineOf(signoffs(repo).stdout, 'QA Lead'), /changed after sign-off: uncommitted edits$/);
  });
});
