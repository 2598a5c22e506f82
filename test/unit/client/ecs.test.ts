// The ECS service (client/src/services/ecs) with the REAL @aws-sdk/client-ecs against the fake ECS endpoint
// (test/fakes/ecs.mjs) on 127.0.0.1: planning and starting a rollback, following the rollout to each end,
// and the message for every way it can fail.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { afterEach, test } from 'node:test';
import type { EcsTarget } from '../../../server/src/protocol/protocol.ts';
import { connect, type EcsConnection } from '../../../client/src/ecs/service/connection.ts';
import { describeService } from '../../../client/src/ecs/service/describeService.ts';
import { EcsProblem, ecsProblemOf } from '../../../client/src/ecs/service/ecsProblem.ts';
import { planRollback, rollBack } from '../../../client/src/ecs/service/rollback.ts';
import { watchRollout } from '../../../client/src/ecs/service/rollout.ts';
import { healthOf, rolloutPhase, type ServiceState } from '../../../client/src/ecs/service/serviceState.ts';
import { type FakeEcs, startFakeEcs } from '../../fakes/ecs.mjs';

// The SDK's default chain reads these: static keys, and nothing from this machine's AWS configuration.
Object.assign(process.env, {
  AWS_ACCESS_KEY_ID: 'AKIAPREFLIGHTUNIT000',
  AWS_SECRET_ACCESS_KEY: 'preflight-unit-fake-secret',
  AWS_CONFIG_FILE: '/nonexistent/aws-config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
  AWS_EC2_METADATA_DISABLED: 'true',
});
delete process.env.AWS_PROFILE;
delete process.env.AWS_REGION;
delete process.env.AWS_DEFAULT_REGION;

const TARGET: EcsTarget = { cluster: 'prod', service: 'web', region: 'us-east-1', source: 'front-matter' };
const FAST = { intervalMs: 10, maxIntervalMs: 40, timeoutMs: 10_000 };
const opened: { fake: FakeEcs; connection: EcsConnection }[] = [];

afterEach(async () => {
  for (const { fake, connection } of opened.splice(0)) {
    connection.dispose();
    await fake.close();
  }
});

async function setUp(rollout: 'complete' | 'fail' | 'stuck' = 'complete', target = TARGET) {
  const fake = await startFakeEcs({
    services: [{ cluster: 'prod', service: 'web', taskDefinition: 'web:7', desired: 2, rollout: { outcome: rollout } }],
    // Another family beside web's revisions: it must never be proposed.
    taskDefinitions: ['web:5', 'web:6', 'web:7', 'web-worker:9'],
  });
  const connection = connect(target, fake.url);
  opened.push({ fake, connection });
  return { fake, connection };
}

async function problemOf(promise: Promise<unknown>): Promise<EcsProblem> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof EcsProblem, `expected an EcsProblem, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a failure');
}

test('a full rollback: web:7 → the proposed web:6, one UpdateService, followed until COMPLETED', async () => {
  const { fake, connection } = await setUp('complete');
  const plan = await planRollback(connection);
  assert.equal(plan.current.revision, 7);
  assert.deepEqual(
    plan.revisions.map((r) => `${r.family}:${r.revision}`),
    ['web:7', 'web:6', 'web:5'],
  );
  assert.equal(plan.proposed?.revision, 6);
  await rollBack(connection, plan.proposed!);
  const seen: string[] = [];
  const outcome = await watchRollout(connection, {
    taskDefinitionArn: plan.proposed!.arn,
    ...FAST,
    onState: (s) => seen.push(`${s.running}/${s.desired} ${s.deployments.length}`),
  });
  assert.equal(outcome.result, 'completed');
  assert.equal(outcome.state!.deployments.length, 1);
  assert.equal(outcome.state!.deployments[0].taskDefinition, 'web:6');
  assert.equal(outcome.state!.running, 2);
  assert.ok(seen.length >= 2 && seen.at(-1) === '2/2 1', `progress was reported: ${seen.join(', ')}`);
  const updates = fake.calls.filter((c) => c.operation === 'UpdateService');
  assert.equal(updates.length, 1);
  assert.deepEqual(
    { ...updates[0].input },
    { cluster: 'prod', service: 'web', taskDefinition: plan.proposed!.arn, forceNewDeployment: true },
  );
  assert.ok(
    fake.calls.every((c) => c.authorized),
    'every request was signed',
  );
});

test('a rollout that FAILS ends the watch with the circuit breaker reason, not at the timeout', async () => {
  const { connection } = await setUp('fail');
  const plan = await planRollback(connection);
  await rollBack(connection, plan.proposed!);
  const started = Date.now();
  const outcome = await watchRollout(connection, { taskDefinitionArn: plan.proposed!.arn, ...FAST });
  assert.equal(outcome.result, 'failed');
  assert.match(outcome.result === 'failed' ? outcome.reason : '', /circuit breaker/);
  assert.equal(rolloutPhase(outcome.state!), 'failed');
  assert.ok(Date.now() - started < FAST.timeoutMs / 2);
});

test('AccessDenied on UpdateService: a clear message, one attempt, the service unchanged', async () => {
  const { fake, connection } = await setUp();
  const plan = await planRollback(connection);
  fake.fail('UpdateService', {
    type: 'AccessDeniedException',
    message: 'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ecs:UpdateService',
  });
  const problem = await problemOf(rollBack(connection, plan.proposed!));
  assert.equal(problem.kind, 'access-denied');
  assert.match(
    problem.message,
    /^AWS denied ecs:UpdateService on prod\/web \(us-east-1\): User: .* not authorized .* Ask for that permission/,
  );
  assert.equal(fake.calls.filter((c) => c.operation === 'UpdateService').length, 1);
  assert.equal(fake.service('prod', 'web')!.deployments.length, 1);
});

test('AccessDenied while watching stops the watch at once (the SDK waiter would retry until its timeout)', async () => {
  const { fake, connection } = await setUp('stuck');
  const plan = await planRollback(connection);
  await rollBack(connection, plan.proposed!);
  fake.fail('DescribeServices', { type: 'AccessDeniedException', message: 'not authorized to perform: ecs:DescribeServices' });
  const outcome = await watchRollout(connection, { taskDefinitionArn: plan.proposed!.arn, ...FAST });
  assert.equal(outcome.result, 'error');
  assert.equal(outcome.result === 'error' && outcome.problem.kind, 'access-denied');
});

test('a missing service: DescribeServices reports it in failures, UpdateService throws; both say which service', async () => {
  const { fake, connection } = await setUp('complete', { ...TARGET, service: 'api' });
  const planning = await problemOf(planRollback(connection));
  assert.equal(planning.kind, 'service-not-found');
  assert.match(planning.message, /Service "api" was not found in cluster "prod"/);
  const updating = await problemOf(rollBack(connection, { arn: 'web:6', family: 'web', revision: 6 }));
  assert.equal(updating.kind, 'service-not-found');
  assert.equal(fake.calls.filter((c) => c.operation === 'UpdateService').length, 1);
});

test('a missing cluster is named with its region', async () => {
  const { connection } = await setUp('complete', { ...TARGET, cluster: 'staging' });
  const problem = await problemOf(planRollback(connection));
  assert.equal(problem.kind, 'cluster-not-found');
  assert.match(problem.message, /Cluster "staging" was not found in us-east-1/);
});

test('throttling then success: reads are retried (by the SDK, then by the watch); UpdateService is not', async () => {
  const { fake, connection } = await setUp('complete');
  fake.fail('DescribeServices', { type: 'ThrottlingException', message: 'Rate exceeded' }, 2);
  const state = await describeService(connection.read, TARGET);
  assert.equal(state.running, 2);
  assert.equal(fake.calls.filter((c) => c.operation === 'DescribeServices').length, 3);

  const plan = await planRollback(connection);
  fake.fail('UpdateService', { type: 'ThrottlingException', message: 'Rate exceeded' }, 1);
  const problem = await problemOf(rollBack(connection, plan.proposed!));
  assert.equal(problem.kind, 'throttled');
  assert.match(problem.message, /did not retry UpdateService/);
  assert.equal(fake.calls.filter((c) => c.operation === 'UpdateService').length, 1);
  assert.equal(fake.service('prod', 'web')!.deployments.length, 1, 'nothing was deployed');

  await rollBack(connection, plan.proposed!);
  // More throttles in a row than the SDK retries: the watch backs off and carries on.
  fake.fail('DescribeServices', { type: 'ThrottlingException', message: 'Rate exceeded' }, 4);
  const outcome = await watchRollout(connection, { taskDefinitionArn: plan.proposed!.arn, ...FAST });
  assert.equal(outcome.result, 'completed');
});

test('a rollout that never settles ends at the timeout, saying it goes on in ECS', async () => {
  const { connection } = await setUp('stuck');
  const plan = await planRollback(connection);
  await rollBack(connection, plan.proposed!);
  const outcome = await watchRollout(connection, { taskDefinitionArn: plan.proposed!.arn, ...FAST, timeoutMs: 200 });
  assert.equal(outcome.result, 'timeout');
  assert.equal(outcome.state?.deployments[0].rolloutState, 'IN_PROGRESS');
});

test('cancel stops watching, not the rollout: no call changes the service afterwards', async () => {
  const { fake, connection } = await setUp('complete');
  const plan = await planRollback(connection);
  await rollBack(connection, plan.proposed!);
  const abort = new AbortController();
  const outcome = await watchRollout(connection, {
    taskDefinitionArn: plan.proposed!.arn,
    ...FAST,
    intervalMs: 5_000,
    signal: abort.signal,
    onState: () => abort.abort(),
  });
  assert.equal(outcome.result, 'cancelled');
  assert.equal(fake.calls.filter((c) => c.operation === 'UpdateService').length, 1);
  assert.equal(fake.service('prod', 'web')!.deployments[0].rolloutState, 'IN_PROGRESS');
});

test('no credentials, no region and an unreachable endpoint each say what to do', async (t) => {
  const saved = { ...process.env };
  t.after(() => Object.assign(process.env, saved));
  const fake = await startFakeEcs({ services: [{ cluster: 'prod', service: 'web', taskDefinition: 'web:7' }] });
  t.after(() => fake.close());

  delete process.env.AWS_ACCESS_KEY_ID;
  delete process.env.AWS_SECRET_ACCESS_KEY;
  const anonymous = connect({ ...TARGET, profile: 'release' }, fake.url);
  const noKeys = await problemOf(planRollback(anonymous));
  anonymous.dispose();
  assert.equal(noKeys.kind, 'no-credentials');
  assert.match(noKeys.message, /No AWS credentials found for profile "release"\. Sign in \(aws sso login --profile release\)/);
  Object.assign(process.env, saved);

  const nowhere = connect({ ...TARGET, region: undefined }, fake.url);
  const noRegion = ecsProblemOf(await describeService(nowhere.read, TARGET).catch((e: unknown) => e), 'DescribeServices', {
    ...TARGET,
    region: undefined,
  });
  nowhere.dispose();
  assert.equal(noRegion.kind, 'no-region');

  const closed = await freePort();
  const offline = connect(TARGET, `http://127.0.0.1:${closed}`);
  const unreachable = await problemOf(planRollback(offline));
  offline.dispose();
  assert.equal(unreachable.kind, 'network');
  assert.match(
    unreachable.message,
    new RegExp(`Could not reach ECS at http://127.0.0.1:${closed} for DescribeServices \\(ECONNREFUSED\\)`),
  );
});

test('health: one COMPLETED deployment with running == desired, and nothing less', () => {
  type Shape = { status: string; rolloutState?: string; running: number; desired: number };
  const state = (
    over: Partial<ServiceState>,
    deployments: Shape[] = [{ status: 'PRIMARY', rolloutState: 'COMPLETED', running: 2, desired: 2 }],
  ): ServiceState => ({
    cluster: 'prod',
    service: 'web',
    status: 'ACTIVE',
    running: 2,
    desired: 2,
    pending: 0,
    events: [],
    fetchedAt: new Date(),
    deployments: deployments.map((d, i) => ({
      id: `d${i}`,
      taskDefinition: 'web:7',
      taskDefinitionArn: 'arn/web:7',
      pending: 0,
      failedTasks: 0,
      ...d,
    })),
    ...over,
  });
  assert.deepEqual(healthOf(state({})), { healthy: true, why: 'one COMPLETED deployment (web:7), 2/2 running' });
  assert.equal(healthOf(state({ running: 1 })).why, '1 of 2 tasks are running');
  assert.equal(healthOf(state({ status: 'DRAINING' })).healthy, false);
  assert.equal(
    healthOf(state({}, [{ status: 'PRIMARY', rolloutState: 'IN_PROGRESS', running: 2, desired: 2 }])).why,
    'its deployment is IN_PROGRESS',
  );
  assert.equal(
    healthOf(
      state({}, [
        { status: 'PRIMARY', rolloutState: 'COMPLETED', running: 2, desired: 2 },
        { status: 'ACTIVE', rolloutState: 'COMPLETED', running: 0, desired: 0 },
      ]),
    ).healthy,
    false,
  );
  assert.equal(
    rolloutPhase(state({}, [{ status: 'PRIMARY', running: 2, desired: 2 }])),
    'completed',
    "without rolloutState, the waiter's rule",
  );
});

test('every error the SDK throws gets its kind', () => {
  const kinds = [
    [{ name: 'CredentialsProviderError', message: 'Could not load credentials from any providers' }, 'no-credentials'],
    [{ name: 'ExpiredTokenException', message: 'The security token included in the request is expired' }, 'expired-credentials'],
    [{ name: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' }, 'expired-credentials'],
    [{ name: 'Error', message: 'Region is missing' }, 'no-region'],
    [{ name: 'AccessDeniedException', message: 'denied' }, 'access-denied'],
    [{ name: 'ClusterNotFoundException', message: 'Cluster not found.' }, 'cluster-not-found'],
    [{ name: 'ServiceNotFoundException', message: 'Service not found.' }, 'service-not-found'],
    [{ name: 'ServiceNotActiveException', message: 'Service was not ACTIVE.' }, 'service-not-found'],
    [{ name: 'ThrottlingException', message: 'Rate exceeded' }, 'throttled'],
    [{ name: 'Error', message: 'x', $metadata: { httpStatusCode: 429 } }, 'throttled'],
    [{ name: 'Error', message: 'connect ECONNREFUSED', code: 'ECONNREFUSED' }, 'network'],
    [{ name: 'TimeoutError', message: 'socket hang up' }, 'network'],
    [{ name: 'ServerException', message: 'boom', $metadata: { httpStatusCode: 500 } }, 'server'],
    [{ name: 'ClientException', message: 'Unable to describe task definition.' }, 'invalid-request'],
    [{ name: 'SomethingNew', message: 'odd' }, 'other'],
  ] as const;
  for (const [error, kind] of kinds)
    assert.equal(ecsProblemOf(error, 'DescribeServices', TARGET).kind, kind, `${error.name}: ${error.message}`);
  assert.equal(ecsProblemOf({ name: 'ThrottlingException' }, 'X', TARGET).transient, true);
  assert.equal(ecsProblemOf({ name: 'AccessDeniedException' }, 'X', TARGET).transient, false);
});

/** A port nothing listens on: bound, then released. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
