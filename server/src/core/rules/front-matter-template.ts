import { templateProblems } from '../template.js';
import { defineRule } from './defineRule.js';
import { reportKeyProblems } from './support/frontMatter.js';

export default defineRule({
  id: 'front-matter-template',
  summary: 'a `template:` mistake: wrong shape, unknown key, metadata for an unused placeholder',
  description:
    "A template's front matter `template:` has a wrong shape, an unknown key, or metadata for a placeholder the text does not use.",
  details:
    "A `template:` mistake loses a template's name, file name or a placeholder's prompt and default when a checklist is made from it. Reported on the key or value at fault: `template:` not a mapping, a `name`/`description`/`slug` that is not a string, a slug that is not file-name safe, an unknown key, a placeholder name that is not one, metadata for a placeholder the text does not use (`projct`: did you mean `project`?), or a `prompt`/`default`/`example` that is not a string.",
  severity: 'warning',
  example: {
    text: '---\ntemplate:\n  name: Release\n  placeholders:\n    projct:\n      prompt: Project name\n---\n\n# Release {{project}}\n\n- [ ] Tag {{project}}\n',
  },
  formerId: 'front-matter-invalid',
  state: false,
  check(checklist, report) {
    reportKeyProblems(checklist, templateProblems(checklist), report);
  },
});
