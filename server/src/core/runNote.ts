/**
 * Run notes: after a step runs, one invisible line under it records when, how it ended and who ran it:
 *
 *     <!-- preflight:run {"at":"2026-11-27T21:49:32+01:00","exit":0,"ms":1840,"by":"ada","out":"ok"} -->
 *
 * An HTML comment renders as nothing, and a comment line indented to the item's content column (or
 * at the fence's indentation) stays inside the same list item, so item texts, counts and phases do
 * not change. recordRun proves that by re-parsing before it hands the edits out.
 */
import { applyEdits, boxEdit, rangeAt, replaceAt } from './edits.js';
import { parseChecklist } from './checklist.js';
import type { Checklist, Item, Range, TextEdit } from './model.js';
import { ownTextEnd } from './ownText.js';
import { allPhases } from './progress.js';
import { frontMatterEnv } from './env.js';
import {
  AWS_ACCESS_KEY_ID,
  AWS_SECRET_ACCESS_KEY,
  GITHUB_TOKEN,
  GITLAB_TOKEN,
  GOOGLE_API_KEY,
  isSecretVariableName,
  NPM_TOKEN,
  PRIVATE_KEY_END,
  SLACK_TOKEN,
  STRIPE_LIVE_KEY,
  URL_PASSWORD,
  VALUE,
} from './secretPatterns.js';
import { type Step, stepById, stepsOf } from './steps.js';

export interface RunNote {
  /** ISO 8601, with an offset. */
  at: string;
  exitCode: number;
  durationMs: number;
  by: string;
  /** A short, already redacted tail of the output. */
  excerpt?: string;
}

/** How many notes a step keeps: the newest ones. */
export const MAX_NOTES = 5;

const NOTE_LINE = /^[ \t>]*<!--[ \t]*preflight:run[ \t]+(\{.*\})[ \t]*-->[ \t]*$/;

// ---- Format ----

export function formatRunNote(note: RunNote): string {
  const data: Record<string, string | number> = { at: note.at, exit: note.exitCode, ms: note.durationMs, by: note.by };
  if (note.excerpt !== undefined && note.excerpt !== '') data.out = redact(note.excerpt);
  // `--` and `>` only occur inside JSON strings, where a unicode escape reads back the same: the
  // comment cannot be closed early (`-->`, `--!>`), and JSON already escapes line endings.
  const json = JSON.stringify(data).replace(/--/g, '-\\u002d').replace(/>/g, '\\u003e');
  return `<!-- preflight:run ${json} -->`;
}

/** The note on a line (indentation and blockquote markers allowed), or undefined. */
export function parseRunNote(line: string): RunNote | undefined {
  const m = NOTE_LINE.exec(line.replace(/\r?\n$|\r$/, ''));
  if (!m) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(m[1]);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const { at, exit, ms, by, out } = data as Record<string, unknown>;
  if (typeof at !== 'string' || typeof exit !== 'number' || !Number.isFinite(exit) || typeof ms !== 'number' || !Number.isFinite(ms))
    return undefined;
  return { at, exitCode: exit, durationMs: ms, by: typeof by === 'string' ? by : '', ...(typeof out === 'string' ? { excerpt: out } : {}) };
}

// ---- Redaction and excerpts ----

const REDACTED = '[redacted]';
const keep = (value: string) => value === '' || value === REDACTED || /^\$\{?[A-Za-z_]\w{0,255}\}?$/.test(value);

type Replacer = (m: string, ...groups: (string | undefined)[]) => string;

/**
 * Replacements applied in order: whole blocks and prefixed tokens first, then `NAME=value` forms. Every
 * regular expression is linear (bounded repetitions, none nested), so a step's output cannot stall the server.
 */
const REDACTIONS: [RegExp, Replacer][] = [
  // A private key block, or what is left of one when the output was cut before its END line.
  [/-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY-----[\s\S]{0,16384}?(?:-----END [A-Z0-9 ]{0,40}PRIVATE KEY-----|$)/g, () => REDACTED],
  // The secret key before its key id: both are on the line, and the id is what says it is AWS's.
  [AWS_SECRET_ACCESS_KEY, (m, _context, secret) => m.slice(0, m.length - secret!.length) + REDACTED],
  [AWS_ACCESS_KEY_ID, () => REDACTED],
  [GITHUB_TOKEN, () => REDACTED],
  [GITLAB_TOKEN, () => REDACTED],
  [NPM_TOKEN, () => REDACTED],
  [GOOGLE_API_KEY, () => REDACTED],
  [SLACK_TOKEN, () => REDACTED],
  [/\bxox[a-z]-[A-Za-z0-9-]{10,255}/g, () => REDACTED],
  [STRIPE_LIVE_KEY, () => REDACTED],
  [/\beyJ[A-Za-z0-9_-]{2,4096}\.[A-Za-z0-9_-]{2,4096}\.[A-Za-z0-9_-]{0,4096}/g, () => REDACTED],
  // An Authorization header keeps its scheme; a bearer token anywhere else goes too.
  [
    /\b(Authorization[ \t]{0,16}[:=][ \t]{0,16})((?:Basic|Bearer|Token|Digest|Negotiate)[ \t]{1,16})?[^\s"']{1,4096}/gi,
    (_m, header, scheme) => `${header}${scheme ?? ''}${REDACTED}`,
  ],
  [/\b(Bearer[ \t]{1,16})[A-Za-z0-9\-._~+/]{8,4096}={0,3}/gi, (_m, bearer) => `${bearer}${REDACTED}`],
  [URL_PASSWORD, (m, password) => (password && !keep(password) ? m.slice(0, m.length - password.length - 1) + REDACTED + '@' : m)],
  // `--password=x`, `--api-key x`, `PGPASSWORD=x`, `"client_secret": "x"`, `X-Api-Key: x`.
  [
    new RegExp(
      String.raw`((?<![\w-])--?[\w-]{0,64}(?:token|secret|password|passwd|api[_-]?key|key)(?:=|[ \t]{1,16})|["']?[\w.-]{0,64}(?:token|secret|password|passwd|api_key|key)["']?[ \t]{0,16}[:=][ \t]{0,16})${VALUE}`,
      'gi',
    ),
    (m, name, single, double, bare) => {
      const value = single ?? double ?? bare ?? '';
      if (keep(value)) return m;
      const quote = single !== undefined ? "'" : double !== undefined ? '"' : '';
      return `${name}${quote}${REDACTED}${quote}`;
    },
  ],
];

/** The patterns, for the test that proves each linear (and the fuzzing a later change adds). */
export const REDACTION_PATTERNS: readonly RegExp[] = REDACTIONS.map(([re]) => re);

/** One line of a key block's body: base64 only. */
const KEY_BODY_LINE = /^[ \t]{0,64}[A-Za-z0-9+/=]{16,128}[ \t]{0,64}\r?$/;

/**
 * The tail of a private key whose BEGIN line was cut off: the END line and the base64 lines right above it.
 * A walk over lines rather than one regular expression, which would need a repetition inside a repetition.
 */
function redactOrphanKeyEnds(text: string): string {
  let out = '';
  let from = 0;
  for (const m of text.matchAll(PRIVATE_KEY_END)) {
    let start = m.index;
    // Only an END at the start of a line (after indentation) ends a key block.
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    if (!/^[ \t]{0,64}$/.test(text.slice(lineStart, start))) continue;
    start = lineStart;
    while (start > from) {
      const above = text.lastIndexOf('\n', start - 2) + 1;
      if (!KEY_BODY_LINE.test(text.slice(above, start - 1))) break;
      start = above;
    }
    out += text.slice(from, start) + REDACTED;
    from = m.index + m[0].length;
  }
  return out + text.slice(from);
}

/** The text with credentials replaced by `[redacted]`. */
export function redact(text: string): string {
  let out = text;
  for (const [re, replace] of REDACTIONS) out = out.replace(re, replace as (m: string, ...rest: unknown[]) => string);
  return redactOrphanKeyEnds(out);
}

/** The values of secret-named variables of the checklist's `env:` blanked out (4 characters or more). */
export function blankEnvSecrets(checklist: Checklist, text: string): string {
  const values = Object.entries(frontMatterEnv(checklist.frontMatter?.data ?? {}))
    .filter(([name, value]) => isSecretVariableName(name) && value.length >= 4)
    .map(([, value]) => value)
    .sort((a, b) => b.length - a.length);
  return values.reduce((out, value) => out.split(value).join(REDACTED), text);
}

// Colour and cursor sequences (CSI), titles and links (OSC), and other two-character escapes.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-?]{0,64}[ -/]{0,16}[@-~]|\x1b\][^\x07\x1b]{0,4096}(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|\x9b[0-?]{0,64}[ -/]{0,16}[@-~]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;
/** Enough of the tail to hold a private key block, so redaction sees it whole. */
const TAIL_WINDOW = 16_384;

/** The last non-empty lines of a step's output, without terminal escapes, redacted, at most `maxChars` long. */
export function excerptOf(output: string, maxLines = 5, maxChars = 300): string {
  const tail = output.length > TAIL_WINDOW ? output.slice(output.length - TAIL_WINDOW) : output;
  const plain = tail
    .replace(ANSI, '')
    .split(/\r?\n/)
    // A carriage return redraws the line (progress bars): what is left after the last one shows.
    .map((line) =>
      line
        .slice(line.lastIndexOf('\r') + 1)
        .replace(CONTROL, '')
        .trimEnd(),
    )
    .join('\n');
  const lines = redact(plain)
    .split('\n')
    .filter((line) => line.trim() !== '');
  const text = lines.slice(Math.max(0, lines.length - maxLines)).join('\n');
  return text.length > maxChars ? `…${text.slice(text.length - maxChars + 1)}` : text;
}

// ---- Where a step's notes live ----

interface Anchor {
  /** 0-based index of the last line of the step (closing fence, or the item's own text). */
  line: number;
  /** What a note line starts with so it stays in the step's container. */
  prefix: string;
}

interface Lines {
  starts: number[];
  /** Offset where each line's text ends (before its line ending). */
  ends: number[];
}

const linesCache = new WeakMap<Checklist, Lines>();

function linesOf(checklist: Checklist): Lines {
  let lines = linesCache.get(checklist);
  if (!lines) {
    const text = checklist.text;
    const starts = [0];
    const ends: number[] = [];
    for (const m of text.matchAll(/\r\n|\r|\n/g)) {
      ends.push(m.index);
      starts.push(m.index + m[0].length);
    }
    ends.push(text.length);
    lines = { starts, ends };
    linesCache.set(checklist, lines);
  }
  return lines;
}

const lineText = (checklist: Checklist, lines: Lines, index: number) => checklist.text.slice(lines.starts[index], lines.ends[index]);

function anchorOf(checklist: Checklist, step: Step): Anchor | { error: string } {
  const lines = linesOf(checklist);
  if (step.kind === 'code') {
    const closing = step.range.end.line - 1;
    const first = lineText(checklist, lines, step.range.start.line - 1);
    const last = lineText(checklist, lines, closing);
    const open = /`{3,}|~{3,}/.exec(first.slice(step.range.start.column - 1));
    const close = /^([ \t>]*)(`{3,}|~{3,})[ \t]*$/.exec(last);
    if (!open || !close || closing === step.range.start.line - 1 || close[2][0] !== open[0][0] || close[2].length < open[0].length) {
      return {
        error: `The code block at line ${step.range.start.line} has no closing fence, so its run cannot be recorded after it. Close the block with ${open?.[0] ?? '```'} and run it again.`,
      };
    }
    return { line: closing, prefix: close[1] };
  }
  const item = step.item!;
  return { line: ownTextEnd(checklist, item) - 1, prefix: contentPrefix(checklist, lines, item) };
}

/** Marker width plus the spaces after it, with the line's container prefix: where the item's content starts. */
function contentPrefix(checklist: Checklist, lines: Lines, item: Item): string {
  const index = item.range.start.line - 1;
  const before = checklist.text.slice(lines.starts[index], item.range.start.offset).replace(/[^\t>]/g, ' ');
  const marker = /^(?:[-+*]|\d{1,9}[.)])([ \t]*)/.exec(checklist.text.slice(item.range.start.offset, lines.ends[index]))!;
  const width = marker[0].length - marker[1].length;
  // Five or more spaces after the marker make an indented code block: the content column is then marker + 1.
  const spaces = marker[1].length >= 1 && marker[1].length <= 4 ? marker[1] : ' ';
  return before + ' '.repeat(width) + spaces;
}

/** The note lines directly under the step, oldest first, and the lines they take. */
export function runNotesOf(checklist: Checklist, step: Step): { notes: RunNote[]; range?: Range } {
  const anchor = anchorOf(checklist, step);
  if ('error' in anchor) return { notes: [] };
  const { from, to } = noteLines(checklist, anchor);
  if (to === from) return { notes: [] };
  const lines = linesOf(checklist);
  const notes: RunNote[] = [];
  for (let i = from; i < to; i++) {
    const note = parseRunNote(lineText(checklist, lines, i));
    if (note) notes.push(note);
  }
  return { notes, range: rangeAt(checklist, lines.starts[from], lines.ends[to - 1]) };
}

/** Lines [from, to) (0-based) right under the anchor that hold notes. */
function noteLines(checklist: Checklist, anchor: Anchor): { from: number; to: number } {
  const lines = linesOf(checklist);
  const from = anchor.line + 1;
  let to = from;
  while (to < lines.starts.length && NOTE_LINE.test(lineText(checklist, lines, to))) to++;
  return { from, to };
}

// ---- Recording a run ----

/**
 * Edits that add `note` under the step (after its existing notes, dropping the oldest beyond
 * MAX_NOTES) and, with `check` and exit code 0, check the step's open item.
 */
export function recordRun(
  checklist: Checklist,
  stepId: string,
  note: RunNote,
  options: { check: boolean },
): { edits: TextEdit[]; checkedItemId?: string } | { error: string } {
  const step = stepById(checklist, stepId);
  if (!step) {
    const known = stepsOf(checklist).length;
    return {
      error: `The step '${stepId}' is no longer in this checklist (it holds ${known} runnable step${known === 1 ? '' : 's'}): its text was changed while it ran. The run was not recorded.`,
    };
  }
  const anchor = anchorOf(checklist, step);
  if ('error' in anchor) return anchor;

  const text = checklist.text;
  const lines = linesOf(checklist);
  const eol = /\r\n|\n|\r/.exec(text)?.[0] ?? '\n';
  const { from, to } = noteLines(checklist, anchor);
  const edits: TextEdit[] = [];

  let checkedItemId: string | undefined;
  if (options.check && note.exitCode === 0 && step.item && !step.item.checked) {
    edits.push(boxEdit(step.item, true)!);
    checkedItemId = step.item.id;
  }
  const drop = Math.max(0, to - from - (MAX_NOTES - 1));
  if (drop > 0) edits.push(replaceAt(checklist, lines.starts[from], lines.starts[from + drop], ''));
  const after = lines.ends[to - 1];
  // The last line for secrets: `env:` values of secret-named variables, whatever the client blanked already.
  const excerpt = note.excerpt === undefined ? {} : { excerpt: blankEnvSecrets(checklist, note.excerpt) };
  edits.push(replaceAt(checklist, after, after, `${eol}${anchor.prefix}${formatRunNote({ ...note, ...excerpt })}`));

  const problem = structureChange(checklist, edits, checkedItemId);
  if (problem)
    return {
      error: `Recording the run under '${step.id}' would change the checklist (${problem}); the run was not recorded. Check the indentation of the lines right under the step.`,
    };
  return { edits, ...(checkedItemId ? { checkedItemId } : {}) };
}

/** Applies the edits and re-parses: a note must leave items, their texts and the phases as they were. */
function structureChange(before: Checklist, edits: readonly TextEdit[], checkedItemId: string | undefined): string | undefined {
  const after = parseChecklist(applyEdits(before.text, edits));
  if (after.items.length !== before.items.length) return `${before.items.length} items would become ${after.items.length}`;
  const changed = before.items.findIndex((item, i) => {
    const other = after.items[i];
    return (
      other.id !== item.id ||
      other.text !== item.text ||
      other.depth !== item.depth ||
      other.checked !== (item.checked || item.id === checkedItemId)
    );
  });
  if (changed >= 0) return `the item '${before.items[changed].text}' would change`;
  const ids = (c: Checklist) => [...allPhases(c.phases)].map((p) => p.id).join('\n');
  if (ids(after) !== ids(before)) return 'its sections would change';
  return undefined;
}
