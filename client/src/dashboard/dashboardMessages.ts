/**
 * The messages between the dashboard's webview and the extension. What the webview sends is untrusted
 * (it runs the document's text through the DOM): every message is checked for type and shape here before
 * the extension acts on it, and anything else is dropped.
 */
import type { DashboardView } from './dashboardView';

/** extension -> webview */
export type ToWebview = { type: 'render'; view: DashboardView } | { type: 'empty'; message: string };

/** webview -> extension */
export type FromWebview =
  /** The script has loaded (first time, or again after the panel was hidden): send the view. */
  | { type: 'ready' }
  /** A checkbox was ticked or cleared. */
  | { type: 'toggle'; itemId: string; checked: boolean }
  /** A phase, role or run was clicked: show that line in the checklist's editor. */
  | { type: 'reveal'; line: number }
  /** Open the settings at `preflight.dashboard.require`. */
  | { type: 'openSettings' };

/** Longer than any id the server makes (heading slugs and item slugs joined); a bound on what we pass on. */
const MAX_ID_LENGTH = 4096;
const MAX_LINE = 10_000_000;

export function parseFromWebview(message: unknown): FromWebview | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'openSettings':
      return { type: 'openSettings' };
    case 'toggle':
      return typeof m.itemId === 'string' && m.itemId !== '' && m.itemId.length <= MAX_ID_LENGTH && typeof m.checked === 'boolean'
        ? { type: 'toggle', itemId: m.itemId, checked: m.checked }
        : undefined;
    case 'reveal':
      return Number.isInteger(m.line) && (m.line as number) >= 0 && (m.line as number) <= MAX_LINE
        ? { type: 'reveal', line: m.line as number }
        : undefined;
    default:
      return undefined;
  }
}
