/**
 * What Preflight shows of an ECS service, reduced to the counts, deployments and events a person watching a
 * rollout needs, and what they mean. No SDK here: the tree reads these without loading it.
 */
export interface DeploymentState {
  id: string;
  /** PRIMARY (the one rolling out) or ACTIVE (the one being replaced). */
  status: string;
  /** `family:revision`, the short form of the task definition ARN. */
  taskDefinition: string;
  taskDefinitionArn: string;
  running: number;
  desired: number;
  pending: number;
  failedTasks: number;
  /** COMPLETED, IN_PROGRESS or FAILED; absent on services whose deployments ECS does not track. */
  rolloutState?: string;
  rolloutStateReason?: string;
  createdAt?: Date;
}

export interface ServiceState {
  cluster: string;
  service: string;
  status: string;
  running: number;
  desired: number;
  pending: number;
  deployments: DeploymentState[];
  /** Newest first, the latest few. */
  events: { at?: Date; message: string }[];
  fetchedAt: Date;
}

/** `arn:aws:ecs:…:task-definition/web:7` → `web:7`. */
export function shortTaskDefinition(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

export function primaryOf(state: ServiceState): DeploymentState | undefined {
  return state.deployments.find((d) => d.status === 'PRIMARY');
}

export type RolloutPhase = 'completed' | 'in-progress' | 'failed';

/**
 * Where the service's rollout stands. ECS's rolloutState when it reports one; otherwise the rule the AWS
 * CLI's services-stable waiter uses (one deployment, running == desired).
 */
export function rolloutPhase(state: ServiceState): RolloutPhase {
  const primary = primaryOf(state);
  if (!primary) return 'in-progress';
  if (primary.rolloutState === 'FAILED') return 'failed';
  const steady = state.deployments.length === 1 && state.running === state.desired;
  if (primary.rolloutState === 'COMPLETED') return steady ? 'completed' : 'in-progress';
  return primary.rolloutState === undefined && steady ? 'completed' : 'in-progress';
}

/** A one-line summary: `ACTIVE · 3/3 running · COMPLETED`. */
export function summaryOf(state: ServiceState): string {
  const primary = primaryOf(state);
  const rollout = primary?.rolloutState ? ` · ${primary.rolloutState}` : '';
  const pending = state.pending > 0 ? ` · ${state.pending} pending` : '';
  return `${state.status} · ${state.running}/${state.desired} running${pending}${rollout}`;
}

/** Whether the service proves "all services healthy": one COMPLETED deployment and running == desired. */
export function healthOf(state: ServiceState): { healthy: boolean; why: string } {
  const primary = primaryOf(state);
  if (state.status !== 'ACTIVE') return { healthy: false, why: `the service is ${state.status}` };
  if (state.deployments.length !== 1)
    return { healthy: false, why: `${state.deployments.length} deployments are active (a rollout is still going on)` };
  if (primary?.rolloutState && primary.rolloutState !== 'COMPLETED')
    return { healthy: false, why: `its deployment is ${primary.rolloutState}` };
  if (state.running !== state.desired) return { healthy: false, why: `${state.running} of ${state.desired} tasks are running` };
  return {
    healthy: true,
    why: `one ${primary?.rolloutState ?? 'steady'} deployment (${primary?.taskDefinition}), ${state.running}/${state.desired} running`,
  };
}
