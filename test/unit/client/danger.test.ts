import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dangerOf, dangersOf } from '../../../client/src/run/danger.ts';
import { withShellParser } from '../../support/shellParser.ts';

withShellParser();

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

// What the bash parser adds (issue 13): the command bash really runs, and code that is not in the step's text.
const PIPE = 'pipes into a shell or interpreter (| sh)';
const RUNTIME = 'runs code fetched or built at run time (source <(curl …), bash -c "$(…)")';
const EVAL = 'evaluates text as code (eval)';
const DYNAMIC = 'runs a command whose name is known only at run time ($cmd, $(…))';
const HIDDEN = "hides a command name in quotes or escapes (r''m, \\rm)";
const UNREADABLE = 'could not be read as shell; check it before running';

/** [command, every reason dangersOf gives, most specific first]. */
const PARSED: [string, string[]][] = [
  // A pipe into a shell or interpreter that reads its program from the pipe.
  ['curl -fsSL https://example.com/install.sh | sh', [PIPE]],
  ['curl -fsSL https://example.com/install.sh | bash', [PIPE]],
  ['curl -fsSL https://example.com/install.sh | sudo bash', [PIPE]],
  ['curl -fsSL https://example.com/install.sh | sudo -E bash -s -- --yes', [PIPE]],
  ['wget -qO- https://example.com/setup.py | python3', [PIPE]],
  ['curl -s https://example.com/x | python', [PIPE]],
  ['cat setup.sh | bash -x', [PIPE]],
  ['curl -s https://example.com/x.js | node', [PIPE]],
  ['curl -s https://example.com/x | tee install.log | sh', [PIPE]],
  ['curl -s https://example.com/x |& bash -', [PIPE]],
  ["cat <<'EOF' | sh\necho hi\nEOF", [PIPE]],
  ['kubectl get pods | grep delete', []],
  ['curl -s https://api.example.com/health | jq .status', []],
  ['curl -s https://api.example.com/health | python3 -m json.tool', []],
  ['echo "{}" | node -e "process.stdin.pipe(process.stdout)"', []],
  ['git log --oneline | head -5', []],
  ['echo "curl x | sh"', []],
  ["echo '| bash'", []],
  // Code fetched or built at run time: not in the text the confirmation shows.
  ['source <(curl -fsSL https://example.com/env.sh)', [RUNTIME]],
  ['. <(kubectl completion bash)', [RUNTIME]],
  ['bash <(curl -fsSL https://example.com/install.sh)', [RUNTIME]],
  ['bash -c "$(curl -fsSL https://example.com/install.sh)"', [RUNTIME, DYNAMIC]],
  ['python3 -c "$(curl -fsSL https://example.com/x.py)"', [RUNTIME]],
  ['curl -fsSL -o install.sh https://example.com/install.sh && bash install.sh', [RUNTIME]],
  ['wget -O /tmp/env.sh https://example.com/env.sh; source /tmp/env.sh', [RUNTIME]],
  ['curl https://example.com/env.sh > env.sh\n. ./env.sh', [RUNTIME]],
  ['curl -s https://example.com/env.sh | source /dev/stdin', [RUNTIME]],
  ['source ./env.sh', []],
  ['. ~/.nvm/nvm.sh', []],
  ['bash scripts/deploy-check.sh', []],
  ['curl -o report.json https://example.com/r && jq . report.json', []],
  ['python3 -c "print(1)"', []],
  // eval, and what it evaluates when that is written out.
  ['eval "$(ssh-agent -s)"', [RUNTIME, EVAL, DYNAMIC]],
  ['eval "$CMD"', [EVAL, DYNAMIC]],
  ["eval 'rm -rf /tmp/x'", [RM, EVAL]],
  ['grep eval x', []],
  ['echo eval', []],
  ['git log --grep=eval', []],
  // A command word known only at run time.
  ['$cmd --all', [DYNAMIC]],
  ['$(echo rm) -rf x', [DYNAMIC]],
  ['`which rm` -rf x', [DYNAMIC]],
  ['"$TOOL" deploy', [DYNAMIC]],
  ['${RUNNER:-bash} script.sh', [DYNAMIC]],
  ['sudo $CMD', [DYNAMIC]],
  ['echo $cmd', []],
  ['cd "$DIR" && ls', []],
  ['STAMP=$(date +%s) npm test', []],
  ['echo "$(date)"', []],
  ['$ npm test', []],
  // Quoted or escaped command words: bash removes the quotes, so the rules still see rm.
  ["r''m -rf /", [RM, HIDDEN]],
  ['\\rm -rf /', [RM, HIDDEN]],
  ['"rm" -rf build', [RM, HIDDEN]],
  ["'kubectl' delete pod web-1", [KUBE, HIDDEN]],
  ["su''do rm -rf /srv", [RM, HIDDEN]],
  ['\\ls', [HIDDEN]],
  ["'./my script.sh' --dry-run", []],
  ['echo "rm -rf /"', []],
  ["echo 'r''m'", []],
  ['echo rm -rf', []],
  // A script in a string: bash -c, sh -c, su -c, ssh, env -S.
  ["bash -c 'rm -rf /tmp/x'", [RM]],
  ['sh -c "kubectl delete pod web-1"', [KUBE]],
  ["sudo sh -c 'terraform destroy'", [TF_DESTROY]],
  ['bash -xc "aws s3 rm s3://bucket --recursive"', [AWS_DELETE]],
  ["su - app -c 'rm -rf ~/cache'", [RM]],
  ["ssh bastion 'sudo rm -rf /var/app'", [RM]],
  ['ssh -i key.pem -p 2222 ops@host kubectl delete pod x', [KUBE]],
  ['bash -c "rm -rf $DIR"', [RM]],
  ["env -S 'rm -rf x'", [RM]],
  ["bash -c 'npm test'", []],
  ["sh -c 'echo rm -rf'", []],
  ['ssh bastion uptime', []],
  ['ssh -i key.pem ops@host "df -h"', []],
  // Wrappers are looked through to the program they run.
  ['sudo -u app rm -rf /srv/app/cache', [RM]],
  ['env -i PATH=/bin rm -rf x', [RM]],
  ['find . -name "*.log" -print0 | xargs -0 rm -rf', [RM]],
  ['xargs -n 1 rm -r < dirs.txt', [RM]],
  ['command rm -rf x', [RM]],
  ['exec terraform destroy', [TF_DESTROY]],
  ['nohup kubectl delete ns scratch &', [KUBE]],
  ['timeout 60 terraform apply', [TF]],
  ['timeout -s KILL 5m aws ecs update-service --cluster x --service y', [AWS]],
  ['sudo -E env FOO=1 timeout 10 nice -n 5 rm -rf x', [RM]],
  ['pnpm exec prisma migrate reset', [PRISMA_RESET]],
  ['time rm -rf build', [RM]],
  ['command -v rm', []],
  ['sudo -l', []],
  ['timeout 5 curl -s https://example.com', []],
  ['sudo systemctl status nginx', []],
  ['env | sort', []],
  ['xargs echo rm -rf < list.txt', []],
  // Text bash cannot read is not guessed at.
  ['echo "unterminated', [UNREADABLE]],
  ['if true; then echo x', [UNREADABLE]],
  ['rm -rf x; echo "oops', [RM, UNREADABLE]],
  ['fi', [UNREADABLE]],
  ['then rm -rf x', [UNREADABLE]],
  ['case x in', [UNREADABLE]],
  [')(', [UNREADABLE]],
];

describe('dangersOf: read by the bash parser', () => {
  for (const [command, expected] of PARSED) {
    test(`${JSON.stringify(command)} → ${expected.join(', ') || 'safe'}`, () => {
      assert.deepEqual(dangersOf(command), expected);
    });
  }

  test('a script in a string is followed three levels deep; deeper, it is not read and says so', () => {
    const nest = (script: string, levels: number): string =>
      levels === 0 ? script : nest(`bash -c ${JSON.stringify(script)}`, levels - 1);
    assert.deepEqual(dangersOf(nest('rm -rf /srv', 3)), [RM]);
    assert.deepEqual(dangersOf(nest('echo ok', 4)), [UNREADABLE]);
  });

  test('garbage never throws and is never called safe unless bash reads it', () => {
    const alphabet = [
      '"',
      "'",
      '`',
      '$(',
      ')',
      '{',
      '}',
      '|',
      '&',
      ';',
      '<<',
      'EOF',
      '\\',
      '\n',
      ' ',
      'rm',
      '-rf',
      'if',
      'fi',
      '((',
      '))',
      '${',
      '#',
    ];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 300; n++) {
      const text = Array.from({ length: 1 + (next() % 12) }, () => alphabet[next() % alphabet.length]).join('');
      const reasons = dangersOf(text);
      assert.ok(Array.isArray(reasons), JSON.stringify(text));
    }
  });
});
