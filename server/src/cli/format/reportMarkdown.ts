import { type ChecklistReport, headline, phaseRows } from '../reportModel.js';
import { bar, ratio } from './bar.js';
import { cell, code, indent } from './markdown.js';
import { CONDITIONAL_NOTE, summary } from './reportText.js';

/** A pull request comment: heading with the GitHub task count, then one table row per phase. */
export function reportMarkdown(report: ChecklistReport): string {
  const lines: string[] = [];
  lines.push(
    `### ${report.complete ? '✅' : '📋'} ${cell(report.title || 'Untitled checklist')} — ${report.done} of ${report.total} tasks`,
  );
  lines.push('', `${code(report.file)} · ${summary(report)}`, '');
  lines.push('| Phase | Progress | Done | Optional |', '| :-- | :-- | --: | --: |');
  for (const { phase, depth } of phaseRows(report.phases)) {
    const main = headline(phase);
    const name = `${indent(depth)}${cell(phase.title)}`;
    const progress = phase.conditional ? `_${CONDITIONAL_NOTE}_` : main.total === 0 ? '—' : `${bar(main)}`;
    const optional = phase.optional.total > 0 ? ratio(phase.optional) : '';
    lines.push(
      `| ${depth === 0 ? `**${name}**` : name} | ${progress} | ${main.total === 0 && !phase.conditional ? '—' : ratio(main)} | ${optional} |`,
    );
  }
  if (report.optionalItems.length > 0) {
    lines.push('', `<details><summary>Optional items: ${ratio(report.optional)} done (not needed for completion)</summary>`, '');
    for (const i of report.optionalItems) lines.push(`- ${i.checked ? '☑' : '☐'} ${cell(i.text)} — _${cell(i.phase)}_`);
    lines.push('', '</details>');
  }
  if (report.tableCheckRows.length > 0) {
    lines.push('', `<details><summary>Table checks: ${ratio(report.tableChecks)} done (not counted as GitHub tasks)</summary>`, '');
    for (const t of report.tableCheckRows) lines.push(`- ${t.checked ? '☑' : '☐'} ${cell(t.label)} — _${cell(t.phase)}_`);
    lines.push('', '</details>');
  }
  return lines.join('\n');
}
