/**
 * Property test of the checklist merge (mergeChecklists with git's own line merge) over generated three-way
 * cases: generated checklists and the project's templates as BASE, random edits on each side (see
 * test/support/mergeCases.ts). Every item carries a token word, so the test follows it through all four
 * texts and computes what the merge must do from the contract's per-item rules, never from the merge itself.
 *
 * A failure prints each broken property with its seeds; `PREFLIGHT_SEED=<seed>` replays one case first, and
 * the first failing case's files are written to a temporary folder named in the message.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { gitLineMerge } from '../../../server/src/cli/lineMerge.ts';
import { parseChecklist } from '../../../server/src/core/checklist.ts';
import { type MergeLabels, type MergeResult, mergeChecklists } from '../../../server/src/core/merge/mergeChecklists.ts';
import { ownTextEnd } from '../../../server/src/core/ownText.ts';
import { MAX_NOTES, parseRunNote } from '../../../server/src/core/runNote.ts';
import {
  Clock,
  editPlain,
  editSide,
  FIELD_LINE,
  generatedChecklist,
  plainDocument,
  TOKEN,
  Tokens,
  tokenized,
} from '../../support/mergeCases.ts';
import { conflictRegions } from '../../support/mergeRepo.ts';
import { repoRoot } from '../../support/paths.ts';
import { baseSeed, Rng } from '../../support/prng.ts';

/** 250 cases by default (about 15 s here); PREFLIGHT_MERGE_CASES=5000 for a longer hunt. */
const CASES = Number(process.env.PREFLIGHT_MERGE_CASES) || 250;
const LABELS: MergeLabels = { ours: 'ours', base: 'base', theirs: 'theirs' };
const TEMPLATES = readdirSync(join(repoRoot, 'templates'))
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => ({ name: f, text: readFileSync(join(repoRoot, 'templates', f), 'utf8') }));

/** What one version holds of a tokened item: its first line with the box cleared, its box, its run note lines. */
interface Seen {
  line: string;
  checked: boolean;
  notes: string[];
}

function seenItems(text: string): Map<string, Seen[]> {
  const checklist = parseChecklist(text);
  const lines = text.split(/\r?\n/);
  const out = new Map<string, Seen[]>();
  for (const item of checklist.items) {
    const i = item.box.start.line - 1;
    const token = TOKEN.exec(lines[i])?.[0];
    if (!token) continue;
    const col = item.box.start.column - 1;
    const notes: string[] = [];
    for (let n = ownTextEnd(checklist, item); n < lines.length && parseRunNote(lines[n]); n++) notes.push(lines[n]);
    out.set(token, [
      ...(out.get(token) ?? []),
      { line: `${lines[i].slice(0, col)}[ ]${lines[i].slice(col + 3)}`, checked: item.checked, notes },
    ]);
  }
  return out;
}

type Expected =
  | { kind: 'absent' }
  | { kind: 'modify-delete'; kept: string }
  | { kind: 'present'; line: string; checked: boolean; notes: string[] }
  | { kind: 'conflict'; ours: string; theirs: string };

const changed = (a: Seen, b: Seen) => a.line !== b.line || a.checked !== b.checked || a.notes.join('\n') !== b.notes.join('\n');
const noteTime = (line: string) => parseRunNote(line)!.at;

/** The contract's rules, per item. */
function expectedOf(b: Seen | undefined, o: Seen | undefined, t: Seen | undefined): Expected {
  if (!b) return o ? { kind: 'present', ...o } : t ? { kind: 'present', ...t } : { kind: 'absent' };
  if (!o && !t) return { kind: 'absent' };
  if (!o || !t) {
    const kept = (o ?? t)!;
    // Removed on one side and unchanged on the other: removed. Changed on the other (box, text or notes): a
    // modify/delete conflict, as git's line merge would make it ("when in doubt, a conflict").
    return changed(kept, b) ? { kind: 'modify-delete', kept: kept.line } : { kind: 'absent' };
  }
  const checked = o.checked !== b.checked ? o.checked : t.checked;
  const union = [...new Set([...o.notes, ...t.notes])].sort((x, y) => noteTime(x).localeCompare(noteTime(y)));
  const notes = union.slice(Math.max(0, union.length - MAX_NOTES));
  if (o.line === b.line) return { kind: 'present', line: t.line, checked, notes };
  if (t.line === b.line || o.line === t.line) return { kind: 'present', line: o.line, checked, notes };
  return { kind: 'conflict', ours: o.line, theirs: t.line };
}

/** Sign-off fields by `heading|key`: the value after the label (blank lines of underscores included). Keys seen twice are left out. */
function fieldsOf(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const twice = new Set<string>();
  let heading = '';
  for (const line of text.split(/\r?\n/)) {
    if (/^#{1,6}\s/.test(line)) heading = line.trim();
    const m = FIELD_LINE.exec(line);
    if (!m || !heading) continue;
    const key = `${heading}|${m[2]}`;
    if (out.has(key)) twice.add(key);
    out.set(key, m[3].trim());
  }
  for (const key of twice) out.delete(key);
  return out;
}

interface Failure {
  property: string;
  seed: number;
  detail: string;
  files: { base: string; ours: string; theirs: string; result: string };
}

/** Checks one three-way case; returns the properties it breaks. */
function checkCase(
  seed: number,
  base: string,
  ours: string,
  theirs: string,
  mustBeClean: boolean,
): { failures: Failure[]; clean: boolean; contradictions: number } {
  const failures: Failure[] = [];
  let result: MergeResult;
  try {
    result = mergeChecklists(base, ours, theirs, gitLineMerge, LABELS);
  } catch (error) {
    const files = { base, ours, theirs, result: '' };
    return {
      failures: [{ property: 'throws', seed, detail: error instanceof Error ? (error.stack ?? error.message) : String(error), files }],
      clean: false,
      contradictions: 0,
    };
  }
  const files = { base, ours, theirs, result: result.text };
  const fail = (property: string, detail: string) => failures.push({ property, seed, detail, files });

  // The conflicts listed are the conflicts in the text, each at its `<<<<<<<` line.
  const resultLines = result.text.split(/\r?\n/);
  const markerLines = resultLines.flatMap((l, i) => (l.startsWith('<<<<<<<') ? [i + 1] : []));
  if (markerLines.length !== result.conflicts.length)
    fail('conflicts-listed', `${markerLines.length} <<<<<<< markers, ${result.conflicts.length} conflicts listed`);
  for (const c of result.conflicts)
    if (!resultLines[c.line - 1]?.startsWith('<<<<<<<'))
      fail('conflict-line', `conflict "${c.description}" at line ${c.line}, which is "${resultLines[c.line - 1]}"`);
  const clean = result.conflicts.length === 0 && markerLines.length === 0;

  const [b, o, t] = [seenItems(base), seenItems(ours), seenItems(theirs)];
  const tokens = new Set([...b.keys(), ...o.keys(), ...t.keys()]);
  const expected = new Map([...tokens].map((k) => [k, expectedOf(b.get(k)?.[0], o.get(k)?.[0], t.get(k)?.[0])]));
  const regions = conflictRegions(result.text);
  const textConflict = [...expected.values()].some((e) => e.kind === 'conflict');

  // No conflicting text resolved silently: both rewordings inside one conflict region.
  for (const [token, e] of expected) {
    if (e.kind !== 'conflict') continue;
    const inRegion = regions.some(
      (r) =>
        r.ours.some((l) => l.includes(`${token}`) && sameText(l, e.ours)) &&
        r.theirs.some((l) => l.includes(token) && sameText(l, e.theirs)),
    );
    if (!inRegion) fail('silent-resolution', `${token} reworded as "${e.ours}" and "${e.theirs}": expected both inside one conflict`);
  }
  // A change on one side to an item the other side removed is not dropped silently.
  for (const [token, e] of expected) {
    if (e.kind !== 'modify-delete') continue;
    if (clean) fail('modify-delete-silent', `${token} changed on one side ("${e.kept}") and removed on the other, yet the merge is clean`);
    else if (!new RegExp(`\\b${token}\\b`).test(result.text))
      fail('modify-delete-lost', `${token} changed on one side ("${e.kept}") is not in the conflict`);
  }
  // No item lost: every item that must be there is in the text (merged, or inside a conflict).
  for (const [token, e] of expected) {
    if ((e.kind === 'present' || e.kind === 'conflict') && !new RegExp(`\\b${token}\\b`).test(result.text))
      fail('item-lost', `${token} (${e.kind === 'present' ? e.line : e.ours}) is missing`);
  }
  // Sign-off fields: filled on one side takes that side; filled differently on both is a conflict holding both.
  const [fb, fo, ft] = [fieldsOf(base), fieldsOf(ours), fieldsOf(theirs)];
  const fieldsExpected = new Map<string, string>();
  let fieldConflict = false;
  for (const [key, vb] of fb) {
    const [vo, vt] = [fo.get(key), ft.get(key)];
    if (vo === undefined || vt === undefined) continue;
    if (vo === vb || vt === vb || vo === vt) fieldsExpected.set(key, vo === vb ? vt : vo);
    else {
      fieldConflict = true;
      if (!regions.some((r) => r.ours.some((l) => l.includes(vo)) && r.theirs.some((l) => l.includes(vt))))
        fail('silent-sign-off', `${key} filled as "${vo}" and "${vt}": expected both inside one conflict`);
    }
  }
  if (clean) {
    const fr = fieldsOf(result.text);
    for (const [key, value] of fieldsExpected)
      if (fr.get(key) !== value) fail('sign-off-field', `${key}: "${fr.get(key)}", expected "${value}"`);
  }
  if (mustBeClean && !textConflict && !fieldConflict && !clean)
    fail(
      'states-not-clean',
      `only ticks, punctuation, notes and sign-off fields without a contradiction, yet ${result.conflicts.length} conflict(s): ${result.conflicts.map((c) => c.description).join('; ')}`,
    );

  if (clean) {
    const r = seenItems(result.text);
    for (const [token, e] of expected) {
      const got = r.get(token);
      if (got && got.length > 1) fail('item-duplicated', `${token} appears ${got.length} times`);
      const g = got?.[0];
      if (e.kind === 'absent' && g) fail('removal-lost', `${token} was removed and is back: ${g.line}`);
      if (e.kind !== 'present') continue;
      if (!g) {
        fail('item-lost', `${token} missing from a clean merge`);
        continue;
      }
      if (g.checked !== e.checked)
        fail('box-state', `${token}: box ${g.checked ? 'checked' : 'open'}, the per-item rule says ${e.checked ? 'checked' : 'open'}`);
      if (g.line !== e.line) fail('item-text', `${token}: "${g.line}", expected "${e.line}"`);
      const gotSet = [...g.notes].sort().join('\n');
      if (gotSet !== [...e.notes].sort().join('\n'))
        fail('run-notes', `${token}: notes\n${g.notes.join('\n')}\nexpected\n${e.notes.join('\n')}`);
      else if (g.notes.join('\n') !== e.notes.join('\n'))
        fail('run-note-order', `${token}: notes not oldest first:\n${g.notes.join('\n')}`);
    }
    if (/\r\n/.test(ours) && /(^|[^\r])\n/.test(result.text)) fail('line-endings', 'OURS is CRLF, the result has LF lines');
    if (!/\r\n/.test(ours) && /\r\n/.test(result.text)) fail('line-endings', 'OURS is LF, the result has CRLF lines');
    if (ours.endsWith('\n') !== result.text.endsWith('\n'))
      fail(
        'final-newline',
        `OURS ${ours.endsWith('\n') ? 'ends' : 'does not end'} with a newline, the result ${result.text.endsWith('\n') ? 'does' : 'does not'}`,
      );
  }
  return { failures, clean, contradictions: (textConflict ? 1 : 0) + (fieldConflict ? 1 : 0) };
}

/** Same text apart from the box. */
function sameText(line: string, cleared: string): boolean {
  return line.replace(/\[[ xX]\]/, '[ ]') === cleared;
}

const failuresSeen: Failure[] = [];
let dumpDir: string | undefined;

function report(failures: Failure[], what: string): string {
  const by = new Map<string, Failure[]>();
  for (const f of failures) by.set(f.property, [...(by.get(f.property) ?? []), f]);
  dumpDir ??= mkdtempSync(join(tmpdir(), 'preflight-merge-failure-'));
  const first = failures[0];
  const dir = join(dumpDir, `seed-${first.seed}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(first.files)) writeFileSync(join(dir, `${name}.md`), text);
  const lines = [...by].map(([property, list]) => {
    const seeds = [...new Set(list.map((f) => f.seed))];
    return `- ${property}: ${list.length} failure(s) in ${seeds.length} case(s), seeds ${seeds.slice(0, 5).join(', ')}\n    e.g. seed ${list[0].seed}: ${list[0].detail.split('\n').slice(0, 6).join('\n    ')}`;
  });
  return `${what}: ${failures.length} broken propert${failures.length === 1 ? 'y' : 'ies'}\n${lines.join('\n')}\nFirst failing case (seed ${first.seed}) written to ${dir} (base.md, ours.md, theirs.md, result.md). Replay: PREFLIGHT_SEED=${first.seed} node --import tsx --test test/unit/mergeProperty.test.ts`;
}

after(() => {
  if (dumpDir && failuresSeen.length === 0) rmSync(dumpDir, { recursive: true, force: true });
});

/** Seeds for `count` cases: PREFLIGHT_SEED first when given, so a printed seed replays as the first case. */
function seeds(fallback: number, count: number): number[] {
  const first = baseSeed(fallback);
  return Array.from({ length: count }, (_, i) => (first + i) >>> 0);
}

function threeWay(seed: number): { base: string; ours: string; theirs: string; mustBeClean: boolean; source: string } {
  const rng = new Rng(seed);
  const tokens = new Tokens();
  const clock = new Clock();
  // Templates are large (the production one parses in ~40 ms here): one case in five, to keep the run short.
  const template = rng.chance(0.2) ? rng.pick(TEMPLATES) : undefined;
  let base = template ? tokenized(template.text, tokens) : generatedChecklist(rng, tokens, clock);
  const profile = rng.chance(0.4) ? 'states' : 'structure';
  const checklist = parseChecklist(base);
  let ours = editSide(base, checklist, rng, tokens, clock, 'ours', profile).text;
  let theirs = editSide(base, checklist, rng, tokens, clock, 'theirs', profile).text;
  if (rng.chance(0.15)) [base, ours, theirs] = [base, ours, theirs].map((s) => s.replace(/\n/g, '\r\n'));
  return { base, ours, theirs, mustBeClean: profile === 'states', source: template?.name ?? 'generated' };
}

describe('mergeChecklists: properties over generated three-way cases', () => {
  test('items are never lost, clean merges follow the per-item rules, conflicting text is never resolved silently', () => {
    const failures: Failure[] = [];
    let clean = 0;
    let cases = 0;
    let withConflicts = 0;
    let contradicting = 0;
    for (const seed of seeds(0x16_0001, CASES)) {
      const c = threeWay(seed);
      const r = checkCase(seed, c.base, c.ours, c.theirs, c.mustBeClean);
      failures.push(...r.failures);
      cases++;
      if (r.contradictions > 0) contradicting++;
      if (r.clean) clean++;
      else withConflicts++;
    }
    failuresSeen.push(...failures);
    console.log(
      `# merge property: ${cases} cases, ${clean} clean, ${withConflicts} with conflicts, ${contradicting} with contradicting rewordings or sign-offs`,
    );
    assert.ok(clean > cases / 3, `only ${clean} of ${cases} cases merged clean: the generator or the merge is off`);
    assert.equal(failures.length, 0, failures.length ? report(failures, 'checklist merge') : '');
  });

  // Shapes longer hunts found (PREFLIGHT_MERGE_CASES=2000 PREFLIGHT_SEED=900000: seeds 900094 and 901091), cut
  // down by hand, kept so every run checks them against the same per-item rules.
  test('shapes found by longer runs: a tick never moves to another item, run notes never move to another item', () => {
    const note = '  <!-- preflight:run {"at":"2026-12-01T00:03:00+00:00","exit":1,"ms":1977,"by":"base"} -->';
    const shapes = [
      {
        name: 'OURS removes one item and ticks the next; THEIRS replaces that next item with a new one',
        base: '# T\n\n## S\n\n- [ ] alpha zq1\n- [ ] bravo zq2\n- [ ] charlie zq3\n',
        ours: '# T\n\n## S\n\n- [x] bravo zq2\n- [ ] charlie zq3\n',
        theirs: '# T\n\n## S\n\n- [ ] alpha zq1\n- [ ] delta zq4\n- [ ] charlie zq3\n',
      },
      {
        name: 'THEIRS replaces a step that has a run note with a new item; OURS changes nothing',
        base: `# T\n\n## S\n\n- [ ] one zq1\n- [ ] two: \`kubectl get pods\` zq2\n${note}\n- [ ] three zq3\n`,
        ours: `# T\n\n## S\n\n- [ ] one zq1\n- [ ] two: \`kubectl get pods\` zq2\n${note}\n- [ ] three zq3\n`,
        theirs: '# T\n\n## S\n\n- [ ] one zq1\n- [x] fresh zq4\n- [ ] three zq3\n',
      },
      {
        name: 'THEIRS removes the first step of a section and adds an item worded alike at the end of the section above',
        base: `# T\n\n## S\n\n- [ ] one zq1\n\n## U\n\n- [ ] deploy backup staging: \`kubectl get pods\` zq2\n${note}\n- [ ] three zq3\n`,
        ours: `# T\n\n## S\n\n- [ ] one zq1\n\n## U\n\n- [ ] deploy backup staging: \`kubectl get pods\` zq2\n${note}\n- [x] three zq3\n`,
        theirs: '# T\n\n## S\n\n- [ ] one zq1\n- [ ] deploy backup staging zq4\n\n## U\n\n- [ ] three zq3\n',
      },
    ];
    const failures = shapes.flatMap((shape, i) =>
      checkCase(i, shape.base, shape.ours, shape.theirs, false).failures.map((f) => ({ ...f, detail: `${shape.name}: ${f.detail}` })),
    );
    failuresSeen.push(...failures);
    assert.equal(failures.length, 0, failures.length ? report(failures, 'shapes (the seed is the shape index)') : '');
  });

  // Plain text: the merge must be git's line merge. Split in two, as the two halves fail for different reasons:
  // a clean merge that differs changes text nobody asked for; a conflict git makes and the merge does not
  // (or shapes differently) is a decision about what counts as conflicting.
  const plainCases = () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-merge-file-'));
    const cases = seeds(0x16_1001, 250).map((seed) => {
      const rng = new Rng(seed);
      const baseLines = plainDocument(rng);
      const eol = rng.chance(0.2) ? '\r\n' : '\n';
      const end = rng.chance(0.85) ? eol : '';
      const [base, ours, theirs] = [baseLines, editPlain(baseLines, rng), editPlain(baseLines, rng)].map((l) => l.join(eol) + end);
      return { seed, base, ours, theirs, reference: gitMergeFile(dir, base, ours, theirs) };
    });
    rmSync(dir, { recursive: true, force: true });
    return cases;
  };
  let plain: ReturnType<typeof plainCases> | undefined;

  for (const half of ['clean', 'conflicting'] as const) {
    test(`a document without task items: where git merge-file ${half === 'clean' ? 'merges clean' : 'conflicts'}, the merge gives git's text`, () => {
      plain ??= plainCases();
      const failures: Failure[] = [];
      const cases = plain.filter((c) => (c.reference.conflicts === 0) === (half === 'clean'));
      assert.ok(
        cases.length > 20,
        `only ${cases.length} plain cases where git ${half === 'clean' ? 'merges clean' : 'conflicts'}: the generator is off`,
      );
      for (const { seed, base, ours, theirs, reference } of cases) {
        let result: MergeResult;
        try {
          result = mergeChecklists(base, ours, theirs, gitLineMerge, LABELS);
        } catch (error) {
          failures.push({ property: 'throws', seed, detail: String(error), files: { base, ours, theirs, result: '' } });
          continue;
        }
        const files = { base, ours, theirs, result: result.text };
        if (result.text !== reference.text) {
          const property =
            reference.conflicts > 0 && result.conflicts.length === 0 ? 'git-conflict-merged-clean' : 'differs-from-git-merge-file';
          failures.push({
            property,
            seed,
            detail: `git merge-file gives\n${JSON.stringify(reference.text)}\nthe merge gives\n${JSON.stringify(result.text)}`,
            files,
          });
        } else if (result.conflicts.length !== reference.conflicts) {
          failures.push({
            property: 'conflict-count',
            seed,
            detail: `git merge-file: ${reference.conflicts} conflict(s), the merge lists ${result.conflicts.length}`,
            files,
          });
        }
      }
      failuresSeen.push(...failures);
      assert.equal(
        failures.length,
        0,
        failures.length
          ? report(
              failures,
              `plain text vs git merge-file (${cases.length} cases where git ${half === 'clean' ? 'merges clean' : 'conflicts'})`,
            )
          : '',
      );
    });
  }
});

/**
 * The reference: git's own three-way line merge on temporary files, labelled as the merge labels its sides.
 * The contract gives the final newline to OURS, so the line merge must not see a missing one (git would put
 * the last line into a conflict for it): the reference merges the texts with a final newline each and then
 * drops it when OURS has none.
 */
function gitMergeFile(dir: string, base: string, ours: string, theirs: string): { text: string; conflicts: number } {
  const eol = /\r\n/.test(ours) ? '\r\n' : '\n';
  const full = (text: string) => (text === '' || text.endsWith('\n') ? text : text + eol);
  const [b, o, t] = ['base', 'ours', 'theirs'].map((n) => join(dir, n));
  writeFileSync(b, full(base));
  writeFileSync(o, full(ours));
  writeFileSync(t, full(theirs));
  const r = spawnSync('git', ['merge-file', '-p', '-L', LABELS.ours, '-L', LABELS.base, '-L', LABELS.theirs, o, b, t], {
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
  });
  if (r.status === null || r.status < 0 || r.status > 127) throw new Error(`git merge-file failed: ${r.stderr}`);
  return { text: ours.endsWith('\n') ? r.stdout : r.stdout.replace(/\r?\n$/, ''), conflicts: r.status };
}
