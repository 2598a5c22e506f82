// Evaluated first in the tests module, before mocha's browser build (which brings shims of its own): what
// the extension host offers of Node's globals as the module loads.
export const processAtLoad = typeof (globalThis as { process?: unknown }).process;
export const requireAtLoad = typeof (globalThis as { require?: unknown }).require;
