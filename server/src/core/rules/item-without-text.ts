import { defineRule } from './defineRule.js';
import { itemHead, masked, point, rangeOf } from './support/source.js';

/** `- [ ]` with nothing after the box: markdown does not make it a task at all. */
const BARE_BOX = /^([ \t>]*)((?:[-*+]|\d{1,9}[.)])[ \t]+\[[ xX]\])[ \t]*$/;
/** Where a line can match BARE_BOX: a box, then (checked by hand) only spaces to the end of the line. */
const BOX = /\[[ xX]\]/g;
const EOL = /[\r\n]/g;

export default defineRule({
  id: 'item-without-text',
  description: 'A task box with no text after it: nobody can tell what it asks, and markdown does not count it as a task.',
  severity: 'warning',
  state: true,
  check(checklist, report) {
    const lines = new Set<number>();
    for (const item of checklist.items) {
      if (item.text.trim() !== '') continue;
      lines.add(item.range.start.line);
      report({ message: 'Task has a box but no text: write the step after the box, or remove the line.', range: itemHead(checklist, item) });
    }
    // Only a line ending in a box can match BARE_BOX (and holds one such box): find those instead of testing every line.
    const text = masked(checklist, { code: true, comments: true, frontMatter: true });
    BOX.lastIndex = 0;
    for (let m = BOX.exec(text); m; m = BOX.exec(text)) {
      let after = m.index + m[0].length;
      while (text[after] === ' ' || text[after] === '\t') after++;
      if (after < text.length && text[after] !== '\r' && text[after] !== '\n') continue;
      const { line, column } = point(checklist, m.index);
      const start = m.index - column + 1;
      EOL.lastIndex = m.index;
      const end = EOL.exec(text)?.index ?? text.length;
      const bare = BARE_BOX.exec(text.slice(start, end));
      if (!bare || lines.has(line)) continue;
      const from = start + bare[1].length;
      report({
        message: `\`${bare[2]}\` has no text after the box, so it is plain text, not a task: write the step after the box, or remove the line.`,
        range: rangeOf(checklist, from, from + bare[2].length),
      });
    }
  },
});
