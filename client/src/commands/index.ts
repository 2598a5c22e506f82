/** Every command, registered from one table. */
import * as vscode from 'vscode';
import { ClientCommands } from '@preflight/protocol';
import type { Command, Services } from './command';
import { showAll, showOpenOnly } from '../checklists/filter';
import { newFromTemplate } from '../checklists/newFromTemplate';
import { newRun } from '../run/newRun';
import { nextOpenItem, previousOpenItem } from '../checklists/openItem';
import { refresh } from '../checklists/refresh';
import { runPhase } from '../run/runPhase';
import { runStep } from '../run/runStep';
import { signOff } from '../signoff/signOff';
import { cancelStep } from '../run/cancelStep';
import { ecsRefresh } from '../ecs/ecsRefresh';
import { ecsRollback } from '../ecs/ecsRollback';
import { ecsVerify } from '../ecs/ecsVerify';
import { revealLine } from '../checklists/revealLine';
import { reviewChanges } from '../review/reviewChanges';
import { checkPhase, uncheckPhase } from '../checklists/phaseChecks';
import { toggleItem } from '../checklists/toggleItem';
import { togglePreviewItem } from '../preview/togglePreviewItem';
import { openDashboard } from '../dashboard/openDashboard';

const commands: readonly Command[] = [
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
  runStep,
  cancelStep,
  runPhase,
  signOff,
  ecsRollback,
  ecsVerify,
  ecsRefresh,
  reviewChanges,
  togglePreviewItem,
  openDashboard,
];

/**
 * Client commands with effects on the machine that the server may offer as lenses; they are announced only
 * in a trusted workspace (see Ctx).
 */
export const machineCommands: readonly string[] = [
  ClientCommands.runStep,
  ClientCommands.signOff,
  ClientCommands.ecsRollback,
  ClientCommands.ecsVerify,
  ClientCommands.reviewChanges,
];

export function registerCommands(services: Services): vscode.Disposable[] {
  return commands.map((command) => vscode.commands.registerCommand(command.id, (...args: unknown[]) => command.run(services, ...args)));
}
