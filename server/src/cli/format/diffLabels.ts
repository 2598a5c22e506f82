import type { Attribution, ChangeKind } from '../diffModel.js';
import type { Endpoint } from '../history.js';

export const KIND_ICON: Record<ChangeKind, string> = { checked: '✅', unchecked: '↩️', added: '➕', removed: '➖' };

export function endpoint(e: Endpoint): string {
  if (e.sha === null) return 'working tree';
  const short = e.sha.slice(0, 7);
  return e.rev && !e.sha.startsWith(e.rev) ? `${e.rev} (${short})` : short;
}

export function who(by: Attribution | undefined): string {
  if (!by) return 'unknown';
  if (by.kind === 'uncommitted') return 'uncommitted';
  return by.author ?? 'unknown';
}

export function summaryLine(summary: Record<ChangeKind, number>): string {
  return `${summary.checked} checked, ${summary.unchecked} unchecked, ${summary.added} added, ${summary.removed} removed`;
}
