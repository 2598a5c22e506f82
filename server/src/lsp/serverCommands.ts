/**
 * The commands the server executes (workspace/executeCommand), registered from one table as the client's
 * commands are. Each entry checks its argument against the protocol shape (argumentShapes.ts) before it
 * runs, so a wrong argument is answered with a message naming the field, and the edit code can trust it.
 */
import { type Connection, MessageType, ShowMessageNotification } from 'vscode-languageserver';
import {
  type CommandReply,
  type MergeConflictsReply,
  type RunResultReply,
  ServerCommands,
  RunResultRequest,
} from '../protocol/protocol.js';
import {
  type Validated,
  mergeConflictsArgs,
  runResultParams,
  setPhaseArgs,
  stampSignOffArgs,
  toggleItemsArgs,
  toggleLinesArgs,
} from './argumentShapes.js';
import type { Registration, ServerContext } from './serverContext.js';

interface ServerCommand<A, R> {
  id: string;
  /** What it does, for "Cannot <what>: …". */
  what: string;
  validate(value: unknown): Validated<A>;
  run(args: A, server: ServerContext): Promise<R>;
  /** The reply to an argument that is not what the command takes. */
  refuse(message: string): R;
}

type AnyCommand = ServerCommand<never, unknown>;
const command = <A, R>(c: ServerCommand<A, R>): AnyCommand => c as unknown as AnyCommand;
const notApplied = (message: string): CommandReply => ({ applied: false, message });

/**
 * The one way to record a run: a step finished, so its run note goes under it and, when configured, the item
 * it proved is checked. Both the preflight/runResult request and the deprecated preflight.recordRun command
 * come here.
 */
export async function recordRun(server: ServerContext, params: unknown): Promise<RunResultReply> {
  const checked = runResultParams(params);
  if ('problem' in checked) return { recorded: false, message: `Cannot record the run: the run result ${checked.problem}.` };
  return server.edits.recordRun(checked.args);
}

export const serverCommands: readonly AnyCommand[] = [
  command({
    id: ServerCommands.toggleItems,
    what: 'toggle items',
    validate: toggleItemsArgs,
    run: (args, server) => server.edits.toggleItems(args),
    refuse: notApplied,
  }),
  command({
    id: ServerCommands.toggleLines,
    what: 'toggle the items on a line',
    validate: toggleLinesArgs,
    run: (args, server) => server.edits.toggleLines(args),
    refuse: notApplied,
  }),
  command({
    id: ServerCommands.setSection,
    what: 'set a phase',
    validate: setPhaseArgs,
    run: (args, server) => server.edits.setPhase(args),
    refuse: notApplied,
  }),
  command({
    id: ServerCommands.stampSignOff,
    what: 'stamp the sign-off',
    validate: stampSignOffArgs,
    run: (args, server) => server.edits.stampSignOff(args),
    refuse: notApplied,
  }),
  command({
    id: ServerCommands.mergeConflicts,
    what: 'merge with Preflight',
    validate: mergeConflictsArgs,
    run: async (args, server) => tellMerge(server.connection, await server.edits.mergeConflicts(args, server.trusted())),
    refuse: notApplied,
  }),
  // Deprecated alias of the preflight/runResult request, kept for editors that call it as a command.
  command({
    id: ServerCommands.recordRun,
    what: 'record the run',
    validate: (value) => ({ args: value }),
    run: (args, server) => recordRun(server, args),
    refuse: (message): RunResultReply => ({ recorded: false, message }),
  }),
];

/** workspace/executeCommand: the table's command, its argument checked first. */
export const executeCommand: Registration = (server) => {
  const byId = new Map(serverCommands.map((c) => [c.id, c]));
  server.connection.onExecuteCommand(
    server.guard<{ command: string; arguments?: unknown[] }, unknown>(
      'command',
      notApplied('Preflight could not run the command (an internal error, see its log).'),
      ({ command: id, arguments: args }) => {
        const entry = byId.get(id);
        if (!entry) return notApplied(`Unknown command ${id}.`);
        const checked = entry.validate(args?.[0]);
        if ('problem' in checked) return entry.refuse(`Cannot ${entry.what}: the command ${checked.problem}.`);
        return entry.run(checked.args, server);
      },
    ),
  );
};

/** preflight/runResult: the client's way to record a run. */
export const runResultRequest: Registration = (server) => {
  server.connection.onRequest(
    RunResultRequest.type,
    server.guard(
      'run result',
      { recorded: false, message: 'Preflight could not record the run (an internal error, see its log).' },
      (params) => recordRun(server, params),
    ),
  );
};

/** The merge's outcome is news in any editor (a quick fix has no other way to answer): show it. */
function tellMerge(connection: Connection, reply: MergeConflictsReply): MergeConflictsReply {
  const message = `Preflight: ${reply.message ?? (reply.applied ? 'merged.' : 'nothing was merged.')}`;
  // A notification, not window/showMessageRequest: nothing to answer, nothing to wait for.
  const type = reply.applied && reply.conflicts?.length === 0 ? MessageType.Info : MessageType.Warning;
  void connection.sendNotification(ShowMessageNotification.type, { type, message });
  return reply;
}
