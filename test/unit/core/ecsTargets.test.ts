/**
 * ECS targets: front matter `ecs:`, `aws ecs` commands in shell blocks, merging, rollback steps, health
 * claims and the front-matter-ecs findings for `ecs:`. Lines are counted from the texts themselves.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { check } from '../../../server/src/core/check.ts';
import { parseChecklist } from '../../../server/src/core/checklist.ts';
import {
  ecsCommandsOf,
  ecsProblems,
  ecsRollbackSteps,
  ecsTargetsOf,
  healthClaimItems,
  isHealthClaim,
} from '../../../server/src/core/ecsTargets.ts';
import { fillTemplate } from '../../../server/src/core/template.ts';
import { repoRoot } from '../../support/paths.ts';
import { SEED_VALUES } from '../../support/seedChecklist.mjs';
import { withShellParser } from '../../support/shellParser.ts';

withShellParser();

const fence = (lang: string, body: string) => `\`\`\`${lang}\n${body}\n\`\`\`\n`;
const doc = (front: string | undefined, ...blocks: string[]) =>
  `${front === undefined ? '' : `---\n${front}\n---\n`}# Runbook\n\n## Deploy\n\n- [ ] Deploy\n\n${blocks.join('\n')}`;
/** 1-based line of the first line containing `needle`. */
const lineOf = (text: string, needle: string, from = 0) => {
  const index = text.indexOf(needle, from);
  assert.ok(index >= 0, `"${needle}" is in the text`);
  return text.slice(0, index).split('\n').length;
};
const targets = (text: string) => ecsTargetsOf(parseChecklist(text));
const pairs = (text: string) => targets(text).map((t) => `${t.cluster}/${t.service}`);

describe('front matter `ecs:`', () => {
  test('one mapping: every field, from the front matter', () => {
    const text = doc('ecs:\n  cluster: prod\n  service: api\n  region: eu-west-1\n  profile: ops\n  endpoint: http://localhost:4566');
    assert.deepEqual(targets(text), [
      { cluster: 'prod', service: 'api', region: 'eu-west-1', profile: 'ops', endpoint: 'http://localhost:4566', source: 'front-matter' },
    ]);
  });

  test('a list, in order; entries without cluster or service, or with non-strings, are skipped', () => {
    const text = doc(
      'ecs:\n  - {cluster: prod, service: api}\n  - {cluster: prod}\n  - {cluster: prod, service: 42}\n  - just-a-name\n  - {cluster: prod, service: worker, region: us-east-1}',
    );
    assert.deepEqual(targets(text), [
      { cluster: 'prod', service: 'api', source: 'front-matter' },
      { cluster: 'prod', service: 'worker', region: 'us-east-1', source: 'front-matter' },
    ]);
  });

  test('a bad endpoint or region is dropped, the service is kept', () => {
    const text = doc('ecs:\n  cluster: prod\n  service: api\n  region: 1\n  endpoint: localhost:4566');
    assert.deepEqual(targets(text), [{ cluster: 'prod', service: 'api', source: 'front-matter' }]);
  });

  test('no front matter, no `ecs:`, or `ecs:` empty: no targets', () => {
    assert.deepEqual(targets(doc(undefined)), []);
    assert.deepEqual(targets(doc('title: X')), []);
    assert.deepEqual(targets(doc('ecs:')), []);
  });
});

describe('`aws ecs` commands in shell blocks', () => {
  test('continuations and quotes; the source is the line of `aws`', () => {
    const text = doc(
      undefined,
      fence(
        'bash',
        'echo start\naws ecs update-service \\\n  --cluster \'prod cluster\' \\\n  --service "api" \\\n  --force-new-deployment',
      ),
    );
    assert.deepEqual(targets(text), [{ cluster: 'prod cluster', service: 'api', source: { line: lineOf(text, 'aws ecs') } }]);
  });

  test('`--services a b`, no `--cluster` (the default cluster), `--flag=value`', () => {
    const text = doc(
      undefined,
      fence(
        'sh',
        'aws ecs describe-services --services web worker --query "services[].status"\naws ecs update-service --cluster=prod --service=api --region=eu-west-1 --profile=ops --endpoint-url=http://localhost:4566',
      ),
    );
    assert.deepEqual(targets(text), [
      { cluster: 'default', service: 'web', source: { line: lineOf(text, 'aws ecs describe') } },
      { cluster: 'default', service: 'worker', source: { line: lineOf(text, 'aws ecs describe') } },
      {
        cluster: 'prod',
        service: 'api',
        region: 'eu-west-1',
        profile: 'ops',
        endpoint: 'http://localhost:4566',
        source: { line: lineOf(text, 'aws ecs update') },
      },
    ]);
  });

  test('a service ARN or `cluster/service` keeps the service name', () => {
    const text = doc(
      undefined,
      fence(
        'bash',
        'aws ecs update-service --cluster prod --service arn:aws:ecs:us-east-1:123456789012:service/prod/api\naws ecs describe-services --cluster prod --services prod/worker arn:aws:ecs:us-east-1:123456789012:service/legacy',
      ),
    );
    assert.deepEqual(pairs(text), ['prod/api', 'prod/worker', 'prod/legacy']);
  });

  test('whole-value variables come from front matter `env:`; unknown or partial ones are skipped', () => {
    const text = doc(
      'env:\n  CLUSTER: prod\n  SVC: api\n  REGION: eu-west-1',
      fence(
        'bash',
        [
          'aws ecs update-service --cluster "${CLUSTER}" --service $SVC --region "$REGION"',
          'aws ecs update-service --cluster $NOPE --service api2', // unknown cluster: the command is skipped
          'aws ecs update-service --cluster prod --service "api-$STAGE" --region $NOPE', // partial: skipped
          'aws ecs update-service --cluster prod --service worker --region $NOPE', // unknown region: left out
          'aws ecs update-service --cluster prod --service `cat name`',
        ].join('\n'),
      ),
    );
    assert.deepEqual(targets(text), [
      { cluster: 'prod', service: 'api', region: 'eu-west-1', source: { line: lineOf(text, 'aws ecs') } },
      { cluster: 'prod', service: 'worker', source: { line: lineOf(text, '--service worker') } },
    ]);
  });

  test('only `aws … ecs` commands in shell blocks count; prompts, prefixes, substitutions and global options are seen through', () => {
    const text = doc(
      undefined,
      fence(
        'bash',
        '# aws ecs update-service --cluster c --service commented\necho aws ecs update-service --cluster c --service echoed\naws ec2 describe-instances --cluster c --service ec2\nsudo AWS_PAGER= aws --region eu-west-1 ecs describe-services --cluster c --services global\nARN=$(aws ecs describe-services --cluster c --services sub --output text) && echo "$ARN"\nif true; then aws ecs describe-services --cluster c --services inif; fi',
      ),
      fence('console', '$ aws ecs describe-services --cluster c --services prompt\n{"services": []}'),
      fence('yaml', 'command: aws ecs update-service --cluster c --service yaml'),
      fence('text', 'aws ecs update-service --cluster c --service text'),
    );
    assert.deepEqual(pairs(text), ['c/global', 'c/sub', 'c/inif', 'c/prompt']);
    assert.equal(targets(text)[0].region, 'eu-west-1');
    assert.deepEqual(
      ecsCommandsOf(parseChecklist(text)).map((c) => [c.operation, c.line]),
      [
        ['describe-services', lineOf(text, 'sudo')],
        ['describe-services', lineOf(text, 'ARN=')],
        ['describe-services', lineOf(text, 'if true')],
        ['describe-services', lineOf(text, '$ aws')],
      ],
    );
  });

  test('read by the bash parser: here-documents and strings are text, `--flag="$VAR"` resolves, wrappers are seen through', () => {
    const text = doc(
      'env:\n  CLUSTER: prod\n  SVC: api',
      fence(
        'bash',
        [
          "cat <<'EOF' > notes.txt",
          'aws ecs update-service --cluster c --service in-heredoc',
          'EOF',
          'echo "aws ecs update-service --cluster c --service in-string"',
          'timeout 60 aws ecs update-service --cluster=$CLUSTER --service="${SVC}" # --service in-comment',
          'aws ecs wait services-stable --cluster "$CLUSTER" --services "$SVC" worker | tee wait.log',
        ].join('\n'),
      ),
    );
    assert.deepEqual(pairs(text), ['prod/api', 'prod/worker']);
    assert.deepEqual(
      ecsCommandsOf(parseChecklist(text)).map((c) => [c.operation, c.line]),
      [
        ['update-service', lineOf(text, 'timeout 60')],
        ['wait', lineOf(text, 'aws ecs wait')],
      ],
    );
  });

  test('a block bash cannot read still gives the commands it can', () => {
    const text = doc(undefined, fence('bash', 'aws ecs update-service --cluster c --service ok\necho "unterminated'));
    assert.deepEqual(pairs(text), ['c/ok']);
  });

  test('a quoted value spanning lines keeps later lines counted', () => {
    const text = doc(undefined, fence('bash', 'echo "one\ntwo"\naws ecs update-service --cluster c --service after'));
    assert.deepEqual(targets(text)[0].source, { line: lineOf(text, 'aws ecs') });
  });
});

describe('one target per cluster and service', () => {
  test('front matter first; its source wins and later occurrences fill what it lacks', () => {
    const text = doc(
      'ecs:\n  cluster: prod\n  service: api\n  region: eu-west-1',
      fence('bash', 'aws ecs update-service --cluster prod --service api --region us-east-1 --profile ops'),
    );
    assert.deepEqual(targets(text), [{ cluster: 'prod', service: 'api', region: 'eu-west-1', profile: 'ops', source: 'front-matter' }]);
  });

  test('a block target fills from a later occurrence of itself before the only front matter entry', () => {
    const text = doc(
      'ecs:\n  cluster: prod\n  service: api\n  region: eu-west-1\n  profile: ops',
      fence(
        'bash',
        'aws ecs update-service --cluster prod --service worker\naws ecs wait services-stable --cluster prod --services worker --region us-west-2',
      ),
    );
    assert.deepEqual(targets(text)[1], {
      cluster: 'prod',
      service: 'worker',
      region: 'us-west-2',
      profile: 'ops',
      source: { line: lineOf(text, 'aws ecs update') },
    });
  });

  test('with two front matter entries nothing is inherited by other services', () => {
    const text = doc(
      'ecs:\n  - {cluster: prod, service: api, region: eu-west-1}\n  - {cluster: prod, service: web, region: eu-west-1}',
      fence('bash', 'aws ecs update-service --cluster prod --service worker'),
    );
    assert.deepEqual(targets(text)[2], { cluster: 'prod', service: 'worker', source: { line: lineOf(text, 'aws ecs') } });
  });

  test('AWS_REGION, AWS_PROFILE and AWS_ENDPOINT_URL in `env:` fill what is still missing', () => {
    const text = doc(
      'env:\n  AWS_REGION: ap-south-1\n  AWS_PROFILE: env-profile\n  AWS_ENDPOINT_URL: http://localhost:4566\necs:\n  - {cluster: prod, service: api, profile: fm}',
      fence('bash', 'aws ecs update-service --cluster prod --service api --region eu-west-1'),
    );
    assert.deepEqual(targets(text), [
      { cluster: 'prod', service: 'api', profile: 'fm', region: 'eu-west-1', endpoint: 'http://localhost:4566', source: 'front-matter' },
    ]);
  });

  test('cached per checklist object', () => {
    const checklist = parseChecklist(doc('ecs: {cluster: a, service: b}'));
    assert.equal(ecsTargetsOf(checklist), ecsTargetsOf(checklist));
  });
});

describe('rollback steps', () => {
  test('a block running `aws ecs update-service`, with the first service it names; other blocks are not', () => {
    const text = doc(
      'ecs: {cluster: prod, service: api, region: eu-west-1}',
      fence('bash', 'aws ecs wait services-stable --cluster prod --services api'),
      fence('bash', 'aws ecs update-service --cluster $NOPE --service api'),
      fence(
        'bash',
        'aws ecs update-service --cluster prod --service api --force-new-deployment\naws ecs update-service --cluster prod --service worker',
      ),
      fence('sh', 'aws ecs update-service --service lonely'),
    );
    const found = ecsRollbackSteps(parseChecklist(text));
    assert.deepEqual(
      found.map((r) => [r.step.range.start.line, r.target]),
      [
        [
          lineOf(text, '```bash\naws ecs update-service --cluster prod'),
          { cluster: 'prod', service: 'api', region: 'eu-west-1', source: 'front-matter' },
        ],
        [
          lineOf(text, '```sh'),
          {
            cluster: 'default',
            service: 'lonely',
            region: 'eu-west-1',
            source: { line: lineOf(text, 'aws ecs update-service --service lonely') },
          },
        ],
      ],
    );
  });
});

describe('the template (templates/production-deployment-checklist.md)', () => {
  const template = readFileSync(join(repoRoot, 'templates/production-deployment-checklist.md'), 'utf8');
  // The template names its service with placeholders; filled as the seed names it, it rolls back the seed's service.
  const filled = fillTemplate(template, SEED_VALUES);
  if ('error' in filled) throw new Error(filled.error);
  const text = filled.text;
  const checklist = parseChecklist(text);

  test('unfilled, its rollback block names {{ecs_cluster}}/{{ecs_service}}: no target, no rollback lens step, no problem', () => {
    assert.match(template, /aws ecs update-service \\\n\s+--cluster \{\{ecs_cluster\}\} \\\n\s+--service \{\{ecs_service\}\}/);
    const unfilled = parseChecklist(template);
    assert.deepEqual(ecsTargetsOf(unfilled), []);
    assert.deepEqual(ecsRollbackSteps(unfilled), []);
    assert.deepEqual(ecsProblems(unfilled), []);
    assert.deepEqual(
      ecsCommandsOf(unfilled).map((c) => [c.operation, c.cluster, c.services]),
      [
        ['update-service', undefined, []],
        ['wait', undefined, []],
      ],
    );
  });

  test('filled with vivr-prod/vivr-app, its rollback block names vivr-prod/vivr-app, once', () => {
    assert.match(text, /aws ecs update-service \\\n\s+--cluster vivr-prod \\\n\s+--service vivr-app/);
    assert.match(text, /aws ecs wait services-stable \\\n\s+--cluster vivr-prod \\\n\s+--services vivr-app/);
    assert.deepEqual(ecsTargetsOf(checklist), [
      { cluster: 'vivr-prod', service: 'vivr-app', source: { line: lineOf(text, 'aws ecs update-service') } },
    ]);
    assert.deepEqual(ecsProblems(checklist), []);
  });

  test('exactly one rollback step: the block holding the update-service command', () => {
    const steps = ecsRollbackSteps(checklist);
    assert.equal(steps.length, 1);
    const fenceLine =
      text
        .slice(0, text.indexOf('aws ecs update-service'))
        .split('\n')
        .findLastIndex((l) => l.startsWith('```')) + 1;
    assert.equal(steps[0].step.range.start.line, fenceLine);
    assert.equal(steps[0].step.kind, 'code');
    assert.equal(steps[0].target.service, 'vivr-app');
  });

  test('one health claim: "All services healthy"', () => {
    assert.deepEqual(
      healthClaimItems(checklist).map((i) => i.text),
      ['All services healthy'],
    );
    assert.deepEqual(
      healthClaimItems(parseChecklist(template)).map((i) => i.text),
      ['All services healthy'],
    );
  });
});

describe('unfilled template placeholders are not services', () => {
  test('a {{…}} value in a command or in front matter `ecs:` is skipped, without an ecs: problem', () => {
    const text = doc(
      'ecs:\n  - { cluster: "{{ecs_cluster}}", service: api }\n  - { cluster: prod, service: "{{ecs_service}}" }\n  - { cluster: prod, service: web, region: "{{aws_region}}" }',
      fence(
        'bash',
        'aws ecs update-service --cluster {{ecs_cluster}} --service api\naws ecs update-service --cluster prod --service {{ ecs_service }}\naws ecs wait services-stable --cluster prod --services {{ecs_service}} worker',
      ),
    );
    const checklist = parseChecklist(text);
    assert.deepEqual(ecsTargetsOf(checklist), [
      { cluster: 'prod', service: 'web', source: 'front-matter' },
      { cluster: 'prod', service: 'worker', source: { line: lineOf(text, 'aws ecs wait') } },
    ]);
    assert.deepEqual(ecsProblems(checklist), []);
    // The unfilled values are reported once each, as errors, by unfilled-placeholder instead.
    const unfilled = check(checklist).filter((f) => f.ruleId === 'unfilled-placeholder');
    assert.deepEqual(
      unfilled.map((f) => [f.severity, text.slice(f.range.start.offset, f.range.end.offset)]),
      [
        ['error', '{{ecs_cluster}}'],
        ['error', '{{ecs_service}}'],
        ['error', '{{aws_region}}'],
        ['error', '{{ecs_cluster}}'],
        ['error', '{{ ecs_service }}'],
        ['error', '{{ecs_service}}'],
      ],
    );
  });
});

describe('health claims', () => {
  const table: [string, boolean][] = [
    ['All services healthy', true],
    ['ECS service stable', true],
    ['All tasks running', true],
    ['Services healthy after rollback', true],
    ['All ECS services are stable', true],
    ['all the services are now running', true],
    ['Service is healthy', true],
    ['The ECS service is stable', true],
    ['Task running', true],
    ['Database connections healthy', false],
    ['Health check endpoint responding', false],
    ['Application started successfully', false],
    ['Application health check passing', false],
    ['Memory usage stable', false],
    ['CPU usage stable', false],
    ['Payment service healthy', false],
    ['External service calls working (Stripe, PayPal, etc.)', false],
    ['Not all services healthy', false],
    ['All services deployed', false],
    ['Services unhealthy', false],
  ];
  for (const [text, claims] of table)
    test(`${claims ? 'claims' : 'does not claim'}: ${text}`, () => assert.equal(isHealthClaim(text), claims));

  test('items of any state are returned; the lens decides about checked ones', () => {
    const checklist = parseChecklist(
      '# R\n\n## Verify\n\n- [x] All services healthy\n- [ ] Database connections healthy\n- [ ] All tasks running\n',
    );
    assert.deepEqual(
      healthClaimItems(checklist).map((i) => [i.text, i.checked]),
      [
        ['All services healthy', true],
        ['All tasks running', false],
      ],
    );
  });
});

describe('`ecs:` mistakes (ecsProblems, front-matter-ecs)', () => {
  const findings = (text: string) => check(parseChecklist(text)).filter((f) => f.ruleId === 'front-matter-ecs');
  const messages = (front: string) => findings(doc(front)).map((f) => f.message);

  test('valid `ecs:` gives nothing', () => {
    assert.deepEqual(findings(doc('ecs:\n  - cluster: prod\n    service: api\n    endpoint: https://ecs.eu-west-1.amazonaws.com')), []);
  });

  test('not a mapping or a list: a warning on the `ecs` key', () => {
    const text = doc('title: T\necs: prod');
    const [f, ...rest] = findings(text);
    assert.equal(rest.length, 0);
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /^Front matter `ecs:` should be a mapping with `cluster` and `service` .*or a list of them, not "prod"\.$/);
    assert.deepEqual([f.range.start.line, f.range.start.column, f.range.end.column], [3, 1, 4]);
  });

  test('a missing cluster or service, an entry that is not a mapping, a non-string value', () => {
    assert.deepEqual(messages('ecs:\n  cluster: prod'), ['Front matter `ecs:` has no `service`; it is skipped.']);
    assert.deepEqual(messages('ecs:\n  - region: x'), ['Front matter `ecs:` entry 1 has no `cluster` and no `service`; it is skipped.']);
    assert.deepEqual(messages('ecs:\n  - prod/api'), [
      'Front matter `ecs:` entry 1 should be a mapping like `{ cluster: prod, service: api }`, not "prod/api"; it is skipped.',
    ]);
    assert.deepEqual(messages('ecs:\n  - {cluster: prod, service: api}\n  - {cluster: prod, service: 42}'), [
      'Front matter `service` of `ecs:` entry 2 should be a string, not the number 42; the entry is skipped.',
    ]);
    assert.deepEqual(messages('ecs:\n  cluster: prod\n  service: api\n  profile: [a, b]'), [
      'Front matter `ecs: profile` should be a string, not a list; it is ignored.',
    ]);
    assert.deepEqual(messages('ecs:\n  cluster: prod\n  service:'), ['Front matter `ecs: service` is empty; `ecs:` is skipped.']);
  });

  test('an endpoint that is not an http(s) URL', () => {
    assert.deepEqual(messages('ecs:\n  cluster: prod\n  service: api\n  endpoint: localhost:4566'), [
      'Front matter `ecs: endpoint` should be an http(s) URL such as `http://localhost:4566`, not "localhost:4566"; it is ignored.',
    ]);
    assert.deepEqual(messages('ecs:\n  cluster: prod\n  service: api\n  endpoint: ftp://host'), [
      'Front matter `ecs: endpoint` should be an http(s) URL such as `http://localhost:4566`, not "ftp://host"; it is ignored.',
    ]);
  });

  test('unknown keys: "did you mean" when close, the known keys otherwise; the range is the key', () => {
    const text = doc('ecs:\n  - cluster: prod\n    service: api\n  - cluster: prod\n    service: web\n    regoin: eu-west-1\n    tags: x');
    const [typo, other, ...rest] = findings(text);
    assert.equal(rest.length, 0);
    assert.equal(typo.message, 'Front matter `ecs:` entry 2 has the unknown key `regoin` (did you mean `region`?); it is ignored.');
    assert.deepEqual([typo.range.start.line, typo.range.start.column, typo.range.end.column], [lineOf(text, 'regoin'), 5, 11]);
    assert.match(other.message, /unknown key `tags` \(the keys are `cluster`, `service`, `region`, `profile`, `endpoint`\)/);
    assert.deepEqual(messages('ecs:\n  clusterName: prod\n  service: api'), [
      'Front matter `ecs:` has the unknown key `clusterName` (did you mean `cluster`?); it is ignored.',
      'Front matter `ecs:` has no `cluster`; it is skipped.',
    ]);
    assert.match(messages('ecs:\n  cluster: prod\n  service: api\n  endpoint_url: http://x')[0], /did you mean `endpoint`\?/);
  });

  test('a value problem points at the value in its own list entry', () => {
    const text = doc('ecs:\n  - {cluster: prod, service: api, endpoint: "nope"}\n  - cluster: prod\n    service: web\n    endpoint: nope');
    const ranges = findings(text).map((f) => [f.range.start.line, f.range.start.column]);
    const second = lineOf(text, 'endpoint: nope');
    assert.deepEqual(ranges, [
      [lineOf(text, '"nope"'), text.split('\n')[lineOf(text, '"nope"') - 1].indexOf('"nope"') + 1],
      [second, text.split('\n')[second - 1].indexOf('nope') + 1],
    ]);
  });

  test('with `gates:` problems too, each rule reports its own; a YAML error is one error, from front-matter-yaml', () => {
    const frontMatterFindings = (text: string) => check(parseChecklist(text)).filter((f) => f.ruleId.startsWith('front-matter-'));
    const text = `---\ngates:\n  Nobody: [Deploy]\necs: {cluster: prod}\n---\n# R\n\n## Deploy\n\n- [ ] x\n\n## Sign-Off\n\n### QA\n- Name: ____\n`;
    assert.deepEqual(
      frontMatterFindings(text).map((f) => f.ruleId),
      ['front-matter-gates', 'front-matter-ecs'],
    );
    const broken = frontMatterFindings(doc('ecs: {cluster: prod'));
    assert.deepEqual(
      broken.map((f) => [f.ruleId, f.severity]),
      [['front-matter-yaml', 'error']],
    );
  });

  test('CRLF line endings keep the ranges on the right line', () => {
    const text = doc('ecs:\n  cluster: prod\n  service: api\n  regoin: x').replace(/\n/g, '\r\n');
    const [f] = findings(text);
    assert.deepEqual([f.range.start.line, f.range.start.column, f.range.end.column], [lineOf(text, 'regoin'), 3, 9]);
  });
});
