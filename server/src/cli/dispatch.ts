import { parseCommandLine } from './args.js';
import { runCheck } from './check.js';
import { runDiff } from './diff.js';
import { CliError, EXIT, UsageError } from './errors.js';
import { helpText, version } from './help.js';
import { type Io, processIo } from './io.js';
import { runMerge } from './merge.js';
import { DEFAULT_MERGE_GLOBS, runMergeInstall } from './mergeInstall.js';
import { runList, runNew } from './new.js';
import { runReport } from './report.js';
import { runSignOffs } from './signOffs.js';

/** Parses, dispatches and turns every failure into a message and an exit code; never throws. */
export async function runMain(argv: readonly string[], io: Io = processIo()): Promise<number> {
  try {
    const invocation = parseCommandLine(argv);
    switch (invocation.command) {
      case 'help':
        io.out(helpText(invocation.topic));
        return EXIT.ok;
      case 'version':
        io.out(version());
        return EXIT.ok;
      case 'report':
        return runReport(invocation.files, invocation.format, io);
      case 'check':
        return runCheck(invocation.files, { require: invocation.require, failOn: invocation.failOn }, io);
      case 'diff':
        return await runDiff(
          invocation.file,
          { from: invocation.from, ...(invocation.to !== undefined ? { to: invocation.to } : {}), format: invocation.format },
          io,
        );
      case 'signoffs':
        return await runSignOffs(
          invocation.files,
          {
            format: invocation.format,
            requireSignatures: invocation.requireSignatures,
            ...(invocation.allowedSigners !== undefined ? { allowedSigners: invocation.allowedSigners } : {}),
          },
          io,
        );
      case 'new':
        return invocation.list ? runList(invocation.dir, io) : await runNew(invocation, io);
      case 'merge':
        return invocation.install
          ? await runMergeInstall(invocation.globs.length > 0 ? invocation.globs : DEFAULT_MERGE_GLOBS, io)
          : runMerge(invocation, io);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`preflight: ${error.message}\nRun "preflight ${error.command ? `${error.command} ` : ''}--help" for usage.`);
      return error.exitCode;
    }
    if (error instanceof CliError) {
      io.err(`preflight: ${error.message}`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(
      `preflight: ${/internal error/.test(message) ? message : `internal error: ${message}. This is a bug in preflight; please report it with the command and the file.`}`,
    );
    if (process.env.PREFLIGHT_DEBUG && error instanceof Error) io.err(error.stack ?? '');
    return EXIT.internal;
  }
}
