/**
 * The browser worker globals the web language server uses, typed here: the server's tsconfig has Node's
 * types and not the DOM's (which would let Node-only code type-check against browser globals and back).
 */

/** What a worker's listeners receive: `data` for a message, `message` for an error, `reason` for a rejection. */
export interface WorkerEvent {
  data?: unknown;
  message?: string;
  error?: unknown;
  reason?: unknown;
  preventDefault(): void;
}

interface EventTarget {
  addEventListener(type: 'message' | 'error' | 'messageerror' | 'unhandledrejection', listener: (event: WorkerEvent) => void): void;
  postMessage(message: unknown): void;
}

/** A dedicated worker's global scope (`self`). */
export interface WorkerScope extends EventTarget {
  onmessage: ((event: WorkerEvent) => void) | null;
  close(): void;
}

/** A worker this one started. */
export interface NestedWorker extends EventTarget {
  terminate(): void;
}

interface WorkerGlobals {
  self: WorkerScope;
  navigator: { hardwareConcurrency?: number };
  Worker: new (url: string) => NestedWorker;
}

const globals = globalThis as unknown as WorkerGlobals;

export const scope = (): WorkerScope => globals.self;
export const startWorker = (url: string): NestedWorker => new globals.Worker(url);
/** Logical cores as the browser reports them (1 when it does not). */
export const cores = (): number => globals.navigator.hardwareConcurrency || 1;
