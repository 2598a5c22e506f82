import { defineRule } from './defineRule.js';
import { allPhases } from '../progress.js';
import { masked, quote } from './support/source.js';

/** `---`, `* * *`, `___`: up to three spaces, then three or more of one of `-*_`, spaces and tabs between (a loop: as a pattern it repeats a group of repetitions). */
function isThematicBreak(line: string): boolean {
  let i = 0;
  while (i < 3 && line[i] === ' ') i++;
  const mark = line[i];
  if (mark !== '-' && mark !== '*' && mark !== '_') return false;
  let count = 0;
  for (; i < line.length; i++) {
    if (line[i] === mark) count++;
    else if (line[i] !== ' ' && line[i] !== '\t') return false;
  }
  return count >= 3;
}
const NOT_SPACE = /\S/g;
const EOL = /[\r\n]/g;

/**
 * Whether `text` between `from` and `to`, split into lines at CRLF, CR and LF, has a line that is
 * neither blank nor a thematic break. Only lines with something on them are looked at.
 */
function hasContent(text: string, from: number, to: number): boolean {
  NOT_SPACE.lastIndex = from;
  for (let m = NOT_SPACE.exec(text); m && m.index < to; m = NOT_SPACE.exec(text)) {
    EOL.lastIndex = m.index;
    const end = Math.min(EOL.exec(text)?.index ?? text.length, to);
    let start = m.index;
    while (start > from && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
    if (!isThematicBreak(text.slice(start, end))) return true;
    NOT_SPACE.lastIndex = end;
  }
  return false;
}

export default defineRule({
  id: 'empty-phase',
  summary: 'a heading with nothing under it',
  description: 'A heading with nothing under it (no items, code, table or text) before the next heading.',
  severity: 'warning',
  details:
    'An HTML comment does not count as content: the reader does not see it. A heading whose only content is sub-headings groups them and is not empty; an empty sub-heading is reported on its own.',
  example: {
    text: '# Release\n\n## Preparation\n\n## Deploy\n\n- [ ] Deploy the API\n',
  },
  state: false,
  check(checklist, report) {
    // HTML comments are invisible to the reader, so a section holding only a comment is still empty.
    const text = masked(checklist, { comments: true });
    for (const phase of allPhases(checklist.phases)) {
      // A heading whose content is its sub-headings groups them; an empty sub-heading is reported on its own.
      if (phase.phases.length > 0) continue;
      if (hasContent(text, phase.range.end.offset, phase.sectionEnd.offset)) continue;
      report({
        message: `Section ${quote(phase.title)} is empty: expected items, steps or text before the next heading. Add its steps, or remove the heading.`,
        range: phase.range,
      });
    }
  },
});
