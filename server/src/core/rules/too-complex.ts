import { defineRule } from './defineRule.js';

/** Reports why a checklist was built by the line scanner instead of the parser (see core/complexity.ts). */
export default defineRule({
  id: 'too-complex',
  description: 'The text is too complex to analyse fully: only headings and task items are shown, no other rule runs.',
  severity: 'info',
  state: false,
  check(checklist, report) {
    const { degraded } = checklist;
    if (degraded)
      report({ message: `too complex to analyse fully: ${degraded.reason}; showing headings and task items only`, range: degraded.range });
  },
});
