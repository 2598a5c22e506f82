import { defineRule } from './defineRule.js';

export default defineRule({
  id: 'unfilled-placeholder',
  description: 'A placeholder such as `[Name]`, `____` or `{{date}}` is still waiting for its value.',
  severity: 'warning',
  check(checklist, report) {
    for (const p of checklist.placeholders) {
      const what = p.kind === 'blank' ? 'a blank line to fill in' : `placeholder ${p.text}`;
      report({ message: `Unfilled ${what}: replace it with the real value before the checklist is used.`, range: p.range });
    }
  },
});
