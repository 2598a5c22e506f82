/** Toggles the item(s) at each cursor or selection: all checked become unchecked, otherwise all checked. */
import { ServerCommands, type ToggleLinesArgs } from '@preflight/protocol';
import { activeChecklist, type Command } from '../commands/command';

export const toggleItem: Command = {
  id: 'preflight.toggleItem',
  async run(services) {
    const active = activeChecklist(services);
    if (!active) return;
    const { editor, uri } = active;
    // One server edit per selection, each against the version the previous one produced.
    for (const selection of [...editor.selections].sort((a, b) => a.start.line - b.start.line)) {
      const endsAtLineStart = selection.end.character === 0 && selection.end.line > selection.start.line;
      const args: ToggleLinesArgs = {
        uri,
        version: editor.document.version,
        fromLine: selection.start.line,
        toLine: selection.end.line - (endsAtLineStart ? 1 : 0),
      };
      const reply = await services.ctx.serverCommand(ServerCommands.toggleLines, args);
      if (!reply.applied) return;
    }
  },
};
