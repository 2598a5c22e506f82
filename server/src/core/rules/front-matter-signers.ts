import { signerProblems } from '../signerProblems.js';
import { defineRule } from './defineRule.js';
import { reportKeyProblems } from './support/frontMatter.js';

export default defineRule({
  id: 'front-matter-signers',
  summary: 'a `signers:` entry that is not an e-mail address, or names a role that is not there',
  description:
    'The front matter `signers:` is not a mapping of sign-off roles to e-mail addresses, or names a role the checklist does not have.',
  details:
    'A wrong entry is ignored, never read as a wildcard, so it can leave a role that nobody may sign; it never widens who may sign. Reported on the key or value at fault: `signers:` not a mapping, a role the sign-off lacks, a value that is neither an e-mail address nor a list of them, or an entry that is not an e-mail address.',
  severity: 'warning',
  example: {
    text: '---\nsigners:\n  QA Lead: quinn\n---\n\n# Release\n\n- [ ] Run the smoke tests\n\n## Sign-Off\n\n### QA Lead\n\n- [ ] I approve this release\n- Name:\n',
  },
  formerId: 'front-matter-invalid',
  state: false,
  check(checklist, report) {
    reportKeyProblems(checklist, signerProblems(checklist), report);
  },
});
