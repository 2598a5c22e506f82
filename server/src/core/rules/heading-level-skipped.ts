import type { Range } from '../model.js';
import { allPhases } from '../progress.js';
import { defineRule } from './defineRule.js';
import { quote, rangeOf, starts } from './support/source.js';

const ATX = /^([ \t>]*)(#{1,6})(?=[ \t]|$)/;

export default defineRule({
  id: 'heading-level-skipped',
  summary: 'a heading more than one level deeper than the one before',
  description: 'A heading is more than one level deeper than the heading before it (`##` then `####`).',
  severity: 'warning',
  details: 'A skipped level breaks the outline and the nesting of phases: the deeper heading is read as a sub-phase of the one before.',
  fixes: 'Changes the number of `#` to one more than the heading before (ATX headings only).',
  example: {
    text: '# Release\n\n#### Deploy\n\n- [ ] Deploy the API\n',
    fixed: '# Release\n\n## Deploy\n\n- [ ] Deploy the API\n',
  },
  state: false,
  check(checklist, report) {
    const headings: { level: number; title: string; range: Range }[] = [];
    if (checklist.titleHeading)
      headings.push({ level: checklist.titleHeading.depth, title: checklist.titleHeading.title, range: checklist.titleHeading.range });
    for (const phase of allPhases(checklist.phases)) headings.push({ level: phase.level, title: phase.title, range: phase.range });
    headings.sort((a, b) => a.range.start.offset - b.range.start.offset);

    const lineStarts = starts(checklist);
    for (let i = 1; i < headings.length; i++) {
      const previous = headings[i - 1].level;
      const { level, title, range } = headings[i];
      if (level <= previous + 1) continue;
      const expected = previous + 1;
      const lineStart = lineStarts[range.start.line - 1];
      const atx = ATX.exec(checklist.text.slice(lineStart, range.end.offset));
      // Setext headings (underlined) only come in levels 1 and 2, so they cannot skip; ATX gets a fix.
      const fix = atx
        ? {
            title: `Change to level ${expected} (\`${'#'.repeat(expected)}\`)`,
            edits: [
              {
                range: rangeOf(checklist, lineStart + atx[1].length, lineStart + atx[1].length + atx[2].length),
                newText: '#'.repeat(expected),
              },
            ],
          }
        : undefined;
      report({
        message: `Heading ${quote(title)} is level ${level} right after a level-${previous} heading: expected level ${expected} at most. Skipped levels break the outline and the nesting of phases.`,
        range,
        ...(fix ? { fix } : {}),
      });
    }
  },
});
