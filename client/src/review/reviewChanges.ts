/**
 * Review Changes Against…: pick a ref (first and labelled: the merge base with the upstream branch, else
 * with the default branch), and the Checklists view and the editor show what changed in the repository's
 * checklists since. Reads git, so trusted workspaces only. "Stop Reviewing" ends a review.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Review } from './reviews';
import { defaultBase, type RefEntry, repoRefs, repositoryOf, resolveCommit } from './refs';
import { type Command, refuseUntrusted, type MachineServices } from '../commands/command';

/** For programmatic use (other extensions, tests): review against `ref` without asking; `stop` ends the review. */
export interface ReviewChangesArgs {
  ref?: string;
  /** How the ref reads in the view; the ref itself when absent. */
  label?: string;
  /** The repository (any folder or file in it); that of the active editor, else the first workspace folder's. */
  in?: string;
  stop?: boolean;
  /** Review against the default base (the merge base), as the pick's first entry would. */
  defaultBase?: boolean;
}

type Pick = vscode.QuickPickItem & { review?: Omit<Review, 'root'>; action?: 'stop' | 'type' };

export const reviewChanges: Command<MachineServices> = {
  id: 'preflight.reviewChanges',
  async run(services, raw): Promise<Review | undefined> {
    const args = (raw ?? {}) as ReviewChangesArgs;
    if (args.stop) {
      services.reviews.stop();
      return undefined;
    }
    if (refuseUntrusted('reviews changes (it reads git)')) return undefined;
    const root = await repository(args.in);
    if (!root) {
      void vscode.window.showWarningMessage(
        'Preflight: no git repository to review. Open a checklist that is in a git repository (or a workspace folder that is one) and try again.',
      );
      return undefined;
    }
    const chosen =
      args.ref !== undefined ? await given(root, args.ref, args.label) : args.defaultBase ? await base(root) : await pick(services, root);
    if (!chosen) return undefined;
    const review: Review = { root, ...chosen };
    services.reviews.start(review);
    return review;
  },
};

async function repository(near: string | undefined): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor?.document.uri;
  const candidates = [
    near,
    editor?.scheme === 'file' ? path.dirname(editor.fsPath) : undefined,
    ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath),
  ];
  for (const dir of candidates) {
    if (!dir) continue;
    const root = await repositoryOf(dir);
    if (root) return root;
  }
  return undefined;
}

async function given(root: string, ref: string, label: string | undefined): Promise<Omit<Review, 'root'> | undefined> {
  if (!(await resolveCommit(root, ref))) {
    void vscode.window.showWarningMessage(
      `Preflight: git does not know "${ref}" as a commit in ${root}. Pick a branch, a tag or a commit (git log --oneline lists them).`,
    );
    return undefined;
  }
  return { ref, label: label ?? ref };
}

async function base(root: string): Promise<Omit<Review, 'root'> | undefined> {
  const found = await defaultBase(root);
  if (!found) {
    void vscode.window.showWarningMessage(
      'Preflight: this branch has no upstream and no main or master branch to compare with. Pick a ref instead.',
    );
    return undefined;
  }
  return { ref: found.sha, label: `merge base with ${found.against} (${found.short})`, mergeBaseOf: found.against };
}

async function pick(services: MachineServices, root: string): Promise<Omit<Review, 'root'> | undefined> {
  const refs = await repoRefs(root);
  const items: Pick[] = [];
  if (refs.base) {
    const { sha, short, against, source } = refs.base;
    items.push({
      label: `$(git-merge) Merge base with ${against}`,
      description: `${short} · default`,
      detail: `Where this branch left ${against} (${source === 'upstream' ? 'its upstream' : 'the default branch'}): everything the branch changed.`,
      review: { ref: sha, label: `merge base with ${against} (${short})`, mergeBaseOf: against },
    });
  }
  const current = services.reviews.current;
  if (current) items.push({ label: '$(close) Stop Reviewing', description: `since ${current.label}`, action: 'stop' });
  const section = (label: string, entries: RefEntry[], icon: string, asLabel: (e: RefEntry) => string) => {
    if (entries.length === 0) return;
    items.push({ label, kind: vscode.QuickPickItemKind.Separator });
    for (const e of entries)
      items.push({ label: `$(${icon}) ${e.name}`, description: e.short, detail: e.detail, review: { ref: e.ref, label: asLabel(e) } });
  };
  section('Branches', refs.branches, 'git-branch', (e) => e.name);
  section('Tags', refs.tags, 'tag', (e) => e.name);
  section('Recent commits', refs.commits, 'git-commit', (e) => e.short);
  items.push(
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(edit) Type a ref…', detail: 'Any commit git knows: a sha, origin/main, HEAD~3, v1.2.0', action: 'type' },
  );

  const choice = await vscode.window.showQuickPick(items, {
    title: 'Preflight: Review Changes Against…',
    placeHolder: 'The checklist changes since this ref show in the Checklists view and the editor',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!choice) return undefined;
  if (choice.action === 'stop') {
    services.reviews.stop();
    return undefined;
  }
  if (choice.action === 'type') return typed(root);
  return choice.review;
}

async function typed(root: string): Promise<Omit<Review, 'root'> | undefined> {
  const ref = await vscode.window.showInputBox({
    title: 'Preflight: Review Changes Against a Ref',
    prompt: 'A commit git knows: a sha, a branch, a tag, HEAD~3',
    validateInput: async (value) =>
      value.trim() === ''
        ? undefined
        : (await resolveCommit(root, value.trim()))
          ? undefined
          : `git does not know "${value.trim()}" as a commit here.`,
  });
  if (!ref?.trim()) return undefined;
  return given(root, ref.trim(), undefined);
}
