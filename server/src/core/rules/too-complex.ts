import { defineRule } from './defineRule.js';

/** Reports why a checklist was built by the line scanner instead of the parser (see core/complexity.ts). */
export default defineRule({
  id: 'too-complex',
  summary: 'a text shape the parser is slow on: headings and task items only',
  description: 'The text is too complex to analyse fully: only headings and task items are shown, no other rule runs.',
  severity: 'info',
  details:
    'The text has a shape on which the markdown parser is super-linear (a long run of emphasis delimiters or brackets in one paragraph, list items or block quotes nested more than 32 deep, or both together more than 64 on one line, a line over 100,000 characters, a table over 1,000 rows or a row with over 200 `|`), or its parse ran out of stack, or (in the language server) its analysis ran past `preflight.analysisBudgetMs`. The checklist then comes from a linear line scanner: headings become phases, task lines items with their boxes, so progress, the report, the tree, the outline and toggling keep working; code blocks, tables, fields and placeholders are not read and no other rule runs. An edit that removes the shape brings the full analysis back.',
  example: {
    text: '# Notes\n\n- [ ] Read the quote\n\n>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>> deep\n',
  },
  state: false,
  check(checklist, report) {
    const { degraded } = checklist;
    if (degraded)
      report({ message: `too complex to analyse fully: ${degraded.reason}; showing headings and task items only`, range: degraded.range });
  },
});
