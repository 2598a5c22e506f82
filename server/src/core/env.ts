/**
 * Front matter `env:`: the variables every step runs with. Shared by the outline's run context (which the
 * client passes to the terminal) and by core readers that resolve `$NAME` in commands the same way.
 */
import { deniedEnvReason } from './deniedEnv.js';

export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,255}$/;

/**
 * Names a shell accepts; scalars become strings, anything else is left out rather than guessed at. Names
 * that change how a shell or program starts (deniedEnv.ts) never get through: front-matter-run-context says why.
 */
export function frontMatterEnv(data: Record<string, unknown>): Record<string, string> {
  const env: Record<string, string> = {};
  const given = data.env;
  if (given && typeof given === 'object' && !Array.isArray(given)) {
    for (const [name, value] of Object.entries(given)) {
      if (ENV_NAME.test(name) && !deniedEnvReason(name) && ['string', 'number', 'boolean'].includes(typeof value))
        env[name] = String(value);
    }
  }
  return env;
}
