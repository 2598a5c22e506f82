/**
 * VS Code for the Web's activation (package.json `browser`: vscode.dev, github.dev, code-server's web worker
 * host): the shared part (client/src/activation.ts) with the language server in a Worker and workspace.fs.
 * No Node, no terminal, no git here: Run, Sign Off, ECS and Review Changes are not registered, the server is
 * told of no client commands (so it offers none of their lenses), and package.json hides their menus
 * (`preflight.onMachine`, set by the desktop entry only).
 */
import type * as vscode from 'vscode';
import { activateShared, type PreflightWebApi } from '../activation';
import { WEB_SCHEMES, webClient } from './webClient';
import { webFiles } from './webFiles';

export { deactivate } from '../activation';
export type { PreflightWebApi } from '../activation';

export async function activate(context: vscode.ExtensionContext): Promise<PreflightWebApi> {
  const { api } = await activateShared(context, {
    createClient: webClient(context),
    schemes: WEB_SCHEMES,
    machineCommands: [],
    files: webFiles,
    machine: () => undefined,
  });
  return api;
}
