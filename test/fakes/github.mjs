/**
 * A fake GitHub REST API for tests: the issue comments of pull requests, on 127.0.0.1, answering as GitHub
 * does (per_page up to 100, Link headers with absolute URLs, 201 on create, 404 for an unknown repository or
 * pull request, 422 for a body over 65536 characters, GitHub's error shape). Failures can be injected per
 * request: a status, headers (retry-after, x-ratelimit-*), a number of times.
 */
import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';
import { URL } from 'node:url';

const MAX_BODY = 65536;

/**
 * @typedef {{ id: number, body: string, html_url: string, user: { login: string } }} FakeComment
 * @typedef {{ method: string, path: string, query: string, authorization: string | undefined, body?: any }} FakeRequest
 * @typedef {{ method?: string, path?: RegExp, status: number, message?: string, headers?: Record<string, string>, times?: number }} FakeFailure
 * @typedef {{ url: string, server: string, requests: FakeRequest[], comments(number: number): FakeComment[],
 *   seed(number: number, bodies: string[]): void, fail(failure: FakeFailure): void, close(): Promise<void> }} FakeGitHub
 */

/** @param {{ repo?: string, pulls?: number[] }} options  repo: owner/name it knows; pulls: its pull request numbers */
export async function startFakeGitHub({ repo = 'acme/shop', pulls = [42] } = {}) {
  /** @type {Map<number, FakeComment[]>} */
  const threads = new Map(pulls.map((n) => [n, []]));
  /** @type {FakeRequest[]} */
  const requests = [];
  /** @type {FakeFailure[]} */
  const failures = [];
  let nextId = 1000;
  let base = '';

  const server = createServer((req, res) => {
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', base);
      const raw = Buffer.concat(chunks).toString('utf8');
      /** @type {FakeRequest} */
      const request = { method: req.method ?? 'GET', path: url.pathname, query: url.search, authorization: req.headers.authorization };
      if (raw) request.body = JSON.parse(raw);
      requests.push(request);
      /** @param {number} status @param {unknown} data @param {Record<string, string>} [headers] */
      const send = (status, data, headers = {}) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(JSON.stringify(data));
      };
      const failure = failures.find(
        (f) => f.times !== 0 && (!f.method || f.method === request.method) && (!f.path || f.path.test(request.path)),
      );
      if (failure) {
        if (failure.times !== undefined) failure.times--;
        send(
          failure.status,
          { message: failure.message ?? 'Injected failure', documentation_url: 'https://docs.github.com/rest' },
          failure.headers ?? {},
        );
        return;
      }
      const notFound = () => send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
      const prefix = `/repos/${repo}/issues`;
      if (!request.path.startsWith(`${prefix}/`)) return notFound();
      const rest = request.path.slice(prefix.length + 1).split('/');
      if (rest.length === 2 && rest[1] === 'comments' && /^\d+$/.test(rest[0])) {
        const thread = threads.get(Number(rest[0]));
        if (!thread) return notFound();
        if (request.method === 'GET') {
          const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30) || 30);
          const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
          const last = Math.max(1, Math.ceil(thread.length / perPage));
          /** @param {number} p @param {string} rel */
          const link = (p, rel) => `<${base}${request.path}?per_page=${perPage}&page=${p}>; rel="${rel}"`;
          const links = [];
          if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
          if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
          return send(200, thread.slice((page - 1) * perPage, page * perPage), links.length > 0 ? { link: links.join(', ') } : {});
        }
        if (request.method === 'POST') {
          const body = request.body?.body;
          if (typeof body !== 'string' || body.length > MAX_BODY)
            return send(422, {
              message: 'Validation Failed',
              errors: [
                { resource: 'IssueComment', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' },
              ],
            });
          const comment = { id: nextId++, body, html_url: '', user: { login: 'github-actions[bot]' } };
          comment.html_url = `https://github.com/${repo}/pull/${rest[0]}#issuecomment-${comment.id}`;
          thread.push(comment);
          return send(201, comment);
        }
      }
      if (rest.length === 2 && rest[0] === 'comments' && /^\d+$/.test(rest[1]) && request.method === 'PATCH') {
        const comment = [...threads.values()].flat().find((c) => c.id === Number(rest[1]));
        if (!comment) return notFound();
        const body = request.body?.body;
        if (typeof body !== 'string' || body.length > MAX_BODY) return send(422, { message: 'Validation Failed' });
        comment.body = body;
        return send(200, comment);
      }
      return notFound();
    });
  });
  await /** @type {Promise<void>} */ (new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve())));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  base = `http://127.0.0.1:${port}`;
  /** @type {FakeGitHub} */
  return {
    url: base,
    server: 'https://github.com',
    requests,
    comments: (/** @type {number} */ number) => threads.get(number) ?? [],
    seed(/** @type {number} */ number, /** @type {string[]} */ bodies) {
      const thread = threads.get(number);
      if (!thread) throw new Error(`no pull request ${number}`);
      for (const body of bodies)
        thread.push({
          id: nextId++,
          body,
          html_url: `https://github.com/${repo}/pull/${number}#issuecomment-${nextId}`,
          user: { login: 'someone' },
        });
    },
    fail(/** @type {FakeFailure} */ failure) {
      failures.push({ ...failure });
    },
    close: () => /** @type {Promise<void>} */ (new Promise((resolve) => server.close(() => resolve()))),
  };
}
