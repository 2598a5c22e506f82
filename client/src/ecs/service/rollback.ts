/**
 * A rollback: find the task definition revision before the running one, then ask ECS for a new deployment
 * of it. Planning only reads; `rollBack` is the one call that changes anything, and it is sent once.
 */
import { ListTaskDefinitionsCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import type { EcsConnection } from './connection';
import { EcsProblem, ecsProblemOf } from './ecsProblem';
import { describeService } from './describeService';
import { primaryOf, type ServiceState } from './serviceState';

export interface Revision {
  arn: string;
  family: string;
  revision: number;
}

export interface RollbackPlan {
  state: ServiceState;
  current: Revision;
  /** ACTIVE revisions of the family, newest first, the current one included. */
  revisions: Revision[];
  /** The newest revision older than the current one. */
  proposed?: Revision;
}

const MAX_PAGES = 10;

export function revisionOf(arn: string): Revision | undefined {
  const match = /(?:^|\/)([A-Za-z0-9_-]+):(\d+)$/.exec(arn);
  return match ? { arn, family: match[1], revision: Number(match[2]) } : undefined;
}

export async function planRollback(connection: EcsConnection, signal?: AbortSignal): Promise<RollbackPlan> {
  const { target } = connection;
  let state: ServiceState;
  try {
    state = await describeService(connection.read, target, signal);
  } catch (error) {
    throw ecsProblemOf(error, 'DescribeServices', target, connection.endpoint);
  }
  const primary = primaryOf(state);
  const current = primary && revisionOf(primary.taskDefinitionArn);
  if (!current)
    throw new EcsProblem(
      'other',
      `Service "${target.service}" has no primary deployment with a task definition revision to roll back from.`,
    );
  const revisions: Revision[] = [];
  let nextToken: string | undefined;
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const out = await connection.read.send(
        new ListTaskDefinitionsCommand({
          familyPrefix: current.family,
          status: 'ACTIVE',
          sort: 'DESC',
          ...(nextToken ? { nextToken } : {}),
        }),
        { abortSignal: signal },
      );
      // familyPrefix also matches longer families (web → web-worker): keep the exact family.
      for (const arn of out.taskDefinitionArns ?? []) {
        const revision = revisionOf(arn);
        if (revision?.family === current.family) revisions.push(revision);
      }
      nextToken = out.nextToken;
      if (!nextToken) break;
    }
  } catch (error) {
    throw ecsProblemOf(error, 'ListTaskDefinitions', target, connection.endpoint);
  }
  revisions.sort((a, b) => b.revision - a.revision);
  const proposed = revisions.find((r) => r.revision < current.revision);
  return { state, current, revisions, ...(proposed ? { proposed } : {}) };
}

/** Starts the deployment of `to`; resolves with the service's state as UpdateService returned it. */
export async function rollBack(connection: EcsConnection, to: Revision): Promise<void> {
  const { target } = connection;
  try {
    await connection.write.send(
      new UpdateServiceCommand({ cluster: target.cluster, service: target.service, taskDefinition: to.arn, forceNewDeployment: true }),
    );
  } catch (error) {
    const problem = ecsProblemOf(error, 'UpdateService', target, connection.endpoint);
    // Lost in transit or a 5xx: ECS may have started the deployment anyway. Say so instead of retrying.
    if (problem.transient) {
      throw new EcsProblem(
        problem.kind,
        `${problem.message} Preflight did not retry UpdateService: it may or may not have reached ECS. Refresh the service's state before trying again.`,
      );
    }
    throw problem;
  }
}
