/**
 * The desktop's activation (package.json `main`): the shared part (client/src/activation.ts) with the
 * language server over IPC and node:fs, plus what needs the machine: running steps, sign-off with git, ECS
 * and reviews against a git ref. VS Code for the Web loads client/src/web/extension.ts instead.
 */
import * as vscode from 'vscode';
import { activateShared, type PreflightWebApi } from './activation';
import { registerCommands } from './commands';
import { initShellParser } from '../../server/src/shell/load';
import { EcsStates } from './ecs/ecsStates';
import { Reviews } from './review/reviews';
import { Runs } from './run/runs';
import { ReviewMarkers } from './review/reviewMarkers';
import { machineCommands, machineCommandTable } from './node/machineCommands';
import { nodeClient, NODE_SCHEMES } from './node/nodeClient';
import { nodeFiles } from './node/nodeFiles';

export { deactivate } from './activation';

/** What activate() returns on the desktop: the live parts, for other extensions and the end-to-end tests. */
export interface PreflightApi extends PreflightWebApi {
  runs: Runs;
  ecs: EcsStates;
  reviews: Reviews;
  reviewMarkers: ReviewMarkers;
}

export async function activate(context: vscode.ExtensionContext): Promise<PreflightApi> {
  // Shows the machine's commands (package.json `when`). Not `!isWeb`: code-server is a web workbench whose
  // Node extension host runs this entry, with a shell and git.
  void vscode.commands.executeCommand('setContext', 'preflight.onMachine', true);
  const runs = new Runs();
  context.subscriptions.push(runs);
  // Run confirmations and variable prompts read steps with the bash parser; its WASM ships beside the server bundle.
  const shell = initShellParser(context.asAbsolutePath('server/dist')).catch((error: Error) => {
    void vscode.window.showErrorMessage(`Preflight: ${error.message}. Until then every step asks for confirmation before it runs.`);
  });
  const { api, services, machine } = await activateShared(context, {
    createClient: nodeClient(context),
    schemes: NODE_SCHEMES,
    machineCommands,
    runs,
    files: nodeFiles,
    machine: (ctx) => ({ ecs: new EcsStates(), reviews: new Reviews(ctx) }),
  });
  await shell;
  const reviewMarkers = new ReviewMarkers(machine.reviews, vscode.Uri.joinPath(context.extensionUri, 'client', 'media'));
  context.subscriptions.push(reviewMarkers, ...registerCommands(machineCommandTable, { ...services, ...machine, runs }));
  return { ...api, ...machine, runs, reviewMarkers };
}
