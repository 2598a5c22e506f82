/**
 * The commands every host registers (desktop and web), from one table. The ones that act on the machine
 * (run a step, sign off, ECS, review) are the desktop's own: client/src/node/machineCommands.ts.
 */
import * as vscode from 'vscode';
import type { Command, Services } from './command';
import { showAll, showOpenOnly } from '../checklists/filter';
import { newFromTemplate } from '../checklists/newFromTemplate';
import { newRun } from '../run/newRun';
import { nextOpenItem, previousOpenItem } from '../checklists/openItem';
import { refresh } from '../checklists/refresh';
import { revealLine } from '../checklists/revealLine';
import { checkPhase, uncheckPhase } from '../checklists/phaseChecks';
import { toggleItem } from '../checklists/toggleItem';
import { togglePreviewItem } from '../preview/togglePreviewItem';
import { openDashboard } from '../dashboard/openDashboard';

/** Commands that need no machine: they edit through the server and read through workspace.fs. */
export const sharedCommands: readonly Command[] = [
  toggleItem,
  nextOpenItem,
  previousOpenItem,
  checkPhase,
  uncheckPhase,
  newRun,
  newFromTemplate,
  showOpenOnly,
  showAll,
  refresh,
  revealLine,
  togglePreviewItem,
  openDashboard,
];

export function registerCommands<S extends Services>(commands: readonly Command<S>[], services: S): vscode.Disposable[] {
  return commands.map((command) => vscode.commands.registerCommand(command.id, (...args: unknown[]) => command.run(services, ...args)));
}
