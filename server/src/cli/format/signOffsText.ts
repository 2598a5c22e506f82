import type { RoleVerdict } from '../../signoffs/evaluate.js';
import type { SignOffsReport } from '../signOffsReport.js';
import { stateLabel } from '../../signoffs/roleState.js';
import { signatureShort } from '../../signoffs/signature.js';
import type { Paint } from './color.js';
import { plainLine } from '../../text/plainText.js';

/**
 * One line per role: ✓ verified (a good signature by an allowed signer), ? signed but not proven (author name
 * only, or a key git cannot check), ✗ signed but failing (with the state and why), – not signed.
 */
export function signOffsText(report: SignOffsReport, p: Paint): string {
  const lines = [`${p.bold(plainLine(report.title || report.file))}  ${p.dim(plainLine(report.path))}`];
  if (!report.hasSignOff) {
    lines.push(p.dim('  No sign-off section, so nothing to verify (a heading such as "## Sign-Off" with a sub-heading per role).'));
    return lines.join('\n');
  }
  const width = Math.min(40, Math.max(0, ...report.roles.map((r) => plainLine(r.name).length)));
  for (const role of report.roles) lines.push(`  ${mark(role, p)} ${plainLine(role.name).padEnd(width)}  ${detail(role, p)}`);
  const signed = report.roles.filter((r) => r.signed);
  const verified = signed.filter((r) => r.verified).length;
  const unproven = signed.filter((r) => !r.verified && r.passes).length;
  const unsigned = report.roles.length - signed.length;
  lines.push(
    p.dim(
      `${verified} of ${signed.length} signed role(s) verified${unproven > 0 ? `; ${unproven} not proven` : ''}${unsigned > 0 ? `; ${unsigned} not signed` : ''}.`,
    ),
  );
  return lines.join('\n');
}

function mark(role: RoleVerdict, p: Paint): string {
  if (!role.signed) return p.dim('–');
  if (role.verified) return p.green('✓');
  return role.passes ? p.yellow('?') : p.red('✗');
}

function detail(role: RoleVerdict, p: Paint): string {
  if (!role.signed) return p.dim('not signed');
  const commit = role.short ? `${role.short} ${plainLine(role.author ?? '')} ${plainLine(role.date ?? '')}  ` : '';
  const exception = role.exception ? p.yellow(` · exception: ${plainLine(role.exception)}`) : '';
  if (role.verified) return `${commit}${p.green(`verified (${plainLine(signatureShort(role.signature!))})`)}${exception}`;
  const state = stateLabel(role.state, plainLine(role.name));
  const why = role.problems.map(plainLine).join('; ');
  return `${commit}${role.passes ? p.yellow(state) : p.red(state)}: ${why}${exception}`;
}
