/** What is wrong with front matter `signers:` as written: its shape, entries that are not e-mail addresses, unknown roles. */
import { namesRole } from './signOffGate.js';
import type { Checklist } from './model.js';
import { isEmail } from './signers.js';
import { isMapping, kindOf } from './yamlShapes.js';

export interface SignerProblem {
  message: string;
  /** Keys and list indexes from the front matter root to the value at fault. */
  path: (string | number)[];
  /** The problem is the key itself (an unknown role), not its value. */
  key?: boolean;
}

const EXAMPLE = '`QA Lead: quinn@example.com` or `QA Lead: [quinn@example.com, qa@example.com]`';

export function signerProblems(checklist: Checklist): SignerProblem[] {
  const signers = checklist.frontMatter?.data.signers;
  if (signers === undefined) return [];
  if (!isMapping(signers)) {
    return [
      {
        message: `\`signers:\` should map sign-off roles to the e-mail addresses allowed to sign them (${EXAMPLE}), not ${kindOf(signers)}`,
        path: ['signers'],
      },
    ];
  }
  const problems: SignerProblem[] = [];
  const roles = checklist.signOff?.roles ?? [];
  for (const [role, value] of Object.entries(signers)) {
    if (!roles.some((r) => namesRole(role, r))) {
      const known =
        roles.length > 0 ? `its roles are ${roles.map((r) => `"${r.name}"`).join(', ')}` : 'the checklist has no sign-off section';
      problems.push({
        message: `\`signers:\` names the role "${role}", which the sign-off does not have (${known})`,
        path: ['signers', role],
        key: true,
      });
    }
    const list = Array.isArray(value) ? value : [value];
    if (typeof value !== 'string' && !Array.isArray(value)) {
      problems.push({
        message: `\`signers: ${role}\` should be an e-mail address or a list of them (${EXAMPLE}), not ${kindOf(value)}; until it is, nobody may sign "${role}"`,
        path: ['signers', role],
      });
      continue;
    }
    if (list.length === 0)
      problems.push({ message: `\`signers: ${role}\` lists nobody, so nobody may sign "${role}"`, path: ['signers', role] });
    list.forEach((entry, index) => {
      const at = Array.isArray(value) ? ['signers', role, index] : ['signers', role];
      if (typeof entry !== 'string')
        problems.push({ message: `\`signers: ${role}\` has ${kindOf(entry)} where an e-mail address belongs`, path: at });
      else if (!isEmail(entry.trim()))
        problems.push({
          message: `\`signers: ${role}\` has "${entry}", which is not an e-mail address (as in git's allowed-signers file or on a GPG key): it is ignored`,
          path: at,
        });
    });
  }
  return problems;
}
