/** Cancels a running step (its lens reads "Running… (Cancel)"): the whole process group ends. */
import type { Command, MachineServices } from '../commands/command';

export const cancelStep: Command<MachineServices> = {
  id: 'preflight.cancelStep',
  run({ runs }, args) {
    const { uri, stepId } = (args ?? {}) as { uri?: string; stepId?: string };
    if (uri && stepId) runs.cancel(uri, stepId);
  },
};
