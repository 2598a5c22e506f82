/**
 * Server commands that change the document: toggle items, set a phase, stamp a sign-off, record a
 * run, merge a conflicted checklist with Preflight. Each computes core text edits on the analysis of the version the caller saw and sends them with
 * workspace/applyEdit against that version, so the client refuses them if a keystroke came in between.
 * Their arguments are checked against the protocol's shapes before they get here (argumentShapes.ts).
 */
import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import { CliError } from '../cli/errors.js';
import { setItems, setPhase, toggleLines } from '../core/edits.js';
import type { TextEdit as CoreEdit } from '../core/model.js';
import { replaceText } from '../core/replaceText.js';
import { excerptOf, recordRun } from '../core/runNote.js';
import { stampSignOff } from '../core/stamp.js';
import { stepById } from '../core/steps.js';
import type { Analysed, Documents } from './documents.js';
import { toLspRange } from './features/convert.js';
import { mergeStages } from './features/mergeStages.js';
import { oneLine } from '../text/plainText.js';
import type {
  CommandReply,
  MergeConflictsArgs,
  MergeConflictsReply,
  RunResultParams,
  RunResultReply,
  SetPhaseArgs,
  StampSignOffArgs,
  ToggleItemsArgs,
  ToggleLinesArgs,
} from '../protocol/protocol.js';

export class DocumentEdits {
  constructor(
    private readonly connection: Connection,
    private readonly documents: Documents,
  ) {}

  async toggleItems(args: ToggleItemsArgs): Promise<CommandReply> {
    return this.atVersion(args, 'toggle items', (a) => {
      const { edits, missing } = setItems(a.live.checklist, args.itemIds, args.checked);
      if (missing.length > 0)
        return {
          error: `No item with id ${missing.map((m) => `'${m}'`).join(', ')} in this checklist (it may have been renamed); refresh and try again.`,
        };
      return { edits, label: 'Toggle checklist items' };
    });
  }

  /** The items at a cursor or selection (0-based LSP lines), all checked or all unchecked together. */
  async toggleLines(args: ToggleLinesArgs): Promise<CommandReply> {
    return this.atVersion(args, 'toggle the items on a line', (a) => {
      const edits = toggleLines(a.live.checklist, args.fromLine + 1, args.toLine + 1);
      if (edits.length > 0) return { edits, label: 'Toggle checklist items' };
      const [from, to] = [args.fromLine + 1, args.toLine + 1].sort((x, y) => x - y);
      return { nothing: from === to ? `No checklist item on line ${from}.` : `No checklist item on lines ${from}–${to}.` };
    });
  }

  async setPhase(args: SetPhaseArgs): Promise<CommandReply> {
    return this.atVersion(args, 'set a phase', (a) => {
      const result = setPhase(a.live.checklist, args.phaseId, args.checked);
      return 'error' in result ? result : { edits: result.edits, label: args.checked ? 'Check all in phase' : 'Uncheck all in phase' };
    });
  }

  async stampSignOff(args: StampSignOffArgs): Promise<CommandReply> {
    return this.atVersion(args, 'stamp the sign-off', (a) => {
      const result = stampSignOff(a.live.checklist, args.roleId, { name: args.name, at: args.at });
      return 'error' in result ? result : { edits: result.edits, label: 'Sign off' };
    });
  }

  /** A run finished: note it under its step (found by id in the current text) and check what it proved. */
  async recordRun(params: RunResultParams): Promise<RunResultReply> {
    const analysed = await this.documents.settled(params.uri);
    if (!analysed) return { recorded: false, message: `${params.uri} is not an open checklist; the run result was not recorded.` };
    const { result } = params;
    const check = analysed.settings.run.checkOnSuccess;
    const step = stepById(analysed.live.checklist, result.stepId);
    if (!step)
      return {
        recorded: false,
        message: `No step '${result.stepId}' in ${params.uri} any more (was it edited or removed?); the run result was not recorded.`,
      };
    const outcome = recordRun(
      analysed.live.checklist,
      step.id,
      {
        at: result.startedAt,
        exitCode: result.exitCode,
        durationMs: result.durationMs,
        by: result.by,
        ...(result.outputTail ? { excerpt: excerptOf(result.outputTail) } : {}),
      },
      { check: check === 'always' || (check === 'inline' && step.kind === 'inline') },
    );
    if ('error' in outcome) return { recorded: false, message: outcome.error };
    const applied = await this.apply(analysed, outcome.edits, 'Record run');
    if (!applied.applied) return { recorded: false, ...(applied.message ? { message: applied.message } : {}) };
    return { recorded: true, ...(outcome.checkedItemId ? { checkedItemId: outcome.checkedItemId } : {}) };
  }

  /**
   * "Merge with Preflight…": git's three stages of the conflicted file merged item by item replace the text of
   * the version the quick fix was offered for, as one edit (one undo). Nothing is staged: the user reviews,
   * saves and runs git add. Git runs only in a trusted workspace.
   */
  async mergeConflicts(args: MergeConflictsArgs, trusted: boolean): Promise<MergeConflictsReply> {
    const what = 'merge with Preflight';
    if (!trusted)
      return {
        applied: false,
        message: `Cannot ${what}: it runs git, which needs a trusted workspace. Trust the workspace and try again.`,
      };
    if (!args.uri.startsWith('file:'))
      return { applied: false, message: `Cannot ${what}: save the checklist to a file in the git repository that has the conflict.` };
    const analysed = await this.documents.settled(args.uri);
    if (!analysed) return { applied: false, message: `Cannot ${what}: ${args.uri} is not an open checklist.` };
    if (analysed.version !== args.version) {
      return {
        applied: false,
        message: `Cannot ${what}: the checklist changed (version ${args.version} was asked for, it is now ${analysed.version}). Nothing was changed; try again.`,
      };
    }
    let merge;
    try {
      merge = await mergeStages(fileURLToPath(args.uri), analysed.live.text);
    } catch (error) {
      // Git missing or failing says what to do (cli/git.ts); anything else is a bug for the log.
      if (error instanceof CliError) return { applied: false, message: `Cannot ${what}: ${error.message}` };
      throw error;
    }
    if (!merge.merged) return { applied: false, message: merge.reason };
    if (merge.text === analysed.live.text)
      return { applied: false, message: 'Merging with Preflight gives the text the checklist already has. Nothing was changed.' };
    // The edit goes against the version read above: a keystroke during git's work makes the editor refuse it.
    const applied = await this.apply(analysed, [replaceText(analysed.live.text, merge.text)], 'Merge with Preflight');
    if (!applied.applied) return applied;
    const conflicts = merge.conflicts.map((c) => ({ line: c.line - 1, description: oneLine(c.description) }));
    if (conflicts.length === 0) {
      return {
        applied: true,
        conflicts,
        message:
          'Merged with Preflight: no conflict is left. Review the result, save it, then git add the file to conclude the merge (nothing was staged).',
      };
    }
    const where = conflicts.map((c) => `line ${c.line + 1}: ${c.description}`).join('; ');
    const count = conflicts.length === 1 ? '1 conflict remains' : `${conflicts.length} conflicts remain`;
    return {
      applied: true,
      conflicts,
      message: `Merged with Preflight: ${count} (${where}). Resolve ${conflicts.length === 1 ? 'it' : 'them'}, save, then git add the file (nothing was staged).`,
    };
  }

  private async atVersion(
    args: { uri: string; version: number },
    what: string,
    compute: (analysed: Analysed) => { edits: CoreEdit[]; label: string } | { error: string } | { nothing: string },
  ): Promise<CommandReply> {
    const analysed = await this.documents.settled(args.uri);
    if (!analysed) return { applied: false, message: `Cannot ${what}: ${args.uri} is not an open checklist.` };
    if (analysed.version !== args.version) {
      return {
        applied: false,
        message: `Cannot ${what}: the checklist changed (version ${args.version} was asked for, it is now ${analysed.version}). Nothing was changed; try again.`,
      };
    }
    const result = compute(analysed);
    if ('error' in result) return { applied: false, message: `Cannot ${what}: ${result.error}` };
    // Nothing to act on is not a failure to explain, only a fact to show.
    if ('nothing' in result) return { applied: false, message: result.nothing };
    if (result.edits.length === 0) return { applied: true, message: 'Nothing to change.' };
    return this.apply(analysed, result.edits, result.label);
  }

  private async apply(analysed: Analysed, edits: CoreEdit[], label: string): Promise<CommandReply> {
    const reply = await this.connection.workspace.applyEdit({
      label,
      edit: {
        documentChanges: [
          {
            textDocument: { uri: analysed.uri, version: analysed.version },
            edits: edits.map((e) => ({ range: toLspRange(e.range), newText: e.newText })),
          },
        ],
      },
    });
    return reply.applied
      ? { applied: true }
      : {
          applied: false,
          message: `The editor refused the edit${reply.failureReason ? `: ${reply.failureReason}` : ''} (the checklist probably changed meanwhile). Nothing was changed; try again.`,
        };
  }
}
