import type { DiffReport, ItemChange } from '../diffModel.js';
import { endpoint, evidenceLabel, KIND_ICON, summaryLine, who } from './diffLabels.js';
import { cell, cellWithCode, code } from './markdown.js';
import { describeSignature } from '../../signoffs/signature.js';

/** "Who checked what": a pull request comment, one table per phase. */
export function diffMarkdown(report: DiffReport): string {
  const { from, to } = report.progress;
  const lines = [
    `### 📝 Checklist changes — ${cell(report.title || report.file)}`,
    '',
    `${code(report.path)}${report.renamedFrom === undefined ? '' : ` (renamed from ${code(report.renamedFrom)})`} · ${code(endpoint(report.from))} → ${code(endpoint(report.to))} · ${summaryLine(report.summary)} · tasks ${from.done} of ${from.total} → ${to.done} of ${to.total}`,
  ];
  if (report.changes.length === 0) {
    lines.push('', '_No checklist items changed._');
    return lines.join('\n');
  }
  for (const group of report.phases) {
    lines.push('', `**${cell(group.phase)}**`, '', '| Change | Item | By | Commit | Evidence |', '| :-- | :-- | :-- | :-- | :-- |');
    for (const c of group.changes)
      lines.push(
        `| ${KIND_ICON[c.kind]} ${c.kind}${state(c)} | ${cellWithCode(c.text)} | ${cell(who(c.by))} | ${commit(c)} | ${cell(evidenceLabel(c)) || '—'} |`,
      );
  }
  return lines.join('\n');
}

function state(c: ItemChange): string {
  return c.kind === 'added' && c.checked ? ' (checked)' : c.kind === 'removed' && c.checked ? ' (was checked)' : '';
}

function commit(c: ItemChange): string {
  if (c.by?.kind !== 'commit' || !c.by.short) return '—';
  const signature = c.by.signature ? ` (${cell(describeSignature(c.by.signature))})` : '';
  return `${code(c.by.short)}${signature}${c.by.subject ? ` ${cell(c.by.subject)}` : ''}`;
}
