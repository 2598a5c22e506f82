/**
 * mdast -> facts: one walk over a parsed piece of text, positions relative to that text.
 * Nodes that start at or after `limit` belong to the next chunk and are left out.
 */
import type { ListItem, Nodes, Paragraph, Parents, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import { isCommand, SHELL_LANGS } from './shellCommands.js';
import { lineStarts, pointAt } from './lines.js';
import type { Facts, InlineCommand, PlaceholderKind, Point, Range } from './model.js';
import { isTemplateLanguage, TEMPLATE_PLACEHOLDER, templateBlock } from './templateText.js';

const BOX_AFTER_MARKER = /(?:[-+*]|\d{1,9}[.)])[ \t]*(?:(?:\r\n|\r|\n)[ \t>]*)?\[([ xX])\]/y;
// Not a task box, nor a broken one (`[x ]`, which malformed-checkbox reports).
const BRACKET = /(?<![\w\]\\!])\[(?![xX]\s{0,80}\])([A-Za-z][^[\]\r\n]{0,80})\](?![([:])/g;
const BLANK = /_{4,}/g;
// `${{ secrets.X }}` is a CI expression, not a placeholder.
const MUSTACHE = /(?<!\$)\{\{\s{0,64}[\w.-]{1,256}\s{0,64}\}\}/g;
const PATTERNS: Record<PlaceholderKind, RegExp> = { bracket: BRACKET, blank: BLANK, mustache: MUSTACHE };
const ALL_KINDS: readonly PlaceholderKind[] = ['bracket', 'blank', 'mustache'];
const RUN_NOTE = /^\s*<!--\s*preflight:run\b/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const BOLD_FIELD = /^(\*\*|__)([^*_\r\n]{1,60}?)(?::\1|\1:)[ \t]*(.*)$/;
const PLAIN_FIELD = /^([\p{L}][\p{L}\p{N} .'/&-]{0,40}?)[ \t]*:[ \t]+(.*)$|^([\p{L}][\p{L}\p{N} .'/&-]{0,40}?)[ \t]*:[ \t]*$/u;

export function emptyFacts(): Facts {
  return { headings: [], items: [], code: [], tables: [], tableChecks: [], placeholders: [], fields: [], definitions: [], footnotes: [] };
}

export function extractFacts(tree: Root, text: string, limit = Infinity): Facts {
  const facts = emptyFacts();
  const starts = lineStarts(text);
  const point = (offset: number): Point => pointAt(starts, offset);
  const range = (from: number, to: number): Range => ({ start: point(from), end: point(to) });
  // micromark drops a leading byte order mark: its offsets then count from the character after it.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const spanOf = (node: Nodes): [number, number] => [(node.position?.start.offset ?? 0) + bom, (node.position?.end.offset ?? 0) + bom];

  /** Placeholders of the given kinds in [from, to), in document order. */
  const placeholdersIn = (from: number, to: number, kinds: readonly PlaceholderKind[], inCode = false) => {
    const source = text.slice(from, to);
    const found = kinds.flatMap((kind) => [...source.matchAll(PATTERNS[kind])].map((m) => ({ kind, text: m[0], at: from + m.index })));
    for (const p of found.sort((a, b) => a.at - b.at)) {
      // A command's own `{{…}}` (Go templates in kubectl, Helm, docker) is not Preflight's to fill.
      if (inCode && p.kind === 'mustache' && isTemplateLanguage(p.text)) continue;
      facts.placeholders.push({ text: p.text, kind: p.kind, range: range(p.at, p.at + p.text.length) });
    }
  };

  /** Template placeholders (`{{name}}`) only, in [from, to) and outside `skip`: where other kinds would mean other things. */
  const templatePlaceholdersIn = (from: number, to: number, skip: [number, number] = [to, to]) => {
    for (const m of text.slice(from, to).matchAll(TEMPLATE_PLACEHOLDER)) {
      const at = from + m.index;
      if (at < skip[0] || at >= skip[1]) facts.placeholders.push({ text: m[0], kind: 'mustache', range: range(at, at + m[0].length) });
    }
  };

  const fieldsIn = (paragraph: Paragraph, inList: boolean) => {
    const [from, to] = spanOf(paragraph);
    let offset = from;
    for (const raw of text.slice(from, to).split(/(\r\n|\r|\n)/)) {
      if (/^(?:\r\n|\r|\n)$/.test(raw)) {
        offset += raw.length;
        continue;
      }
      const indent = /^[ \t>]*/.exec(raw)![0].length;
      const line = raw.slice(indent).trimEnd();
      const lineStart = offset + indent;
      offset += raw.length;
      const bold = BOLD_FIELD.exec(line);
      const plain = bold ? null : PLAIN_FIELD.exec(line);
      if (!bold && !plain) continue;
      const key = bold ? bold[2].trim() : (plain![1] ?? plain![3]).trim();
      const value = bold ? bold[3] : (plain![2] ?? '');
      if (key.split(/\s+/).length > 4 || /^https?$/i.test(key)) continue;
      const valueStart = lineStart + line.length - value.length;
      facts.fields.push({
        key,
        value: value.trim(),
        bold: Boolean(bold),
        inList,
        range: range(lineStart, lineStart + line.length),
        valueRange: range(valueStart, valueStart + value.trimEnd().length),
      });
    }
  };

  const commandsIn = (node: Nodes, out: InlineCommand[]) => {
    if (node.type === 'inlineCode') {
      if (isCommand(node.value)) out.push({ command: node.value.trim(), range: range(...spanOf(node)) });
    } else if ('children' in node) {
      for (const child of node.children) commandsIn(child, out);
    }
  };

  const walk = (node: Nodes, parent: Parents | undefined, listDepth: number, taskParent: Point | undefined) => {
    const [from, to] = spanOf(node);
    if (from >= limit) return;
    switch (node.type) {
      case 'yaml': {
        facts.frontMatter = { raw: node.value, range: range(from, to) };
        // Template placeholders left in front matter (`cluster: "{{ecs_cluster}}"`), but not in the
        // template's own metadata, whose prompts and examples may mention them.
        templatePlaceholdersIn(from, to, templateBlock(text));
        return;
      }
      case 'html':
        // Filling a template fills comments too, so one left there is unfilled; a run note quotes output, not the template.
        if (!RUN_NOTE.test(node.value)) templatePlaceholdersIn(from, to);
        return;
      case 'heading': {
        const lastLine =
          text
            .slice(from, to)
            .split(/\r\n|\r|\n/)
            .pop() ?? '';
        const setext = SETEXT_UNDERLINE.test(lastLine);
        facts.headings.push({ depth: node.depth, title: toString(node).trim(), range: range(from, to), setext });
        placeholdersIn(from, to, ALL_KINDS);
        return;
      }
      case 'code': {
        const fenced = /^ {0,3}(?:`{3,}|~{3,})/.test(text.slice(from, to));
        facts.code.push({ lang: node.lang ?? null, meta: node.meta ?? null, value: node.value, fenced, range: range(from, to) });
        placeholdersIn(from, to, SHELL_LANGS.has((node.lang ?? '').toLowerCase()) ? ['blank', 'mustache'] : ALL_KINDS, true);
        return;
      }
      case 'inlineCode':
        placeholdersIn(from, to, ['mustache'], true);
        return;
      case 'text':
        placeholdersIn(from, to, ALL_KINDS);
        return;
      case 'definition':
        facts.definitions.push(normalizeIdentifier(node.label ?? node.identifier));
        return;
      case 'footnoteDefinition':
        facts.footnotes.push(normalizeIdentifier(node.label ?? node.identifier));
        break;
      case 'paragraph':
        if (!(parent?.type === 'listItem' && typeof parent.checked === 'boolean' && taskParagraph(parent) === node)) {
          fieldsIn(node, parent?.type === 'listItem');
        }
        break;
      case 'table':
        facts.tables.push({
          range: range(from, to),
          rows: node.children.map((row) => ({
            range: range(...spanOf(row)),
            cells: row.children.map((cell) => ({ text: toString(cell).trim(), range: range(...spanOf(cell)) })),
          })),
        });
        break;
      case 'tableCell':
        if (tableCheck(parent, from, to)) return;
        break;
      case 'listItem':
        if (typeof node.checked === 'boolean') {
          const paragraph = taskParagraph(node);
          const commands: InlineCommand[] = [];
          if (paragraph) commandsIn(paragraph, commands);
          const boxAt = findBox(from, paragraph ? spanOf(paragraph)[0] : undefined);
          const here = point(from);
          const text = paragraph ? toString(paragraph).trim() : '';
          facts.items.push({
            text,
            textWithCode: paragraph && hasInlineCode(paragraph) ? withCodeSpans(paragraph).trim() : text,
            checked: node.checked,
            struck: paragraph ? isStruck(paragraph) : false,
            range: range(from, to),
            box: range(boxAt, boxAt + 3),
            depth: listDepth,
            ...(taskParent ? { parent: taskParent } : {}),
            commands,
          });
          for (const child of node.children) walk(child, node, listDepth + 1, here);
          return;
        }
        for (const child of node.children) walk(child, node, listDepth + 1, taskParent);
        return;
    }
    if ('children' in node) for (const child of node.children) walk(child, node, listDepth, taskParent);
  };

  const findBox = (itemStart: number, paragraphStart: number | undefined): number => {
    BOX_AFTER_MARKER.lastIndex = itemStart;
    const m = BOX_AFTER_MARKER.exec(text);
    if (m) return m.index + m[0].length - 3;
    // Not after the marker: definitions come first (`- [a]: /x` then `[ ] step`), and the box opens the paragraph.
    if (paragraphStart !== undefined) {
      const at = text.lastIndexOf('[', paragraphStart);
      if (at >= itemStart && text[at + 2] === ']' && ' xX'.includes(text[at + 1])) return at;
    }
    return text.indexOf('[', itemStart);
  };

  const tableCheck = (row: Parents | undefined, from: number, to: number): boolean => {
    const source = text.slice(from, to);
    const m = /^[\s|]*\[([ xX])\][\s|]*$/.exec(source);
    if (!m || row?.type !== 'tableRow') return false;
    const at = from + source.indexOf('[');
    facts.tableChecks.push({
      checked: m[1] !== ' ',
      box: range(at, at + 3),
      row: row.children.map((c) => toString(c).trim()),
    });
    return true;
  };

  walk(tree, undefined, 0, undefined);
  return facts;
}

/** The paragraph a task item's box belongs to: its first paragraph, after any definitions (as mdast-util-gfm-task-list-item reads it). */
function taskParagraph(item: ListItem): Paragraph | undefined {
  return item.children.find((child): child is Paragraph => child.type === 'paragraph');
}

function hasInlineCode(node: Nodes): boolean {
  return node.type === 'inlineCode' || ('children' in node && node.children.some(hasInlineCode));
}

/** mdast-util-to-string, except that inline code keeps its backticks (a fence longer than any run inside). */
function withCodeSpans(node: Nodes): string {
  if (node.type === 'inlineCode') {
    const ticks = '`'.repeat(Math.max(0, ...(node.value.match(/`+/g) ?? []).map((run) => run.length)) + 1);
    const pad = /^`|`$/.test(node.value) ? ' ' : '';
    return `${ticks}${pad}${node.value}${pad}${ticks}`;
  }
  if ('value' in node) return node.value;
  if (node.type === 'image') return node.alt ?? '';
  return 'children' in node ? node.children.map(withCodeSpans).join('') : '';
}

/** An item whose whole text is struck through (`~~Deprecated step~~`). */
function isStruck(paragraph: Paragraph): boolean {
  const parts = paragraph.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  return parts.length > 0 && parts.every((c) => c.type === 'delete');
}
