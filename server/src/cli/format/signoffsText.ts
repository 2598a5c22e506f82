import type { RoleVerdict, SignoffsReport } from '../signoffs.js';
import type { Paint } from './color.js';

/** One line per role: ✓ verified, ✗ signed but not backed by its commit (with why), – not signed. */
export function signoffsText(report: SignoffsReport, p: Paint): string {
  const lines = [`${p.bold(report.title || report.file)}  ${p.dim(report.path)}`];
  if (!report.hasSignOff) {
    lines.push(p.dim('  No sign-off section, so nothing to verify (a heading such as "## Sign-Off" with a sub-heading per role).'));
    return lines.join('\n');
  }
  const width = Math.min(40, Math.max(0, ...report.roles.map((r) => r.name.length)));
  for (const role of report.roles) lines.push(`  ${mark(role, p)} ${role.name.padEnd(width)}  ${detail(role, p)}`);
  const signed = report.roles.filter((r) => r.signed);
  const verified = signed.filter((r) => r.verified).length;
  const unsigned = report.roles.length - signed.length;
  lines.push(p.dim(`${verified} of ${signed.length} signed role(s) verified${unsigned > 0 ? `; ${unsigned} not signed` : ''}.`));
  return lines.join('\n');
}

function mark(role: RoleVerdict, p: Paint): string {
  if (!role.signed) return p.dim('–');
  return role.verified ? p.green('✓') : p.red('✗');
}

function detail(role: RoleVerdict, p: Paint): string {
  if (!role.signed) return p.dim('not signed');
  const commit = role.short ? `${role.short} ${role.author ?? ''} ${role.date ?? ''}  ` : '';
  const exception = role.exception ? p.yellow(` · exception: ${role.exception}`) : '';
  return `${commit}${role.verified ? p.green('verified') : role.problems.join('; ')}${exception}`;
}
