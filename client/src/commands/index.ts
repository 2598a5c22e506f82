/** Every command, registered from one table. */
import * as vscode from 'vscode';
import type { Command, Services } from './command';
import { showAll, showOpenOnly } from './filter';
import { newRun } from './newRun';
import { nextOpenItem, previousOpenItem } from './openItem';
import { refresh } from './refresh';
import { revealLine } from './revealLine';
import { checkSection, uncheckSection } from './section';
import { toggleItem } from './toggleItem';

const commands: readonly Command[] = [toggleItem, nextOpenItem, previousOpenItem, checkSection, uncheckSection, newRun, showOpenOnly, showAll, refresh, revealLine];

/**
 * Client commands with effects on the machine (running a step, signing off with git) that the server may
 * offer as lenses. None exists yet; they are announced only in a trusted workspace (see Ctx).
 */
export const machineCommands: readonly string[] = [];

export function registerCommands(services: Services): vscode.Disposable[] {
  return commands.map((command) => vscode.commands.registerCommand(command.id, (...args: unknown[]) => command.run(services, ...args)));
}
