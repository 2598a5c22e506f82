/**
 * Steps: what a Run lens runs. A shell code block (bash, sh, shell, zsh, console), or an item whose
 * inline code is a command (`npm run lint`). Ids are stable across unrelated edits: the phase id
 * plus the block's first command line, or the item's id, so a run that finishes after the document
 * changed still finds its step.
 */
import { SHELL_LANGS } from './shellCommands.js';
import { IdAllocator, slug } from './ids.js';
import { phaseAt } from './lookup.js';
import type { Checklist, CodeFact, Item, Range } from './model.js';
import { lastAtOrBefore } from './sorted.js';

export interface Step {
  id: string;
  kind: 'code' | 'inline';
  /** The block's language, or 'inline'. */
  lang: string;
  /** What runs: the block's text, or the inline command. */
  command: string;
  /** The block, or the inline code span. */
  range: Range;
  phaseId: string;
  /** The item the step proves: the item holding the inline command or the block, or the item just above the block. */
  item?: Item;
  code?: CodeFact;
}

const stepCache = new WeakMap<Checklist, Step[]>();

/** Every step of a checklist in document order (cached per checklist object). */
export function stepsOf(checklist: Checklist): Step[] {
  const cached = stepCache.get(checklist);
  if (cached) return cached;
  const ids = new IdAllocator();
  const steps: Step[] = [];
  for (const item of checklist.items) {
    item.commands.forEach((c, index) => {
      steps.push({
        id: index === 0 ? item.id : `${item.id}$${index + 1}`,
        kind: 'inline',
        lang: 'inline',
        command: c.command,
        range: c.range,
        phaseId: item.phaseId,
        item,
      });
    });
  }
  for (const code of checklist.code) {
    const lang = code.lang?.toLowerCase() ?? '';
    if (!code.fenced || !SHELL_LANGS.has(lang) || code.value.trim() === '') continue;
    const item = itemFor(checklist, code);
    const phaseId = phaseIdAt(checklist, code.range.start.offset);
    const first = code.value.split('\n').find((l) => l.trim() !== '' && !l.trim().startsWith('#')) ?? code.value;
    steps.push({
      id: ids.take(`${phaseId}!${slug(first)}`),
      kind: 'code',
      lang,
      command: code.value,
      range: code.range,
      phaseId,
      code,
      ...(item ? { item } : {}),
    });
  }
  steps.sort((a, b) => a.range.start.offset - b.range.start.offset);
  stepCache.set(checklist, steps);
  return steps;
}

export function stepById(checklist: Checklist, id: string): Step | undefined {
  return stepsOf(checklist).find((s) => s.id === id);
}

/** The item holding the block (indented under it), else the item ending just before it with only blank lines between. */
function itemFor(checklist: Checklist, code: CodeFact): Item | undefined {
  const at = code.range.start.offset;
  const index = lastAtOrBefore(checklist.items, at, (i) => i.range.start.offset);
  for (let i = index; i >= 0; i--) {
    const item = checklist.items[i];
    if (item.range.end.offset >= code.range.end.offset) return item;
    if (item.depth === 0) {
      const gap = checklist.text.slice(item.range.end.offset, at);
      return /^\s*$/.test(gap) && phaseIdAt(checklist, item.range.start.offset) === phaseIdAt(checklist, at) ? item : undefined;
    }
  }
  return undefined;
}

/** Id of the innermost phase whose section holds `offset`; '' before the first phase. */
function phaseIdAt(checklist: Checklist, offset: number): string {
  return phaseAt(checklist, offset)?.id ?? '';
}
