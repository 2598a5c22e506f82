/**
 * Draws the outline into the Markdown preview: task items and table checks as GitHub's disabled checkboxes,
 * a progress badge after each phase heading with items, and a badge on each sign-off role. Everything shown
 * comes from the outline; document text that reaches the HTML (ids, labels, names) is escaped.
 *
 * VS Code caches the tokens of a document version and renders them again when asked to refresh, so the
 * tokens are never changed: the rendering gets copies of the few it decorates.
 * Pure (no `vscode`): the unit tests install it into their own markdown-it.
 */
import type { Outline, OutlineRole, OutlinePhase } from '@preflight/protocol';
import { boxContext, type BoxTarget } from './boxContext';
import { type Badge, itemInline, matchOutline, type MdToken, type PreviewMatch } from './previewMatch';

export type TokenConstructor = new (type: string, tag: string, nesting: number) => MdToken;

type RenderRule = (tokens: MdToken[], idx: number, options: unknown, env: unknown, self: unknown) => string;

/** The parts of a markdown-it instance the preview uses (VS Code's markdown-it 12 and markdown-it 15 alike). */
export interface MarkdownItLike {
  renderer: {
    render(tokens: MdToken[], options: unknown, env: unknown): string;
    rules: Record<string, RenderRule | undefined>;
  };
  /** A core state holds the Token class (on its prototype in markdown-it 12, on the instance in 15). */
  core: { State: new (src: string, md: MarkdownItLike, env: object) => { Token: TokenConstructor } };
}

/** The outline to draw into this rendering, or undefined to render the document as markdown-it does. */
export type OutlineFor = (env: unknown) => Outline | undefined;

const CHECKBOX = 'preflight_checkbox';
const BADGE = 'preflight_badge';
/** Around an item's own text, so that dimming a checked item leaves its nested items alone. */
const ITEM_TEXT_OPEN = 'preflight_item_text_open';
const ITEM_TEXT_CLOSE = 'preflight_item_text_close';
/** The marker and the one space that separates it from the text; the checkbox puts that space back. */
const LEADING_MARKER = /^\[[ xX]\][ \t]?/;

interface CheckboxMeta {
  checked: boolean;
  /** A table check's row, read aloud for the box. */
  label?: string;
}

export function installPreviewMarks(md: MarkdownItLike, outlineFor: OutlineFor): void {
  const Token = new md.core.State('', md, {}).Token;
  const render = md.renderer.render.bind(md.renderer);
  md.renderer.render = (tokens, options, env) => {
    const outline = outlineFor(env);
    return render(outline ? decorate(tokens, matchOutline(tokens, outline), outline, Token) : tokens, options, env);
  };
  md.renderer.rules[CHECKBOX] = (tokens, idx) => checkboxHtml(tokens[idx].meta as CheckboxMeta);
  md.renderer.rules[BADGE] = (tokens, idx) => badgeHtml(tokens[idx].meta as Badge);
  md.renderer.rules[ITEM_TEXT_OPEN] = () => '<span class="preflight-item-text">';
  md.renderer.rules[ITEM_TEXT_CLOSE] = () => '</span>';
}

/** A copy of `tokens` in which the matched ones are replaced by decorated copies. */
export function decorate(tokens: readonly MdToken[], match: PreviewMatch, outline: Outline, Token: TokenConstructor): MdToken[] {
  const out = tokens.slice();
  const copy = (token: MdToken): MdToken => {
    const c = Object.assign(new Token(token.type, token.tag, token.nesting), token);
    c.attrs = token.attrs ? token.attrs.map(([name, value]): [string, string] => [name, value]) : null;
    return c;
  };
  const context = (target: BoxTarget) => JSON.stringify(boxContext(outline.uri, outline.version, target));
  const token = (type: string, meta: CheckboxMeta | Badge | null = null): MdToken => Object.assign(new Token(type, '', 0), { meta });
  /** New children of inline tokens, built up before the inline token itself is copied. */
  const children = new Map<number, MdToken[]>();
  const childrenOf = (inline: number) => children.get(inline) ?? [...(tokens[inline].children ?? [])];

  for (const [open, item] of match.items) {
    const inline = itemInline(tokens, open);
    const rest = textAfterMarker(childrenOf(inline), copy);
    if (!rest) continue;
    const box = token(CHECKBOX, { checked: item.checked });
    children.set(inline, [token(ITEM_TEXT_OPEN), box, ...rest, token(ITEM_TEXT_CLOSE)]);
    const li = copy(tokens[open]);
    li.attrJoin('class', item.checked ? 'task-list-item preflight-checked' : 'task-list-item');
    li.attrSet('data-vscode-context', context({ itemId: item.id }));
    out[open] = li;
  }
  for (const list of match.taskLists) {
    const c = copy(tokens[list]);
    c.attrJoin('class', 'contains-task-list');
    out[list] = c;
  }
  for (const [open, check] of match.cells) {
    children.set(open + 1, [token(CHECKBOX, { checked: check.checked, label: check.label })]);
    const cell = copy(tokens[open]);
    cell.attrJoin('class', check.checked ? 'preflight-table-check preflight-checked' : 'preflight-table-check');
    cell.attrSet('data-vscode-context', context({ line: check.line }));
    out[open] = cell;
  }
  for (const [inline, badges] of match.badges) children.set(inline, [...childrenOf(inline), ...badges.map((b) => token(BADGE, b))]);
  for (const [inline, kids] of children) {
    const c = copy(tokens[inline]);
    c.children = kids;
    out[inline] = c;
  }
  return out;
}

/**
 * An item's inline children without its marker. markdown-it joins the marker and the text after it into one
 * text token, except where a link definition `[x]: …` turns `[x]` into a link: GFM reads the box first (and so
 * does the server), so the link goes. Undefined for anything else, which then stays plain.
 */
function textAfterMarker(kids: readonly MdToken[], copy: (token: MdToken) => MdToken): MdToken[] | undefined {
  const [first, second, third, fourth] = kids;
  if (first?.type === 'text' && LEADING_MARKER.test(first.content)) {
    const text = copy(first);
    text.content = first.content.replace(LEADING_MARKER, '');
    return [text, ...kids.slice(1)];
  }
  const linkedBox = first?.type === 'link_open' && second?.type === 'text' && /^[xX]$/.test(second.content) && third?.type === 'link_close';
  if (!linkedBox) return undefined;
  if (fourth?.type !== 'text') return kids.slice(3);
  const text = copy(fourth);
  text.content = fourth.content.replace(/^[ \t]/, '');
  return [text, ...kids.slice(4)];
}

export function checkboxHtml(meta: CheckboxMeta): string {
  const label = meta.label ? ` aria-label="${escapeHtml(meta.label)}"` : '';
  return `<input type="checkbox" class="task-list-item-checkbox" disabled${meta.checked ? ' checked' : ''}${label}> `;
}

export function badgeHtml(badge: Badge): string {
  return badge.kind === 'progress' ? progressBadge(badge.phase) : roleBadge(badge.role);
}

/** The phase's own done/total from the outline, as the tree, the editor and `preflight report` show them. */
function progressBadge(phase: OutlinePhase): string {
  const complete = phase.done === phase.total;
  const title = `${phase.done} of ${phase.total} ${phase.total === 1 ? 'item' : 'items'} done`;
  return ` <span class="preflight-badge${complete ? ' preflight-complete' : ''}" title="${title}">${phase.done}/${phase.total}</span>`;
}

function roleBadge(role: OutlineRole): string {
  const text = role.signed ? 'signed' : role.gate.total > 0 ? `not signed · gate ${role.gate.done}/${role.gate.total}` : 'not signed';
  const title = `Sign-off: ${escapeHtml(role.name)}`;
  return ` <span class="preflight-badge preflight-role${role.signed ? ' preflight-signed' : ''}" title="${title}">${text}</span>`;
}

/** Text into HTML content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
