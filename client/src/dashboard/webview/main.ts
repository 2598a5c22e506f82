/**
 * The dashboard's script in the webview (bundled to client/dist/dashboard.js): draws each view the
 * extension sends, and turns clicks, Enter and Space into messages. Which item lists are expanded is kept
 * in the webview's state, so it survives a redraw and the panel being hidden.
 */
import type { FromWebview, ToWebview } from '../dashboardMessages';
import { renderDashboard, renderEmpty } from './render';

interface WebviewApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): WebviewApi;

interface State {
  open: string[];
}

const vscode = acquireVsCodeApi();
const root = document.getElementById('dashboard')!;
const announcer = document.getElementById('announce')!;
const saved = vscode.getState() as Partial<State> | undefined;
const open = new Set<string>(Array.isArray(saved?.open) ? saved.open.filter((k): k is string => typeof k === 'string') : []);
let lastDone: number | undefined;

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  if (message?.type === 'render')
    draw(
      renderDashboard(message.view),
      `${message.view.overall.done} of ${message.view.overall.total} items done`,
      message.view.overall.done,
    );
  else if (message?.type === 'empty') draw(renderEmpty(message.message), message.message, undefined);
});

/** Replaces the content, keeping the focused element, the expanded lists and the scroll position. */
function draw(nodes: HTMLElement[], summary: string, done: number | undefined): void {
  const focused = (document.activeElement as HTMLElement | null)?.dataset?.focus;
  const scroll = window.scrollY;
  root.replaceChildren(...nodes);
  root.removeAttribute('aria-busy');
  for (const details of root.querySelectorAll<HTMLDetailsElement>('details[data-key]')) details.open = open.has(details.dataset.key!);
  if (focused) root.querySelector<HTMLElement>(`[data-focus="${CSS.escape(focused)}"]`)?.focus({ preventScroll: true });
  window.scrollTo(0, scroll);
  // Say progress aloud when it changes, not on every redraw.
  if (done !== lastDone && lastDone !== undefined) announcer.textContent = summary;
  lastDone = done;
}

root.addEventListener('click', (event) => {
  const target = event.target as HTMLElement;
  if (target.closest('details, input, label')) return;
  const action = target.closest<HTMLElement>('[data-action]');
  if (action?.dataset.action === 'openSettings') {
    vscode.postMessage({ type: 'openSettings' });
    return;
  }
  const line = target.closest<HTMLElement>('[data-line]')?.dataset.line;
  if (line !== undefined) vscode.postMessage({ type: 'reveal', line: Number(line) });
});

root.addEventListener('change', (event) => {
  const box = event.target as HTMLInputElement;
  const itemId = box.dataset?.itemId;
  if (box.type === 'checkbox' && itemId) vscode.postMessage({ type: 'toggle', itemId, checked: box.checked });
});

// `toggle` does not bubble: listen while it goes down.
root.addEventListener(
  'toggle',
  (event) => {
    const details = event.target as HTMLDetailsElement;
    const key = details.dataset?.key;
    if (!key) return;
    if (details.open) open.add(key);
    else open.delete(key);
    vscode.setState({ open: [...open] } satisfies State);
  },
  true,
);

vscode.postMessage({ type: 'ready' });
