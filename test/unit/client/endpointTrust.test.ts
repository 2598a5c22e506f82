/** Which ECS endpoints named by a checklist are asked about before the first request: not AWS's own, or http. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { endpointConcern, endpointLabel } from '../../../client/src/ecs/endpointTrust.ts';

describe('endpointConcern', () => {
  const AWS = [
    'https://ecs.us-east-1.amazonaws.com',
    'https://ecs.cn-north-1.amazonaws.com.cn',
    'https://ecs-fips.us-gov-west-1.amazonaws.com/',
    'https://ECS.EU-WEST-1.AMAZONAWS.COM',
  ];
  for (const url of AWS) test(`${url}: AWS's own, no question`, () => assert.equal(endpointConcern(url), undefined));

  const ASKED: [string, RegExp][] = [
    ['http://ecs.us-east-1.amazonaws.com', /plain http/],
    ['http://127.0.0.1:4566', /plain http/],
    ['https://ecs.example.com', /not AWS's own/],
    ['https://amazonaws.com.evil.example', /not AWS's own/],
    ['https://evilamazonaws.com', /not AWS's own/],
    ['https://ecs.us-east-1.amazonaws.com.attacker.net', /not AWS's own/],
    ['ftp://ecs.us-east-1.amazonaws.com', /uses ftp, not https/],
    ['not a url', /not a valid URL/],
  ];
  for (const [url, why] of ASKED) test(`${url}: asked`, () => assert.match(endpointConcern(url) ?? '', why));
});

test('endpointLabel names the endpoint, or AWS in the region', () => {
  assert.equal(endpointLabel('http://127.0.0.1:4566', 'us-east-1'), 'http://127.0.0.1:4566');
  assert.equal(endpointLabel(undefined, 'us-east-1'), "AWS's own endpoint in us-east-1");
  assert.equal(endpointLabel(undefined, undefined), "AWS's own endpoint");
});
