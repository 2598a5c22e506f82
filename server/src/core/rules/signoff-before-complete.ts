import type { Item } from '../model.js';
import { isRequired } from '../progress.js';
import { defineRule } from './defineRule.js';
import { phaseById, plural, quote } from './support/source.js';

export default defineRule({
  id: 'signoff-before-complete',
  description: 'A sign-off role is signed while required items before the sign-off section are still open.',
  severity: 'warning',
  state: true,
  check(checklist, report) {
    const signOff = checklist.signOff;
    if (!signOff) return;
    // Only a signed role is reported: without one, the open items need not be counted.
    if (!signOff.roles.some((role) => role.signed)) return;
    const before = signOff.phase.range.start.offset;
    let open = 0;
    let first: Item | undefined;
    for (const item of checklist.items) {
      if (item.range.start.offset < before && isRequired(item) && !item.checked) {
        open++;
        first ??= item;
      }
    }
    if (!first) return;
    const phase = phaseById(checklist, first.phaseId);
    const where = `${phase ? quote(phase.title) : 'before the first heading'}, line ${first.range.start.line}`;
    for (const role of signOff.roles) {
      if (!role.signed) continue;
      report({
        message: `${quote(role.name)} has signed off while ${plural(open, 'required item')} before the sign-off ${open === 1 ? 'is' : 'are'} still open (first in ${where}): finish them, mark them optional, or withdraw the sign-off.`,
        range: role.range,
      });
    }
  },
});
