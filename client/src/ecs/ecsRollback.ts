/**
 * Roll an ECS service back from its rollback block's lens: read the service and its task definition
 * revisions, propose the one before the running revision, confirm in a modal that shows cluster, service
 * and from → to, send UpdateService once, then follow the rollout in a notification until ECS says
 * COMPLETED or FAILED or the timeout passes. The outcome becomes a run note under the block.
 */
import * as vscode from 'vscode';
import { type EcsRollbackArgs, type EcsTarget, type Outline, RunResultRequest, type RunResultParams } from '@preflight/protocol';
import { ecsModule, ecsSettings } from './ecsModule';
import { targetLabel } from './targetLabel';
import type { EcsConnection, Revision, RollbackPlan, RolloutOutcome } from './service';
import { primaryOf } from './service/serviceState';
import { whoAmI } from '../identity';
import { isoWithOffset } from '../time';
import type { EcsNode } from '../checklists/treeNodes';
import { refuseUntrusted, type Command, type MachineServices } from '../commands/command';

export const ecsRollback: Command<MachineServices> = {
  id: 'preflight.ecsRollback',
  // From the lens: EcsRollbackArgs; from a service's row in the tree: its node; from the palette: nothing.
  run: (services, args) =>
    rollBackService(
      services,
      (args as EcsNode | undefined)?.kind === 'ecs' ? fromRow(services, args as EcsNode) : (args as EcsRollbackArgs | undefined),
    ),
};

/** Exit codes of the run note: the shell's conventions, so the note reads like any other step's. */
const EXIT = { completed: 0, failed: 1, error: 2, timeout: 124, cancelled: 130 } as const;

async function rollBackService(services: MachineServices, args: EcsRollbackArgs | undefined): Promise<void> {
  if (refuseUntrusted('rolls back ECS services')) return;
  const picked = args ?? (await pickTarget(services));
  if (!picked) return;
  const uri = vscode.Uri.parse(picked.uri);
  const settings = ecsSettings(uri);
  const consent = await services.ecs.endpoints.check(picked.uri, picked.target, settings.endpoint, true);
  if (!consent.allowed) {
    void vscode.window.showInformationMessage(`Preflight: rollback not started, nothing was changed in ECS: ${consent.why}`);
    return;
  }
  const ecs = ecsModule();
  const connection = ecs.connect(picked.target, settings.endpoint);
  try {
    const plan = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Reading ECS service ${targetLabel(picked.target)}` },
      () => ecs.planRollback(connection),
    );
    services.ecs.set(picked.uri, picked.target, plan.state);
    const to = await pickRevision(plan, picked.target);
    if (!to || !(await confirmed(connection, plan, to))) {
      void vscode.window.showInformationMessage('Preflight: rollback cancelled; nothing was changed in ECS.');
      return;
    }
    const startedAt = new Date();
    try {
      await ecs.rollBack(connection, to);
    } catch (error) {
      const message = ecs.ecsProblemOf(error, 'UpdateService', picked.target, connection.endpoint).message;
      await record(
        services,
        picked,
        startedAt,
        EXIT.error,
        `UpdateService ${targetLabel(picked.target)} → ${shortName(to)} failed: ${message}`,
      );
      void vscode.window.showErrorMessage(`Preflight: rollback not started. ${message}`);
      return;
    }
    const outcome = await follow(services, connection, picked, to, settings);
    await record(services, picked, startedAt, EXIT[outcome.result], describe(outcome, plan, to));
    announce(outcome, picked.target, plan, to);
    // The rollout may still be going on: the service's row keeps polling it.
    if (outcome.result !== 'completed' && outcome.result !== 'failed') void services.ecs.refresh(picked.uri, picked.target);
  } catch (error) {
    void vscode.window.showErrorMessage(
      `Preflight: ${ecs.ecsProblemOf(error, 'DescribeServices', picked.target, connection.endpoint).message}`,
    );
  } finally {
    connection.dispose();
  }
}

/** From the palette: a service of the active checklist whose rollback block names it. */
async function pickTarget(services: MachineServices): Promise<EcsRollbackArgs | undefined> {
  const editor = vscode.window.activeTextEditor;
  const outline = editor && services.outlines.get(editor.document.uri);
  const targets = outline?.ecs ?? [];
  if (!outline || targets.length === 0) {
    void vscode.window.showInformationMessage(
      'Preflight: the active checklist names no ECS service (front matter `ecs:` or an `aws ecs … --cluster … --service …` command).',
    );
    return undefined;
  }
  const choice =
    targets.length === 1
      ? { target: targets[0] }
      : await vscode.window.showQuickPick(
          targets.map((target) => ({ label: targetLabel(target), description: target.region, target })),
          { title: 'Roll back which ECS service?' },
        );
  return choice && argsFor(outline, choice.target);
}

function fromRow(services: MachineServices, node: EcsNode): EcsRollbackArgs | undefined {
  const outline = services.outlines.get(node.uri);
  return outline && argsFor(outline, node.target);
}

/** The block that rolls the service back, if one does, receives the run note. */
function argsFor(outline: Outline, target: EcsTarget): EcsRollbackArgs {
  return { uri: outline.uri, version: outline.version, stepId: target.rollbackStepId ?? '', target };
}

async function pickRevision(plan: RollbackPlan, target: EcsTarget): Promise<Revision | undefined> {
  const older = plan.revisions.filter((r) => r.revision !== plan.current.revision);
  if (older.length === 0) {
    void vscode.window.showWarningMessage(
      `Preflight: ${plan.current.family} has no other ACTIVE revision than ${shortName(plan.current)}; there is nothing to roll back to.`,
    );
    return undefined;
  }
  const items = older.map((revision) => ({
    label: shortName(revision),
    description:
      revision === plan.proposed
        ? 'proposed: the revision before the running one'
        : revision.revision > plan.current.revision
          ? 'newer than the running one'
          : undefined,
    revision,
  }));
  // The proposal first, so Enter takes it.
  items.sort((a, b) => Number(b.revision === plan.proposed) - Number(a.revision === plan.proposed));
  const choice = await vscode.window.showQuickPick(items, {
    title: `Roll back ${targetLabel(target)}: running ${shortName(plan.current)}`,
    placeHolder: 'The task definition revision to deploy',
    ignoreFocusOut: true,
  });
  return choice?.revision;
}

async function confirmed(connection: EcsConnection, plan: RollbackPlan, to: Revision): Promise<boolean> {
  const { target } = connection;
  const detail = [
    `Cluster: ${target.cluster}`,
    `Service: ${target.service}`,
    `Region: ${target.region ?? 'from your AWS configuration'}${target.profile ? ` (profile ${target.profile})` : ''}`,
    ...(connection.endpoint ? [`Endpoint: ${connection.endpoint}`] : []),
    `From: ${shortName(plan.current)} (running ${plan.state.running}/${plan.state.desired})`,
    `To: ${shortName(to)}`,
    '',
    'ECS starts a new deployment (UpdateService, force new deployment) and replaces the running tasks.',
  ].join('\n');
  const choice = await vscode.window.showWarningMessage(
    `Roll back ${target.service} from ${shortName(plan.current)} to ${shortName(to)}?`,
    { modal: true, detail },
    'Roll Back',
  );
  return choice === 'Roll Back';
}

/** The rollout in a notification; Cancel stops watching, not the rollout. */
function follow(
  services: MachineServices,
  connection: EcsConnection,
  args: EcsRollbackArgs,
  to: Revision,
  settings: { pollMs: number; timeoutMs: number },
): Thenable<RolloutOutcome> {
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Rolling back ${connection.target.service} to ${shortName(to)}`,
      cancellable: true,
    },
    (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return ecsModule().watchRollout(connection, {
        taskDefinitionArn: to.arn,
        intervalMs: settings.pollMs,
        maxIntervalMs: Math.max(settings.pollMs, 30_000),
        timeoutMs: settings.timeoutMs,
        signal: abort.signal,
        onState: (state) => {
          services.ecs.set(args.uri, args.target, state);
          const primary = primaryOf(state);
          const failed = primary?.failedTasks ? ` · ${primary.failedTasks} failed` : '';
          progress.report({ message: `${state.running}/${state.desired} running · ${primary?.rolloutState ?? 'waiting'}${failed}` });
        },
      });
    },
  );
}

function describe(outcome: RolloutOutcome, plan: RollbackPlan, to: Revision): string {
  const state = outcome.state;
  const counts = state ? ` (${state.running}/${state.desired} running)` : '';
  const head = `ECS rollback ${plan.state.cluster}/${plan.state.service}: ${shortName(plan.current)} → ${shortName(to)}`;
  switch (outcome.result) {
    case 'completed':
      return `${head}\nrollout COMPLETED${counts}`;
    case 'failed':
      return `${head}\nrollout FAILED${counts}: ${outcome.reason}`;
    case 'timeout':
      return `${head}\nstill in progress at the timeout${counts}; the rollout goes on in ECS`;
    case 'cancelled':
      return `${head}\nstopped watching${counts}; the rollout goes on in ECS`;
    case 'error':
      return `${head}\nwatching stopped: ${outcome.problem.message}`;
  }
}

function announce(outcome: RolloutOutcome, target: EcsTarget, plan: RollbackPlan, to: Revision): void {
  const what = `${targetLabel(target)} ${shortName(plan.current)} → ${shortName(to)}`;
  switch (outcome.result) {
    case 'completed':
      void vscode.window.showInformationMessage(`Preflight: rollback of ${what} COMPLETED.`);
      return;
    case 'failed':
      void vscode.window.showErrorMessage(
        `Preflight: rollback of ${what} FAILED: ${outcome.reason}. Check the service's events in the Preflight view.`,
      );
      return;
    case 'timeout':
      void vscode.window.showWarningMessage(
        `Preflight: rollback of ${what} is still in progress after the timeout (preflight.ecs.rolloutTimeoutMinutes). It goes on in ECS; expand the service in the Preflight view to follow it.`,
      );
      return;
    case 'cancelled':
      void vscode.window.showInformationMessage(
        `Preflight: stopped watching. The rollback of ${what} was started and goes on in ECS; expand the service in the Preflight view to follow it.`,
      );
      return;
    case 'error':
      void vscode.window.showErrorMessage(
        `Preflight: the rollback of ${what} was started, but watching it failed: ${outcome.problem.message}`,
      );
  }
}

/** The outcome as a run note under the rollback block (no note when the lens had no block). */
async function record(services: MachineServices, args: EcsRollbackArgs, startedAt: Date, exitCode: number, summary: string): Promise<void> {
  if (!args.stepId) return;
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(args.uri))?.uri.fsPath ?? process.cwd();
  const params: RunResultParams = {
    uri: args.uri,
    version: args.version,
    result: {
      stepId: args.stepId,
      exitCode,
      durationMs: Date.now() - startedAt.getTime(),
      startedAt: isoWithOffset(startedAt),
      by: await whoAmI(folder),
      outputTail: summary,
    },
  };
  const reply = await services.ctx.languageClient
    .sendRequest(RunResultRequest.type, params)
    .catch((error: Error) => ({ recorded: false, message: error.message }));
  if (!reply.recorded)
    void vscode.window.showWarningMessage(
      `Preflight: the rollback's outcome was not recorded in the checklist: ${reply.message ?? 'unknown reason'}`,
    );
}

function shortName(revision: Revision): string {
  return `${revision.family}:${revision.revision}`;
}
