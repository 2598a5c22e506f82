/**
 * "✓ Verify with ECS" on an item like "All services healthy": asks ECS for every service the checklist
 * names and checks the item only when each has one COMPLETED deployment with running == desired.
 * Offered as a lens and run on a click, never silently.
 */
import * as vscode from 'vscode';
import { type EcsVerifyArgs, ServerCommands, type ToggleItemsArgs } from '@preflight/protocol';
import { ecsModule, ecsSettings } from './ecsModule';
import { targetLabel } from './targetLabel';
import { endpointLabel } from './endpointTrust';
import { refuseUntrusted, type Command, type MachineServices } from '../commands/command';

export const ecsVerify: Command<MachineServices> = {
  id: 'preflight.ecsVerify',
  async run(services, raw) {
    const args = raw as EcsVerifyArgs;
    if (refuseUntrusted('asks ECS')) return;
    const ecs = ecsModule();
    const settings = ecsSettings(vscode.Uri.parse(args.uri));
    // Endpoints a checklist names that are not AWS's own are asked about first, one modal at a time.
    for (const target of args.targets) {
      const consent = await services.ecs.endpoints.check(args.uri, target, settings.endpoint, true);
      if (!consent.allowed) {
        void vscode.window.showInformationMessage(`Preflight: not checked, ECS was not asked: ${consent.why}`);
        return;
      }
    }
    const verdicts = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Asking ECS' }, () =>
      Promise.all(
        args.targets.map(async (target) => {
          const connection = ecs.connect(target, settings.endpoint);
          const asked = endpointLabel(connection.endpoint, target.region);
          try {
            const state = await ecs.describeService(connection.read, target);
            services.ecs.set(args.uri, target, state);
            return { target, asked, ...ecs.healthOf(state) };
          } catch (error) {
            return { target, asked, healthy: false, why: ecs.ecsProblemOf(error, 'DescribeServices', target, connection.endpoint).message };
          } finally {
            connection.dispose();
          }
        }),
      ),
    );
    // Each verdict names the endpoint it came from: a checked item says whose word it took.
    const lines = verdicts.map((v) => `${targetLabel(v.target)} (asked ${v.asked}): ${v.why}`);
    if (verdicts.some((v) => !v.healthy)) {
      void vscode.window.showWarningMessage(
        `Preflight: not checked, ECS does not show every service healthy. ${verdicts
          .filter((v) => !v.healthy)
          .map((v) => `${targetLabel(v.target)} (asked ${v.asked}): ${v.why}`)
          .join('; ')}.`,
      );
      return;
    }
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri));
    const toggle: ToggleItemsArgs = { uri: args.uri, version: doc.version, itemIds: [args.itemId], checked: true };
    const reply = await services.ctx.serverCommand(ServerCommands.toggleItems, toggle);
    if (reply.applied) void vscode.window.showInformationMessage(`Preflight: checked, ECS shows ${lines.join('; ')}.`);
  },
};
