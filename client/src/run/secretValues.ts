/**
 * Values of secret-named variables (`DB_PASSWORD`, `GITHUB_TOKEN`, …) blanked out of a step's output before
 * it becomes a run note: from the environment VS Code passed on, from front matter `env:` and from the
 * answers typed at prompts. Pure, so unit tests run it directly; the server's redaction is the last line.
 */
import { isSecretName } from './variables';

export const REDACTED = '[redacted]';
/** Shorter values (`1`, `on`) would blank ordinary words all over the output. */
const MIN_LENGTH = 4;

export function blankSecretValues(text: string, ...sources: Iterable<readonly [string, string | undefined]>[]): string {
  const values = new Set<string>();
  for (const source of sources) {
    for (const [name, value] of source) if (value !== undefined && value.length >= MIN_LENGTH && isSecretName(name)) values.add(value);
  }
  // Longest first, so a value that contains another is blanked whole.
  return [...values].sort((a, b) => b.length - a.length).reduce((out, value) => out.split(value).join(REDACTED), text);
}
