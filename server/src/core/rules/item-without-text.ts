import type { Checklist } from '../model.js';
import { lastAtOrBefore } from '../sorted.js';
import { defineRule, type Report } from './defineRule.js';
import { itemHead, maskedSlice, point, rangeOf, starts } from './support/source.js';

/** `- [ ]` with nothing after the box: markdown does not make it a task at all. */
const BARE_BOX = /^([ \t>]*)((?:[-*+]|\d{1,9}[.)])[ \t]+\[[ xX]\])[ \t]*$/;
/** Where a line can match BARE_BOX: a box, then (checked by hand) only spaces to the end of the line. */
const BOX = /\[[ xX]\]/g;
const EOL = /[\r\n]/g;

/** The findings on the lines in [from, to), which are whole lines with their endings (a finding never spans two). */
function findIn(checklist: Checklist, from: number, to: number, report: Report): void {
  const { items } = checklist;
  const lines = new Set<number>();
  for (
    let i = lastAtOrBefore(items, from - 1, (x) => x.range.start.offset) + 1;
    i < items.length && items[i].range.start.offset < to;
    i++
  ) {
    const item = items[i];
    if (item.text.trim() !== '') continue;
    lines.add(item.range.start.line);
    report({ message: 'Task has a box but no text: write the step after the box, or remove the line.', range: itemHead(checklist, item) });
  }
  // Only a line ending in a box can match BARE_BOX (and holds one such box): find those instead of testing every line.
  // `text` is the masked source from `from` on (after a toggle, just the lines asked for: see maskedSlice).
  const text = maskedSlice(checklist, { code: true, comments: true, frontMatter: true }, from, to);
  BOX.lastIndex = 0;
  for (let m = BOX.exec(text); m; m = BOX.exec(text)) {
    let after = m.index + m[0].length;
    while (text[after] === ' ' || text[after] === '\t') after++;
    if (after < text.length && text[after] !== '\r' && text[after] !== '\n') continue;
    const { line, column } = point(checklist, from + m.index);
    const start = m.index - column + 1;
    EOL.lastIndex = m.index;
    const end = EOL.exec(text)?.index ?? text.length;
    const bare = BARE_BOX.exec(text.slice(start, end));
    if (!bare || lines.has(line)) continue;
    const at = from + start + bare[1].length;
    report({
      message: `\`${bare[2]}\` has no text after the box, so it is plain text, not a task: write the step after the box, or remove the line.`,
      range: rangeOf(checklist, at, at + bare[2].length),
    });
  }
}

export default defineRule({
  id: 'item-without-text',
  summary: 'a task box with nothing after it',
  description: 'A task box with no text after it: nobody can tell what it asks, and markdown does not count it as a task.',
  severity: 'warning',
  example: {
    text: '# Release\n\n- [ ] Tag the release\n- [ ]\n',
  },
  // An item's own box shows in the message when its line is bare (`- [x]` with the text on the next line).
  state: true,
  check(checklist, report) {
    findIn(checklist, 0, checklist.text.length, report);
  },
  checkSpan: findIn,
  // A tick rewrites one character of its box's line, and every finding lies on one line: only that line can change.
  recheck(checklist, ticked) {
    const lines = new Set(ticked.map((item) => item.box.start.line));
    return {
      covers: (finding) => lines.has(finding.range.start.line),
      check(report) {
        const lineStarts = starts(checklist);
        for (const line of [...lines].sort((a, b) => a - b))
          findIn(checklist, lineStarts[line - 1], lineStarts[line] ?? checklist.text.length + 1, report);
      },
    };
  },
});
