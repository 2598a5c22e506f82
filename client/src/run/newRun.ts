/**
 * Starts a fresh run of a checklist: a dated copy beside it (`deploy-checklist-2026-12-01.md`) with every
 * box cleared, run notes removed and sign-off fields blank. The original is never touched.
 */
import * as vscode from 'vscode';
import { FreshRunRequest } from '@preflight/protocol';
import { exists, fileNameOf, findChecklists } from '../checklists/discovery';
import { localDate } from '../time';
import type { TreeNode } from '../checklists/treeNodes';
import type { Command, Services } from '../commands/command';

export const newRun: Command = {
  id: 'preflight.newRun',
  /** `from`: a tree row, an explorer Uri, or nothing for the active editor; `to`: the new file, skipping the prompt. */
  async run(services, from, to) {
    const source = await sourceOf(services, from as TreeNode | vscode.Uri | undefined);
    if (!source) return;
    await vscode.workspace.openTextDocument(source);
    const fresh = await services.ctx.languageClient.sendRequest(FreshRunRequest.type, { uri: source.toString() });
    if (!fresh) {
      void vscode.window.showWarningMessage(
        `Preflight: ${vscode.workspace.asRelativePath(source)} is not a checklist Preflight analyses (see preflight.files), so it has no run to start.`,
      );
      return;
    }
    const target = to instanceof vscode.Uri ? to : await askTarget(source);
    if (!target) return;
    // Inside the checklist's workspace folder (on the desktop by realpath): a folder symlinked to another place gets nothing.
    const root = vscode.workspace.getWorkspaceFolder(source)?.uri;
    if (!root) {
      void vscode.window.showErrorMessage(
        `Preflight: ${source.toString(true)} is not in a workspace folder, and a fresh run is written only inside one. Open its folder, then start the run again. Nothing was written.`,
      );
      return;
    }
    // Never over a file (create refuses an existing one).
    const written = await services.files.create(root, target, fresh.text, "the fresh run's folder");
    if (!written.created) {
      void vscode.window.showErrorMessage(
        written.reason === 'exists'
          ? `Preflight: ${vscode.workspace.asRelativePath(target)} already exists; choose another name. Nothing was written.`
          : written.reason === 'outside'
            ? `Preflight: nothing was written: ${written.message}`
            : `Preflight: could not write ${vscode.workspace.asRelativePath(target)}: ${written.message}. Nothing was written.`,
      );
      return;
    }
    await vscode.window.showTextDocument(target);
    void vscode.window.showInformationMessage(
      `Preflight: fresh run started in ${vscode.workspace.asRelativePath(target)} (${fresh.cleared} box${fresh.cleared === 1 ? '' : 'es'} cleared). ${vscode.workspace.asRelativePath(source)} is unchanged.`,
    );
  },
};

async function sourceOf(services: Services, from: TreeNode | vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  if (from instanceof vscode.Uri) return from;
  if (from && 'kind' in from) return vscode.Uri.parse(from.uri);
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && services.outlines.get(active)) return active;
  const picks = (await findChecklists()).map((uri) => ({
    label: uri.path.split('/').pop()!,
    description: vscode.workspace.asRelativePath(uri),
    uri: uri.toString(),
  }));
  if (picks.length === 0) {
    void vscode.window.showInformationMessage(
      'Preflight: there is no checklist in this workspace to start a run of (see preflight.files).',
    );
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(picks, { placeHolder: 'Start a fresh run of which checklist?' });
  return pick && vscode.Uri.parse(pick.uri);
}

/** Proposes `<name>-<today>.md` beside the source (an earlier date in the name is replaced), then `-2`, `-3`... */
async function askTarget(source: vscode.Uri): Promise<vscode.Uri | undefined> {
  const proposed = await freeName(source, localDate(new Date()));
  const folder = vscode.Uri.joinPath(source, '..');
  const name = await vscode.window.showInputBox({
    title: 'Start a fresh run',
    prompt: `A copy of ${fileNameOf(source)} with every box cleared; the original stays as it is.`,
    value: fileNameOf(proposed),
    valueSelection: [0, fileNameOf(proposed).length - 3],
    validateInput: (value) => (/^[^/\\]+\.md$/i.test(value.trim()) ? undefined : 'A file name ending in .md, without folders.'),
  });
  return name ? vscode.Uri.joinPath(folder, name.trim()) : undefined;
}

async function freeName(source: vscode.Uri, date: string): Promise<vscode.Uri> {
  const stem = fileNameOf(source)
    .replace(/\.md$/i, '')
    .replace(/-\d{4}-\d{2}-\d{2}(?:-\d+)?$/, '');
  const folder = vscode.Uri.joinPath(source, '..');
  for (let n = 1; ; n++) {
    const candidate = vscode.Uri.joinPath(folder, `${stem}-${date}${n === 1 ? '' : `-${n}`}.md`);
    if (!(await exists(candidate))) return candidate;
  }
}
