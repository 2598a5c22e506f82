/**
 * "Toggle Item" in the context menu of a box in the Markdown preview (`webview/context`). VS Code passes the
 * box's `data-vscode-context`; the server makes the edit, one undoable step. An item is toggled by id at the
 * document's current version (ids survive edits); a table check by line at the version the preview rendered,
 * so the server refuses it, with a message, when the text has changed since.
 */
import * as vscode from 'vscode';
import { ServerCommands, type ToggleItemsArgs, type ToggleLinesArgs } from '@preflight/protocol';
import type { Command } from '../commands/command';
import { parseBoxContext } from './boxContext';

export const togglePreviewItem: Command = {
  id: 'preflight.preview.toggleItem',
  async run(services, context) {
    const box = parseBoxContext(context);
    // The menu entry shows only on our boxes; anything else reaching here is not a box of a known checklist.
    if (!box || !services.outlines.get(box.uri)) return;
    if ('itemId' in box) {
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === box.uri);
      if (!document) return;
      const args: ToggleItemsArgs = { uri: box.uri, version: document.version, itemIds: [box.itemId] };
      await services.ctx.serverCommand(ServerCommands.toggleItems, args);
    } else {
      const args: ToggleLinesArgs = { uri: box.uri, version: box.version, fromLine: box.line, toLine: box.line };
      await services.ctx.serverCommand(ServerCommands.toggleLines, args);
    }
  },
};
