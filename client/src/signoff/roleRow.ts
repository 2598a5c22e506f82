/**
 * How a sign-off role reads in the Checklists view: its state from git (`preflight/signoffStates`, the
 * same judgement as `preflight signoffs`) as description, icon and tooltip. Role names, reasons and signers
 * come from the document and from git: the tooltip's markdown escapes them.
 */
import type { OutlineRole, RoleSignOffState, SignOffStates } from '@preflight/protocol';
import { escapeMarkdownInline, inlineCode } from '../../../server/src/text/markdownText';

export interface RoleRow {
  description: string;
  /** A codicon id, and a ThemeColor id for it. */
  icon: string;
  color?: string;
  /** Markdown, with every piece of document or git text escaped. */
  tooltip: string;
}

/** `states` undefined: not fetched yet; `trusted`: whether git may run at all (Restricted Mode otherwise). */
export function roleRow(role: OutlineRole, states: SignOffStates | undefined, trusted: boolean): RoleRow {
  const state = states?.roles[role.id];
  const look = lookOf(state, states, trusted);
  const lines = [`**${escapeMarkdownInline(role.name)}** · sign-off: ${escapeMarkdownInline(look.description)}`];
  if (state?.reason && state.state !== 'not checked') lines.push(`Why: ${escapeMarkdownInline(state.reason)}`);
  if (state?.signer)
    lines.push(`Signed by: ${escapeMarkdownInline(state.signer)}${state.format ? ` (${escapeMarkdownInline(state.format)})` : ''}`);
  if (state?.commit) lines.push(`Commit: ${inlineCode(state.commit.slice(0, 12))}`);
  if (role.signers)
    lines.push(
      `Allowed signers: ${role.signers.length > 0 ? role.signers.map((s) => escapeMarkdownInline(s)).join(', ') : 'nobody (fix `signers:`)'}`,
    );
  return { ...look, tooltip: lines.join('\n\n') };
}

function lookOf(state: RoleSignOffState | undefined, states: SignOffStates | undefined, trusted: boolean): Omit<RoleRow, 'tooltip'> {
  if (!trusted) return { description: 'not checked (Restricted Mode)', icon: 'workspace-untrusted' };
  if (!states) return { description: 'checking…', icon: 'loading~spin' };
  // A role typed since the last check: the next save checks it.
  if (!state)
    return {
      description: states.checked ? 'not checked yet: save to check' : `not checked: ${states.reason ?? 'unknown'}`,
      icon: 'circle-slash',
    };
  switch (state.state) {
    case 'verified': {
      const how = [state.format, state.signer].filter(Boolean).join(' ');
      return { description: how ? `verified · ${how}` : 'verified', icon: 'verified-filled', color: 'preflight.completeForeground' };
    }
    case 'not signed':
      return { description: 'not signed', icon: 'circle-outline' };
    case 'not checked':
      return { description: state.label, icon: 'circle-slash' };
    default:
      // Merely not proven (no signature, a key git cannot check, no `signers:`) warns; anything else fails.
      return state.passes
        ? { description: state.label, icon: 'warning', color: 'problemsWarningIcon.foreground' }
        : { description: state.label, icon: 'error', color: 'preflight.failedForeground' };
  }
}
