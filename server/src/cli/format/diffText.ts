import type { DiffReport, ItemChange } from '../diffModel.js';
import type { Paint } from './color.js';
import { endpoint, evidenceLabel, summaryLine, who } from './diffLabels.js';
import { describeSignature } from '../../signoffs/signature.js';
import { plainLine } from '../../text/plainText.js';

export function diffText(report: DiffReport, p: Paint): string {
  const lines = [
    `${p.bold(plainLine(report.title || report.file))}  ${p.dim(plainLine(report.path))}${report.renamedFrom === undefined ? '' : p.dim(` (renamed from ${plainLine(report.renamedFrom)})`)}`,
    `  ${plainLine(endpoint(report.from))} → ${plainLine(endpoint(report.to))}: ${summaryLine(report.summary)} · tasks ${report.progress.from.done}/${report.progress.from.total} → ${report.progress.to.done}/${report.progress.to.total}`,
  ];
  if (!report.from.exists)
    lines.push(p.dim(`  (the file does not exist at ${plainLine(endpoint(report.from))}: every item counts as added)`));
  if (report.changes.length === 0) {
    lines.push('', 'No checklist items changed.');
    return lines.join('\n');
  }
  const width = Math.min(70, Math.max(...report.changes.map((c) => plainLine(c.text).length)));
  for (const group of report.phases) {
    lines.push('', p.bold(plainLine(group.phase)));
    for (const c of group.changes)
      lines.push(`  ${mark(c, p)} ${plainLine(c.text).padEnd(width)}  ${p.dim(`line ${c.line}`)}  ${plainLine(by(c))}`);
  }
  return lines.join('\n');
}

function mark(c: ItemChange, p: Paint): string {
  switch (c.kind) {
    case 'checked':
      return p.green(' [x] checked  ');
    case 'unchecked':
      return p.yellow(' [ ] unchecked');
    case 'added':
      return p.green(`+${c.checked ? '[x]' : '[ ]'} added    `);
    case 'removed':
      return p.red(`-${c.checked ? '[x]' : '[ ]'} removed  `);
  }
}

function by(c: ItemChange): string {
  const evidence = evidenceLabel(c);
  const tail = evidence ? ` · ${evidence}` : '';
  if (c.by?.kind === 'commit') return `${c.by.short} ${who(c.by)}${c.by.signature ? ` · ${describeSignature(c.by.signature)}` : ''}${tail}`;
  return `${who(c.by)}${tail}`;
}
