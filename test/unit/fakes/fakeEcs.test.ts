/**
 * The fake ECS endpoint against the real @aws-sdk/client-ecs: the SDK parses what it answers (dates from
 * epoch seconds, errors by __type), retries what ECS would have it retry, and the rollouts play as documented.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  ECSServiceException,
  ListTaskDefinitionsCommand,
  UpdateServiceCommand,
  paginateListTaskDefinitions,
  type Service,
} from '@aws-sdk/client-ecs';
import { startFakeEcs, type FakeEcs, type FakeService } from '../../fakes/ecs.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const ARN = 'arn:aws:ecs:us-east-1:123456789012';

function client(fake: FakeEcs): ECSClient {
  return new ECSClient({
    endpoint: fake.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
    maxAttempts: 3,
  });
}

/** The error a call rejects with (the SDK's ECSServiceException subclass named after __type). */
async function rejection(promise: Promise<unknown>): Promise<ECSServiceException> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof ECSServiceException, String(e));
    return e;
  }
  assert.fail('expected the call to fail');
}

/** Start the fake with one service, run `body`, close it. */
async function withFake(service: Partial<FakeService>, body: (fake: FakeEcs, ecs: ECSClient) => Promise<void>): Promise<void> {
  const fake = await startFakeEcs({
    services: [{ cluster: 'prod', service: 'web', taskDefinition: 'web:7', ...service }],
    taskDefinitions: ['web:8'],
  });
  const ecs = client(fake);
  try {
    await body(fake, ecs);
  } finally {
    ecs.destroy();
    await fake.close();
  }
}

const describeWeb = async (ecs: ECSClient): Promise<Service> =>
  (await ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['web'] }))).services![0];
const summary = (s: Service) =>
  s.deployments!.map(
    (d) => `${d.status} ${d.taskDefinition!.split('/')[1]} ${d.rolloutState} running=${d.runningCount} failed=${d.failedTasks}`,
  );

describe('the wire', () => {
  let fake: FakeEcs;
  let ecs: ECSClient;
  before(async () => {
    fake = await startFakeEcs({
      services: [
        { cluster: 'prod', service: 'web', taskDefinition: `${ARN}:task-definition/web:7` },
        { cluster: 'prod', service: 'worker', taskDefinition: 'worker:2', desired: 2, running: 1 },
      ],
      taskDefinitions: ['web:8', 'web:10', 'web:9', 'api:1', 'api:2', 'zeta:1'],
      pageSize: 2,
    });
    ecs = client(fake);
  });
  after(async () => {
    ecs.destroy();
    await fake.close();
  });

  test('DescribeServices: Dates parsed from epoch seconds, missing services in failures, requests signed', async () => {
    const out = await ecs.send(
      new DescribeServicesCommand({ cluster: `${ARN}:cluster/prod`, services: ['web', `${ARN}:service/prod/worker`, 'gone'] }),
    );
    const [web, worker] = out.services!;
    assert.equal(web.serviceArn, `${ARN}:service/prod/web`);
    assert.equal(web.clusterArn, `${ARN}:cluster/prod`);
    assert.equal(web.taskDefinition, `${ARN}:task-definition/web:7`);
    assert.deepEqual([web.status, web.desiredCount, web.runningCount, web.pendingCount, web.launchType], ['ACTIVE', 3, 3, 0, 'FARGATE']);
    assert.deepEqual([worker.serviceName, worker.desiredCount, worker.runningCount], ['worker', 2, 1]);
    const [primary] = web.deployments!;
    assert.ok(primary.createdAt instanceof Date && primary.updatedAt instanceof Date && web.createdAt instanceof Date);
    assert.ok(Math.abs(primary.createdAt.getTime() - Date.now()) < 60_000);
    assert.match(primary.id!, /^ecs-svc\/\d{19}$/);
    assert.deepEqual([primary.status, primary.rolloutState, primary.runningCount, primary.failedTasks], ['PRIMARY', 'COMPLETED', 3, 0]);
    assert.equal(web.events![0].message, '(service web) has reached a steady state.');
    assert.ok(web.events![0].createdAt instanceof Date);
    assert.deepEqual(out.failures, [{ arn: `${ARN}:service/prod/gone`, reason: 'MISSING' }]);
    assert.match(out.$metadata.requestId!, /^[0-9a-f-]{36}$/);
    assert.ok(fake.calls.length > 0 && fake.calls.every((c) => c.authorized));
    assert.deepEqual(fake.calls.at(-1)!.input, { cluster: `${ARN}:cluster/prod`, services: ['web', `${ARN}:service/prod/worker`, 'gone'] });
  });

  test('an unknown cluster, service or task definition is an error named by its type; none is retried', async () => {
    const cluster = await rejection(ecs.send(new DescribeServicesCommand({ cluster: 'staging', services: ['web'] })));
    assert.deepEqual([cluster.name, cluster.message, cluster.$fault], ['ClusterNotFoundException', 'Cluster not found.', 'client']);
    assert.equal((await rejection(ecs.send(new DescribeServicesCommand({ services: ['web'] })))).name, 'ClusterNotFoundException'); // no 'default' cluster
    const before = fake.calls.length;
    const service = await rejection(ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'gone', taskDefinition: 'web:8' })));
    assert.deepEqual(
      [service.name, service.message, service.$metadata.httpStatusCode, service.$metadata.attempts],
      ['ServiceNotFoundException', 'Service not found.', 400, 1],
    );
    assert.equal(fake.calls.length, before + 1);
    const td = await rejection(ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: 'web:99' })));
    assert.deepEqual([td.name, td.message], ['ClientException', 'Unable to describe task definition.']);
    assert.equal((await rejection(ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'nope:1' })))).name, 'ClientException');
    assert.equal(fake.service('prod', 'web')!.deployments.length, 1);
  });

  test('DescribeTaskDefinition takes family:rev, an ARN, or a family for its latest revision', async () => {
    for (const ref of ['web:10', `${ARN}:task-definition/web:10`, 'web']) {
      const { taskDefinition } = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: ref }));
      assert.deepEqual(
        [taskDefinition!.taskDefinitionArn, taskDefinition!.family, taskDefinition!.revision, taskDefinition!.status],
        [`${ARN}:task-definition/web:10`, 'web', 10, 'ACTIVE'],
      );
    }
  });

  test('ListTaskDefinitions: by family then revision, DESC reverses both, pages of min(maxResults, pageSize)', async () => {
    const arns = async (input: { familyPrefix?: string; sort?: 'ASC' | 'DESC' }) => {
      const all: string[] = [];
      for await (const page of paginateListTaskDefinitions({ client: ecs }, input)) {
        assert.ok(page.taskDefinitionArns!.length <= 2);
        all.push(...page.taskDefinitionArns!.map((a) => a.replace(`${ARN}:task-definition/`, '')));
      }
      return all;
    };
    const asc = ['api:1', 'api:2', 'web:7', 'web:8', 'web:9', 'web:10', 'worker:2', 'zeta:1'];
    assert.deepEqual(await arns({}), asc);
    assert.deepEqual(await arns({ sort: 'DESC' }), [...asc].reverse());
    assert.deepEqual(await arns({ familyPrefix: 'web', sort: 'DESC' }), ['web:10', 'web:9', 'web:8', 'web:7']);
    assert.deepEqual(await arns({ familyPrefix: 'we' }), [], 'familyPrefix is the full family name');
    const first = await ecs.send(new ListTaskDefinitionsCommand({ maxResults: 1 }));
    assert.equal(first.taskDefinitionArns!.length, 1);
    assert.ok(first.nextToken);
    const bad = await rejection(ecs.send(new ListTaskDefinitionsCommand({ nextToken: 'garbage' })));
    assert.equal(bad.name, 'InvalidParameterException');
  });

  test('anything else is UnknownOperationException; a body that is not JSON is SerializationException', async () => {
    const post = (target: string, body: string) =>
      fetch(fake.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AmazonEC2ContainerServiceV20141113.${target}` },
        body,
      });
    const unknown = await post('RunTask', '{}');
    assert.equal(unknown.status, 400);
    assert.equal(((await unknown.json()) as { __type: string }).__type, 'UnknownOperationException');
    assert.ok(unknown.headers.get('x-amzn-requestid'));
    const malformed = await post('DescribeServices', '{nope');
    assert.deepEqual([malformed.status, ((await malformed.json()) as { __type: string }).__type], [400, 'SerializationException']);
    assert.equal(fake.calls.at(-1)!.authorized, false);
  });
});

describe('injected errors', () => {
  test('ThrottlingException twice, then success: the SDK retries it (3 attempts, default backoff)', async () => {
    await withFake({}, async (fake, ecs) => {
      fake.fail('DescribeServices', { type: 'ThrottlingException', message: 'Rate exceeded' }, 2);
      const started = Date.now();
      const out = await ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['web'] }));
      // The SDK's throttling backoff: a random 0-1 s, then 0-2 s, so at most 3 s.
      assert.ok(Date.now() - started < 4_000, `took ${Date.now() - started} ms`);
      assert.equal(out.$metadata.attempts, 3);
      assert.equal(out.services![0].serviceName, 'web');
      assert.deepEqual(
        fake.calls.map((c) => c.operation),
        ['DescribeServices', 'DescribeServices', 'DescribeServices'],
      );
    });
  });

  test('a 500 is retried too (base delay 50 ms); past the 3 attempts the last error surfaces', async () => {
    await withFake({}, async (fake, ecs) => {
      fake.fail('*', { type: 'ServerException', status: 500, message: 'Service unavailable' }, 1);
      assert.equal((await ecs.send(new ListTaskDefinitionsCommand({}))).$metadata.attempts, 2);
      fake.fail('ListTaskDefinitions', { type: 'ServerException', status: 500 });
      const e = await rejection(ecs.send(new ListTaskDefinitionsCommand({})));
      assert.deepEqual([e.name, e.$fault, e.$metadata.attempts, e.$metadata.httpStatusCode], ['ServerException', 'server', 3, 500]);
    });
  });

  test('AccessDenied is not retried, and a failed UpdateService changes nothing', async () => {
    await withFake({}, async (fake, ecs) => {
      const message =
        'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ecs:UpdateService on resource: arn:aws:ecs:us-east-1:123456789012:service/prod/web';
      fake.fail('UpdateService', { type: 'AccessDeniedException', status: 400, message });
      const e = await rejection(ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: 'web:8' })));
      assert.deepEqual([e.name, e.message, e.$metadata.attempts, e.$metadata.httpStatusCode], ['AccessDeniedException', message, 1, 400]);
      assert.equal(fake.calls.length, 1);
      assert.deepEqual(summary(await describeWeb(ecs)), ['PRIMARY web:7 COMPLETED running=3 failed=0']);
    });
  });
});

describe('UpdateService and rollouts (one step per DescribeServices)', () => {
  test('complete: the new deployment takes over one task per describe, then is the only one, COMPLETED', async () => {
    await withFake({ rollout: { outcome: 'complete' } }, async (fake, ecs) => {
      const { service } = await ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: 'web:8' }));
      assert.deepEqual(summary(service!), ['PRIMARY web:8 IN_PROGRESS running=0 failed=0', 'ACTIVE web:7 COMPLETED running=3 failed=0']);
      assert.equal(service!.taskDefinition, `${ARN}:task-definition/web:8`);
      assert.match(service!.deployments![0].rolloutStateReason!, /^ECS deployment ecs-svc\/\d+ in progress\.$/);
      assert.deepEqual(summary(await describeWeb(ecs)), [
        'PRIMARY web:8 IN_PROGRESS running=1 failed=0',
        'ACTIVE web:7 COMPLETED running=2 failed=0',
      ]);
      assert.deepEqual(summary(await describeWeb(ecs)), [
        'PRIMARY web:8 IN_PROGRESS running=2 failed=0',
        'ACTIVE web:7 COMPLETED running=1 failed=0',
      ]);
      const done = await describeWeb(ecs);
      assert.deepEqual(summary(done), ['PRIMARY web:8 COMPLETED running=3 failed=0']);
      assert.equal(done.runningCount, done.desiredCount); // what waitUntilServicesStable waits for
      assert.deepEqual(
        done.events!.slice(0, 2).map((e) => e.message),
        ['(service web) has reached a steady state.', `(service web) (deployment ${done.deployments![0].id}) deployment completed.`],
      );
      assert.match(done.events![2].message!, /^\(service web\) has started 1 tasks: \(task [0-9a-f]{32}\)\.$/);
      assert.deepEqual(summary(await describeWeb(ecs)), ['PRIMARY web:8 COMPLETED running=3 failed=0']);
      assert.equal(fake.service('prod', 'web')!.taskDefinition, `${ARN}:task-definition/web:8`);
    });
  });

  test('fail: failedTasks rise per describe; at `after` the circuit breaker marks it FAILED, the old one still runs', async () => {
    await withFake({ rollout: { outcome: 'fail', after: 3 } }, async (fake, ecs) => {
      await ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: 'web' })); // the latest: web:8
      assert.deepEqual(summary(await describeWeb(ecs)), [
        'PRIMARY web:8 IN_PROGRESS running=0 failed=1',
        'ACTIVE web:7 COMPLETED running=3 failed=0',
      ]);
      assert.deepEqual(summary(await describeWeb(ecs)), [
        'PRIMARY web:8 IN_PROGRESS running=0 failed=2',
        'ACTIVE web:7 COMPLETED running=3 failed=0',
      ]);
      const failed = await describeWeb(ecs);
      assert.deepEqual(summary(failed), ['PRIMARY web:8 FAILED running=0 failed=3', 'ACTIVE web:7 COMPLETED running=3 failed=0']);
      assert.equal(failed.deployments![0].rolloutStateReason, 'ECS deployment circuit breaker: tasks failed to start.');
      assert.equal(
        failed.events![0].message,
        `(service web) (deployment ${failed.deployments![0].id}) deployment failed: tasks failed to start.`,
      );
      assert.deepEqual(summary(await describeWeb(ecs)), summary(failed));
      assert.equal(fake.service('prod', 'web')!.deployments[0].rolloutState, 'FAILED');
    });
  });

  test('stuck: IN_PROGRESS with nothing running, however often it is described', async () => {
    await withFake({ rollout: { outcome: 'stuck' } }, async (_fake, ecs) => {
      await ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: `${ARN}:task-definition/web:8` }));
      for (let i = 0; i < 5; i++) {
        assert.deepEqual(summary(await describeWeb(ecs)), [
          'PRIMARY web:8 IN_PROGRESS running=0 failed=0',
          'ACTIVE web:7 COMPLETED running=3 failed=0',
        ]);
      }
    });
  });

  test('the same task definition starts no deployment unless forced; a scale alone is immediate', async () => {
    await withFake({}, async (_fake, ecs) => {
      const same = await ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: 'web:7', desiredCount: 4 }));
      assert.deepEqual(summary(same.service!), ['PRIMARY web:7 COMPLETED running=4 failed=0']);
      const forced = await ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', forceNewDeployment: true }));
      assert.deepEqual(summary(forced.service!), [
        'PRIMARY web:7 IN_PROGRESS running=0 failed=0',
        'ACTIVE web:7 COMPLETED running=4 failed=0',
      ]);
    });
  });
});
