/**
 * The ECS service, bundled on its own (client/dist/ecs.js) and loaded on first use: the AWS SDK is most of
 * its size, and activation should not pay for a rollback that may never happen.
 */
export { connect, type EcsConnection } from './connection';
export { EcsProblem, ecsProblemOf } from './ecsProblem';
export { planRollback, rollBack, type Revision, type RollbackPlan } from './rollback';
export { watchRollout, type RolloutOutcome } from './rollout';
export { describeService } from './describeService';
export { healthOf, primaryOf, rolloutPhase, summaryOf, type ServiceState } from './serviceState';
