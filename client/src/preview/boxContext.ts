/**
 * The `data-vscode-context` of a box in the Markdown preview: what VS Code hands to "Toggle Item" when the
 * box is right-clicked. It comes back from a webview, so it is checked field by field before use.
 */

/** An item is toggled by its id at the document's current version; a table check by its line at the rendered one. */
export type BoxTarget = { itemId: string } | { line: number };

export type BoxContext = {
  /** Makes `preflightBox` true in the menu's `when` clause. */
  preflightBox: true;
  /** Keeps the webview's own Copy and Paste entries in the menu. */
  preventDefaultContextMenuItems: false;
  uri: string;
  /** The document version the preview rendered. */
  version: number;
} & BoxTarget;

export function boxContext(uri: string, version: number, target: BoxTarget): BoxContext {
  return { preflightBox: true, preventDefaultContextMenuItems: false, uri, version, ...target };
}

/** The context VS Code passed, when it is one of ours and well formed; undefined otherwise. */
export function parseBoxContext(value: unknown): BoxContext | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (v.preflightBox !== true || typeof v.uri !== 'string' || v.uri.length === 0 || v.uri.length > 4096) return undefined;
  if (!isCount(v.version)) return undefined;
  const base = { preflightBox: true, preventDefaultContextMenuItems: false, uri: v.uri, version: v.version } as const;
  if (typeof v.itemId === 'string' && v.itemId.length > 0 && v.itemId.length <= 1024 && v.line === undefined)
    return { ...base, itemId: v.itemId };
  if (isCount(v.line) && v.itemId === undefined) return { ...base, line: v.line };
  return undefined;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
