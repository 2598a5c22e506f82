/**
 * How a change since the reviewed ref reads: a row of the Checklists view's "Changes" section (label,
 * description, icon) and the markdown of its tooltip and of the editor hover on the item. Item text, names,
 * commit subjects and signers come from the document and from git: the markdown escapes every piece of it.
 * Run evidence is "recorded", never "verified": a run note is text in the file, not a proof.
 */
import type { ReviewChange, ReviewChangeKind, ReviewChanges } from '@preflight/protocol';
import { escapeMarkdownInline, inlineCode } from '../../../server/src/text/markdownText';

export interface ChangeRow {
  label: string;
  description: string;
  /** A codicon id, and a ThemeColor id for it. */
  icon: string;
  color: string;
  /** Markdown, with every piece of document or git text escaped. */
  tooltip: string;
}

const LOOK: Record<ReviewChangeKind, { icon: string; color: string; verb: string }> = {
  checked: { icon: 'pass', color: 'preflight.completeForeground', verb: 'Checked' },
  unchecked: { icon: 'discard', color: 'problemsWarningIcon.foreground', verb: 'Unchecked' },
  added: { icon: 'diff-added', color: 'gitDecoration.addedResourceForeground', verb: 'Added' },
  removed: { icon: 'diff-removed', color: 'gitDecoration.deletedResourceForeground', verb: 'Removed' },
};

export function changeRow(change: ReviewChange, since: string): ChangeRow {
  const look = LOOK[change.kind];
  const label = change.text.replace(/\s+/g, ' ').trim() || '(empty item)';
  return {
    label,
    description: [change.kind, ...attribution(change)].join(' · '),
    icon: look.icon,
    color: look.color,
    tooltip: changeMarkdown(change, since),
  };
}

/** Who, which commit, its signature and the evidence, in a few words each: the row's description. */
function attribution(change: ReviewChange): string[] {
  const by = change.by;
  const who = !by ? 'no commit found' : by.kind === 'uncommitted' ? 'not committed' : `${by.author ?? 'unknown'} · ${by.short ?? ''}`;
  const signature = by?.signature ? [by.signature.status] : [];
  return [who, ...signature, ...evidenceShort(change)];
}

function evidenceShort(change: ReviewChange): string[] {
  if (change.evidence) return [`run recorded: exit ${change.evidence.exitCode}`];
  return byHand(change) ? ['ticked by hand'] : [];
}

/** Checked with no recorded run behind it: nothing but the tick says it was done. */
function byHand(change: ReviewChange): boolean {
  return !change.evidence && change.checked && change.kind !== 'removed';
}

/** A recorded run in full: exit code, when, by whom, how long. A run note is text in the file: "recorded", not "verified". */
export function evidenceText(change: ReviewChange): string {
  const run = change.evidence;
  if (run)
    return `run recorded: exit ${run.exitCode}${run.exitCode === 0 ? '' : ' (failed)'}, ${run.at}, by ${run.by}, ${(run.durationMs / 1000).toFixed(1)} s`;
  return byHand(change) ? 'ticked by hand (no run recorded)' : '';
}

/** The tooltip and hover: what changed, who changed it in which commit, git's verdict on its signature, the evidence. */
export function changeMarkdown(change: ReviewChange, since: string): string {
  const look = LOOK[change.kind];
  const state = change.kind === 'added' || change.kind === 'removed' ? ` (${change.checked ? 'checked' : 'open'})` : '';
  const lines = [
    `**${look.verb}**${state} since ${escapeMarkdownInline(since)}: ${escapeMarkdownInline(change.text)}`,
    `Phase: ${escapeMarkdownInline(change.phase)}`,
  ];
  const by = change.by;
  if (!by) lines.push('By: no commit in the reviewed range changed it (history rewritten or merged)');
  else if (by.kind === 'uncommitted') lines.push('By: not committed yet (the text in the editor)');
  else {
    const email = by.email ? ` <${by.email}>` : '';
    lines.push(`By: ${escapeMarkdownInline(`${by.author ?? 'unknown'}${email}`)}${by.date ? `, ${escapeMarkdownInline(by.date)}` : ''}`);
    lines.push(`Commit: ${inlineCode(by.short ?? by.sha ?? '')} ${escapeMarkdownInline(by.subject ?? '')}`);
    if (by.signature) lines.push(`Signature: ${escapeMarkdownInline(by.signature.label)}`);
  }
  const evidence = evidenceText(change);
  if (evidence) lines.push(`Evidence: ${escapeMarkdownInline(evidence)}`);
  if (change.kind === 'removed') lines.push('Removed items are not in the document any more.');
  return lines.join('\n\n');
}

/**
 * The "Changes" section's own row: how many of each kind, then since what (the counts first, as a narrow
 * view cuts the end), or why nothing could be compared.
 */
export function changesSection(
  changes: ReviewChanges | undefined,
  since: string,
): { label: string; description: string; icon: string; tooltip: string } {
  const label = 'Changes';
  if (!changes)
    return {
      label,
      description: `checking… · since ${since}`,
      icon: 'loading~spin',
      tooltip: `Asking git what changed since ${escapeMarkdownInline(since)}…`,
    };
  if (!changes.checked)
    return {
      label,
      description: `not checked · since ${since}`,
      icon: 'warning',
      tooltip: `Not checked: ${escapeMarkdownInline(changes.reason ?? 'unknown')}`,
    };
  const { summary } = changes;
  const counts = (Object.keys(summary) as ReviewChangeKind[]).filter((k) => summary[k] > 0).map((k) => `${summary[k]} ${k}`);
  const progress = `${changes.progress.from.done}/${changes.progress.from.total} → ${changes.progress.to.done}/${changes.progress.to.total} done`;
  const added = changes.existedAtRef === false ? '\n\nThe checklist does not exist at that commit: every item counts as added.' : '';
  return {
    label,
    description: `${counts.length > 0 ? counts.join(' · ') : 'no item changed'} · since ${since}`,
    icon: 'git-compare',
    tooltip: `Items checked, unchecked, added or removed since ${escapeMarkdownInline(since)}${changes.sha ? ` (${inlineCode(changes.sha.slice(0, 12))})` : ''}, as \`preflight diff\` lists them.\n\n${progress}${added}`,
  };
}
