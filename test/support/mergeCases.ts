/**
 * Three-way cases for the merge property test. A base checklist (generated, or one of templates/) gets a
 * token word on every item (`zq12`), so an item can be followed through BASE, OURS, THEIRS and the result
 * whatever the merge does to ids; then each side gets random edits made on BASE's lines: ticks, rewordings
 * (punctuation only, which keeps the item id, or an added word, which does not), run notes under steps,
 * items and sections added or removed.
 */
import { parseChecklist } from '../../server/src/core/checklist.ts';
import type { Checklist, Item } from '../../server/src/core/model.ts';
import { ownTextEnd } from '../../server/src/core/ownText.ts';
import { allPhases } from '../../server/src/core/progress.ts';
import { formatRunNote, parseRunNote } from '../../server/src/core/runNote.ts';
import type { Rng } from './prng.ts';

export const TOKEN = /\bzq(\d+)\b/;
const WORDS = [
  'deploy',
  'verify',
  'backup',
  'database',
  'staging',
  'DNS',
  'health',
  'migration',
  'owner',
  'review',
  'Straße',
  '部署',
  'cache',
  'alerts',
  'tag',
];
const COMMANDS = ['npm test', 'npm run lint', 'npm audit', 'kubectl get pods', 'make check'];

function words(rng: Rng, min: number, max: number): string {
  const out: string[] = [];
  for (let i = rng.int(min, max); i > 0; i--) out.push(rng.pick(WORDS));
  return out.join(' ');
}

/** Hands out token numbers for one case. */
export class Tokens {
  private n = 0;
  next(): string {
    return `zq${++this.n}`;
  }
}

/** A timestamp source for one case: every note gets a later time than the one before. */
export class Clock {
  private minutes = 0;
  next(): string {
    this.minutes += 1 + (this.minutes % 7);
    const h = Math.floor(this.minutes / 60) % 24;
    const m = this.minutes % 60;
    return `2026-12-0${1 + Math.floor(this.minutes / 1440)}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00+00:00`;
  }
}

function noteLine(indent: string, clock: Clock, rng: Rng, who: string): string {
  return (
    indent +
    formatRunNote({ at: clock.next(), exitCode: rng.pick([0, 0, 1]), durationMs: rng.int(10, 5000), by: who, excerpt: words(rng, 1, 3) })
  );
}

/** A generated checklist: title, sections of items (some runnable, some wrapped, some nested, some with notes), prose, code. */
export function generatedChecklist(rng: Rng, tokens: Tokens, clock: Clock): string {
  const lines = [`# ${words(rng, 1, 3)} checklist`, ''];
  if (rng.chance(0.4)) lines.push(`Intro: ${words(rng, 3, 8)}.`, '');
  const sections = rng.int(1, 5);
  for (let s = 0; s < sections; s++) {
    lines.push(`## ${words(rng, 1, 3)} ${tokens.next().replace('zq', 'part ')}`, '');
    if (rng.chance(0.3)) lines.push(words(rng, 4, 10), '');
    const items = rng.int(0, 7);
    for (let i = 0; i < items; i++) {
      const runnable = rng.chance(0.4);
      const text = `${words(rng, 1, 4)}${runnable ? `: \`${rng.pick(COMMANDS)}\`` : ''} ${tokens.next()}`;
      lines.push(`- [${rng.chance(0.3) ? 'x' : ' '}] ${text}`);
      if (rng.chance(0.1)) lines.push(`  ${words(rng, 2, 5)}`);
      if (runnable)
        for (
          let n = rng.weighted([
            [3, 0],
            [2, 1],
            [1, 2],
          ]);
          n > 0;
          n--
        )
          lines.push(noteLine('  ', clock, rng, 'base'));
      if (rng.chance(0.1)) lines.push(`  - [ ] ${words(rng, 1, 3)} ${tokens.next()}`);
    }
    if (items > 0) lines.push('');
    if (rng.chance(0.2)) lines.push('```bash', `echo ${words(rng, 1, 2)}`, '```', '');
  }
  if (rng.chance(0.4)) {
    lines.push('## Sign-Off', '');
    for (const role of ['Release Manager', 'QA Lead'].slice(0, rng.int(1, 2)))
      lines.push(`### ${role}`, `- [ ] Approved ${tokens.next()}`, '- Name: ________________', '- Date: ________________', '');
  }
  return lines.join('\n');
}

/** A template with a token appended to every item's first line (before any trailing spaces). */
export function tokenized(template: string, tokens: Tokens): string {
  const checklist = parseChecklist(template);
  const lines = template.split('\n');
  for (const item of checklist.items) {
    const i = item.box.start.line - 1;
    const m = /^(.*?)(\s*)$/.exec(lines[i])!;
    lines[i] = `${m[1]} ${tokens.next()}${m[2]}`;
  }
  return lines.join('\n');
}

// ---- Edits on one side ----

export type EditKind =
  'tick' | 'reword-punct' | 'reword-words' | 'note' | 'remove-item' | 'add-item' | 'add-section' | 'remove-section' | 'sign';

/** A sign-off field line, empty or filled: `- Name: ____`, `**Date:** ____`. */
export const FIELD_LINE = /^(\s*(?:[-*+]\s+)?(?:\*\*)?(Name|Date|Time)(?:\*\*)?:(?:\*\*)?[ \t]*)(.*)$/;
const SIGNATURES = ['Grace Hopper', 'Alan Turing', '2026-12-05', '2026-12-06', '14:00'];

/** Line edits on BASE: a line replaced or deleted, lines inserted before a line (index = line count: at the end). */
class LineEdits {
  readonly replaced = new Map<number, string | null>();
  readonly before = new Map<number, string[]>();

  insertBefore(index: number, lines: string[]): void {
    this.before.set(index, [...(this.before.get(index) ?? []), ...lines]);
  }

  apply(base: readonly string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i <= base.length; i++) {
      out.push(...(this.before.get(i) ?? []));
      if (i === base.length) break;
      const r = this.replaced.get(i);
      if (r === undefined) out.push(base[i]);
      else if (r !== null) out.push(r);
    }
    return out;
  }
}

export interface Side {
  text: string;
  edits: EditKind[];
}

/** 0-based line after the item's own text and its run notes. */
function itemEnd(checklist: Checklist, item: Item, lines: readonly string[]): number {
  let end = ownTextEnd(checklist, item); // 1-based last own line = 0-based index of the next line
  while (end < lines.length && parseRunNote(lines[end])) end++;
  return end;
}

function isLeaf(checklist: Checklist, item: Item): boolean {
  return !checklist.items.some((other) => other.parentId === item.id);
}

/** Random edits of BASE for one side; `who` names the side in run notes. */
export function editSide(
  base: string,
  checklist: Checklist,
  rng: Rng,
  tokens: Tokens,
  clock: Clock,
  who: string,
  profile: 'states' | 'structure',
): Side {
  const lines = base.split('\n');
  const edits = new LineEdits();
  const kinds: EditKind[] = [];
  const touched = new Set<number>(); // 0-based lines already edited on this side
  const free = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (touched.has(i)) return false;
    return true;
  };
  const touch = (from: number, to: number) => {
    for (let i = from; i < to; i++) touched.add(i);
  };

  if (profile === 'structure' && rng.chance(0.25)) {
    const sections = [...allPhases(checklist.phases)].filter((p) => p.level === 2);
    if (sections.length > 1) {
      const p = rng.pick(sections);
      const from = p.range.start.line - 1;
      // To the next heading, or to the end (keeping the final newline: the '' after the last '\n').
      let to = p.sectionEnd.offset === checklist.text.length ? lines.length : p.sectionEnd.line - 1;
      if (to === lines.length && lines[to - 1] === '') to--;
      for (let i = from; i < to; i++) edits.replaced.set(i, null);
      touch(from, to);
      kinds.push('remove-section');
    }
  }

  // Sign-off fields still blank: one side may fill one.
  const blanks = lines.flatMap((l, i) => (!touched.has(i) && FIELD_LINE.test(l) && /^_{3,}\s*$/.test(FIELD_LINE.exec(l)![3]) ? [i] : []));
  if (blanks.length > 0 && rng.chance(0.35)) {
    const i = rng.pick(blanks);
    edits.replaced.set(i, FIELD_LINE.exec(lines[i])![1] + rng.pick(SIGNATURES));
    touch(i, i + 1);
    kinds.push('sign');
  }

  const count = rng.int(1, profile === 'states' ? 6 : 8);
  for (let n = 0; n < count && checklist.items.length > 0; n++) {
    const kind: EditKind =
      profile === 'states'
        ? rng.weighted<EditKind>([
            [6, 'tick'],
            [2, 'reword-punct'],
            [2, 'note'],
          ])
        : rng.weighted<EditKind>([
            [5, 'tick'],
            [2, 'reword-punct'],
            [2, 'reword-words'],
            [2, 'note'],
            [2, 'remove-item'],
            [2, 'add-item'],
            [1, 'add-section'],
          ]);
    const item = rng.pick(checklist.items);
    const line = item.box.start.line - 1;
    const end = itemEnd(checklist, item, lines);
    if (!free(line, end)) continue;
    const text = lines[line];
    const col = item.box.start.column - 1;
    switch (kind) {
      case 'tick':
        edits.replaced.set(line, `${text.slice(0, col)}[${item.checked ? ' ' : 'x'}]${text.slice(col + 3)}`);
        touch(line, line + 1);
        break;
      case 'reword-punct':
      case 'reword-words': {
        const m = /^(.*?)(\s*)$/.exec(text)!;
        const added = kind === 'reword-punct' ? rng.pick(['.', '!', '?', ';']) : ` ${rng.pick(WORDS)}`;
        edits.replaced.set(line, `${m[1]}${added}${m[2]}`);
        touch(line, line + 1);
        break;
      }
      case 'note': {
        if (item.commands.length === 0) continue;
        // Under the own text and existing notes, at the item's content column (where recordRun puts it).
        edits.insertBefore(end, [noteLine(contentIndent(text, col), clock, rng, who)]);
        touch(end - 1, end);
        break;
      }
      case 'remove-item':
        if (!isLeaf(checklist, item) || item.range.end.line > end) continue;
        for (let i = line; i < end; i++) edits.replaced.set(i, null);
        touch(line, end);
        break;
      case 'add-item':
        if (!isLeaf(checklist, item)) continue;
        edits.insertBefore(end, [`${text.slice(0, col)}[${rng.chance(0.3) ? 'x' : ' '}] ${words(rng, 1, 3)} ${tokens.next()}`]);
        touch(end - 1, end);
        break;
      case 'add-section': {
        const headings = lines.map((l, i) => (/^## /.test(l) ? i : -1)).filter((i) => i >= 0 && !touched.has(i));
        if (headings.length === 0) continue;
        const at = rng.pick(headings);
        const body = Array.from({ length: rng.int(1, 3) }, () => `- [ ] ${words(rng, 1, 3)} ${tokens.next()}`);
        edits.insertBefore(at, [`## Added ${words(rng, 1, 2)} ${tokens.next().replace('zq', 'part ')}`, '', ...body, '']);
        touch(at, at + 1);
        break;
      }
      default:
        continue;
    }
    kinds.push(kind);
  }
  return { text: edits.apply(lines).join('\n'), edits: kinds };
}

/** Spaces up to the item's content: the list marker's width plus its indentation (`- [ ]` → two spaces). */
function contentIndent(line: string, boxColumn: number): string {
  const marker = /^(\s*)(?:[-+*]|\d+[.)])\s+/.exec(line.slice(0, boxColumn));
  return ' '.repeat(marker ? marker[0].length : 2);
}

// ---- Plain text: documents without task items, for the git merge-file reference ----

const PLAIN = [
  () => `# ${words0()}`,
  () => `## ${words0()}`,
  () => words0(),
  () => '',
  () => '',
  () => `- ${words0()}`,
  () => `1. ${words0()}`,
  () => '```',
  () => '> quoted',
  () => '---',
];
let plainRng: Rng;
const words0 = () => words(plainRng, 1, 5);

/** Lines of prose, headings, plain lists and fences: no task item, field, note or front matter. */
export function plainDocument(rng: Rng): string[] {
  plainRng = rng;
  const lines = [`# ${words(rng, 1, 3)}`];
  // At least one line break in every version: a one-line file has no line ending for OURS to give.
  for (let i = rng.int(2, 25); i > 0; i--) lines.push(rng.pick(PLAIN)());
  return lines;
}

/** Random line edits: replace, insert, delete. */
export function editPlain(lines: readonly string[], rng: Rng): string[] {
  const out = [...lines];
  for (let n = rng.int(0, 4); n > 0; n--) {
    const at = rng.int(1, out.length);
    const op = rng.pick(['replace', 'insert', 'delete'] as const);
    plainRng = rng;
    if (op === 'insert' || at >= out.length) out.splice(at, 0, rng.pick(PLAIN)());
    else if (op === 'replace') out[at] = rng.pick(PLAIN)();
    else out.splice(at, 1);
  }
  return out;
}
