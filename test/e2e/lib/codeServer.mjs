// Starts and stops code-server processes. Each gets its own process group (setsid via `detached`), a free
// 127.0.0.1 port, its own user-data and extensions dirs, and no marketplace; stop() kills the whole
// group (the file watcher child outlives the server otherwise).
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { CODE_SERVER } from './paths.mjs';

/** A port nobody listens on right now (the OS picks it); code-server binds it a moment later. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function healthz(port) {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/healthz', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

/** The environment for code-server: the tests' variables plus a gallery that points nowhere. */
export function codeServerEnv(sandbox, extra = {}) {
  return {
    ...process.env,
    EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery' }),
    XDG_CONFIG_HOME: sandbox.xdg, // code-server writes a default config.yaml there on every start
    XDG_DATA_HOME: sandbox.xdg,
    ...extra,
  };
}

const groups = new Set();
/** Another process group for killAllStarted() (test-web and its browser); forget(pid) once it is gone. */
export function trackGroup(pid) {
  groups.add(pid);
  return () => groups.delete(pid);
}
/** Kills every process group this launcher started (used on SIGINT/SIGTERM of the launcher). */
export function killAllStarted() {
  for (const pgid of groups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  groups.clear();
}

/**
 * @param {object} o
 * @param {object} o.sandbox        from makeSandbox()
 * @param {boolean} o.disableWorkspaceTrust  pass --disable-workspace-trust (trusted runs); false keeps trust on (restricted run)
 * @param {Record<string,string>} o.env  extra environment (PREFLIGHT_E2E_*), inherited by the extension host
 * @param {string} o.log            file for the server's stdout/stderr
 */
export async function startCodeServer({ sandbox, disableWorkspaceTrust, env = {}, log, timeoutMs = 30_000 }) {
  const port = await freePort();
  const args = [
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir',
    sandbox.userData,
    '--extensions-dir',
    sandbox.extensions,
  ];
  if (disableWorkspaceTrust) args.push('--disable-workspace-trust');
  const out = createWriteStream(log);
  const child = spawn(CODE_SERVER, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: codeServerEnv(sandbox, env) });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  groups.add(child.pid);
  let exited = null;
  const exit = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      exited = code ?? signal;
      resolve();
    }),
  );

  const stop = async () => {
    if (!groups.delete(child.pid)) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    await Promise.race([exit, delay(5000, undefined, { ref: false })]);
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* the group is already empty */
    }
  };

  const deadline = Date.now() + timeoutMs;
  while (!(await healthz(port))) {
    if (exited !== null) throw new Error(`code-server exited (${exited}) before /healthz answered; log: ${log}\n${tail(log)}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer /healthz on port ${port} within ${timeoutMs} ms; log: ${log}\n${tail(log)}`);
    }
    await Promise.race([exit, delay(100)]); // poll /healthz; wake at once if the server dies
  }
  return { port, base: `http://127.0.0.1:${port}`, pid: child.pid, stop };
}

/** `code-server --install-extension <vsix>` into the sandbox's extensions dir. */
export function installExtension(sandbox, vsix, log) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      CODE_SERVER,
      ['--install-extension', vsix, '--force', '--extensions-dir', sandbox.extensions, '--user-data-dir', sandbox.userData],
      { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: codeServerEnv(sandbox) },
    );
    groups.add(child.pid);
    let text = '';
    child.stdout.on('data', (d) => {
      text += d;
    });
    child.stderr.on('data', (d) => {
      text += d;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      groups.delete(child.pid);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* group already empty */
      }
      createWriteStream(log).end(text);
      if (code === 0 && /successfully installed/i.test(text))
        resolve(
          text
            .split('\n')
            .find((l) => /successfully installed/i.test(l))
            .trim(),
        );
      else reject(new Error(`code-server --install-extension ${vsix} failed (exit ${code}):\n${text.trim()}`));
    });
  });
}

export function tail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
