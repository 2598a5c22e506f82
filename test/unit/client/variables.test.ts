import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isSecretName, unsetVariables } from '../../../client/src/run/variables.ts';
import { withShellParser } from '../../support/shellParser.ts';

withShellParser();

const none = new Set<string>();
const unset = (script: string) => unsetVariables(script, none);

/** [script, the names asked for, in order]. */
const CASES: [string, string[]][] = [
  // Uses, in order of first use, each once.
  ['echo $VERSION', ['VERSION']],
  ['echo ${VERSION}', ['VERSION']],
  ['echo "deploying $APP_NAME v${VERSION}" to $APP_NAME', ['APP_NAME', 'VERSION']],
  ['curl -H "Authorization: Bearer $API_TOKEN" "$BASE_URL/health"', ['API_TOKEN', 'BASE_URL']],
  ['echo $lower_case $_LEADING $A1', ['lower_case', '_LEADING', 'A1']],
  ['echo $A$B${C}x', ['A', 'B', 'C']],
  ['echo "${CLUSTER}-${SERVICE}"', ['CLUSTER', 'SERVICE']],
  // Defaults: the script copes with the variable unset. `:?` fails without it, so it is asked.
  ['echo ${REGION:-eu-west-1}', []],
  ['echo ${REGION-eu-west-1} ${MODE:=fast} ${MODE2=fast} ${EXTRA:+--extra}', []],
  ['echo ${CLUSTER:?set CLUSTER first}', ['CLUSTER']],
  ['echo ${CLUSTER?}', ['CLUSTER']],
  ['echo ${REGION:-eu-west-1} then $REGION', ['REGION']],
  // Other expansions are uses.
  ['echo ${#NAME} ${!REF} ${TAG%-*} ${TAG#v} ${IMAGE/:*/} ${SHA:0:7} ${LIST[@]}', ['NAME', 'REF', 'TAG', 'IMAGE', 'SHA', 'LIST']],
  // Special and positional parameters.
  ['echo $1 $9 ${10} $@ $* $# $? $$ $! $0 $- $_ ${#} ${@}', []],
  ['echo $$VAR', []],
  // Shell-provided names.
  ['cd $HOME && echo $PATH $PWD $USER $SHELL $RANDOM $LINENO $SECONDS $HOSTNAME $UID $OLDPWD $IFS $BASH_SOURCE $TMPDIR', []],
  // Not expanded: single quotes, escapes, comments, quoted here-document delimiters.
  ['echo \'$NOT_EXPANDED\' "$YES"', ['YES']],
  ['echo "it\'s $NAME"', ['NAME']],
  ['echo \\$ESCAPED "\\$ALSO" $REAL', ['REAL']],
  ['echo "price: 5$" $ $', []],
  ["echo $'tab\\t$NOPE' $AFTER", ['AFTER']],
  ['# uses $IN_COMMENT\necho ok # and $TRAILING\necho a#$NOT_A_COMMENT', ['NOT_A_COMMENT']],
  ["cat <<'EOF'\n$LITERAL\nEOF\necho $AFTER", ['AFTER']],
  ['cat <<"EOF"\n$LITERAL\nEOF', []],
  ['cat <<\\EOF\n$LITERAL\nEOF', []],
  ["cat <<EOF\nIt's $EXPANDED, \"${TOO}\"\nEOF\necho '$NOT'", ['EXPANDED', 'TOO']],
  ['cat <<-EOF > notes.txt\n\tversion $VERSION\n\tEOF\necho $AFTER', ['VERSION', 'AFTER']],
  ['cat <<<"$HERE_STRING"', ['HERE_STRING']],
  // Substitutions and arithmetic: names inside count; bare names in arithmetic are not expansions.
  ['echo "$(git rev-parse $REF)" `date -d $WHEN`', ['REF', 'WHEN']],
  ['echo "$(echo \'$SINGLE_IN_SUBSTITUTION\')"', []],
  ['echo $((COUNT + 1)) $(( $TOTAL * 2 )) $(( (X + 1) * $Y ))', ['TOTAL', 'Y']],
  ['echo $((16#ff)) $((1 << SHIFT)) $AFTER', ['AFTER']],
  // Assigned in the script: before or after the use, in any of bash's ways.
  ['VERSION=1.2.3\necho $VERSION', []],
  ['echo $LATER\nLATER=1', []],
  ['export TAG=v1 REGION\nlocal COUNT=0\ndeclare -a LIST\nreadonly FIXED=1\necho $TAG $REGION $COUNT $LIST $FIXED', []],
  ['read VAR\nread -r NAME\nread -rp "Cluster? " CLUSTER\nread -p "Two: " A B\nread -a ARR\necho $VAR $NAME $CLUSTER $A $B $ARR', []],
  ['for HOST in a b; do ssh $HOST; done\nwhile read -r LINE; do echo $LINE; done < f', []],
  ['for ((i = 0; i < 3; i++)); do echo $i; done', []],
  ['COUNT+=1; ARR[0]=x; A=1 B=2 make $A $B $COUNT $ARR', []],
  ['printf -v STAMP "%s" now; mapfile -t LINES_ < f; getopts "ab" OPT; echo $STAMP $LINES_ $OPT', []],
  ['SHA=$(git rev-parse --short HEAD)\nif [ -n "$SHA" ]; then IMAGE="app:$SHA"; fi\necho $IMAGE', []],
  ['read -r TAG < VERSION_FILE\nmapfile -t HOSTS < hosts.txt 2>/dev/null\necho $TAG $HOSTS $VERSION_FILE', ['VERSION_FILE']],
  ['(( RETRIES += 1 )); echo $RETRIES', []],
  ['case $MODE in fast) SPEED=1 ;; esac; echo $SPEED', ['MODE']],
  ['f() { local X=1; echo $X; }; f', []],
  // A here-document body is not code: assignments there are text, and its quotes do not hide what follows.
  ["cat <<EOF\nIt's FAKE=1\nEOF\nREAL=1\necho $REAL $FAKE", ['FAKE']],
  // Read by the bash parser: a default's own expansions, subscripts, substitutions in arithmetic, select loops.
  ['echo ${Y:-$Z} "${ARR[$IDX]}" $(( $(echo $N) + 1 ))', ['Z', 'ARR', 'IDX', 'N']],
  ['select OPT in a b; do echo $OPT; done', []],
  ['cat <<EOF | sh\necho $IN_BODY\nEOF', ['IN_BODY']],
  // Text bash cannot read still gives what it can, and never throws.
  ['echo "$OK" "unterminated $LATE', ['OK', 'LATE']],
  // `echo A=1` is an argument, not an assignment.
  ['echo A=1 $A', ['A']],
  ['', []],
];

describe('unsetVariables', () => {
  for (const [script, expected] of CASES) {
    test(`${JSON.stringify(script)} → [${expected.join(', ')}]`, () => {
      assert.deepEqual(unset(script), expected);
    });
  }

  test('known names are not asked, given as a set or a predicate', () => {
    const script = 'aws ecs update-service --cluster $CLUSTER --service $SERVICE --region $AWS_REGION';
    assert.deepEqual(unsetVariables(script, new Set(['AWS_REGION'])), ['CLUSTER', 'SERVICE']);
    assert.deepEqual(
      unsetVariables(script, (name) => name.startsWith('AWS_') || name === 'SERVICE'),
      ['CLUSTER'],
    );
    assert.deepEqual(
      unsetVariables(script, () => true),
      [],
    );
  });

  test('the predicate is asked only about names that would otherwise be asked', () => {
    const asked: string[] = [];
    unsetVariables('X=1; echo $X $HOME ${D:-d} $1 $NEEDED $NEEDED', (name) => (asked.push(name), false));
    assert.deepEqual(asked, ['NEEDED']);
  });

  test("the seed's rollback script asks for nothing: every variable it uses it sets", () => {
    const script = [
      '#!/bin/bash',
      'PREVIOUS_VERSION="previous_docker_image_tag"',
      'DB_ROLLBACK_NEEDED="false"',
      'echo "Previous version: $PREVIOUS_VERSION"',
      'aws ecs update-service \\',
      '  --task-definition "vivr-app:${PREVIOUS_VERSION}"',
      'if [ $? -eq 0 ]; then',
      '  aws sns publish --message "Production rollback completed to $PREVIOUS_VERSION"',
      'fi',
    ].join('\n');
    assert.deepEqual(unset(script), []);
  });
});

describe('isSecretName', () => {
  const SECRET = [
    'API_TOKEN',
    'GITHUB_TOKEN',
    'accessToken',
    'CLIENT_SECRET',
    'AWS_SECRET_ACCESS_KEY',
    'DB_PASSWORD',
    'dbPassword',
    'PGPASSWORD',
    'MYSQL_PASSWD',
    'GPG_PASSPHRASE',
    'API_KEY',
    'APIKEY',
    'apiKey',
    'KEY',
    'SSH_KEY',
    'STRIPE_KEY_LIVE',
    'PRIVATE_KEY_PEM',
    'GOOGLE_APPLICATION_CREDENTIALS',
    'REGISTRY_CREDS',
    'DB_PASS',
    'DB_PWD',
    'GH_PAT',
    'SLACK_WEBHOOK_URL',
  ];
  const PLAIN = [
    'CLUSTER',
    'SERVICE',
    'VERSION',
    'KEYBOARD',
    'MONKEY',
    'TURKEY_REGION',
    'PWD',
    'PASSENGER',
    'PATH',
    'PATTERN',
    'BYPASS_CACHE',
    'DATABASE_URL',
    'USER',
    'TOKENIZER',
  ];

  for (const name of SECRET) test(`${name} is secret`, () => assert.equal(isSecretName(name), true));
  for (const name of PLAIN) test(`${name} is not secret`, () => assert.equal(isSecretName(name), name === 'TOKENIZER'));
});
