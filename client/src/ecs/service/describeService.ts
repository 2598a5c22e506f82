/**
 * One DescribeServices call, reduced to a ServiceState. Real ECS reports a missing service in `failures`,
 * not as an error.
 */
import { DescribeServicesCommand, type Deployment, type ECSClient } from '@aws-sdk/client-ecs';
import type { EcsTarget } from '@preflight/protocol';
import { EcsProblem } from './ecsProblem';
import { type DeploymentState, type ServiceState, shortTaskDefinition } from './serviceState';

/** Events kept, newest first. */
const EVENTS_KEPT = 5;

export async function describeService(client: ECSClient, target: EcsTarget, signal?: AbortSignal): Promise<ServiceState> {
  const out = await client.send(new DescribeServicesCommand({ cluster: target.cluster, services: [target.service] }), {
    abortSignal: signal,
  });
  const service = out.services?.[0];
  if (!service) {
    const reason = out.failures?.[0]?.reason ?? 'MISSING';
    throw new EcsProblem(
      'service-not-found',
      `Service "${target.service}" was not found in cluster "${target.cluster}" (ECS says ${reason}). Check the service name and the region.`,
    );
  }
  return {
    cluster: target.cluster,
    service: service.serviceName ?? target.service,
    status: service.status ?? 'UNKNOWN',
    running: service.runningCount ?? 0,
    desired: service.desiredCount ?? 0,
    pending: service.pendingCount ?? 0,
    deployments: (service.deployments ?? []).map(deploymentState),
    events: (service.events ?? []).slice(0, EVENTS_KEPT).map((e) => ({ at: e.createdAt, message: e.message ?? '' })),
    fetchedAt: new Date(),
  };
}

function deploymentState(d: Deployment): DeploymentState {
  const arn = d.taskDefinition ?? '';
  return {
    id: d.id ?? '',
    status: d.status ?? 'UNKNOWN',
    taskDefinition: shortTaskDefinition(arn),
    taskDefinitionArn: arn,
    running: d.runningCount ?? 0,
    desired: d.desiredCount ?? 0,
    pending: d.pendingCount ?? 0,
    failedTasks: d.failedTasks ?? 0,
    ...(d.rolloutState ? { rolloutState: d.rolloutState } : {}),
    ...(d.rolloutStateReason ? { rolloutStateReason: d.rolloutStateReason } : {}),
    ...(d.createdAt ? { createdAt: d.createdAt } : {}),
  };
}
