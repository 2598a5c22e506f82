/**
 * Which markdown-it tokens of the Markdown preview stand for which parts of the server's outline, matched
 * by source line (`token.map[0]`, 0-based, as the outline's LSP lines). VS Code tokenizes front matter into
 * a token of its own, so its lines stay document lines. The outline decides what is a box: a list item that
 * looks like a task to markdown-it but not to the server stays plain text, and nothing here counts.
 * Pure (no `vscode`), so the unit tests run it over real documents.
 */
import type { Outline, OutlineItem, OutlinePhase, OutlineRole, OutlineTableCheck } from '@preflight/protocol';
import { itemsOf, phasesOf } from '../checklists/walk';

/**
 * The parts of a markdown-it token the preview reads and writes. Structural, so that VS Code's bundled
 * markdown-it (12 in VS Code 1.100) and the tests' markdown-it 15 both fit.
 */
export interface MdToken {
  type: string;
  tag: string;
  nesting: number;
  map: [number, number] | null;
  content: string;
  children: MdToken[] | null;
  attrs: [string, string][] | null;
  meta: unknown;
  attrJoin(name: string, value: string): void;
  attrSet(name: string, value: string): void;
}

/** What goes into the rendering of one document, by token index. */
export interface PreviewMatch {
  /** `list_item_open` → the outline item it renders. */
  items: Map<number, OutlineItem>;
  /** `td_open`/`th_open` → the table check its cell renders. */
  cells: Map<number, OutlineTableCheck>;
  /** `inline` → the badges appended to it: a phase's progress and sign-off roles, in that order. */
  badges: Map<number, Badge[]>;
  /** `bullet_list_open`/`ordered_list_open` holding at least one rendered box. */
  taskLists: Set<number>;
  /** List items markdown-it reads as tasks that the outline does not hold (0-based lines); rendered plain. */
  tasksNotInOutline: number[];
  /** Outline items no task token stands for (markdown-it disagrees with GFM); the preview cannot show them. */
  itemsNotRendered: OutlineItem[];
  /** Table checks no cell stands for. */
  tableChecksNotRendered: OutlineTableCheck[];
}

export type Badge = { kind: 'progress'; phase: OutlinePhase } | { kind: 'role'; role: OutlineRole };

/** `[ ]`, `[x]` or `[X]` opening a task's first paragraph, then white space and text (as GFM has it). */
const TASK_MARKER = /^\[[ xX]\][ \t\n]+\S/;
/** A table cell holding only a box. */
const CELL_BOX = /^\[[ xX]\]$/;

/** The `inline` token of a list item's first paragraph when it opens the item, or -1. */
export function itemInline(tokens: readonly MdToken[], open: number): number {
  return tokens[open + 1]?.type === 'paragraph_open' && tokens[open + 2]?.type === 'inline' ? open + 2 : -1;
}

/** Whether markdown-it's list item at `open` starts with a task marker (its own view, before the outline's). */
export function isTaskToken(tokens: readonly MdToken[], open: number): boolean {
  const inline = itemInline(tokens, open);
  return tokens[open].type === 'list_item_open' && inline >= 0 && TASK_MARKER.test(tokens[inline].content);
}

export function matchOutline(tokens: readonly MdToken[], outline: Outline): PreviewMatch {
  const itemsByLine = new Map(itemsOf(outline).map((item) => [item.range.start.line, item]));
  const phasesByLine = new Map<number, OutlinePhase>();
  for (const phase of phasesOf(outline)) if (phase.total > 0) phasesByLine.set(phase.range.start.line, phase);
  const rolesByLine = groupBy(outline.signOff, (role) => role.range.start.line);
  const checksByLine = groupBy(outline.tableChecks, (check) => check.line);

  const match: PreviewMatch = {
    items: new Map(),
    cells: new Map(),
    badges: new Map(),
    taskLists: new Set(),
    tasksNotInOutline: [],
    itemsNotRendered: [],
    tableChecksNotRendered: [],
  };
  const addBadge = (inline: number, badge: Badge) => {
    const badges = match.badges.get(inline);
    if (badges) badges.push(badge);
    else match.badges.set(inline, [badge]);
  };
  const rendered = new Set<OutlineItem>();
  const renderedChecks = new Set<OutlineTableCheck>();
  const placedRoles = new Set<OutlineRole>();
  const lists: number[] = [];

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const line = token.map?.[0];
    switch (token.type) {
      case 'bullet_list_open':
      case 'ordered_list_open':
        lists.push(i);
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        break;
      case 'heading_open': {
        if (line === undefined) break;
        const phase = phasesByLine.get(line);
        if (phase) addBadge(i + 1, { kind: 'progress', phase });
        for (const role of rolesByLine.get(line) ?? []) placeRole(role, i + 1);
        break;
      }
      case 'list_item_open': {
        if (line === undefined) break;
        const item = itemsByLine.get(line);
        if (isTaskToken(tokens, i)) {
          // One box per line: an outer item that opens with a nested list shares its line but is no task.
          if (item && !rendered.has(item)) {
            rendered.add(item);
            match.items.set(i, item);
            if (lists.length > 0) match.taskLists.add(lists[lists.length - 1]);
          } else match.tasksNotInOutline.push(line);
        }
        const inline = itemInline(tokens, i);
        if (inline >= 0) for (const role of rolesByLine.get(line) ?? []) placeRole(role, inline);
        break;
      }
      case 'tr_open': {
        if (line === undefined) break;
        matchRow(i, line);
        break;
      }
    }
  }
  match.itemsNotRendered = itemsOf(outline).filter((item) => !rendered.has(item));
  match.tableChecksNotRendered = outline.tableChecks.filter((check) => !renderedChecks.has(check));
  return match;

  function placeRole(role: OutlineRole, inline: number): void {
    if (placedRoles.has(role)) return;
    placedRoles.add(role);
    addBadge(inline, { kind: 'role', role });
  }

  /** The row's box cells, in order, against the line's table checks by character; all or nothing. */
  function matchRow(open: number, line: number): void {
    const cells: { open: number; inline: number }[] = [];
    let firstInline = -1;
    for (let j = open + 1; j < tokens.length && tokens[j].type !== 'tr_close'; j++) {
      if ((tokens[j].type === 'td_open' || tokens[j].type === 'th_open') && tokens[j + 1]?.type === 'inline') {
        if (firstInline < 0) firstInline = j + 1;
        if (CELL_BOX.test(tokens[j + 1].content.trim())) cells.push({ open: j, inline: j + 1 });
      }
    }
    const checks = [...(checksByLine.get(line) ?? [])].sort((a, b) => a.character - b.character);
    if (checks.length > 0 && checks.length === cells.length)
      checks.forEach((check, n) => {
        match.cells.set(cells[n].open, check);
        renderedChecks.add(check);
      });
    if (firstInline >= 0) for (const role of rolesByLine.get(line) ?? []) placeRole(role, firstInline);
  }
}

/** Values by key, in order; a push per value (a row of thousands of table checks stays linear). */
function groupBy<T>(values: readonly T[], key: (value: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const value of values) {
    const group = groups.get(key(value));
    if (group) group.push(value);
    else groups.set(key(value), [value]);
  }
  return groups;
}

/**
 * Everything a rendering shows of an outline, as one string: when an outline arrives with the same
 * version as the last rendering and a different signature, the preview must be refreshed.
 */
export function outlineSignature(outline: Outline): string {
  const parts: string[] = [String(outline.version)];
  for (const item of itemsOf(outline)) parts.push(`i${item.range.start.line}:${item.id}:${item.checked ? 1 : 0}`);
  for (const phase of phasesOf(outline)) parts.push(`p${phase.range.start.line}:${phase.done}/${phase.total}`);
  for (const check of outline.tableChecks) parts.push(`t${check.line}:${check.character}:${check.checked ? 1 : 0}`);
  for (const role of outline.signOff) parts.push(`r${role.range.start.line}:${role.signed ? 1 : 0}:${role.gate.done}/${role.gate.total}`);
  return parts.join(' ');
}
