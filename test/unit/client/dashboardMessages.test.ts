/**
 * What crosses the dashboard's webview boundary: messages from the webview are checked before use, the
 * settings are checked for shape, and the page carries a strict Content Security Policy.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { contentSecurityPolicy, dashboardHtml } from '../../../client/src/dashboard/dashboardHtml.ts';
import { parseFromWebview } from '../../../client/src/dashboard/dashboardMessages.ts';
import { dashboardSettings } from '../../../client/src/dashboard/dashboardSettings.ts';

describe('messages from the webview', () => {
  test('the four kinds pass with their fields, and only those fields', () => {
    assert.deepEqual(parseFromWebview({ type: 'ready', extra: 1 }), { type: 'ready' });
    assert.deepEqual(parseFromWebview({ type: 'openSettings' }), { type: 'openSettings' });
    assert.deepEqual(parseFromWebview({ type: 'toggle', itemId: 'deploy#ship-it', checked: true, uri: 'file:///etc/passwd' }), {
      type: 'toggle',
      itemId: 'deploy#ship-it',
      checked: true,
    });
    assert.deepEqual(parseFromWebview({ type: 'reveal', line: 12 }), { type: 'reveal', line: 12 });
  });

  test('anything else is dropped', () => {
    for (const bad of [
      undefined,
      null,
      'toggle',
      42,
      [],
      {},
      { type: 'run', stepId: 'x' },
      { type: 'toggle', itemId: 7, checked: true },
      { type: 'toggle', itemId: '', checked: true },
      { type: 'toggle', itemId: 'x'.repeat(5000), checked: true },
      { type: 'toggle', itemId: 'a', checked: 'yes' },
      { type: 'toggle', itemId: 'a' },
      { type: 'reveal', line: -1 },
      { type: 'reveal', line: 1.5 },
      { type: 'reveal', line: '3' },
      { type: 'reveal', line: Number.NaN },
      { type: 'reveal', line: 1e12 },
      { type: { toString: () => 'ready' } },
    ])
      assert.equal(parseFromWebview(bad), undefined, JSON.stringify(bad));
  });
});

describe('dashboard settings', () => {
  test('phases: strings only, trimmed, no blanks or repeats; failOn one of three', () => {
    assert.deepEqual(dashboardSettings([' Deployment Day ', 'Deployment Day', '', 3, null, 'testing'], 'warning'), {
      require: ['Deployment Day', 'testing'],
      failOn: 'warning',
    });
  });

  test('wrong shapes fall back to the defaults', () => {
    assert.deepEqual(dashboardSettings('Deployment Day', 'fatal'), { require: [], failOn: 'error' });
    assert.deepEqual(dashboardSettings(undefined, undefined), { require: [], failOn: 'error' });
  });
});

describe('the page', () => {
  const page = {
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    nonce: 'n0nce+/=',
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/client/dist/dashboard.js',
    styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/client/media/dashboard.css',
  };
  const html = dashboardHtml(page);

  test('the policy allows nothing by default, our styles and images, and only the script with the nonce', () => {
    const policy = contentSecurityPolicy(page.cspSource, page.nonce);
    const directives = new Map(
      policy
        .split(';')
        .map((d) => d.trim().split(/\s+/) as [string, ...string[]])
        .map(([k, ...v]) => [k, v]),
    );
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    assert.deepEqual(directives.get('style-src'), [page.cspSource]);
    assert.deepEqual(directives.get('script-src'), [`'nonce-${page.nonce}'`]);
    assert.deepEqual(directives.get('img-src'), [page.cspSource]);
    assert.ok(!/unsafe-(inline|eval)/.test(policy));
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${policy}">`));
  });

  test('one script, with the nonce; no inline style or script, no event handler attributes', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0][1], new RegExp(`nonce="${page.nonce.replace(/[+/=]/g, '\\$&')}"`));
    assert.match(scripts[0][1], /src="[^"]+dashboard\.js"/);
    assert.equal(scripts[0][2], '', 'no inline code');
    assert.ok(!/<style\b|\sstyle=|\son[a-z]+=/i.test(html));
  });

  test('attribute values are escaped', () => {
    const hostile = dashboardHtml({ ...page, styleUri: 'x"><script>alert(1)</script>' });
    assert.ok(!hostile.includes('"><script>alert(1)'));
    assert.equal([...hostile.matchAll(/<script\b/g)].length, 1);
  });
});
