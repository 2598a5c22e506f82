/**
 * Front matter `env:`: the variables every step runs with. Shared by the outline's run context (which the
 * client passes to the terminal) and by core readers that resolve `$NAME` in commands the same way.
 */

/** Names a shell accepts; scalars become strings, anything else is left out rather than guessed at. */
export function frontMatterEnv(data: Record<string, unknown>): Record<string, string> {
  const env: Record<string, string> = {};
  const given = data.env;
  if (given && typeof given === 'object' && !Array.isArray(given)) {
    for (const [name, value] of Object.entries(given)) {
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && ['string', 'number', 'boolean'].includes(typeof value)) env[name] = String(value);
    }
  }
  return env;
}
