import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dangerOf, dangersOf } from '../../client/src/run/danger.ts';

const RM = 'deletes files recursively (rm -rf)';
const SQL = 'drops or truncates a database table';
const DROPDB = 'drops a database (dropdb)';
const KUBE = 'deletes Kubernetes resources';
const TF = 'changes infrastructure (terraform apply)';
const TF_DESTROY = 'destroys infrastructure (terraform destroy)';
const AWS = 'updates an AWS service (aws … update-service)';
const AWS_DELETE = 'deletes AWS resources (aws … delete-…)';
const PRISMA = 'deploys database migrations (prisma migrate deploy)';
const PRISMA_RESET = 'resets the database (prisma migrate reset)';
const FORCE = 'forces an operation (--force)';
const PROD = 'names production';

/** [command, the reason dangerOf gives, or undefined for safe]. */
const TABLE: [string, string | undefined][] = [
  // rm: any flag order and spelling; recursive without -f still deletes a tree.
  ['rm -rf dist', RM],
  ['rm -fr dist', RM],
  ['rm -r -f dist', RM],
  ['rm -Rf dist', RM],
  ['rm --recursive --force dist', RM],
  ['rm -r build', RM],
  ['sudo /bin/rm -rf /var/cache/app', RM],
  ['rm dist -rf', RM],
  ['find . -name "*.tmp" -exec rm -rf {} +', RM],
  ['ssh bastion "rm -rf /tmp/release"', RM],
  ['rm file.txt', undefined],
  ['rm -f app.log', undefined],
  ['git rm -r --cached node_modules', undefined],
  ['grep -r rm .', undefined],
  ['rmdir build', undefined],
  // SQL, any case, as a keyword before what it destroys.
  ['psql "$DATABASE_URL" -c "DROP TABLE sessions"', SQL],
  ['psql -c "drop table if exists sessions"', SQL],
  ["mysql -e 'DROP DATABASE shop'", SQL],
  ['psql -c "TRUNCATE sessions;"', SQL],
  ['psql -c "truncate table audit_log cascade"', SQL],
  ['psql -c "ALTER TABLE users DROP COLUMN legacy"', SQL],
  ['dropdb shop_staging', DROPDB],
  ['echo drop it', undefined],
  ['echo "drop the old plan"', undefined],
  ['truncate -s 0 app.log', undefined],
  ['psql -c "SELECT count(*) FROM users"', undefined],
  // kubectl, terraform, aws, prisma.
  ['kubectl delete pod web-1', KUBE],
  ['kubectl --context staging -n web delete deployment api', KUBE],
  ['kubectl get pods', undefined],
  ['kubectl get pods -l app=api | grep delete', undefined],
  ['terraform apply -auto-approve', TF],
  ['terraform -chdir=infra apply', TF],
  ['terraform destroy', TF_DESTROY],
  ['terraform plan', undefined],
  ['terraform plan -destroy', undefined],
  ['aws ecs update-service --cluster x --service y --task-definition z', AWS],
  ['aws --region eu-west-1 ecs update-service --cluster x --service y', AWS],
  ['aws ecs describe-services --cluster x --services y', undefined],
  ['aws ecs wait services-stable --cluster x --services y', undefined],
  ['aws s3 rm s3://bucket/releases --recursive', AWS_DELETE],
  ['aws rds delete-db-instance --db-instance-identifier shop', AWS_DELETE],
  ['aws s3 ls s3://bucket', undefined],
  ['npx prisma migrate deploy', PRISMA],
  ['prisma migrate deploy --schema db/schema.prisma', PRISMA],
  ['./node_modules/.bin/prisma migrate deploy', PRISMA],
  ['npx prisma migrate reset --skip-seed', PRISMA_RESET],
  ['npx prisma migrate status', undefined],
  ['npx prisma generate', undefined],
  // Forcing.
  ['git push --force', FORCE],
  ['git push -f origin main', FORCE],
  ['git push --force-with-lease origin feature', FORCE],
  ['git push origin +main', FORCE],
  ['git -C repo push -uf origin main', FORCE],
  ['docker rm --force web', FORCE],
  ['git push', undefined],
  ['git push -u origin feature --follow-tags', undefined],
  ['tail -f app.log', undefined],
  ['docker compose -f compose.yml up -d', undefined],
  // Production named as a word.
  ['deploy --env production', PROD],
  ['kubectl config use-context prod-cluster', PROD],
  ['NODE_ENV=production npm run build', PROD],
  ['export STAGE=PROD', PROD],
  ['grep production logs.txt', PROD],
  ['docker compose -f docker-compose.prod.yml config', PROD],
  ['deploy --env=Production', PROD],
  ['kubectl config use-context nonprod', undefined],
  ['npm run test:product', undefined],
  ['echo "boost productivity"', undefined],
  ['./scripts/reproduce-bug.sh', undefined],
  ['npm run test', undefined],
  ['npx tsc --noEmit', undefined],
  ['npm run lint && npm audit', undefined],
  ['', undefined],
];

describe('dangerOf: the table', () => {
  for (const [command, expected] of TABLE) {
    test(`${JSON.stringify(command)} → ${expected ?? 'safe'}`, () => {
      assert.equal(dangerOf(command), expected);
    });
  }
});

describe('dangerOf: scripts', () => {
  test('every line is checked, not just the first', () => {
    assert.equal(dangerOf('npm run build\nnpm run test\nrm -rf dist'), RM);
  });

  test('comment lines are ignored, including a shebang', () => {
    assert.equal(dangerOf('#!/bin/bash\n# rm -rf / would be bad; so would production\nnpm run test\n'), undefined);
    assert.equal(dangerOf('  # kubectl delete pod x\necho ok'), undefined);
  });

  test('backslash continuations are one command', () => {
    assert.equal(dangerOf('aws ecs \\\n  update-service \\\n  --cluster shop --service web'), AWS);
    assert.equal(dangerOf('kubectl \\\n  --context staging \\\n  delete pod web-1'), KUBE);
    assert.equal(dangerOf('rm \\\n  -r -f dist'), RM);
  });

  test('a comment line does not swallow the next one, and a trailing backslash at the end is harmless', () => {
    assert.equal(dangerOf('# note \\\nrm -rf dist'), RM);
    assert.equal(dangerOf('echo ok \\'), undefined);
  });

  test('CRLF line ends are fine', () => {
    assert.equal(dangerOf('echo ok\r\nterraform destroy\r\n'), TF_DESTROY);
  });

  test('the most specific reason wins over "names production", whatever the line order', () => {
    assert.equal(dangerOf('echo "deploying to production"\nrm -rf /srv/app'), RM);
    assert.equal(dangerOf('kubectl --context prod delete pod web-1'), KUBE);
  });

  test("the seed's rollback script: update-service, --force-new-deployment is not --force, and production", () => {
    const script = [
      '#!/bin/bash',
      '# scripts/rollback-production.sh',
      'PREVIOUS_VERSION="previous_docker_image_tag"',
      'echo "Previous version: $PREVIOUS_VERSION"',
      'aws ecs update-service \\',
      '  --cluster vivr-prod \\',
      '  --service vivr-app \\',
      '  --force-new-deployment \\',
      '  --task-definition "vivr-app:${PREVIOUS_VERSION}"',
      'aws ecs wait services-stable --cluster vivr-prod --services vivr-app',
    ].join('\n');
    assert.deepEqual(dangersOf(script), [AWS, PROD]);
  });

  test('dangersOf lists every reason once, most specific first', () => {
    assert.deepEqual(dangersOf('git push --force origin production\nrm -rf a\nrm -rf b'), [RM, FORCE, PROD]);
    assert.deepEqual(dangersOf('npm run test'), []);
    assert.deepEqual(dangersOf('aws s3 rm s3://bucket/releases --recursive'), [AWS_DELETE], 'aws s3 rm is not the rm command');
    assert.deepEqual(dangersOf('NODE_ENV=production npx prisma migrate deploy'), [PRISMA, PROD]);
  });
});
