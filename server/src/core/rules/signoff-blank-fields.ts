import { defineRule } from './defineRule.js';
import { plural, quote } from './support/source.js';

/** The fields that say who signed and when; Time and the like are nice to have. */
const IDENTITY = /^(?:name|date|signature|signed(?:\s+by)?|approved\s+by|approver)$/i;

export default defineRule({
  id: 'signoff-blank-fields',
  summary: 'a signed role with a blank Name, Date, Signature or Approved-by field',
  description: 'A sign-off role is signed (a statement ticked or a field filled) but its Name or Date is still blank.',
  severity: 'error',
  details:
    'The fields that must be filled once a role is signed are Name, Date, Signature and Approved-by, where the role has them; Time is not required.',
  example: {
    text: '# Release\n\n## Testing\n\n- [x] Run the smoke tests\n\n## Sign-Off\n\n### QA Lead\n\n- [x] I approve this release\n- Name:\n- Date:\n',
  },
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
