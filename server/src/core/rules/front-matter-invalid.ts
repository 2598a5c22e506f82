import { defineRule } from './defineRule.js';

export default defineRule({
  id: 'front-matter-invalid',
  description: 'The YAML front matter does not parse, so its settings (title, conditional phases) are ignored.',
  severity: 'error',
  state: false,
  check(checklist, report) {
    const fm = checklist.frontMatter;
    if (!fm?.error) return;
    // The YAML parser counts lines from the first line after `---`; say the line of the file instead.
    const error = fm.error
      .replace(/\bat line (\d+), column (\d+)/, (_, line: string, column: string) => `at line ${Number(line) + fm.range.start.line}, column ${column}`)
      .replace(/[\s.:]+$/, '');
    report({
      message: `Front matter is not valid: ${error}. Fix the YAML between the \`---\` lines; until then its settings are ignored.`,
      range: fm.range,
    });
  },
});
