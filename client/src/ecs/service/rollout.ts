/**
 * Follows a rollout by polling DescribeServices until ECS says COMPLETED or FAILED, a timeout passes, or the
 * watcher is cancelled. Not the SDK's waitUntilServicesStable: it ignores rolloutState (a failed rollout
 * looks "not yet stable" until the timeout) and keeps retrying through AccessDenied.
 */
import type { EcsConnection } from './connection';
import { type EcsProblem, ecsProblemOf } from './ecsProblem';
import { describeService } from './describeService';
import { primaryOf, rolloutPhase, type ServiceState } from './serviceState';

export type RolloutOutcome =
  | { result: 'completed'; state: ServiceState }
  | { result: 'failed'; state: ServiceState; reason: string }
  | { result: 'timeout'; state?: ServiceState }
  | { result: 'cancelled'; state?: ServiceState }
  | { result: 'error'; state?: ServiceState; problem: EcsProblem };

export interface WatchOptions {
  /** The task definition ARN that must become the primary deployment's. */
  taskDefinitionArn: string;
  intervalMs: number;
  /** Polls slow down to this while nothing changes, and after transient errors. */
  maxIntervalMs: number;
  timeoutMs: number;
  signal?: AbortSignal;
  onState?: (state: ServiceState) => void;
}

/** Transient errors (throttling, network, 5xx) in a row before the watch gives up. */
const TRANSIENT_LIMIT = 5;

export async function watchRollout(connection: EcsConnection, options: WatchOptions): Promise<RolloutOutcome> {
  const deadline = Date.now() + options.timeoutMs;
  let interval = options.intervalMs;
  let state: ServiceState | undefined;
  let transient = 0;
  let last = '';
  for (;;) {
    if (options.signal?.aborted) return { result: 'cancelled', ...(state ? { state } : {}) };
    try {
      state = await describeService(connection.read, connection.target, options.signal);
      transient = 0;
    } catch (error) {
      if (options.signal?.aborted) return { result: 'cancelled', ...(state ? { state } : {}) };
      const problem = ecsProblemOf(error, 'DescribeServices', connection.target, connection.endpoint);
      if (!problem.transient || ++transient >= TRANSIENT_LIMIT) return { result: 'error', problem, ...(state ? { state } : {}) };
      interval = Math.min(interval * 2, options.maxIntervalMs);
    }
    if (state && transient === 0) {
      options.onState?.(state);
      const primary = primaryOf(state);
      if (primary && primary.taskDefinitionArn !== options.taskDefinitionArn) {
        return {
          result: 'failed',
          state,
          reason: `the primary deployment is now ${primary.taskDefinition}, not the one started (ECS rolled it back, or someone deployed again)`,
        };
      }
      const phase = rolloutPhase(state);
      if (phase === 'completed') return { result: 'completed', state };
      if (phase === 'failed') return { result: 'failed', state, reason: primary?.rolloutStateReason ?? 'ECS marked the rollout FAILED' };
      // Back off while nothing moves; look again soon after something did.
      const now = JSON.stringify([state.running, state.pending, state.deployments.map((d) => [d.running, d.failedTasks, d.rolloutState])]);
      interval = now === last ? Math.min(Math.round(interval * 1.5), options.maxIntervalMs) : options.intervalMs;
      last = now;
    }
    if (Date.now() + interval > deadline) return { result: 'timeout', ...(state ? { state } : {}) };
    if (!(await pause(interval, options.signal))) return { result: 'cancelled', ...(state ? { state } : {}) };
  }
}

/** Resolves true after `ms`, or false as soon as the signal aborts. */
function pause(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      resolve(true);
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener('abort', stop, { once: true });
  });
}
