/**
 * Snippets for writing checklists: a task, a sub-task, a phase, a section, a shell step, a sign-off role.
 * Offered at the start of a line (optionally after a word being typed) or right after a bare list
 * marker, never inside code or front matter. `text` may be newer than the checklist (completion runs
 * while typing): the model is then used only where it still describes the text.
 */
import { type CompletionItem, CompletionItemKind, InsertTextFormat, type Position, type Range } from 'vscode-languageserver';
import { lineStarts, lineStartsOf } from '../../core/lines.js';
import type { Checklist } from '../../core/model.js';
import { lastAtOrBefore } from '../../core/sorted.js';
import { offsetIn } from './convert.js';
import { phaseAt } from './lookup.js';

const BLANK = '________________';
const LIST_ITEM = /^([ \t]*)([-*+]|\d{1,9}[.)])[ \t]+/;

export function completions(checklist: Checklist, text: string, position: Position): CompletionItem[] {
  const fresh = text === checklist.text;
  const starts = fresh ? lineStartsOf(checklist) : lineStarts(text);
  if (position.line < 0 || position.line >= starts.length) return [];
  const offset = offsetIn(text, starts, position);
  const lineStart = starts[position.line];
  const prefix = text.slice(lineStart, offset);
  if (fresh ? inModelCode(checklist, offset) : inFence(text, lineStart)) return [];

  // Right after a bare list marker (`- `, `* `, `1. `): complete the box only.
  if (/^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+$/.test(prefix)) {
    return [snippet('[ ] task', 'Task box', '[ ] $0', '0', undefined)];
  }
  const start = /^([ \t]*)[\w-]*$/.exec(prefix);
  if (!start) return [];
  const indent = start[1];
  const replace: Range = { start: { line: position.line, character: 0 }, end: position };
  const items: CompletionItem[] = [snippet('task', 'Task item', `${indent}- [ ] $0`, '0', replace)];

  const above = previousNonBlankLine(text, starts, position.line);
  const list = above === undefined ? null : LIST_ITEM.exec(above);
  if (list) {
    const child = ' '.repeat(list[1].replace(/\t/g, '    ').length + list[2].length + 1);
    items.push(snippet('subtask', 'Sub-item of the item above', `${child}- [ ] $0`, '1', replace));
  }
  if (indent === '') {
    // Levels follow the document: phases at the level its phases use, sections one deeper.
    const phaseLevel = Math.min(5, checklist.phases[0]?.level ?? 2);
    const phaseHashes = '#'.repeat(phaseLevel);
    const sectionHashes = '#'.repeat(phaseLevel + 1);
    items.push(
      snippet('phase', 'Phase heading with a first item', `${phaseHashes} \${1:Phase}\n\n- [ ] \${2:First step}$0`, '2', replace),
      snippet('section', 'Section heading with a first item', `${sectionHashes} \${1:Section}\n\n- [ ] \${2:First step}$0`, '3', replace),
      snippet(
        'bash step',
        'Item with a shell block to run',
        '- [ ] ${1:What the command does}\n\n```bash\n${2:command}\n```\n$0',
        '4',
        replace,
      ),
    );
    const signOff = checklist.signOff;
    const inSignOff = fresh && signOff !== undefined && isWithin(checklist, offset, signOff.phase.id);
    if (inSignOff) {
      items.push(
        snippet('sign-off role', 'A role that signs off', roleSnippet('#'.repeat(Math.min(6, signOff.phase.level + 1))), '5', replace),
      );
    } else if (!signOff) {
      items.push(
        snippet(
          'sign-off section',
          'Sign-off section with a first role',
          `${phaseHashes} Sign-Off\n\n${roleSnippet(sectionHashes)}`,
          '5',
          replace,
        ),
      );
    }
  }
  return items;
}

function roleSnippet(hashes: string): string {
  return `${hashes} \${1:Role}\n- [ ] \${2:Ready to proceed}\n- Name: ${BLANK}\n- Date: ${BLANK}\n- Time: ${BLANK}\n$0`;
}

function snippet(label: string, detail: string, insertText: string, sort: string, replace: Range | undefined): CompletionItem {
  return {
    label,
    kind: CompletionItemKind.Snippet,
    detail,
    documentation: {
      kind: 'markdown',
      value: ['```markdown', insertText.replace(/\$\{\d{1,9}:([^}]{0,1024})\}/g, '$1').replace(/\$\d+/g, ''), '```'].join('\n'),
    },
    insertTextFormat: InsertTextFormat.Snippet,
    sortText: `~preflight-${sort}`,
    ...(replace ? { textEdit: { range: replace, newText: insertText }, filterText: label } : { insertText }),
  };
}

function isWithin(checklist: Checklist, offset: number, phaseId: string): boolean {
  const phase = phaseAt(checklist, offset);
  return phase !== undefined && (phase.id === phaseId || phase.id.startsWith(`${phaseId}/`));
}

function previousNonBlankLine(text: string, starts: readonly number[], line: number): string | undefined {
  for (let l = line - 1; l >= 0; l--) {
    const content = text.slice(starts[l], l + 1 < starts.length ? starts[l + 1] : text.length).replace(/\r?\n$|\r$/, '');
    if (content.trim() !== '') return content;
  }
  return undefined;
}

/** In a code block or the front matter, by the model (whose text equals the request's). */
function inModelCode(checklist: Checklist, offset: number): boolean {
  const fm = checklist.frontMatter;
  if (fm && offset >= fm.range.start.offset && offset <= fm.range.end.offset) return true;
  const block = checklist.code[lastAtOrBefore(checklist.code, offset, (c) => c.range.start.offset)];
  // The end counts: an unclosed fence runs to the end of the text, where the cursor may be.
  return block !== undefined && offset <= block.range.end.offset;
}

/** In an open fence, from the text alone (the model is stale): count fences above the line. */
function inFence(text: string, lineStart: number): boolean {
  let open: { char: string; length: number } | undefined;
  const fence = /^[ \t]*(`{3,}|~{3,})(.*)$/gm;
  for (const match of text.slice(0, lineStart).matchAll(fence)) {
    const [, marks, rest] = match;
    if (!open) {
      if (!(marks[0] === '`' && rest.includes('`'))) open = { char: marks[0], length: marks.length };
    } else if (marks[0] === open.char && marks.length >= open.length && rest.trim() === '') open = undefined;
  }
  return open !== undefined;
}
