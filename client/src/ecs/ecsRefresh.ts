/** Asks ECS again for a service's state (the refresh button on its row in the Preflight view). */
import type { EcsNode } from '../checklists/treeNodes';
import { refuseUntrusted, type Command, type MachineServices } from '../commands/command';

export const ecsRefresh: Command<MachineServices> = {
  id: 'preflight.ecsRefresh',
  run: ({ ecs }, node) => {
    if (refuseUntrusted('asks ECS')) return;
    const { uri, target } = node as EcsNode;
    // A click: the checklist's own endpoint may be asked about here.
    return ecs.refresh(uri, target, false, true);
  },
};
