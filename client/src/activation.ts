/**
 * The activation both hosts share (client/src/extension.ts on the desktop, client/src/web/extension.ts in VS
 * Code for the Web): the language client, outlines, the Checklists view, decorations, the status bar, the
 * Markdown preview's marks, and the commands that need no machine (toggles, Fresh Run, New Checklist from
 * Template, the dashboard). The desktop adds its machine parts (ECS, sign-off states from git, reviews) through
 * `machine`, and registers the machine's commands itself.
 */
import * as vscode from 'vscode';
import { registerCommands, sharedCommands } from './commands';
import type { Services } from './commands/command';
import { Ctx, type CtxOptions } from './ctx';
import type { FileHost } from './files';
import { Outlines } from './checklists/outlines';
import { ChecklistTree } from './checklists/checklistTree';
import { Decorations } from './checklists/decorations';
import { ProgressStatusBar } from './checklists/statusBar';
import { PreviewMarks } from './preview/previewMarks';
import type { MarkdownItLike } from './preview/previewRender';
import type { EcsStates } from './ecs/ecsStates';
import { RoleStates } from './signoff/roleStates';
import type { Reviews } from './review/reviews';

/**
 * What activate() returns on the web: the live parts, for other extensions and the end-to-end tests. The
 * desktop's PreflightApi (client/src/extension.ts) adds runs, ecs, reviews and reviewMarkers, which
 * the web does not have.
 */
export interface PreflightWebApi {
  outlines: Outlines;
  tree: ChecklistTree;
  decorations: Decorations;
  statusBar: ProgressStatusBar;
  /** Sign-off role states, from the server (which reads git on the desktop). */
  roles: RoleStates;
  /** Checkboxes and badges in the Markdown preview, and what it last rendered. */
  preview: PreviewMarks;
  /** Called by VS Code's Markdown extension (`markdown.markdownItPlugins`). */
  extendMarkdownIt(md: MarkdownItLike): MarkdownItLike;
}

/** The desktop's parts that need the language server and the machine (git, the AWS SDK). */
export interface MachineParts {
  ecs: EcsStates;
  reviews: Reviews;
}

export interface Host<M extends MachineParts | undefined> extends CtxOptions {
  files: FileHost;
  /** Made once the server runs: the desktop's machine parts; undefined on the web. */
  machine(ctx: Ctx): M;
}

let ctx: Ctx | undefined;

export async function activateShared<M extends MachineParts | undefined>(
  context: vscode.ExtensionContext,
  host: Host<M>,
): Promise<{ api: PreflightWebApi; services: Services; machine: M }> {
  ctx = new Ctx(host);
  try {
    await ctx.start();
  } catch (error) {
    void vscode.window.showErrorMessage(
      `Preflight's language server did not start: ${(error as Error).message}. See the "Preflight" output, then run "Developer: Reload Window".`,
    );
    throw error;
  }
  const outlines = new Outlines(ctx);
  const machine = host.machine(ctx);
  // Sign-off states come from the server: from git on the desktop; on the web it says there is no git.
  const roles = new RoleStates(ctx);
  const tree = new ChecklistTree(ctx, outlines, roles, machine);
  const decorations = new Decorations(outlines);
  const statusBar = new ProgressStatusBar(outlines);
  const preview = new PreviewMarks(outlines);
  const services: Services = { ctx, outlines, tree, roles, files: host.files, extensionUri: context.extensionUri };
  context.subscriptions.push(
    outlines,
    roles,
    ...(machine ? [machine.reviews, machine.ecs] : []),
    tree,
    decorations,
    statusBar,
    preview,
    ...registerCommands(sharedCommands, services),
  );
  return {
    api: { outlines, tree, decorations, statusBar, roles, preview, extendMarkdownIt: (md) => preview.extendMarkdownIt(md) },
    services,
    machine,
  };
}

export function deactivate(): Promise<void> | undefined {
  return ctx?.dispose();
}
