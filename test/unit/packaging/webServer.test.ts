/**
 * The web language server's bundles (server/dist/web/server.js and parseWorker.js, `npm run build`) are
 * node-free: no require or dynamic import of a Node built-in, and they load and answer LSP requests in a
 * context that has only a browser worker's globals (no process, require, Buffer, setImmediate). That
 * context is a vm on this thread, not a browser: the e2e suite runs the bundles in code-server's web worker
 * host. Here they prove the boot (the first message with the WASM, messages that arrive before the
 * connection), the nested parse workers and the answers.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolveObjectURL } from 'node:buffer';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import vm from 'node:vm';
import { repoRoot } from '../../support/paths.ts';

const dist = path.join(repoRoot, 'server', 'dist');
const WEB = { server: path.join(dist, 'web', 'server.js'), parseWorker: path.join(dist, 'web', 'parseWorker.js') };

before(() => {
  for (const file of Object.values(WEB)) assert.ok(existsSync(file), `${file} is missing: run "npm run build" first`);
});

interface Listener {
  (event: { data?: unknown; message?: string; preventDefault(): void }): void;
}

/** A worker's global scope in a fresh vm context: the web globals the bundles may use, none of Node's. */
function workerContext(post: (data: unknown) => void, log: string[]) {
  const listeners = new Map<string, Listener[]>();
  const scope: Record<string, unknown> = {
    console: { error: (line: string) => log.push(line), log: () => undefined, warn: () => undefined, info: () => undefined },
    setTimeout,
    clearTimeout,
    queueMicrotask,
    structuredClone,
    performance,
    TextEncoder,
    TextDecoder,
    URL,
    Blob,
    navigator: { hardwareConcurrency: 3 },
    location: { href: 'https://example.invalid/web/server.js' },
    WorkerGlobalScope: function WorkerGlobalScope() {},
    Worker: FakeWorker,
    onmessage: null,
    closed: false,
    close: () => (scope.closed = true),
    postMessage: (data: unknown) => post(structuredClone(data)),
    addEventListener: (type: string, listener: Listener) => listeners.set(type, [...(listeners.get(type) ?? []), listener]),
  };
  const context = vm.createContext(scope);
  scope.self = context;
  const deliver = (data: unknown) => {
    const event = { data: structuredClone(data), preventDefault: () => undefined };
    (scope.onmessage as Listener | null)?.(event);
    for (const listener of listeners.get('message') ?? []) listener(event);
  };
  return { context, scope, deliver };
}

/** `new Worker(url)` inside the server's context: the parse worker bundle in a context of its own. */
class FakeWorker {
  /** Messages the parse workers answered. */
  static replies = 0;
  private readonly listeners = new Map<string, Listener[]>();
  private deliver?: (data: unknown) => void;
  private readonly queued: unknown[] = [];
  private ended = false;

  constructor(url: string) {
    // The server starts the parse worker from a blob: URL it made of the script in its boot.
    const blob = resolveObjectURL(url);
    assert.ok(blob, `the parse worker's URL is not a blob: URL of this realm: ${url}`);
    void blob.text().then((code) => {
      const worker = workerContext((data) => setImmediate(() => !this.ended && (FakeWorker.replies++, this.emit('message', data))), []);
      this.deliver = worker.deliver;
      vm.runInContext(code, worker.context, { filename: WEB.parseWorker });
      for (const data of this.queued.splice(0)) worker.deliver(data);
    });
  }

  postMessage(data: unknown): void {
    if (this.deliver) setImmediate(() => !this.ended && this.deliver?.(data));
    else this.queued.push(data);
  }

  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  terminate(): void {
    this.ended = true;
  }

  private emit(type: string, data: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) listener({ data, preventDefault: () => undefined });
  }
}

describe('the web language server bundles', () => {
  test('require and import no Node built-in', () => {
    for (const file of Object.values(WEB)) {
      const code = readFileSync(file, 'utf8');
      assert.doesNotMatch(code, /\brequire\(\s*["'`]/, `${file} requires a module`);
      assert.doesNotMatch(code, /\bimport\(\s*["'`]/, `${file} imports a module at run time`);
      assert.doesNotMatch(code, /["'`]node:[a-z_/]+["'`]/, `${file} names a node: module`);
    }
  });

  test('a wrong boot answers every request with what failed, so the client does not wait for ever', async () => {
    const log: string[] = [];
    const answers: unknown[] = [];
    const { context, deliver } = workerContext((data) => answers.push(data), log);
    vm.runInContext(readFileSync(WEB.server, 'utf8'), context, { filename: WEB.server });
    deliver({ jsonrpc: '2.0', id: 1, method: 'initialize', params: {} });
    deliver({ jsonrpc: '2.0', id: 2, method: 'initialize', params: {} });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const refused = answers as { id: number; error: { message: string } }[];
    assert.deepEqual(
      refused.map((a) => a.id),
      [2],
    );
    assert.match(
      refused[0].error.message,
      /web language server could not start: .*the first message is not a boot: post \{ preflightBoot: 1/,
    );
    assert.match(log.join('\n'), /could not start/);
  });

  test('boots from its first message and answers over worker messages', async () => {
    const boot = {
      preflightBoot: 1,
      parseWorker: readFileSync(WEB.parseWorker, 'utf8'),
      wasm: {
        runtime: new Uint8Array(readFileSync(path.join(dist, 'tree-sitter.wasm'))),
        grammar: new Uint8Array(readFileSync(path.join(dist, 'tree-sitter-bash.wasm'))),
      },
    };
    const replies = new Map<number, { result?: unknown; error?: unknown }>();
    const waiting = new Map<number, () => void>();
    const log: string[] = [];
    const { context, deliver } = workerContext((data) => {
      const message = data as { id?: number; result?: unknown; error?: unknown; method?: string; params?: { message?: string } };
      if (message.method === 'window/logMessage') log.push(message.params?.message ?? '');
      if (typeof message.id === 'number' && !message.method) {
        replies.set(message.id, message);
        waiting.get(message.id)?.();
      }
    }, log);
    const request = (id: number, method: string, params: unknown) => {
      const answered = new Promise<void>((resolve) => waiting.set(id, resolve));
      deliver({ jsonrpc: '2.0', id, method, params });
      return answered.then(() => replies.get(id));
    };
    vm.runInContext(readFileSync(WEB.server, 'utf8'), context, { filename: WEB.server });
    deliver(boot);

    // Sent at once, before the WASM is loaded: the server keeps it for the connection.
    const initialized = request(1, 'initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions: {} });
    const init = (await initialized) as { result: { serverInfo: { name: string } }; error?: unknown };
    assert.equal(init.error, undefined, JSON.stringify(init.error));
    assert.equal(init.result.serverInfo.name, 'preflight-ls');
    deliver({ jsonrpc: '2.0', method: 'initialized', params: {} });
    const uri = 'file:///work/deploy-checklist.md';
    const text =
      '# Deploy\n\n## Build\n\n- [x] Run `npm run build`\n- [ ] Tag the release\n\n```bash\ngit tag v1 && git push --tags\n```\n';
    deliver({
      jsonrpc: '2.0',
      method: 'textDocument/didOpen',
      params: { textDocument: { uri, languageId: 'markdown', version: 1, text } },
    });
    const symbols = (await request(2, 'textDocument/documentSymbol', { textDocument: { uri } })) as { result: { name: string }[] };
    assert.ok(JSON.stringify(symbols.result).includes('Build'), `no phase in ${JSON.stringify(symbols.result)}`);
    assert.ok(FakeWorker.replies > 0, 'the document was not parsed in a parse worker');
    // Git-backed features say there is no git here, and what to do instead.
    const states = (await request(3, 'preflight/signoffStates', { uri })) as { result?: unknown; error?: unknown };
    assert.match(JSON.stringify(states.result), /VS Code for the Web has no git: open the repository in desktop VS Code/);
    assert.deepEqual(
      log.filter((line) => /unexpected|failed/.test(line)),
      [],
    );
    await request(4, 'shutdown', null);
  });
});
