/**
 * An item's own text: its first paragraph, from the box to the line before a blank line, a sub-list,
 * a block or a run note. Wrapped lines, even lazy unindented ones, belong to it: a run note goes
 * after its last line, and a cursor on any of its lines means the item.
 */
import { lineEnd, lineStartsOf } from './lines.js';
import type { Checklist, Item } from './model.js';

const BLOCK_TAGS =
  'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul|pre|script|style|textarea';
/**
 * Lines that end a paragraph in CommonMark: anything else continues it (lazily, even unindented). A
 * thematic break is tested by isBreakLike: as a pattern it would repeat a group of repetitions.
 */
export const INTERRUPTS = new RegExp(
  String.raw`^(?:$|>|#{1,6}(?:[ \t]|$)|\x60{3,}|~{3,}|[-+*][ \t]+\S|1[.)][ \t]+\S|<(?:!|\?|/?(?:${BLOCK_TAGS})(?:[\s/>]|$)))`,
  'i',
);

function interrupts(line: string): boolean {
  return INTERRUPTS.test(line) || isBreakLike(line);
}

/** Three or more of `-*_` with only spaces and tabs around them, starting with one of them. */
function isBreakLike(line: string): boolean {
  let marks = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '-' || c === '*' || c === '_') marks++;
    else if (i === 0 || (c !== ' ' && c !== '\t')) return false;
  }
  return marks >= 3;
}

/** Last line (1-based) of the item's own paragraph. */
export function ownTextEnd(checklist: Checklist, item: Item): number {
  const text = checklist.text;
  const starts = lineStartsOf(checklist);
  const lineText = (line: number) => text.slice(starts[line - 1], lineEnd(text, starts[line - 1]));
  let line = item.box.end.line;
  while (line < item.range.end.line && !interrupts(lineText(line + 1).replace(/^[ \t>]*/, ''))) line++;
  return line;
}
