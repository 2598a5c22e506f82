import { splitLines } from '../lines.js';
import { defineRule } from './defineRule.js';
import { itemHead, masked, rangeOf } from './support/source.js';

/** `- [ ]` with nothing after the box: markdown does not make it a task at all. */
const BARE_BOX = /^((?:[ \t]*>)*[ \t]*)((?:[-*+]|\d{1,9}[.)])[ \t]+\[[ xX]\])[ \t]*$/;

export default defineRule({
  id: 'item-without-text',
  description: 'A task box with no text after it: nobody can tell what it asks, and markdown does not count it as a task.',
  severity: 'warning',
  check(checklist, report) {
    const lines = new Set<number>();
    for (const item of checklist.items) {
      if (item.text.trim() !== '') continue;
      lines.add(item.range.start.line);
      report({ message: 'Task has a box but no text: write the step after the box, or remove the line.', range: itemHead(checklist, item) });
    }
    splitLines(masked(checklist, { code: true, comments: true, frontMatter: true })).forEach((line, index) => {
      const m = BARE_BOX.exec(line.text);
      if (!m || lines.has(index + 1)) return;
      const from = line.start + m[1].length;
      report({
        message: `\`${m[2]}\` has no text after the box, so it is plain text, not a task: write the step after the box, or remove the line.`,
        range: rangeOf(checklist, from, from + m[2].length),
      });
    });
  },
});
