/**
 * The commands that act on the machine: run a step (a shell), sign off (git), ECS (the AWS SDK), review
 * changes against a git ref. The desktop registers them beside the shared ones; the web has none of them, and
 * package.json hides their menus and keys there (`preflight.onMachine`, set by the desktop entry only).
 */
import { ClientCommands } from '@preflight/protocol';
import type { Command, MachineServices } from '../commands/command';
import { runPhase } from '../run/runPhase';
import { runStep } from '../run/runStep';
import { signOff } from '../signoff/signOff';
import { cancelStep } from '../run/cancelStep';
import { ecsRefresh } from '../ecs/ecsRefresh';
import { ecsRollback } from '../ecs/ecsRollback';
import { ecsVerify } from '../ecs/ecsVerify';
import { reviewChanges } from '../review/reviewChanges';

export const machineCommandTable: readonly Command<MachineServices>[] = [
  runStep,
  cancelStep,
  runPhase,
  signOff,
  ecsRollback,
  ecsVerify,
  ecsRefresh,
  reviewChanges,
];

/**
 * Client commands with effects on the machine that the server may offer as lenses; they are announced only
 * in a trusted workspace (see Ctx), and never on the web.
 */
export const machineCommands: readonly string[] = [
  ClientCommands.runStep,
  ClientCommands.signOff,
  ClientCommands.ecsRollback,
  ClientCommands.ecsVerify,
  ClientCommands.reviewChanges,
];
