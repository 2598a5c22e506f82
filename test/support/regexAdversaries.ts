/**
 * Checklists of 50–100 KB, each built to hit the worst case of one regular expression the rules run over
 * the text (a long run that an unanchored pattern with an unbounded repetition would rescan from every
 * start). The linear-guards test runs check() on each as a hang guard; the bench times each against the
 * seed's own check.
 */
export interface RegexAdversary {
  name: string;
  /** The pattern it aims at (file and constant), for the reader. */
  aims: string;
  text: string;
}

const doc = (body: string) => `# Hostile patterns\n\n## Phase one\n\n- [ ] A real step\n\n${body}\n\n## Phase two\n\n- [ ] Last step\n`;
const item = (text: string) => doc(`- [ ] ${text}`);
const code = (text: string, lang = 'bash') => doc(`- [ ] Run it\n\n\`\`\`${lang}\n${text}\n\`\`\``);

export function regexAdversaries(): RegexAdversary[] {
  return [
    { name: 'url-dots', aims: 'secretPatterns.ts URL_PASSWORD', text: item('a.'.repeat(47_000)) },
    { name: 'url-schemes', aims: 'secretPatterns.ts URL_PASSWORD', text: item('a://b:'.repeat(15_000)) },
    { name: 'if-parens', aims: 'checklist.ts OPTIONAL', text: item('(if '.repeat(20_000)) },
    { name: 'ecs-spaces', aims: 'ecsTargets.ts HEALTH_CLAIM', text: item(`all ecs${' '.repeat(80_000)}x`) },
    { name: 'all-all', aims: 'ecsTargets.ts HEALTH_CLAIM', text: item('all '.repeat(20_000)) },
    { name: 'mysql-run', aims: 'secret-in-checklist.ts mysql -p', text: code('mysql '.repeat(15_000)) },
    { name: 'dash-p-open', aims: "secret-in-checklist.ts -p'…'", text: code(`echo -p'${'a'.repeat(80_000)}`) },
    { name: 'password-spaces', aims: 'secret-in-checklist.ts PASSWORD_OPTION', text: code(`--password${' '.repeat(80_000)}`) },
    { name: 'secret-name-run', aims: 'secret-in-checklist.ts SECRET_ASSIGNMENT', text: code(`${'A'.repeat(80_000)}TOKEN`) },
    { name: 'config-keys', aims: 'secret-in-checklist.ts CONFIG', text: code(`${'token'.repeat(16_000)}x`, 'yaml') },
    { name: 'mustache-open', aims: 'extract.ts MUSTACHE, templateText.ts TEMPLATE_PLACEHOLDER', text: item('{{ a '.repeat(16_000)) },
    { name: 'bracket-x', aims: 'extract.ts BRACKET', text: item(`[x${' '.repeat(80_000)}`) },
    { name: 'box-spaces', aims: 'item-without-text.ts BOX', text: doc(`- [ ] step [ ]${' '.repeat(80_000)}x`) },
    { name: 'break-like', aims: 'empty-phase.ts thematic break, ownText.ts INTERRUPTS', text: doc(`- [ ] step\n${'-- '.repeat(26_000)}x`) },
    {
      name: 'role-colons',
      aims: 'signoff.ts ROLE_SEGMENT',
      text: `${doc('')}\n## Sign-off\n\n- [ ] QA Lead: ${'a: '.repeat(25_000)}\u2028x\n`,
    },
    {
      name: 'role-spaces',
      aims: 'signoff.ts ROLE_SEGMENT lookahead',
      text: `${doc('')}\n## Sign-off\n\n- [ ] QA Lead: Ann${' '.repeat(80_000)}x\n`,
    },
    { name: 'assignments', aims: 'fence-without-language.ts ASSIGNMENT', text: doc(`\`\`\`\n${'A=b '.repeat(20_000)}\\\n\`\`\``) },
    { name: 'status-not', aims: 'status-contradiction.ts NEGATED', text: `---\nstatus: "${'NOT '.repeat(20_000)}DONE"\n---\n${doc('')}` },
    { name: 'dash-heading', aims: 'ids.ts slug', text: doc(`### ${'-'.repeat(80_000)}x\n\n- [ ] step`) },
  ];
}
