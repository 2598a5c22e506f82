import type { Attribution, ChangeKind, Endpoint, ItemChange } from '../diffModel.js';

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

/**
 * What backs a checked item: its newest recorded run (a run note: text in the file, so "recorded", never
 * "verified"), or nothing but the tick. Empty for changes that leave the item unchecked.
 */
export function evidenceLabel(c: ItemChange): string {
  if (c.evidence) {
    const { exitCode, at, by, durationMs } = c.evidence;
    return `ran: exit ${exitCode}${exitCode === 0 ? '' : ' (failed)'}, ${at}, by ${by}, ${(durationMs / 1000).toFixed(1)} s`;
  }
  return c.checked && c.kind !== 'removed' ? 'no run recorded' : '';
}
