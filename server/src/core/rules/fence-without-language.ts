import { isCommand } from '../shellCommands.js';
import type { CodeFact } from '../model.js';
import { defineRule } from './defineRule.js';
import { firstLine, rangeOf } from './support/source.js';

/**
 * The language a block of shell reads as: `console` for a session with `$ ` prompts (commands mixed
 * with their output), `bash` for a shell shebang or a first line that runs a known program or a script.
 */
/** One `NAME=value ` in front of a command; matched one at a time, as a repeated group it would nest repetitions. */
const ASSIGNMENT = /[A-Za-z_][A-Za-z0-9_]*=\S*\s+/y;

function withoutAssignments(line: string): string {
  ASSIGNMENT.lastIndex = 0;
  let at = 0;
  while (ASSIGNMENT.exec(line)) at = ASSIGNMENT.lastIndex;
  return line.slice(at);
}

function shellLanguage(code: CodeFact): 'bash' | 'console' | undefined {
  const lines = code.value.split(/\r\n|\r|\n/);
  if (/^#!.*\b(?:ba|z|da|k)?sh\b/.test(lines[0] ?? '')) return 'bash';
  if (lines.some((line) => /^\s*\$ +[\w./~-]/.test(line))) return 'console';
  const first = lines.map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('#'));
  if (first === undefined) return undefined;
  // Leading `NAME=value` assignments do not change what runs.
  const command = withoutAssignments(first.endsWith('\\') ? first.slice(0, -1).trimEnd() : first);
  return isCommand(command) ? 'bash' : undefined;
}

export default defineRule({
  id: 'fence-without-language',
  summary: 'a fenced block of shell commands that names no language',
  description: 'A fenced code block of shell commands names no language, so it is neither highlighted nor offered as a runnable step.',
  severity: 'warning',
  details:
    'A block counts as shell when it has a `$ ` prompt, a shell shebang, or a first line that runs a known program or `./script.sh`. Text blocks such as e-mail templates are left alone.',
  fixes: 'Adds `bash` after the opening fence (`console` for a session with `$ ` prompts).',
  example: {
    text: '# Deploy\n\n- [ ] Wait for the rollout\n\n```\nkubectl rollout status deploy/api\n```\n',
    fixed: '# Deploy\n\n- [ ] Wait for the rollout\n\n```bash\nkubectl rollout status deploy/api\n```\n',
  },
  state: false,
  check(checklist, report) {
    for (const code of checklist.code) {
      if (!code.fenced || code.lang !== null) continue;
      const lang = shellLanguage(code);
      if (!lang) continue;
      const at = code.range.start.offset;
      const fence = /[ \t]*(`{3,}|~{3,})/y;
      fence.lastIndex = at;
      const m = fence.exec(checklist.text);
      const insertAt = m ? at + m[0].length : undefined;
      report({
        message: `Fenced code block holds ${lang === 'console' ? 'a shell session' : 'shell commands'} but names no language: add \`${lang}\` after the opening fence so it is highlighted and can be run as a step.`,
        range: firstLine(checklist, code.range.start),
        ...(insertAt !== undefined
          ? { fix: { title: `Mark the block as \`${lang}\``, edits: [{ range: rangeOf(checklist, insertAt, insertAt), newText: lang }] } }
          : {}),
      });
    }
  },
});
