import { isRequired } from '../progress.js';
import { defineRule } from './defineRule.js';
import { phaseById, plural, quote } from './support/source.js';

export default defineRule({
  id: 'signoff-before-complete',
  description: 'A sign-off role is signed while required items before the sign-off section are still open.',
  severity: 'warning',
  check(checklist, report) {
    const signOff = checklist.signOff;
    if (!signOff) return;
    const before = signOff.phase.range.start.offset;
    const open = checklist.items.filter((i) => i.range.start.offset < before && isRequired(i) && !i.checked);
    if (open.length === 0) return;
    const first = open[0];
    const phase = phaseById(checklist, first.phaseId);
    const where = `${phase ? quote(phase.title) : 'before the first heading'}, line ${first.range.start.line}`;
    for (const role of signOff.roles) {
      if (!role.signed) continue;
      report({
        message: `${quote(role.name)} has signed off while ${plural(open.length, 'required item')} before the sign-off ${open.length === 1 ? 'is' : 'are'} still open (first in ${where}): finish them, mark them optional, or withdraw the sign-off.`,
        range: role.range,
      });
    }
  },
});
