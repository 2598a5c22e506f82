/** The action's inputs (action.yml), read and checked once: a wrong value fails before any work, saying what to write. */
import * as core from '@actions/core';
import type { Severity } from '../core/rules/defineRule.js';
import { defaultSettings } from '../protocol/protocol.js';

export interface ActionInputs {
  /** Phases every checked checklist must have complete, as `preflight check --require` takes them. */
  require: string[];
  failOn: Severity;
  /** Globs of checklist files (Preflight's defaults when the input is empty). */
  files: string[];
  comment: boolean;
  token: string;
  /** An allowed-signers file for SSH sign-off signatures; undefined: the runner's git config decides. */
  allowedSigners?: string;
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export class InputProblem extends Error {}

export function readInputs(): ActionInputs {
  const failOn = (core.getInput('fail-on') || 'error').trim().toLowerCase();
  if (!SEVERITIES.includes(failOn as Severity))
    throw new InputProblem(
      `input fail-on: "${failOn}" is not one of error, warning, info. Set fail-on to the lowest severity that fails the gate.`,
    );
  const files = lines(core.getInput('files'));
  let comment: boolean;
  try {
    comment = core.getInput('comment') === '' ? true : core.getBooleanInput('comment');
  } catch {
    throw new InputProblem('input comment: write true or false (true: keep one comment on the pull request).');
  }
  const allowedSigners = core.getInput('allowed-signers').trim();
  return {
    require: lines(core.getInput('require')),
    failOn: failOn as Severity,
    files: files.length > 0 ? files : [...defaultSettings.files],
    comment,
    token: core.getInput('token'),
    ...(allowedSigners ? { allowedSigners } : {}),
  };
}

/** One value a line, trimmed, blank lines dropped (YAML `|` blocks end with a newline). */
function lines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}
