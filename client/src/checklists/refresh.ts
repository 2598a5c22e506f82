/** Finds the workspace's checklists again (new files, changed preflight.files) and reloads them. */
import type { Command } from '../commands/command';

export const refresh: Command = { id: 'preflight.refresh', run: ({ tree }) => tree.refresh() };
