/** Every command, registered from one table. */
import * as vscode from 'vscode';
import { ClientCommands } from '../../../server/src/protocol';
import type { Command, Services } from './command';
import { showAll, showOpenOnly } from './filter';
import { newFromTemplate } from './newFromTemplate';
import { newRun } from './newRun';
import { nextOpenItem, previousOpenItem } from './openItem';
import { refresh } from './refresh';
import { runPhase } from './runPhase';
import { runStep } from './runStep';
import { signOff } from './signOff';
import { cancelStep } from './cancelStep';
import { ecsRefresh } from './ecsRefresh';
import { ecsRollback } from './ecsRollback';
import { ecsVerify } from './ecsVerify';
import { revealLine } from './revealLine';
import { reviewChanges } from './reviewChanges';
import { checkSection, uncheckSection } from './section';
import { toggleItem } from './toggleItem';

const commands: readonly Command[] = [toggleItem, nextOpenItem, previousOpenItem, checkSection, uncheckSection, newRun, newFromTemplate, showOpenOnly, showAll, refresh, revealLine, runStep, cancelStep, runPhase, signOff, ecsRollback, ecsVerify, ecsRefresh, reviewChanges];

/**
 * Client commands with effects on the machine that the server may offer as lenses; they are announced only
 * in a trusted workspace (see Ctx).
 */
export const machineCommands: readonly string[] = [ClientCommands.runStep, ClientCommands.signOff, ClientCommands.ecsRollback, ClientCommands.ecsVerify, ClientCommands.reviewChanges];

export function registerCommands(services: Services): vscode.Disposable[] {
  return commands.map((command) => vscode.commands.registerCommand(command.id, (...args: unknown[]) => command.run(services, ...args)));
}
