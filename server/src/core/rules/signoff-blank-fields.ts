import { defineRule } from './defineRule.js';
import { plural, quote } from './support/source.js';

/** The fields that say who signed and when; Time and the like are nice to have. */
const IDENTITY = /^(?:name|date|signature|signed(?:\s+by)?|approved\s+by|approver)$/i;

export default defineRule({
  id: 'signoff-blank-fields',
  description: 'A sign-off role is signed (a statement ticked or a field filled) but its Name or Date is still blank.',
  severity: 'error',
  state: true,
  check(checklist, report) {
    for (const role of checklist.signOff?.roles ?? []) {
      if (!role.signed) continue;
      const ticked = role.statements.filter((s) => s.checked).length;
      const why = ticked > 0 ? `${plural(ticked, 'statement')} ticked` : 'another field is filled in';
      for (const field of role.fields) {
        if (field.filled || !IDENTITY.test(field.key)) continue;
        report({
          message: `${quote(role.name)} is signed off (${why}) but its ${field.key} is blank: fill in ${field.key}, or untick the sign-off until it is real.`,
          range: field.range,
        });
      }
    }
  },
});
