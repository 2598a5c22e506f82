import { type ChecklistReport, headline, type PhaseRow, phaseRows } from '../reportModel.js';
import { bar, ratio } from './bar.js';
import type { Paint } from './color.js';
import { plainLine } from '../../text/plainText.js';

export const CONDITIONAL_NOTE = '(conditional — applies only when triggered)';

/** A tree for the terminal: one line per phase, required done/total, a bar, optional and table counts. */
export function reportText(report: ChecklistReport, p: Paint): string {
  const lines: string[] = [];
  lines.push(p.bold(plainLine(report.title) || 'Untitled checklist') + p.dim(`  ${plainLine(report.file)}`));
  lines.push(`  ${summary(report)}`);
  lines.push('');
  const rows = phaseRows(report.phases);
  const width = Math.min(60, Math.max(10, ...rows.map((r) => label(r).length)));
  for (const r of rows) lines.push(row(r, width, p));
  if (rows.length === 0) lines.push(p.dim('(no headings, so no phases: the counts above cover every task)'));

  if (report.optionalItems.length > 0) {
    lines.push('', p.bold(`Optional items (${report.optional.done}/${report.optional.total}, not needed for completion):`));
    for (const i of report.optionalItems)
      lines.push(`  ${i.checked ? '[x]' : '[ ]'} ${plainLine(i.text)}  ${p.dim(`${plainLine(i.phase)}, line ${i.line}`)}`);
  }
  if (report.tableCheckRows.length > 0) {
    lines.push('', p.bold(`Table checks (${report.tableChecks.done}/${report.tableChecks.total}, not GitHub tasks):`));
    for (const t of report.tableCheckRows)
      lines.push(`  ${t.checked ? '[x]' : '[ ]'} ${plainLine(t.label)}  ${p.dim(`${plainLine(t.phase)}, line ${t.line}`)}`);
  }
  return lines.join('\n');
}

export function summary(report: ChecklistReport): string {
  const parts = [
    `${report.done} of ${report.total} tasks`,
    `required ${ratio(report.required)} (${pct(report.required.done, report.required.total)}%)`,
  ];
  if (report.optional.total > 0) parts.push(`optional ${ratio(report.optional)}`);
  if (report.conditional.total > 0) parts.push(`conditional ${ratio(report.conditional)}`);
  if (report.tableChecks.total > 0) parts.push(`table checks ${ratio(report.tableChecks)}`);
  parts.push(report.complete ? 'complete' : 'incomplete');
  return parts.join(' · ');
}

function pct(done: number, total: number): number {
  return total === 0 ? 100 : Math.floor((100 * done) / total);
}

function row(r: PhaseRow, width: number, p: Paint): string {
  const { phase } = r;
  const name = label(r).padEnd(width);
  const main = headline(phase);
  const extras: string[] = [];
  if (phase.optional.total > 0) extras.push(`optional ${ratio(phase.optional)}`);
  if (phase.tableChecks.total > 0) extras.push(`table checks ${ratio(phase.tableChecks)}`);
  const tail = extras.length > 0 ? `  ${p.dim(extras.join(', '))}` : '';
  if (phase.conditional) return `${name}  ${ratio(main).padStart(7)}  ${p.dim(CONDITIONAL_NOTE)}${tail}`;
  if (main.total === 0) return `${name}  ${'—'.padStart(7)}  ${p.dim('no required tasks')}${tail}`;
  const b = bar(main);
  const coloured = main.done === main.total ? p.green(b) : b;
  return `${name}  ${ratio(main).padStart(7)}  ${coloured}${tail}`;
}

function label({ phase, depth }: PhaseRow): string {
  return `${'  '.repeat(depth)}${plainLine(phase.title)}`;
}
