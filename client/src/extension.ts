/** Activation and deactivation only; Ctx owns the language client, the views own what they draw. */
import * as vscode from 'vscode';
import { machineCommands, registerCommands } from './commands';
import { initShellParser } from '../../server/src/shell/load';
import { Ctx } from './ctx';
import { EcsStates } from './ecs/ecsStates';
import { Outlines } from './checklists/outlines';
import { Reviews } from './review/reviews';
import { RoleStates } from './signoff/roleStates';
import { Runs } from './run/runs';
import { ChecklistTree } from './checklists/checklistTree';
import { Decorations } from './checklists/decorations';
import { ReviewMarkers } from './review/reviewMarkers';
import { ProgressStatusBar } from './checklists/statusBar';
import { PreviewMarks } from './preview/previewMarks';
import type { MarkdownItLike } from './preview/previewRender';

/** What activate() returns: the live parts, for other extensions and the end-to-end tests. */
export interface PreflightApi {
  outlines: Outlines;
  tree: ChecklistTree;
  decorations: Decorations;
  statusBar: ProgressStatusBar;
  runs: Runs;
  ecs: EcsStates;
  roles: RoleStates;
  reviews: Reviews;
  reviewMarkers: ReviewMarkers;
  /** Checkboxes and badges in the Markdown preview, and what it last rendered. */
  preview: PreviewMarks;
  /** Called by VS Code's Markdown extension (`markdown.markdownItPlugins`). */
  extendMarkdownIt(md: MarkdownItLike): MarkdownItLike;
}

let ctx: Ctx | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<PreflightApi> {
  const runs = new Runs();
  context.subscriptions.push(runs);
  ctx = new Ctx(context, machineCommands, runs);
  // Run confirmations and variable prompts read steps with the bash parser; its WASM ships beside the server bundle.
  const shell = initShellParser(context.asAbsolutePath('server/dist')).catch((error: Error) => {
    void vscode.window.showErrorMessage(`Preflight: ${error.message}. Until then every step asks for confirmation before it runs.`);
  });
  try {
    await ctx.start();
    await shell;
  } catch (error) {
    void vscode.window.showErrorMessage(
      `Preflight's language server did not start: ${(error as Error).message}. See the "Preflight" output, then run "Developer: Reload Window".`,
    );
    throw error;
  }
  const outlines = new Outlines(ctx);
  const ecs = new EcsStates();
  const roles = new RoleStates(ctx);
  const reviews = new Reviews(ctx);
  const tree = new ChecklistTree(ctx, outlines, ecs, roles, reviews);
  const decorations = new Decorations(outlines);
  const reviewMarkers = new ReviewMarkers(reviews, vscode.Uri.joinPath(context.extensionUri, 'client', 'media'));
  const statusBar = new ProgressStatusBar(outlines);
  const preview = new PreviewMarks(outlines);
  const services = { ctx, outlines, tree, runs, ecs, roles, reviews, extensionUri: context.extensionUri };
  context.subscriptions.push(
    outlines,
    roles,
    reviews,
    tree,
    decorations,
    reviewMarkers,
    statusBar,
    ecs,
    preview,
    ...registerCommands(services),
  );
  return {
    outlines,
    tree,
    decorations,
    statusBar,
    runs,
    ecs,
    roles,
    reviews,
    reviewMarkers,
    preview,
    extendMarkdownIt: (md) => preview.extendMarkdownIt(md),
  };
}

export function deactivate(): Promise<void> | undefined {
  return ctx?.dispose();
}
