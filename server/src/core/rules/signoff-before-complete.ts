import { gateOf } from '../signOffGate.js';
import { defineRule } from './defineRule.js';
import { phaseById, plural, quote } from './support/source.js';

export default defineRule({
  id: 'signoff-before-complete',
  summary: 'a role signed while required items of its gate are open',
  description:
    'A sign-off role is signed while required items of its gate are still open (the phases front matter `gates:` gives it, else every required item before the sign-off section).',
  severity: 'warning',
  details:
    "Items of a conditional phase (such as rollback) and optional items are not required. A role's gate is the set of phases front matter `gates:` gives it, or else everything before the sign-off section. The message gives the count and the first open phase.",
  example: {
    text: '# Release\n\n## Testing\n\n- [ ] Run the smoke tests\n\n## Sign-Off\n\n### QA Lead\n\n- [x] I approve this release\n- Name: Quinn\n- Date: 2026-12-01\n',
  },
  state: true,
  check(checklist, report) {
    for (const role of checklist.signOff?.roles ?? []) {
      // Only a signed role is reported: without one, the open items need not be counted.
      if (!role.signed) continue;
      const gate = gateOf(checklist, role);
      const open = gate.items.filter((item) => !item.checked);
      if (open.length === 0) continue;
      const first = open[0];
      const phase = phaseById(checklist, first.phaseId);
      const where = `${phase ? quote(phase.title) : 'before the first heading'}, line ${first.range.start.line}`;
      const scope = gate.phases.length > 0 ? `of its gate (${gate.phases.map((p) => quote(p.title)).join(', ')})` : 'before the sign-off';
      report({
        message: `${quote(role.name)} has signed off while ${plural(open.length, 'required item')} ${scope} ${open.length === 1 ? 'is' : 'are'} still open (first in ${where}): finish them, mark them optional, or withdraw the sign-off.`,
        range: role.range,
      });
    }
  },
});
