import { defineRule } from './defineRule.js';
import { allPhases } from '../progress.js';
import { masked, quote } from './support/source.js';

const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

export default defineRule({
  id: 'empty-phase',
  description: 'A heading with nothing under it (no items, code, table or text) before the next heading.',
  severity: 'warning',
  check(checklist, report) {
    // HTML comments are invisible to the reader, so a section holding only a comment is still empty.
    const text = masked(checklist, { comments: true });
    for (const phase of allPhases(checklist.phases)) {
      // A heading whose content is its sub-headings groups them; an empty sub-heading is reported on its own.
      if (phase.phases.length > 0) continue;
      const body = text.slice(phase.range.end.offset, phase.sectionEnd.offset);
      const content = body.split(/\r\n|\r|\n/).some((line) => line.trim() !== '' && !THEMATIC_BREAK.test(line));
      if (content) continue;
      report({
        message: `Section ${quote(phase.title)} is empty: expected items, steps or text before the next heading. Add its steps, or remove the heading.`,
        range: phase.range,
      });
    }
  },
});
