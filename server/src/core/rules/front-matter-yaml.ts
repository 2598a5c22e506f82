import { defineRule } from './defineRule.js';
import { trimEndChars } from '../trimChars.js';

export default defineRule({
  id: 'front-matter-yaml',
  summary: 'front matter that does not parse',
  description:
    'The YAML front matter does not parse, so none of its settings (title, conditional phases, gates, signers, ECS targets, env) apply.',
  details:
    'The message gives the YAML error with its line counted in the file, not in the front matter. While the YAML does not parse, the other `front-matter-*` rules stay silent: there is nothing to read.',
  severity: 'error',
  example: {
    text: '---\ntitle: Release\nconditional: [Rollback\n---\n\n# Release\n\n- [ ] Tag the release\n',
  },
  formerId: 'front-matter-invalid',
  state: false,
  check(checklist, report) {
    const fm = checklist.frontMatter;
    if (!fm?.error) return;
    // The YAML parser counts lines from the first line after `---`; say the line of the file instead.
    const located = fm.error.replace(
      /\bat line (\d{1,9}), column (\d{1,9})/,
      (_, line: string, column: string) => `at line ${Number(line) + fm.range.start.line}, column ${column}`,
    );
    const error = trimEndChars(located, ' \t\r\n.:');
    report({
      message: `Front matter is not valid: ${error}. Fix the YAML between the \`---\` lines; until then its settings are ignored.`,
      range: fm.range,
    });
  },
});
