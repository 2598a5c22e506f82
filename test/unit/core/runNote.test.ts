/** Run notes: the comment format, redaction, excerpts, and recording under steps without changing the checklist. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseChecklist } from '../../../server/src/core/checklist.ts';
import type { Checklist } from '../../../server/src/core/model.ts';
import { allPhases } from '../../../server/src/core/progress.ts';
import { excerptOf, formatRunNote, parseRunNote, recordRun, redact, type RunNote, runNotesOf } from '../../../server/src/core/runNote.ts';
import { type Step, stepById, stepsOf } from '../../../server/src/core/steps.ts';
import { applyEdits } from '../../support/applyEdits.ts';
import { seedText } from '../../support/material.ts';

const seed = seedText;

const note = (n: number, exitCode = 0, excerpt?: string): RunNote => ({
  at: `2026-11-27T21:${String(n).padStart(2, '0')}:00+01:00`,
  exitCode,
  durationMs: 1000 + n,
  by: 'ada',
  ...(excerpt === undefined ? {} : { excerpt }),
});

/** What a note must never change: items (ids, texts, nesting), phases and steps. */
function structure(c: Checklist) {
  return {
    items: c.items.map((i) => [i.id, i.text, i.depth, i.parentId ?? '']),
    phases: [...allPhases(c.phases)].map((p) => [p.id, p.progress.total]),
    steps: stepsOf(c).map((s) => [s.id, s.kind, s.command, s.item?.id ?? '']),
  };
}

/** Records a run of `stepId` and returns the parsed result; fails the test on an error. */
function record(c: Checklist, stepId: string, run: RunNote, check = false): { after: Checklist; checkedItemId?: string } {
  const result = recordRun(c, stepId, run, { check });
  if ('error' in result) assert.fail(result.error);
  const after = parseChecklist(applyEdits(c.text, result.edits));
  assert.deepEqual(structure(after), structure(c));
  return { after, ...(result.checkedItemId ? { checkedItemId: result.checkedItemId } : {}) };
}

const step = (c: Checklist, id: string): Step => {
  const found = stepById(c, id);
  assert.ok(found, `step ${id}`);
  return found;
};
const lineAt = (text: string, line: number) => text.split(/\r?\n/)[line - 1];

describe('note format', () => {
  test('format then parse gives the note back', () => {
    for (const n of [
      note(1),
      note(2, 127, 'command not found: deploy'),
      { ...note(3, -1, 'a\nb\n"quoted" \\ back'), by: 'Grace <grace@example.com>' },
    ]) {
      const line = formatRunNote(n);
      assert.match(line, /^<!-- preflight:run \{.*\} -->$/);
      assert.deepEqual(parseRunNote(line), n);
      assert.deepEqual(parseRunNote(`    > ${line}  `), n, 'indented and quoted');
    }
  });

  test('`-->`, `--` and `>` in the output cannot close the comment early', () => {
    const n = note(4, 1, 'ERR --> broken -- x --- y ---> <!-- z --!> w >');
    const line = formatRunNote(n);
    assert.equal(line.indexOf('-->'), line.length - 3);
    assert.equal(line.indexOf('--', 4), line.length - 3);
    assert.ok(!line.slice(0, -3).includes('>'));
    assert.ok(!line.includes('\n'));
    assert.deepEqual(parseRunNote(line), n);
    // Markdown agrees: recorded under an item, it is one comment and the item's text is unchanged.
    const c = parseChecklist('## A\n\n- [ ] Run `npm test`\n- [ ] Next\n');
    const { after } = record(c, c.items[0].id, n);
    assert.deepEqual(runNotesOf(after, step(after, c.items[0].id)).notes, [n]);
  });

  test('tolerant reading: unknown fields ignored, anything malformed is no note', () => {
    assert.deepEqual(parseRunNote('<!-- preflight:run {"at":"x","exit":0,"ms":5,"by":"b","future":[1,2]} -->'), {
      at: 'x',
      exitCode: 0,
      durationMs: 5,
      by: 'b',
    });
    for (const bad of [
      '<!-- preflight:run {"at":"x","exit":0,"ms":5 -->',
      '<!-- preflight:run {"at":"x","ms":5,"by":"b"} -->',
      '<!-- preflight:run {"at":1,"exit":0,"ms":5,"by":"b"} -->',
      '<!-- preflight:run {"at":"x","exit":"0","ms":5,"by":"b"} -->',
      '<!-- preflight:run [1] -->',
      '<!-- preflight:other {"at":"x","exit":0,"ms":5,"by":"b"} -->',
      'text <!-- preflight:run {"at":"x","exit":0,"ms":5,"by":"b"} -->',
      '',
    ]) {
      assert.equal(parseRunNote(bad), undefined, bad);
    }
  });

  test('an excerpt is redacted again when written', () => {
    const line = formatRunNote(note(5, 0, 'export GITHUB_TOKEN=ghp_R8x2Lk9QmZ4vT7nB3cY6wP1sD5fG0hJ2aE8u'));
    assert.ok(!line.includes('ghp_'));
    assert.equal(parseRunNote(line)?.excerpt, 'export GITHUB_TOKEN=[redacted]');
  });
});

describe('redact', () => {
  const cases: [string, string][] = [
    ['key AKIAZ7Q3M5VXK2LRT4PB in use', 'key [redacted] in use'],
    ['ASIAZ7Q3M5VXK2LRT4PB', '[redacted]'],
    ['aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY', 'aws_secret_access_key=[redacted]'],
    ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG', 'aws_secret_access_key = [redacted]'],
    ['token ghp_R8x2Lk9QmZ4vT7nB3cY6wP1sD5fG0hJ2aE8u ok', 'token [redacted] ok'],
    ['gho_R8x2Lk9QmZ4vT7nB3cY6wP1sD5fG0hJ2aE8u', '[redacted]'],
    ['ghs_R8x2Lk9QmZ4vT7nB3cY6wP1sD5fG0hJ2aE8u', '[redacted]'],
    ['github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuv', '[redacted]'],
    ['slack xoxb-2048-9173-Qm8ZrT2vLk4Wn', 'slack [redacted]'],
    ['curl -H "Authorization: Bearer abc.def-ghi_123" x', 'curl -H "Authorization: Bearer [redacted]" x'],
    ['bearer 0123456789abcdef', 'bearer [redacted]'],
    ['Authorization: Basic dXNlcjpwYXNz', 'Authorization: Basic [redacted]'],
    ['jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c', 'jwt [redacted]'],
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----\ndone', '[redacted]\ndone'],
    ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA', '[redacted]'],
    ['b3BlbnNzaC1rZXktdjEAAAAA\n-----END PRIVATE KEY-----\nafter', '[redacted]\nafter'],
    ['psql postgres://admin:hunter2xyz@db:5432/app', 'psql postgres://admin:[redacted]@db:5432/app'],
    ['PGPASSWORD=Tr0ub4dor3 psql -h db', 'PGPASSWORD=[redacted] psql -h db'],
    ['DB_PASSWD: "s3cr3t value"', 'DB_PASSWD: "[redacted]"'],
    ["client_secret='abc123'", "client_secret='[redacted]'"],
    ['{"api_key": "k-123", "name": "x"}', '{"api_key": "[redacted]", "name": "x"}'],
    ['X-Api-Key: 0123abcd', 'X-Api-Key: [redacted]'],
    ['STRIPE_KEY=sk_test_123', 'STRIPE_KEY=[redacted]'],
    ['tool login --password hunter2 --user ada', 'tool login --password [redacted] --user ada'],
    ['--token=abc123', '--token=[redacted]'],
    ['export TOKEN=$TOKEN', 'export TOKEN=$TOKEN'],
    ['Deployed 3 services in 42s', 'Deployed 3 services in 42s'],
    ['https://example.com/path?q=1', 'https://example.com/path?q=1'],
  ];
  for (const [input, expected] of cases) {
    test(JSON.stringify(input.slice(0, 50)), () => assert.equal(redact(input), expected));
  }
  test('redacting twice changes nothing more', () => {
    for (const [input, expected] of cases) assert.equal(redact(redact(input)), expected);
  });
});

describe('excerptOf', () => {
  test('last non-empty lines, without terminal escapes, redacted', () => {
    const output =
      '\x1b[32mstep 1\x1b[0m\n\nstep 2\nstep 3\n   \nstep 4\nDownloading 10%\rDownloading 100%\n\x1b]0;title\x07PASSWORD=abc123\n\n';
    assert.equal(excerptOf(output), 'step 2\nstep 3\nstep 4\nDownloading 100%\nPASSWORD=[redacted]');
    assert.equal(excerptOf(output, 2), 'Downloading 100%\nPASSWORD=[redacted]');
    assert.equal(excerptOf('a\r\nb\r\n'), 'a\nb');
    assert.equal(excerptOf(''), '');
  });

  test('at most maxChars, keeping the end', () => {
    const out = excerptOf(`${'x'.repeat(500)}\nlast line`, 5, 20);
    assert.equal(out.length, 20);
    assert.ok(out.startsWith('…') && out.endsWith('\nlast line'));
  });

  test('a private key in the output is removed even when the tail cuts it', () => {
    const body = Array.from({ length: 30 }, () => 'MIIEowIBAAKCAQEA7xyzXyz0123456789abcdefABCDEF+/abcdefghij').join('\n');
    const out = excerptOf(`-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\nok`, 5, 300);
    assert.equal(out, '[redacted]\nok');
  });
});

describe('recordRun', () => {
  test('under an inline-command item: indented to its content, before its sub-list; checks only on exit 0 with check', () => {
    const text = '## Test\n\n- [ ] Unit tests: `npm run test`\n  continued text\n  - [ ] coverage above 80%\n- [ ] Next\n';
    const c = parseChecklist(text);
    const id = c.items[0].id;

    const failed = record(c, id, note(1, 1), true);
    assert.equal(failed.checkedItemId, undefined);
    assert.equal(failed.after.items[0].checked, false);
    assert.equal(lineAt(failed.after.text, 5), `  ${formatRunNote(note(1, 1))}`);
    assert.equal(lineAt(failed.after.text, 6), '  - [ ] coverage above 80%');

    const unchecked = record(failed.after, id, note(2), false);
    assert.equal(unchecked.after.items[0].checked, false);

    const checked = record(unchecked.after, id, note(3), true);
    assert.equal(checked.checkedItemId, id);
    assert.equal(checked.after.items[0].checked, true);
    assert.deepEqual(runNotesOf(checked.after, step(checked.after, id)).notes, [note(1, 1), note(2), note(3)]);
    assert.equal(checked.after.items[1].parentId, id);

    const again = recordRun(checked.after, id, note(4), { check: true });
    assert.ok('edits' in again);
    assert.equal(again.checkedItemId, undefined, 'an item already checked is left alone');
  });

  test('after a code block: at the fence indentation, inside the list item that holds it', () => {
    const text = '## Deploy\n\n1. [ ] Deploy the app\n\n   ```bash\n   ./deploy.sh prod\n   ```\n2. [ ] Verify\n';
    const c = parseChecklist(text);
    const code = stepsOf(c).find((s) => s.kind === 'code')!;
    assert.equal(code.item?.id, c.items[0].id);
    const { after, checkedItemId } = record(c, code.id, note(1), true);
    assert.equal(checkedItemId, c.items[0].id);
    assert.equal(lineAt(after.text, 8), `   ${formatRunNote(note(1))}`);
    assert.equal(lineAt(after.text, 9), '2. [ ] Verify');
    const { notes, range } = runNotesOf(after, step(after, code.id));
    assert.deepEqual(notes, [note(1)]);
    assert.deepEqual([range?.start.line, range?.start.column, range?.end.line], [8, 1, 8]);
  });

  test('in blockquotes and after wide markers the note keeps the container', () => {
    for (const text of [
      '> ## Q\n>\n> - [ ] run `npm test`\n>   more\n> - [ ] b\n',
      '## O\n\n10.  [ ] run `npm test`\n11.  [ ] b\n',
      '## T\n\n- [ ] run `npm test`',
    ]) {
      const c = parseChecklist(text);
      const { after } = record(c, c.items[0].id, note(1));
      assert.equal(runNotesOf(after, step(after, c.items[0].id)).notes.length, 1, text);
    }
  });

  test('several runs keep the last five, oldest dropped in the same edits', () => {
    let c = parseChecklist('## A\n\n- [ ] Build: `npm run build`\n  - [ ] child\n\n```sh\nnpm test\n```\nAfter.\n');
    const ids = [c.items[0].id, stepsOf(c).find((s) => s.kind === 'code')!.id];
    for (let n = 1; n <= 8; n++) for (const id of ids) c = record(c, id, note(n)).after;
    for (const id of ids) {
      const { notes } = runNotesOf(c, step(c, id));
      assert.deepEqual(
        notes.map((x) => x.at),
        [4, 5, 6, 7, 8].map((n) => note(n).at),
      );
    }
    assert.equal(c.text.split('preflight:run').length - 1, 10);
    assert.ok(c.text.endsWith('-->\nAfter.\n'));
  });

  test('a CRLF document keeps CRLF', () => {
    const text = '## A\r\n\r\n- [ ] Lint: `npm run lint`\r\n\r\n```bash\r\nnpm test\r\n```\r\n';
    let c = parseChecklist(text);
    for (const s of stepsOf(c)) c = record(c, s.id, note(1), true).after;
    assert.equal(c.text.split('preflight:run').length - 1, 2);
    assert.ok(!/[^\r]\n/.test(c.text), JSON.stringify(c.text));
    assert.equal(c.items[0].checked, true);
  });

  test('errors: an unknown step, a block without a closing fence', () => {
    const unknown = recordRun(parseChecklist('## A\n- [ ] a\n'), 'a#gone', note(1), { check: true });
    assert.ok('error' in unknown);
    assert.match(unknown.error, /'a#gone' is no longer in this checklist/);

    const c = parseChecklist('## A\n\n```bash\nnpm test\n');
    const open = recordRun(c, stepsOf(c)[0].id, note(1), { check: true });
    assert.ok('error' in open);
    assert.match(open.error, /no closing fence/);
  });

  test('on the seed: a code step and an inline step, items and texts unchanged', () => {
    const c = parseChecklist(seed);
    const code = stepsOf(c).find((s) => s.kind === 'code')!;
    const inline = stepsOf(c).find((s) => s.kind === 'inline' && s.command === 'npm run test')!;
    let doc = record(c, code.id, note(1, 0, 'All smoke tests passed'), true).after;
    const result = record(doc, inline.id, note(2), true);
    assert.equal(result.checkedItemId, inline.item!.id);
    doc = result.after;
    assert.equal(doc.progress.total, c.progress.total);
    assert.equal(doc.progress.done, c.progress.done + 1);
    assert.deepEqual(runNotesOf(doc, step(doc, code.id)).notes, [note(1, 0, 'All smoke tests passed')]);
    assert.deepEqual(runNotesOf(doc, step(doc, inline.id)).notes, [note(2)]);
    assert.equal(
      doc.text.length,
      seed.length + 1 + formatRunNote(note(1, 0, 'All smoke tests passed')).length + 3 + formatRunNote(note(2)).length,
    );
  });
});
