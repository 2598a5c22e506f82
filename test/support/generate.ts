/**
 * Markdown generators for property, fuzz and bench runs. Everything is driven by an Rng, so a
 * failing document can be rebuilt from its seed.
 */
import type { Rng } from './prng.ts';

const WORDS = [
  'deploy',
  'verify',
  'backup',
  'database',
  'rollback',
  'staging',
  'DNS',
  'health',
  'check',
  'migration',
  'owner',
  'review',
  'Straße',
  'İstanbul',
  '部署',
  '检查',
  'التحقق',
  'Prüfung',
  '✅',
  '☐',
  'x',
  'a',
  '-',
  '*',
];
/** Labels shared by definitions and references, so references often point into other chunks. */
const LABELS = ['foo', 'Foo  Bar', 'logo', 'name', 'ẞ', 'Straße', 'İd', 'runbook'];
const FOOTNOTES = ['1', 'note', 'a'];
const COMMANDS = ['npm run test', 'npx tsc --noEmit', 'npm run lint', 'npm audit', 'npx prisma migrate deploy', 'kubectl get pods', 'ls'];
const LANGS = ['bash', 'sh', 'js', 'yaml', '', 'console'];

function words(rng: Rng, min: number, max: number): string {
  const out: string[] = [];
  for (let i = rng.int(min, max); i > 0; i--) out.push(rng.pick(WORDS));
  return out.join(' ');
}

/** A line of inline markdown with the constructs the extractor looks at. */
export function inline(rng: Rng): string {
  const parts: string[] = [words(rng, 1, 4)];
  const extras = rng.int(0, 3);
  for (let i = 0; i < extras; i++) {
    parts.push(
      rng.pick([
        () => `\`${rng.pick(COMMANDS)}\``,
        () => '[Name]',
        () => '[Set deployment date]',
        () => '________',
        () => '{{ date }}',
        () => `[${rng.pick(LABELS)}]`,
        () => `[see][${rng.pick(LABELS)}]`,
        () => `![${rng.pick(LABELS)}]`,
        () => `[^${rng.pick(FOOTNOTES)}]`,
        () => `**${words(rng, 1, 2)}**`,
        () => `~~${words(rng, 1, 2)}~~`,
        () => '*em*',
        () => '[link](https://example.com)',
        () => 'https://example.com/x',
        () => '\\[escaped\\]',
        () => '<span>x</span>',
        () => '[x]',
        () => '(optional)',
        () => '(if applicable)',
        () => '`[ ]`',
        () => '&amp;',
      ])(),
    );
  }
  parts.push(words(rng, 0, 2));
  return parts.filter(Boolean).join(' ');
}

function heading(rng: Rng): string[] {
  const depth = rng.int(1, 6);
  return [
    rng.weighted<() => string>([
      [10, () => `${'#'.repeat(depth)} ${inline(rng)}`],
      [2, () => `${'#'.repeat(depth)} ${words(rng, 1, 3)} ${'#'.repeat(rng.int(1, 3))}`],
      [1, () => '#'.repeat(depth)],
      [1, () => `${'#'.repeat(depth)}\t${words(rng, 1, 3)}`],
      [1, () => `${' '.repeat(rng.int(1, 3))}${'#'.repeat(depth)} ${words(rng, 1, 3)}`],
      [1, () => `#${words(rng, 1, 2)}`],
      [1, () => `####### ${words(rng, 1, 2)}`],
      [1, () => `\\# ${words(rng, 1, 2)}`],
      [1, () => `## Rollback Procedures`],
      [1, () => `### When to Rollback`],
      [1, () => `## Sign-Off`],
    ])(),
  ];
}

function setext(rng: Rng): string[] {
  const lines = [inline(rng)];
  if (rng.chance(0.3)) lines.push(inline(rng));
  lines.push(rng.pick(['===', '---', '=====', '  ---', '- - -']));
  return lines;
}

function paragraph(rng: Rng): string[] {
  const lines: string[] = [];
  for (let i = rng.int(1, 3); i > 0; i--) {
    lines.push(
      rng.weighted<() => string>([
        [6, () => inline(rng)],
        [
          2,
          () =>
            `**${rng.pick(['Version', 'Target Date', 'Status', 'Deployment Lead', 'Owner'])}:** ${rng.pick(['1.0.0', '[Set deployment date]', '', 'READY', '____'])}`,
        ],
        [
          2,
          () => `${rng.pick(['Name', 'Date', 'Time', 'Signature', 'Phone'])}: ${rng.pick(['________________', 'Jane Doe', '', '[Name]'])}`,
        ],
        [1, () => `**${words(rng, 1, 3)}**`],
      ])(),
    );
  }
  return lines;
}

function box(rng: Rng): string {
  return rng.weighted([
    [8, '[ ] '],
    [4, '[x] '],
    [1, '[X] '],
    [3, ''],
    [1, '[ ]'],
    [1, '[ ] '],
    [1, '[ ]\t'],
    [1, '[x]'],
    [1, '[-] '],
    [1, '[ x] '],
  ]);
}

/** A list, nested up to `depth`, with tasks, lazy lines, code and blank lines between items. */
function list(rng: Rng, depth = 0, indent = ''): string[] {
  const lines: string[] = [];
  const ordered = rng.chance(0.25);
  const bullet = rng.pick(['-', '*', '+']);
  for (let n = rng.int(1, 5), i = 1; i <= n; i++) {
    const marker = ordered ? `${i}${rng.pick(['.', ')'])}` : bullet;
    const gap = rng.weighted([
      [10, ' '],
      [1, '\t'],
      [1, '  '],
    ]);
    const content = indent + ' '.repeat(marker.length + 1);
    const b = box(rng);
    const form = rng.weighted<string>([
      [12, 'plain'],
      [1, 'alone'],
      [1, 'double'],
      [1, 'markerAlone'],
      [1, 'lazy'],
    ]);
    if (form === 'alone') {
      lines.push(`${indent}${marker}${gap}${b.trimEnd()}`, `${content}${inline(rng)}`);
    } else if (form === 'double') {
      lines.push(`${indent}${marker} ${rng.pick(['-', '*', '1.'])} ${b}${inline(rng)}`);
    } else if (form === 'markerAlone') {
      lines.push(`${indent}${marker}`, `${content}${b}${inline(rng)}`);
    } else if (form === 'lazy') {
      lines.push(`${indent}${marker}${gap}${b}${inline(rng)}`, inline(rng));
    } else {
      lines.push(`${indent}${marker}${gap}${b}${inline(rng)}`);
    }
    if (rng.chance(0.15)) lines.push(`${content}${inline(rng)}`);
    if (rng.chance(0.08)) lines.push('', ...fence(rng).map((l) => (l === '' ? '' : content + l)));
    if (rng.chance(0.05)) lines.push(`${content}> ${rng.pick(['- ', ''])}${box(rng)}${inline(rng)}`);
    if (depth < 3 && rng.chance(0.3)) lines.push(...list(rng, depth + 1, content));
    if (rng.chance(0.15)) lines.push('');
  }
  return lines;
}

function blockquote(rng: Rng): string[] {
  const inner = rng.weighted<() => string[]>([
    [3, () => list(rng, 1)],
    [2, () => paragraph(rng)],
    [1, () => heading(rng)],
    [1, () => [`[!${rng.pick(['NOTE', 'WARNING', 'TIP'])}]`, inline(rng)]],
    [1, () => fence(rng)],
  ])();
  const prefix = rng.pick(['> ', '>', '> > ']);
  return inner.map((l, i) => (i > 0 && rng.chance(0.1) ? l : prefix + l));
}

function fence(rng: Rng): string[] {
  const char = rng.chance(0.7) ? '`' : '~';
  const size = rng.int(3, 5);
  const open = char.repeat(size);
  const lines = [`${open}${rng.pick(LANGS)}`];
  for (let i = rng.int(0, 5); i > 0; i--) {
    lines.push(
      rng.pick([
        () => `## ${words(rng, 1, 2)}`,
        () => `# ${words(rng, 1, 2)}`,
        () => `- [ ] not a task ${words(rng, 0, 2)}`,
        () => `${rng.pick(COMMANDS)} [Name]`,
        () => char.repeat(size - 1),
        () => `${rng.pick(['`', '~'])}`.repeat(3) + ' not a close',
        () => '',
        () => `[${rng.pick(LABELS)}]: /inside-code`,
      ])(),
    );
  }
  const close = rng.weighted([
    [20, open],
    [2, char.repeat(size + 1)],
    [1, ''],
    [1, '   ' + open],
  ]);
  if (close !== '') lines.push(close);
  return lines;
}

function html(rng: Rng): string[] {
  return rng.weighted<() => string[]>([
    [4, () => ['<!--', `## ${words(rng, 1, 2)}`, '- [ ] hidden task', '-->']],
    [2, () => [`<!-- - [ ] ${words(rng, 1, 2)} -->`]],
    [2, () => ['<details>', '<summary>More</summary>', '', '- [ ] inside details', '', '</details>']],
    [2, () => ['<div>', `# ${words(rng, 1, 2)}`, '</div>']],
    [1, () => ['<script>', '# not a heading', '</script>']],
    [1, () => ['<pre>', '## not a heading', '</pre>']],
    [1, () => ['<?php', '# x', '?>']],
    [1, () => ['<![CDATA[', '# x', ']]>']],
    [1, () => ['<!DOCTYPE html>']],
    [1, () => ['<!--', `# ${words(rng, 1, 2)}`]], // unclosed: swallows the rest of the document
    [1, () => ['<table><tr><td>', '- [ ] cell', '</td></tr></table>']],
  ])();
}

function indentedCode(rng: Rng): string[] {
  const prefix = rng.chance(0.7) ? '    ' : '\t';
  return ['', `${prefix}# ${words(rng, 1, 2)}`, `${prefix}- [ ] not a task`, `${prefix}## x`];
}

function table(rng: Rng): string[] {
  const cols = rng.int(2, 4);
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const lines = [
    row(Array.from({ length: cols }, () => words(rng, 1, 2))),
    row(Array.from({ length: cols }, () => rng.pick(['---', ':-:', '--:']))),
  ];
  for (let i = rng.int(1, 5); i > 0; i--) {
    lines.push(
      row(
        Array.from({ length: cols }, (_, c) =>
          c === cols - 1 ? rng.pick(['[ ]', '[x]', '[X]', ' [ ] ', 'done']) : inline(rng).replace(/\|/g, ''),
        ),
      ),
    );
  }
  return lines;
}

function definition(rng: Rng): string[] {
  return rng.weighted<() => string[]>([
    [3, () => [`[${rng.pick(LABELS)}]: https://example.com/${rng.int(1, 9)}${rng.pick(['', ' "Title"'])}`]],
    [2, () => [`[^${rng.pick(FOOTNOTES)}]: ${inline(rng)}`]],
    [1, () => [`[^${rng.pick(FOOTNOTES)}]: ${words(rng, 1, 2)}`, `    ${inline(rng)}`]],
    [1, () => [`[${rng.pick(LABELS)}]:`, '  https://example.com/split']],
  ])();
}

function noise(rng: Rng): string[] {
  return [
    rng.pick([
      '---',
      '***',
      '___',
      '- - -',
      '#5 not a heading',
      '\\## escaped',
      '> [!NOTE]',
      '☐ not a task',
      '✅ done',
      '- [ ]',
      '* [x]',
      '1. [ ] ',
      '[ ] bare box',
      '| a | b |',
      '<br>',
      '   ',
      '\t',
    ]),
  ];
}

export interface RandomDocumentOptions {
  /** Upper bound on the number of blocks (default 30). */
  maxBlocks?: number;
}

/** A random markdown document full of the constructs that make chunked parsing hard. */
export function randomDocument(rng: Rng, options: RandomDocumentOptions = {}): string {
  const lines: string[] = [];
  if (rng.chance(0.2)) {
    lines.push(
      ...rng.weighted<() => string[]>([
        [4, () => ['---', `title: ${words(rng, 1, 3)}`, '# a yaml comment', 'conditional: [Rollback Procedures]', '---']],
        [1, () => ['---', 'title: x', '# comment', '']], // unclosed: a thematic break, then a heading
        [1, () => ['--- ', 'title: x', '# comment', '---\t']],
        [1, () => ['---', 'title: [unclosed', '---']],
        [1, () => ['\uFEFF---', 'title: bom', '# comment', 'more: y', '---']],
        [1, () => ['+++', 'title = "toml"', '+++']],
      ])(),
    );
  }
  const blocks = rng.int(3, options.maxBlocks ?? 30);
  for (let i = 0; i < blocks; i++) {
    const block = rng.weighted<() => string[]>([
      [8, () => heading(rng)],
      [2, () => setext(rng)],
      [5, () => paragraph(rng)],
      [8, () => list(rng)],
      [2, () => blockquote(rng)],
      [3, () => fence(rng)],
      [2, () => html(rng)],
      [1, () => indentedCode(rng)],
      [2, () => table(rng)],
      [2, () => definition(rng)],
      [2, () => noise(rng)],
    ])();
    lines.push(...block);
    if (rng.chance(0.7)) lines.push('');
  }
  if (rng.chance(0.1)) for (let i = 0; i < lines.length; i++) lines[i] = lines[i].replace(/^( {4})+/, (m) => '\t'.repeat(m.length / 4));
  return joinLines(rng, lines);
}

/** Joins with LF, CRLF, lone CR or a mix, sometimes without a final line ending. */
export function joinLines(rng: Rng, lines: readonly string[]): string {
  const style = rng.weighted<string>([
    [11, 'lf'],
    [4, 'crlf'],
    [2, 'cr'],
    [3, 'mixed'],
  ]);
  const ending = () => (style === 'lf' ? '\n' : style === 'crlf' ? '\r\n' : style === 'cr' ? '\r' : rng.pick(['\n', '\r\n', '\r']));
  let out = '';
  lines.forEach((line, i) => {
    out += line;
    if (i < lines.length - 1 || rng.chance(0.8)) out += ending();
  });
  return out;
}

export const TOKENS = [
  '- [ ] ',
  '- [x] ',
  '[X]',
  '[ ]',
  '```',
  '~~~',
  '```bash\n',
  '<!--',
  '-->',
  '# ',
  '## ',
  '> ',
  '>',
  '|',
  '| [ ] |',
  '[^1]',
  '[^1]: note\n',
  '[foo]: /x\n',
  '[foo]',
  '![logo]',
  '---',
  '\n---\n',
  '***',
  '\t',
  '    ',
  '\0',
  '\uFEFF',
  '\u202E',
  '\u200B',
  '\u0301',
  '😀',
  '\uD800',
  '\uDC00',
  '\r',
  '\r\n',
  '\n',
  '\n\n',
  '*',
  '_',
  '__',
  '~~',
  '`',
  '\\',
  '&amp;',
  '&#0;',
  '<div>',
  '</div>',
  '[Name]',
  '________',
  '{{x}}',
  '1. ',
  '1) ',
  '+ ',
  '=== ',
  '\n===\n',
  '- - [ ] ',
  '> - [ ] ',
];

/** A random edit of a document: delete/duplicate/swap lines, insert tokens or odd characters, truncate. */
export function mutate(rng: Rng, text: string): string {
  let doc = text;
  for (let n = rng.int(1, 6); n > 0; n--) {
    const lines = doc.split(/(?<=\r\n|\r(?!\n)|\n)/);
    const at = rng.int(0, Math.max(0, lines.length - 1));
    const op = rng.weighted<string>([
      [3, 'delete'],
      [2, 'duplicate'],
      [2, 'swap'],
      [6, 'token'],
      [1, 'truncate'],
      [1, 'toggle'],
      [1, 'indent'],
      [1, 'endings'],
    ]);
    switch (op) {
      case 'delete':
        lines.splice(at, rng.int(1, 3));
        doc = lines.join('');
        break;
      case 'duplicate':
        lines.splice(at, 0, ...lines.slice(at, at + rng.int(1, 3)));
        doc = lines.join('');
        break;
      case 'swap': {
        const other = rng.int(0, Math.max(0, lines.length - 1));
        [lines[at], lines[other]] = [lines[other], lines[at]];
        doc = lines.join('');
        break;
      }
      case 'token': {
        const offset = rng.int(0, doc.length);
        doc = doc.slice(0, offset) + rng.pick(TOKENS) + doc.slice(offset);
        break;
      }
      case 'truncate':
        doc = doc.slice(0, rng.int(0, doc.length));
        break;
      case 'toggle':
        doc = doc.replace(/\[[ xX]\]/g, (m) => (rng.chance(0.2) ? rng.pick(['[ ]', '[x]', '[X]', '[]', '[  ]']) : m));
        break;
      case 'indent':
        if (lines.length > 0) lines[at] = rng.pick(['  ', '    ', '\t', ' ', '>']) + lines[at];
        doc = lines.join('');
        break;
      case 'endings':
        doc = doc.replace(/\r\n|\r|\n/g, () => rng.pick(['\n', '\r\n', '\r']));
        break;
    }
  }
  return doc;
}

/** A window of whole lines from a document (mutating a small piece keeps each run cheap). */
export function window(rng: Rng, text: string, maxLines: number): string {
  const lines = text.split(/(?<=\r\n|\r(?!\n)|\n)/);
  if (lines.length <= maxLines) return text;
  const from = rng.int(0, lines.length - maxLines);
  return lines.slice(from, from + rng.int(1, maxLines)).join('');
}

const SECTION_TOPICS = [
  'Code Readiness',
  'Testing',
  'Security',
  'Database',
  'Monitoring',
  'Infrastructure',
  'Compliance',
  'Documentation',
  'Communication',
  'Verification',
];
const ITEM_TEXT = [
  'All features merged to `main` branch',
  'Unit tests passing: `npm run test` (100%)',
  'TypeScript strict mode passes: `npx tsc --noEmit`',
  'ESLint passes without warnings: `npm run lint`',
  'No critical vulnerabilities: `npm audit`',
  'Migration executed: `npx prisma migrate deploy`',
  'Health check endpoint responding',
  'Error rate normal (< 0.1%)',
  'Database backup created and verified',
  'Integration tests passing (if applicable)',
  'SSL certificate valid until [date]',
  'DNS records prepared',
  'Alert channels configured (Slack, PagerDuty, email)',
  'Load testing completed (100 req/sec)',
  'Rollback plan reviewed with on-call',
  'Feature flags set for the release',
  'Status page update drafted',
];

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * A realistic checklist with about `items` tasks: phases of sections, items with inline commands, bash
 * blocks, timeline tables with `[ ]` cells and a sign-off, shaped like the seed.
 */
export function realisticChecklist(rng: Rng, items: number): string {
  const out: string[] = [
    '# Production Deployment Checklist',
    '',
    '**Version:** 1.0.0',
    '**Target Date:** [Set deployment date]',
    '**Status:** READY',
    '',
    '---',
    '',
  ];
  let count = 0;
  for (let phase = 1; count < items; phase++) {
    out.push(`## Phase ${phase}: ${rng.pick(['Pre-Deployment', 'Deployment Day', 'Post-Deployment', 'Final Week'])}`, '');
    for (let s = rng.int(3, 8); s > 0 && count < items; s--) {
      out.push(`### ${rng.pick(SECTION_TOPICS)} ${phase}.${s}`, '');
      // A section lists each step once, as real checklists do: texts are dealt from a shuffled deck.
      const deck = shuffled(rng, ITEM_TEXT);
      for (let i = rng.int(5, 15); i > 0 && count < items; i--, count++) {
        out.push(`- [${rng.chance(0.3) ? 'x' : ' '}] ${deck[i % deck.length]}`);
        if (rng.chance(0.1) && count + 1 < items) {
          out.push(`  - [ ] ${rng.pick(ITEM_TEXT)}`);
          count++;
        }
      }
      out.push('');
      if (rng.chance(0.2))
        out.push('```bash', '# run the step', `${rng.pick(COMMANDS)}`, 'aws ecs wait services-stable \\', '  --cluster prod', '```', '');
      if (rng.chance(0.1)) {
        out.push('| Time | Task | Owner | Status |', '|------|------|-------|--------|');
        for (let r = 0; r < 5; r++) out.push(`| T+${r}h | ${rng.pick(ITEM_TEXT).replace(/\|/g, '')} | DevOps | [ ] |`);
        out.push('');
      }
    }
    out.push('---', '');
  }
  out.push('## Sign-Off', '');
  for (const role of ['Deployment Lead', 'QA Lead', 'DevOps Lead', 'Product Owner']) {
    out.push(`### ${role}`, '- [ ] Ready to proceed', '- Name: ________________', '- Date: ________________', '');
  }
  return out.join('\n');
}
