/** The tree's filter: only open items (and the sections that hold them), or everything. */
import type { Command } from '../commands/command';

export const showOpenOnly: Command = { id: 'preflight.showOpenOnly', run: ({ tree }) => tree.setOpenOnly(true) };
export const showAll: Command = { id: 'preflight.showAll', run: ({ tree }) => tree.setOpenOnly(false) };
