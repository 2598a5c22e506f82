/**
 * The pure side of sign-off verification: `signers:` in front matter, git's signature verdict mapped to a
 * status, and facts about commits judged into a state per role (what the CLI and the server share).
 * The real-git cases (keys, forgeries, rewritten commits) are in cli-signoffs.test.ts.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { parseChecklist } from '../../../server/src/core/checklist.ts';
import { hasSigners, signersOf } from '../../../server/src/core/signers.ts';
import { evaluateRoles } from '../../../server/src/signoffs/evaluate.ts';
import type { CommitFacts, SignOffHistory } from '../../../server/src/signoffs/facts.ts';
import { type Signature, signatureOf, UNSIGNED } from '../../../server/src/signoffs/signature.ts';

const BODY = `# Release

## Testing

- [x] Tests pass

## Sign-Off

### QA Lead
- Name: Quinn Quality

### Ops Lead
- Name: ____
`;
const withSigners = (yaml: string) => `---\n${yaml}\n---\n${BODY}`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const GOOD = (signer: string): Signature => ({ status: 'good', signer, key: 'SHA256:abc', format: 'ssh' });

let n = 0;
function commit(text: string, signature: Signature, role = 'sign-off/qa-lead', extra: Partial<CommitFacts> = {}): CommitFacts {
  const sha = String(++n).padStart(40, 'a');
  return {
    sha,
    short: sha.slice(0, 7),
    author: 'Quinn Quality',
    email: 'quinn@example.com',
    date: '2026-11-27T10:00:00+01:00',
    subject: `Sign off: ${role}`,
    trailers: { 'preflight-role': [role], 'preflight-content-sha256': [sha256(text)] },
    signature,
    content: { sha256: sha256(text), text },
    ...extra,
  };
}
const history = (commits: CommitFacts[], uncommitted = false): SignOffHistory => ({
  path: 'release.md',
  commits,
  uncommitted,
  shallow: false,
});
const qa = (text: string, h: SignOffHistory) => evaluateRoles(parseChecklist(text), h)[0];

describe('signers: in front matter', () => {
  test('a role by name or id, a string or a list; non-addresses are dropped; no entry is undefined', () => {
    const c = parseChecklist(withSigners('signers:\n  qa lead: Quinn@Example.com\n  sign-off/ops-lead: [olga@example.com, Olga]'));
    const [q, o] = c.signOff!.roles;
    assert.equal(hasSigners(c), true);
    assert.deepEqual(signersOf(c, q), ['Quinn@Example.com']);
    assert.deepEqual(signersOf(c, o), ['olga@example.com']);
    assert.equal(signersOf(parseChecklist(BODY), q), undefined);
    assert.equal(hasSigners(parseChecklist(BODY)), false);
    // A value of the wrong shape allows nobody, rather than anybody.
    assert.deepEqual(signersOf(parseChecklist(withSigners('signers:\n  QA Lead: 42')), q), []);
  });
});

describe("signatureOf: git's %G? in words", () => {
  test('each letter, and N with a signature header (git could not check it) is an unknown key', () => {
    const of = (code: string, format: Signature['format'] = 'ssh', signer = '') => signatureOf({ code, signer, key: 'K', format });
    assert.deepEqual(
      [of('G'), of('B'), of('U'), of('E'), of('X'), of('Y'), of('R')].map((s) => s.status),
      ['good', 'bad', 'unknown key', 'unknown key', 'expired', 'expired', 'revoked'],
    );
    assert.equal(of('N', null).status, 'unsigned');
    assert.match(of('N', 'ssh').note ?? '', /allowedSignersFile/);
    assert.equal(of('G', 'gpg', 'Gina Gee <gina@example.com>').signer, 'gina@example.com');
    assert.equal(of('G', 'ssh', 'quinn@example.com').signer, 'quinn@example.com');
  });
});

describe('evaluateRoles: facts -> state per role', () => {
  test('a good signature by the author, hash right, nothing later: verified', () => {
    const r = qa(BODY, history([commit(BODY, GOOD('quinn@example.com'))]));
    assert.deepEqual([r.state, r.verified, r.passes, r.problems], ['verified', true, true, []]);
    assert.equal(evaluateRoles(parseChecklist(BODY), history([]))[1].state, 'not signed');
  });

  test('unsigned: not proven but passing without signers:, failing with them', () => {
    const loose = qa(BODY, history([commit(BODY, UNSIGNED)]));
    assert.deepEqual([loose.state, loose.verified, loose.passes], ['unsigned', false, true]);
    const text = withSigners('signers:\n  QA Lead: quinn@example.com');
    const strict = qa(text, history([commit(text, UNSIGNED)]));
    assert.deepEqual([strict.state, strict.passes], ['unsigned', false]);
  });

  test('signer not allowed: not in signers:, or (without signers:) not the author', () => {
    const text = withSigners('signers:\n  QA Lead: [quinn@example.com]');
    const r = qa(text, history([commit(text, GOOD('olga@example.com'))]));
    assert.deepEqual([r.state, r.passes], ['signer not allowed', false]);
    assert.match(r.problems[0], /signed by olga@example\.com, who is not allowed to sign "QA Lead" \(signers: quinn@example\.com\)/);
    assert.equal(qa(text, history([commit(text, GOOD('QUINN@example.com'))])).state, 'verified', 'addresses compare without case');
    assert.equal(qa(BODY, history([commit(BODY, GOOD('mallory@example.com'))])).state, 'signer not allowed');
  });

  test('bad signature, unknown key, expired key: each its own state', () => {
    const with_ = (s: Partial<Signature>) => qa(BODY, history([commit(BODY, { ...GOOD('quinn@example.com'), ...s })])).state;
    assert.equal(with_({ status: 'bad' }), 'bad signature');
    assert.equal(with_({ status: 'unknown key', signer: null }), 'unknown key');
    assert.equal(with_({ status: 'expired' }), 'untrusted key');
  });

  test('hash mismatch and no commit outrank the signature; uncommitted edits are an edit after sign-off', () => {
    const c = commit(BODY, GOOD('quinn@example.com'));
    c.trailers['preflight-content-sha256'] = ['0'.repeat(64)];
    assert.equal(qa(BODY, history([c])).state, 'hash mismatch');
    assert.equal(qa(BODY, history([commit(BODY, GOOD('quinn@example.com'), 'sign-off/other')])).state, 'no commit');
    assert.equal(qa(BODY, history([commit(BODY, GOOD('quinn@example.com'))], true)).state, 'edited after sign-off');
  });

  test('later commits: a plain edit fails; a verified sign-off is harmless; an unsigned sign-off is not proof', () => {
    const signed = commit(BODY, GOOD('quinn@example.com'));
    const edit = { ...commit(BODY, UNSIGNED), trailers: {}, subject: 'tweak', author: 'Bob' };
    assert.equal(qa(BODY, history([edit, signed])).state, 'edited after sign-off');
    const ops = { ...commit(BODY, GOOD('olga@example.com'), 'sign-off/ops-lead'), email: 'olga@example.com', author: 'Olga' };
    assert.equal(qa(BODY, history([ops, signed])).state, 'verified');
    const unsignedOps = { ...ops, signature: UNSIGNED };
    const r = qa(BODY, history([unsignedOps, signed]));
    assert.deepEqual([r.state, r.passes], ['edited after sign-off', true]);
  });
});

describe('sign-off parsing', () => {
  test('a multi-word name in the one-line role form stays whole', () => {
    const c = parseChecklist('# R\n\n## Sign-Off\n\n- [x] QA Lead: Quinn Quality Date: 2026-11-27\n');
    const [role] = c.signOff!.roles;
    assert.equal(role.name, 'QA Lead');
    assert.deepEqual(
      role.fields.map((f) => [f.key, f.value, f.filled]),
      [
        ['Name', 'Quinn Quality', true],
        ['Date', '2026-11-27', true],
      ],
    );
  });

  test('a `[ ]` cell in a sign-off table is not a filled field; `[x]` is', () => {
    const c = parseChecklist(
      '# R\n\n## Sign-Off\n\n| Role | Name | Signature | Date |\n|---|---|---|---|\n| QA | | [ ] | |\n| Ops | Olga | [x] | 2026-11-27 |\n',
    );
    const [q, o] = c.signOff!.roles;
    assert.deepEqual([q.signed, q.fields.find((f) => f.key === 'Signature')?.filled], [false, false]);
    assert.deepEqual([o.signed, o.complete], [true, true]);
  });
});
