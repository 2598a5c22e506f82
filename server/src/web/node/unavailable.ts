/**
 * The error every machine call of the web build throws (web/node/childProcess.ts, fs.ts, fsPromises.ts, os.ts, crypto.ts):
 * a browser has no processes, files or Node crypto. The calls sit behind workspace trust, which the web
 * client never grants the server (it announces no machine commands), so reaching one is a bug, and says so.
 */
export function unavailable(what: string): never {
  throw new Error(`${what} is not available in a browser (Preflight's web language server)`);
}
