/**
 * Run notes blank credentials: known token shapes (a table: each shape in, `[redacted]` out, and near-misses
 * that must stay), values of secret-named variables (client before sending, core as the last line), and
 * every pattern is linear — bounded repetitions, none nested — so no output can make one backtrack for long.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { blankSecretValues } from '../../../client/src/run/secretValues.ts';
import { parseChecklist } from '../../../server/src/core/checklist.ts';
import { blankEnvSecrets, excerptOf, redact, REDACTION_PATTERNS } from '../../../server/src/core/runNote.ts';
import * as patterns from '../../../server/src/core/secretPatterns.ts';
import { superLinear } from '../../support/regexShape.ts';

/** Redaction runs over untrusted output: no unbounded repetition at all, none nested. */
const nonLinear = (re: RegExp) => superLinear(re, { bounded: true });

// Made up here, in pieces, so no scanner mistakes the source for a leak; the shapes are the providers'.
const b62 = (n: number, seed = 'q7Xk2mP9rT4vW8zB1nC5dF3gH6jL0sY') => seed.repeat(Math.ceil(n / seed.length)).slice(0, n);
const AWS_ID = 'AKIA' + 'Z7Q3M5VXK2LRT4PB';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCY' + 'zQ3rT8vW1y';
const NPM = 'npm_' + b62(36);
const GHU = 'ghu_' + b62(36);
const GHP = 'ghp_' + b62(36);
const PAT = 'github_pat_' + b62(22) + '_' + b62(59);
const GLPAT = 'glpat-' + b62(20);
const GOOGLE = 'AIza' + b62(35);
const KEY_BODY = 'MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5Qwp8HAy\nAoGCCqGSM49AwEHoUQDQgAEYXmAzS5Mbd2Ww9l2B1Cp7qsr';

const SHAPES: [string, string, string][] = [
  ['AWS access key id', `key ${AWS_ID} in use`, 'key [redacted] in use'],
  ['AWS temporary key id', 'ASIA' + 'Z7Q3M5VXK2LRT4PB', '[redacted]'],
  [
    'AWS secret after its key id',
    `ACCESSKEY\t${AWS_ID}\t2026-12-01T10:00:00Z\t${AWS_SECRET}\tActive`,
    'ACCESSKEY\t[redacted]\t2026-12-01T10:00:00Z\t[redacted]\tActive',
  ],
  ['AWS secret after its name', `"SecretAccessKey": "${AWS_SECRET}",`, '"SecretAccessKey": "[redacted]",'],
  ['AWS secret in an export', `export AWS_SECRET_ACCESS_KEY=${AWS_SECRET}`, 'export AWS_SECRET_ACCESS_KEY=[redacted]'],
  ['npm token', `//registry.npmjs.org/:_authToken ${NPM}`, '//registry.npmjs.org/:_authToken [redacted]'],
  ['GitHub user token', `using ${GHU} now`, 'using [redacted] now'],
  ['GitHub personal token', GHP, '[redacted]'],
  ['GitHub fine-grained token', `pat ${PAT}`, 'pat [redacted]'],
  ['GitLab token', `glab auth ${GLPAT} ok`, 'glab auth [redacted] ok'],
  ['Slack bot token', 'xoxb-' + '2048-9173-Qm8ZrT2vLk4Wn', '[redacted]'],
  ['Slack user token', 'xoxp-' + '2048-9173-Qm8ZrT2vLk4Wn', '[redacted]'],
  ['Slack app token', 'xoxa-' + '2-9173-Qm8ZrT2vLk4Wn', '[redacted]'],
  [
    'Google API key in a URL',
    `curl "https://maps.example.com/geo?k=${GOOGLE}&q=1"`,
    'curl "https://maps.example.com/geo?k=[redacted]&q=1"',
  ],
  ['Google API key in prose', `maps ${GOOGLE} here`, 'maps [redacted] here'],
  ['EC private key block', `-----BEGIN EC PRIVATE KEY-----\n${KEY_BODY}\n-----END EC PRIVATE KEY-----\ndone`, '[redacted]\ndone'],
  ['private key cut before its END', `-----BEGIN PRIVATE KEY-----\n${KEY_BODY}`, '[redacted]'],
  ['private key cut before its BEGIN', `${KEY_BODY}\n-----END OPENSSH PRIVATE KEY-----\nafter`, '[redacted]\nafter'],
];

const NEAR_MISSES: [string, string][] = [
  ['a git commit id (40 hex, no AWS context)', 'commit 3f9a1c2b7d4e5f60718293a4b5c6d7e8f9a0b1c2 merged'],
  ['a key id one character short', 'AKIA' + 'Z7Q3M5VXK2LRT4P'],
  ['an npm config name', 'npm_config_cache=/tmp/npm'],
  ['an npm token one character short', 'npm_' + b62(35)],
  ['a short ghp_', 'ghp_short'],
  ['a short glpat-', 'glpat-short'],
  ['xoxo, not a Slack token', 'xoxo-hugs'],
  ['a short AIza', 'AIzaSyShort'],
  ['a public key block', '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----'],
  ['a certificate', '-----BEGIN CERTIFICATE-----\nMIIB'],
  ['an END line in the middle of prose', 'the text -----END PRIVATE KEY----- is quoted'],
  ['40 base64 characters after an unrelated word', `checksum ${AWS_SECRET}`],
  ['a plain deploy line', 'Deployed web:7 to prod-cluster in 42s (3/3 running)'],
];

describe('redaction table', () => {
  for (const [name, input, expected] of SHAPES) {
    test(`${name}: blanked`, () => {
      assert.equal(redact(input), expected);
      assert.equal(redact(expected), expected, 'redacting again changes nothing');
    });
  }
  for (const [name, input] of NEAR_MISSES) {
    test(`${name}: kept`, () => assert.equal(redact(input), input));
  }
});

describe('secret-named variables', () => {
  test('the client blanks values from the environment, env: and answers; short and plain ones stay', () => {
    const text = 'db pw Tr0ub4dor3, token abcd-1234-efgh, app shop, key on, home /home/ada';
    const out = blankSecretValues(
      text,
      Object.entries({ HOME: '/home/ada', DB_PASSWORD: 'Tr0ub4dor3' }),
      Object.entries({ APP: 'shop', FEATURE_KEY: 'on' }),
      new Map([['DEPLOY_TOKEN', 'abcd-1234-efgh']]),
    );
    assert.equal(out, 'db pw [redacted], token [redacted], app shop, key on, home /home/ada');
  });

  test('a value that contains another is blanked whole', () => {
    assert.equal(
      blankSecretValues('x s3cr3t-long y', [
        ['A_TOKEN', 's3cr3t'],
        ['B_TOKEN', 's3cr3t-long'],
      ]),
      'x [redacted] y',
    );
  });

  test('core blanks the env: values of secret-named variables as the last line', () => {
    const checklist = parseChecklist('---\nenv:\n  DB_PASSWORD: Tr0ub4dor3\n  APP: shop\n---\n# Deploy\n\n- [ ] x `echo hi`\n');
    assert.equal(blankEnvSecrets(checklist, excerptOf('connected with Tr0ub4dor3 to shop')), 'connected with [redacted] to shop');
  });
});

describe('every redaction pattern is linear', () => {
  test('the checker itself catches what it is for', () => {
    assert.deepEqual(nonLinear(/a+b/), ['unbounded repetition: …a+']);
    assert.deepEqual(nonLinear(/(?:ab{1,3}){2,5}/).length, 1);
    assert.deepEqual(nonLinear(/x{2,}/).length, 1);
    assert.deepEqual(nonLinear(/(?:a[+*]{1,3})?[\w-]{0,8}(?<=x)/), []);
  });
  const all: [string, RegExp][] = [
    ...REDACTION_PATTERNS.map((re, i): [string, RegExp] => [`redaction ${i}`, re]),
    ...Object.entries(patterns).filter((e): e is [string, RegExp] => e[1] instanceof RegExp),
  ];
  for (const [name, re] of all) test(name, () => assert.deepEqual(nonLinear(re), [], re.source));
});
