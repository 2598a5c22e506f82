/**
 * The job log. Text from a pull request (file names, checklist text) is never a workflow command: it is
 * printed on one plain line (plainLine) between stop-commands markers with a random token, so a line such as
 * `::warning::…` or `##[error]…` in it is shown, never acted on. Annotations go through @actions/core, which escapes.
 */
import { randomBytes } from 'node:crypto';
import * as core from '@actions/core';
import { plainLine } from '../text/plainText.js';

export function verbatim(lines: readonly string[]): void {
  if (lines.length === 0) return;
  const token = randomBytes(16).toString('hex');
  core.info(`::stop-commands::${token}`);
  for (const line of lines) core.info(plainLine(line));
  core.info(`::${token}::`);
}
