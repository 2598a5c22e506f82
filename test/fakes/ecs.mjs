/**
 * A fake AWS ECS endpoint for tests: the AWS JSON 1.1 protocol on 127.0.0.1, so the real @aws-sdk/client-ecs
 * can talk to it. Services, deployments and task definitions live in memory; a deployment started by
 * UpdateService moves one step per DescribeServices of its service, as its `rollout` says:
 * - complete: the new deployment runs one more task (the old one one fewer) per describe; when it runs
 *   desiredCount it is COMPLETED and the old deployments are gone (what waitUntilServicesStable waits for).
 * - fail: one more failedTasks per describe; at `after` (default 2) it is FAILED with the circuit breaker's
 *   reason. No rollback: the new deployment stays PRIMARY (FAILED), the old one stays ACTIVE and running.
 * - stuck: IN_PROGRESS with nothing running, forever.
 * Timestamps are epoch seconds (numbers), as on the wire; deployments are PRIMARY first, events newest first.
 */
import { Buffer } from 'node:buffer';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';

const TARGET = 'AmazonEC2ContainerServiceV20141113.';
const BREAKER = 'ECS deployment circuit breaker: tasks failed to start.';

/**
 * @typedef {{ outcome: 'complete' } | { outcome: 'fail', after?: number } | { outcome: 'stuck' }} Rollout
 * @typedef {{ cluster: string, service: string, taskDefinition: string, desired?: number, running?: number,
 *   status?: string, rollout?: Rollout }} FakeService  taskDefinition is 'family:rev' or an ARN: the PRIMARY's
 * @typedef {{ services?: FakeService[], taskDefinitions?: string[], region?: string, account?: string,
 *   pageSize?: number }} FakeEcsOptions  taskDefinitions: ARNs or 'family:rev' (the services' are added)
 * @typedef {{ id: string, status: 'PRIMARY' | 'ACTIVE', taskDefinition: string, desiredCount: number,
 *   pendingCount: number, runningCount: number, failedTasks: number, createdAt: number, updatedAt: number,
 *   launchType: 'FARGATE', rolloutState: 'COMPLETED' | 'IN_PROGRESS' | 'FAILED', rolloutStateReason: string }} FakeDeployment
 * @typedef {{ id: string, createdAt: number, message: string }} FakeEvent
 * @typedef {{ cluster: string, service: string, status: string, desired: number, rollout: Rollout,
 *   createdAt: number, deployments: FakeDeployment[], events: FakeEvent[], readonly taskDefinition: string }} LiveService
 * @typedef {{ type: string, status?: number, message?: string }} FakeError
 * @typedef {{ operation: string, input: Record<string, any>, authorized: boolean }} FakeCall
 * @typedef {{ url: string, calls: FakeCall[],
 *   fail(operation: string, error: FakeError, times?: number): void,
 *   service(cluster: string, service: string): LiveService | undefined,
 *   close(): Promise<void> }} FakeEcs
 */

/** An ECS error answer; thrown by the operations before they change anything. */
class Fault extends Error {
  /** @param {string} type @param {string} message @param {number} [status] */
  constructor(type, message, status = 400) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

const now = () => Date.now() / 1000;
const lastPart = (/** @type {string} */ ref) => ref.slice(ref.lastIndexOf('/') + 1);

/** @param {FakeEcsOptions} [options] @returns {Promise<FakeEcs>} */
export async function startFakeEcs(options = {}) {
  const { region = 'us-east-1', account = '123456789012', pageSize = 100 } = options;
  const arn = (/** @type {string} */ resource) => `arn:aws:ecs:${region}:${account}:${resource}`;
  /** @type {FakeCall[]} */
  const calls = [];
  /** @type {{ operation: string, error: FakeError, left: number }[]} */
  const failures = [];

  // Task definitions: family → revisions. Every ref is an ARN, 'family:rev' or (to mean the latest) 'family'.
  /** @type {Map<string, Set<number>>} */
  const families = new Map();
  const parseTd = (/** @type {string} */ ref) => {
    const [family, rev] = lastPart(String(ref)).split(':');
    return { family, revision: rev === undefined ? undefined : Number(rev) };
  };
  const register = (/** @type {string} */ ref) => {
    const { family, revision } = parseTd(ref);
    if (!Number.isInteger(revision)) throw new Error(`fake ECS: task definition ${ref} needs a revision`);
    families.set(family, (families.get(family) ?? new Set()).add(/** @type {number} */ (revision)));
  };
  const tdArn = (/** @type {string} */ family, /** @type {number} */ revision) => arn(`task-definition/${family}:${revision}`);
  /** @param {unknown} ref */
  const resolveTd = (ref) => {
    const { family, revision } = parseTd(String(ref));
    const revisions = families.get(family);
    const rev = revision === undefined && revisions ? Math.max(...revisions) : revision;
    if (!revisions || rev === undefined || !revisions.has(rev)) throw new Fault('ClientException', 'Unable to describe task definition.');
    return { family, revision: rev };
  };

  /** @param {string} taskDefinition @param {number} desired @param {number} running @param {boolean} done @returns {FakeDeployment} */
  const deployment = (taskDefinition, desired, running, done) => {
    const id = `ecs-svc/${Array.from(randomBytes(19), (b) => b % 10).join('')}`;
    const at = now();
    return {
      id,
      status: 'PRIMARY',
      taskDefinition,
      desiredCount: desired,
      pendingCount: 0,
      runningCount: running,
      failedTasks: 0,
      createdAt: at,
      updatedAt: at,
      launchType: 'FARGATE',
      rolloutState: done ? 'COMPLETED' : 'IN_PROGRESS',
      rolloutStateReason: `ECS deployment ${id} ${done ? 'completed' : 'in progress'}.`,
    };
  };
  const event = (/** @type {LiveService} */ live, /** @type {string} */ message) => {
    live.events.unshift({ id: randomUUID(), createdAt: now(), message: `(service ${live.service}) ${message}` });
    live.events.length = Math.min(live.events.length, 100);
  };

  for (const ref of options.taskDefinitions ?? []) register(ref);
  /** @type {Map<string, LiveService>} */
  const services = new Map();
  for (const s of options.services ?? []) {
    register(s.taskDefinition);
    const { family, revision } = resolveTd(s.taskDefinition);
    const desired = s.desired ?? 3;
    /** @type {LiveService} */
    const live = {
      cluster: s.cluster,
      service: s.service,
      status: s.status ?? 'ACTIVE',
      desired,
      rollout: s.rollout ?? { outcome: 'complete' },
      createdAt: now(),
      events: [],
      deployments: [deployment(tdArn(family, revision), desired, s.running ?? desired, true)],
      get taskDefinition() {
        return this.deployments[0].taskDefinition;
      },
    };
    if (live.deployments[0].runningCount === desired) event(live, 'has reached a steady state.');
    services.set(`${s.cluster}/${s.service}`, live);
  }
  const clusters = new Set([...services.values()].map((s) => s.cluster));
  const clusterOf = (/** @type {unknown} */ ref = 'default') => {
    const name = lastPart(String(ref));
    if (!clusters.has(name)) throw new Fault('ClusterNotFoundException', 'Cluster not found.');
    return name;
  };

  /** One rollout step of the service's PRIMARY deployment (see the top of the file). */
  const step = (/** @type {LiveService} */ live) => {
    const [primary, ...old] = live.deployments;
    if (primary.rolloutState !== 'IN_PROGRESS' || live.rollout.outcome === 'stuck') return;
    primary.updatedAt = now();
    if (primary.runningCount < primary.desiredCount || live.rollout.outcome === 'fail') {
      event(live, `has started 1 tasks: (task ${randomBytes(16).toString('hex')}).`);
    }
    if (live.rollout.outcome === 'fail') {
      primary.failedTasks += 1;
      if (primary.failedTasks < (live.rollout.after ?? 2)) return;
      Object.assign(primary, { rolloutState: 'FAILED', rolloutStateReason: BREAKER });
      event(live, `(deployment ${primary.id}) deployment failed: tasks failed to start.`);
      return;
    }
    if (primary.runningCount < primary.desiredCount) {
      primary.runningCount += 1;
      const draining = old.find((d) => d.runningCount > 0);
      if (draining) Object.assign(draining, { runningCount: draining.runningCount - 1, updatedAt: now() });
    }
    if (primary.runningCount < primary.desiredCount) return;
    Object.assign(primary, { rolloutState: 'COMPLETED', rolloutStateReason: `ECS deployment ${primary.id} completed.` });
    live.deployments = [primary];
    event(live, `(deployment ${primary.id}) deployment completed.`);
    event(live, 'has reached a steady state.');
  };

  /** The Service shape of the wire. */
  const describe = (/** @type {LiveService} */ live) => {
    const sum = (/** @type {'runningCount' | 'pendingCount'} */ k) => live.deployments.reduce((n, d) => n + d[k], 0);
    return {
      serviceArn: arn(`service/${live.cluster}/${live.service}`),
      serviceName: live.service,
      clusterArn: arn(`cluster/${live.cluster}`),
      status: live.status,
      desiredCount: live.desired,
      runningCount: sum('runningCount'),
      pendingCount: sum('pendingCount'),
      launchType: 'FARGATE',
      taskDefinition: live.taskDefinition,
      schedulingStrategy: 'REPLICA',
      deploymentController: { type: 'ECS' },
      deploymentConfiguration: {
        deploymentCircuitBreaker: { enable: true, rollback: false },
        maximumPercent: 200,
        minimumHealthyPercent: 100,
      },
      deployments: live.deployments,
      events: live.events,
      createdAt: live.createdAt,
    };
  };

  /** @type {Record<string, (input: Record<string, any>) => object>} */
  const operations = {
    DescribeServices({ cluster, services: names }) {
      const c = clusterOf(cluster);
      if (!Array.isArray(names) || names.length === 0 || names.length > 10) {
        throw new Fault('InvalidParameterException', 'services must contain between 1 and 10 items.');
      }
      const found = [],
        missing = [];
      for (const ref of names) {
        const live = services.get(`${c}/${lastPart(String(ref))}`);
        if (live) step(live);
        if (live) found.push(describe(live));
        else missing.push({ arn: String(ref).startsWith('arn:') ? ref : arn(`service/${c}/${ref}`), reason: 'MISSING' });
      }
      return { services: found, failures: missing };
    },

    UpdateService({ cluster, service, taskDefinition, forceNewDeployment, desiredCount }) {
      const live = services.get(`${clusterOf(cluster)}/${lastPart(String(service))}`);
      if (!live) throw new Fault('ServiceNotFoundException', 'Service not found.');
      if (live.status !== 'ACTIVE') throw new Fault('ServiceNotActiveException', 'Service was not ACTIVE.');
      const td = taskDefinition === undefined ? undefined : resolveTd(taskDefinition);
      if (desiredCount !== undefined && !(Number.isInteger(desiredCount) && desiredCount >= 0)) {
        throw new Fault('InvalidParameterException', 'desiredCount must be a non-negative integer.');
      }
      live.desired = desiredCount ?? live.desired;
      const primary = live.deployments[0];
      const next = td ? tdArn(td.family, td.revision) : primary.taskDefinition;
      // Like ECS: only a new task definition or forceNewDeployment starts a deployment; a scale is immediate.
      if (next === primary.taskDefinition && !forceNewDeployment) {
        primary.desiredCount = live.desired;
        if (primary.rolloutState === 'COMPLETED') primary.runningCount = live.desired;
      } else {
        for (const d of live.deployments) d.status = 'ACTIVE';
        const started = deployment(next, live.desired, 0, false);
        live.deployments.unshift(started);
        // Not an ECS message (ECS logs nothing until tasks start): it makes the update visible in the events.
        event(live, `(deployment ${started.id}) deployment started: ${lastPart(next)}.`);
      }
      return { service: describe(live) };
    },

    ListTaskDefinitions({ familyPrefix, status = 'ACTIVE', sort = 'ASC', maxResults, nextToken }) {
      if (maxResults !== undefined && !(Number.isInteger(maxResults) && maxResults >= 1 && maxResults <= 100)) {
        throw new Fault('InvalidParameterException', 'maxResults must be between 1 and 100.');
      }
      const all =
        status !== 'ACTIVE'
          ? []
          : [...families]
              .filter(([family]) => familyPrefix === undefined || family === familyPrefix) // ECS: the full family name
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .flatMap(([family, revs]) => [...revs].sort((a, b) => a - b).map((rev) => tdArn(family, rev)));
      if (sort === 'DESC') all.reverse();
      const token = nextToken === undefined ? 'offset:0' : Buffer.from(String(nextToken), 'base64').toString();
      const start = /^offset:\d+$/.test(token) ? Number(token.slice('offset:'.length)) : NaN;
      if (!Number.isInteger(start) || start < 0) throw new Fault('InvalidParameterException', 'Invalid nextToken.');
      const end = start + Math.min(maxResults ?? 100, pageSize);
      const more = end < all.length ? { nextToken: Buffer.from(`offset:${end}`).toString('base64') } : {};
      return { taskDefinitionArns: all.slice(start, end), ...more };
    },

    DescribeTaskDefinition({ taskDefinition }) {
      const { family, revision } = resolveTd(taskDefinition);
      return { taskDefinition: { taskDefinitionArn: tdArn(family, revision), family, revision, status: 'ACTIVE' } };
    },
  };

  /** @param {import('node:http').ServerResponse} res @param {number} status @param {object} body */
  const send = (res, status, body) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/x-amz-json-1.1',
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': randomUUID(),
    });
    res.end(text);
  };

  const server = createServer((req, res) => {
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const operation = target.startsWith(TARGET) ? target.slice(TARGET.length) : target;
      /** @type {any} */
      let input;
      try {
        input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        input = undefined;
      }
      const valid = typeof input === 'object' && input !== null && !Array.isArray(input);
      calls.push({ operation, input: valid ? input : {}, authorized: /^AWS4-HMAC-SHA256 /.test(req.headers.authorization ?? '') });
      try {
        const injected = failures.find((f) => f.left > 0 && (f.operation === operation || f.operation === '*'));
        if (injected) {
          injected.left -= 1;
          const { type, status, message = `${type} (injected by the fake)` } = injected.error;
          throw new Fault(type, message, status);
        }
        if (req.method !== 'POST' || !Object.hasOwn(operations, operation)) throw new Fault('UnknownOperationException', '');
        if (!valid) throw new Fault('SerializationException', 'Malformed JSON in the request body.');
        send(res, 200, operations[operation](input));
      } catch (e) {
        // A bug in the fake answers 500 (and shows in the test) rather than killing the process.
        const fault = e instanceof Fault ? e : new Fault('ServerException', `fake ECS: ${e}`, 500);
        send(res, fault.status, { __type: fault.type, message: fault.message });
      }
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(undefined));
  });
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    fail(operation, error, times = Infinity) {
      failures.push({ operation, error, left: times });
    },
    service: (cluster, service) => services.get(`${cluster}/${service}`),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // the SDK keeps sockets alive
      }),
  };
}
