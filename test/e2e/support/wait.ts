// Waiting on conditions the vscode API has no event for (extension activation, a view filling in).
// Never a fixed sleep: the probe runs until it holds or the deadline passes, and the failure says what
// was awaited.
import * as vscode from 'vscode';

export async function until<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Resolves with the next event that satisfies `accept`, or rejects after the timeout. */
export function nextEvent<E>(event: vscode.Event<E>, what: string, accept: (e: E) => boolean = () => true, timeoutMs = 20_000): Promise<E> {
  return new Promise<E>((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const sub = event((e) => {
      if (!accept(e)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(e);
    });
  });
}

/** Opens a file in an editor (markdown files get languageId 'markdown', which fires onLanguage:markdown). */
export async function openInEditor(file: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  return vscode.window.showTextDocument(doc, { preview: false });
}
