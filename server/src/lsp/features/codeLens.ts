/**
 * Code lenses: progress on each phase heading (display only), `▶ Run` on each step, a sign-off lens per
 * role, `⟲ Roll back <service>…` on each shell block running `aws ecs update-service` and `✓ Verify with
 * ECS` on each open item claiming services are healthy (when the checklist names an ECS service). All but
 * progress need a client command, so they appear only when the client announced it (other editors get no
 * lens they cannot run).
 */
import type { CodeLens } from 'vscode-languageserver';
import { ecsRollbackSteps, ecsTargetsOf, healthClaimItems } from '../../core/ecsTargets.js';
import type { Checklist } from '../../core/model.js';
import { allPhases, percent } from '../../core/progress.js';
import { stepsOf, type Step } from '../../core/steps.js';
import {
  ClientCommands,
  type EcsRollbackArgs,
  type EcsVerifyArgs,
  type RunStepArgs,
  type Settings,
  type SignOffArgs,
} from '../../protocol/protocol.js';
import { lineRange } from './convert.js';
import { toProtocolEcsTarget } from './ecs.js';

export function codeLenses(
  checklist: Checklist,
  settings: Settings,
  clientCommands: ReadonlySet<string>,
  uri: string,
  version: number,
): CodeLens[] {
  const lenses: CodeLens[] = [];
  if (settings.codeLens.progress) {
    for (const phase of allPhases(checklist.phases)) {
      // A section without items (a table, contacts, templates) has no progress to show.
      if (phase.progress.total === 0) continue;
      lenses.push({ range: lineRange(phase.range.start), command: { title: progressTitle(phase.progress), command: '' } });
    }
  }
  if (settings.codeLens.run && clientCommands.has(ClientCommands.runStep)) {
    const steps = stepsOf(checklist);
    const perItem = new Map<Step['item'], number>();
    for (const step of steps) if (step.kind === 'inline') perItem.set(step.item, (perItem.get(step.item) ?? 0) + 1);
    for (const step of steps) {
      const at = step.kind === 'inline' && step.item ? step.item.range.start : step.range.start;
      // Several commands in one item share its line: name each so the lenses can be told apart.
      const title = step.kind === 'inline' && (perItem.get(step.item) ?? 0) > 1 ? `▶ Run ${short(step.command)}` : '▶ Run';
      const args: RunStepArgs = { uri, version, stepId: step.id, command: step.command, kind: step.lang };
      lenses.push({ range: lineRange(at), command: { title, command: ClientCommands.runStep, arguments: [args] } });
    }
  }
  if (settings.codeLens.signOff && clientCommands.has(ClientCommands.signOff) && checklist.signOff) {
    for (const role of checklist.signOff.roles) {
      const args: SignOffArgs = { uri, roleId: role.id };
      // A complete role is shown, not re-signed: stamping again would overwrite who signed and when.
      const command = role.complete
        ? { title: '✓ Signed', command: '' }
        : { title: `✍ Sign off as ${role.name}`, command: ClientCommands.signOff, arguments: [args] };
      lenses.push({ range: lineRange(role.range.start), command });
    }
  }
  if (settings.codeLens.ecs && clientCommands.has(ClientCommands.ecsRollback)) {
    for (const { step, target } of ecsRollbackSteps(checklist)) {
      const args: EcsRollbackArgs = { uri, version, stepId: step.id, target: toProtocolEcsTarget(target) };
      lenses.push({
        range: lineRange(step.range.start),
        command: { title: `⟲ Roll back ${target.service}…`, command: ClientCommands.ecsRollback, arguments: [args] },
      });
    }
  }
  if (settings.codeLens.ecs && clientCommands.has(ClientCommands.ecsVerify)) {
    const targets = ecsTargetsOf(checklist).map(toProtocolEcsTarget);
    // Without a target there is nothing to ask ECS about; a checked claim needs no verifying.
    for (const item of targets.length > 0 ? healthClaimItems(checklist) : []) {
      if (item.checked) continue;
      const args: EcsVerifyArgs = { uri, version, itemId: item.id, targets };
      lenses.push({
        range: lineRange(item.range.start),
        command: { title: '✓ Verify with ECS', command: ClientCommands.ecsVerify, arguments: [args] },
      });
    }
  }
  return lenses.sort((a, b) => a.range.start.line - b.range.start.line);
}

export function progressTitle(count: { done: number; total: number }): string {
  return `${count.done}/${count.total} done · ${percent(count)}%`;
}

function short(command: string): string {
  return command.length > 30 ? `${command.slice(0, 29)}…` : command;
}
