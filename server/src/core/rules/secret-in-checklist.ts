/**
 * Credentials written into the checklist. The message names the kind and never repeats the value.
 * The patterns, and what counts as an obvious placeholder, live in ../secretPatterns.ts (run notes redact with them too).
 */
import type { Checklist, CodeFact } from '../model.js';
import { between } from '../sorted.js';
import { defineRule, type Report } from './defineRule.js';
import {
  AWS_ACCESS_KEY_ID,
  GITHUB_TOKEN,
  GITHUB_TOKEN_PREFIX,
  isPlaceholderValue,
  PRIVATE_KEY_BEGIN,
  SECRET_NAME_SUFFIX,
  SLACK_TOKEN,
  SLACK_TOKEN_PREFIX,
  STRIPE_LIVE_KEY,
  STRIPE_LIVE_KEY_PREFIX,
  URL_PASSWORD,
  VALUE,
} from '../secretPatterns.js';
import { rangeOf } from './support/source.js';

export { isPlaceholderValue };

interface Hit {
  kind: string;
  from: number;
  to: number;
}

type Detector = (text: string, add: (kind: string, from: number, to: number) => void) => void;

/** Whole-token detectors: the provider's prefix makes them certain, unless the rest is a mask. */
const token =
  (kind: string, re: RegExp, prefix: RegExp): Detector =>
  (text, add) => {
    for (const m of text.matchAll(re)) {
      if (!isPlaceholderValue(m[0].replace(prefix, ''))) add(kind, m.index, m.index + m[0].length);
    }
  };

/** Detectors whose secret is one capture group among `'quoted'`, `"quoted"` and bare alternatives. */
const valued =
  (kind: (m: RegExpMatchArray) => string, re: RegExp): Detector =>
  (text, add) => {
    for (const m of text.matchAll(re)) {
      const groups = m.slice(1);
      const last = groups.findLastIndex((g) => g !== undefined);
      const value = groups[last];
      if (value === undefined || isPlaceholderValue(value)) continue;
      const at = m.index + m[0].lastIndexOf(value);
      add(kind(m), at, at + value.length);
    }
  };

export const PASSWORD_OPTION = new RegExp(String.raw`--(?:password|passwd|pass)(?:=|[ \t]{1,16})${VALUE}`, 'g');
export const SECRET_ASSIGNMENT = new RegExp(String.raw`\b([A-Z][A-Z0-9_]{0,64}(?:${SECRET_NAME_SUFFIX}))=${VALUE}`, 'g');

const awsAccessKeys: Detector = (text, add) => {
  for (const m of text.matchAll(AWS_ACCESS_KEY_ID)) {
    // AKIAIOSFODNN7EXAMPLE is AWS's own documentation key; AKIAXXXXXXXXXXXXXXXX a mask.
    if (!m[0].includes('EXAMPLE') && !isPlaceholderValue(m[0].slice(4))) add('AWS access key id', m.index, m.index + m[0].length);
  }
};

/**
 * Private keys whose BEGIN marker is in `span`, which starts at `from` in `text`: the marker is on one line,
 * but the key's body is read up to its END marker, wherever in the text that is.
 */
function privateKeys(text: string, span: string, from: number, add: (kind: string, from: number, to: number) => void): void {
  for (const m of span.matchAll(PRIVATE_KEY_BEGIN)) {
    const at = from + m.index;
    const after = text.slice(at + m[0].length);
    const end = after.indexOf('-----END');
    const body = (end < 0 ? after.slice(0, 2000) : after.slice(0, end)).replace(/[^A-Za-z0-9+/=]/g, '');
    // `...` or `<key here>` between the markers is documentation, not a key.
    if (body.length >= 40 && !isPlaceholderValue(body)) add('private key', at, at + m[0].length);
  }
}

/** Run after awsAccessKeys and privateKeys (an overlapping later hit is dropped). Each matches within one line. */
const ON_ONE_LINE: Detector[] = [
  token('GitHub token', GITHUB_TOKEN, GITHUB_TOKEN_PREFIX),
  token('Slack token', SLACK_TOKEN, SLACK_TOKEN_PREFIX),
  token('Stripe live secret key', STRIPE_LIVE_KEY, STRIPE_LIVE_KEY_PREFIX),
  valued(() => 'password on a command line (--password)', PASSWORD_OPTION),
  valued(() => 'password on a command line (-p)', /(?<![\w-])-p(?:'([^'\r\n]{1,1024})'|"([^"\r\n]{1,1024})")/g),
  valued(
    () => 'password on a command line (-p)',
    /\b(?:mysql|mysqldump|mysqladmin|mariadb|mariadb-dump)\b[^\r\n]{0,512}?\s-p([^\s'"`]{1,1024})/g,
  ),
  valued((m) => `secret assigned to ${m[1]}`, SECRET_ASSIGNMENT),
  valued(() => 'password in a URL', URL_PASSWORD),
];

/** `password: value` reads as configuration in a code block; in prose it is usually a field label. */
export const CONFIG = new RegExp(
  String.raw`^[ \t]*(?:-[ \t]+)?["']?([\w.-]*(?:password|passwd|secret|api[_-]?key|token))["']?[ \t]*[:=][ \t]*${VALUE}`,
  'gim',
);

/** The hits starting in [from, to), a span of whole lines: what a scan of the whole text finds there. */
function scan(checklist: Checklist, from: number, to: number, code: readonly CodeFact[]): Hit[] {
  const hits: Hit[] = [];
  const add = (kind: string, start: number, end: number) => {
    if (!hits.some((h) => start < h.to && h.from < end)) hits.push({ kind, from: start, to: end });
  };
  const span = checklist.text.slice(from, to);
  const addInSpan = (kind: string, start: number, end: number) => add(kind, from + start, from + end);
  awsAccessKeys(span, addInSpan);
  privateKeys(checklist.text, span, from, add);
  for (const detect of ON_ONE_LINE) detect(span, addInSpan);
  for (const block of code) {
    const base = block.range.start.offset;
    const source = checklist.text.slice(base, block.range.end.offset);
    valued((m) => `secret in configuration (${m[1]})`, CONFIG)(source, (kind, from, to) => add(kind, base + from, base + to));
  }
  return hits.sort((a, b) => a.from - b.from);
}

export default defineRule({
  id: 'secret-in-checklist',
  summary: 'a credential written into the checklist (the message never repeats it)',
  description: 'A credential (cloud key, token, private key, password in a command or URL) is written into the checklist.',
  severity: 'error',
  details:
    "Found: AWS access key ids, private key blocks, GitHub, Slack and Stripe live tokens, passwords on command lines (`--password=`, `-p'…'`, `PGPASSWORD=`), `password:` in code blocks and `user:pass@` in URLs. The message says what kind and where, never the value. Placeholders are not secrets: variables (`$DB_PASSWORD`, `${TOKEN}`, `$(cmd)`), `<password>`, `[token]`, `{{secret}}`, masks (`****`, `xxxx`), values containing `example`, `your` or `placeholder`, AWS's documentation key, and stand-ins such as `changeme`.",
  example: {
    text: "# Restore\n\n- [ ] Check the restored database\n\n```bash\nPGPASSWORD=Tr0ub4dor3 psql -h db.internal -c 'select 1'\n```\n",
  },
  state: false,
  check(checklist, report) {
    findIn(checklist, 0, checklist.text.length, report);
  },
  checkSpan: findIn,
});

/** The findings in [from, to), a span of whole lines (a code block is never cut by its ends). */
function findIn(checklist: Checklist, from: number, to: number, report: Report): void {
  const code = between(checklist.code, from, to, (c) => c.range.start.offset);
  const codeLines = new Set(
    code.flatMap((c) => Array.from({ length: c.range.end.line - c.range.start.line + 1 }, (_, i) => c.range.start.line + i)),
  );
  const fm = checklist.frontMatter?.range;
  for (const hit of scan(checklist, from, to, code)) {
    const range = rangeOf(checklist, hit.from, hit.to);
    const where =
      fm && hit.from < fm.end.offset ? 'in the front matter' : codeLines.has(range.start.line) ? 'in a code block' : 'in the text';
    report({
      message: `Possible ${hit.kind} ${where}: anyone who can read this file or its history can use it. Remove it, rotate the credential, and refer to it instead (an environment variable such as $DB_PASSWORD, or a secret manager).`,
      range,
    });
  }
}
