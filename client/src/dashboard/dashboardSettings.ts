/**
 * The dashboard's settings (`preflight.dashboard.*`), read per checklist and checked for shape: a value a
 * workspace set wrongly falls back to the default instead of reaching the server.
 */
import type { FailOn } from '@preflight/protocol';

export interface DashboardSettings {
  /** Phases the merge gate requires, as `preflight check --require` takes them (title, slug or id). */
  require: string[];
  /** Findings at or above this fail the gate, as `--fail-on`. */
  failOn: FailOn;
}

export const defaultDashboardSettings: DashboardSettings = { require: [], failOn: 'error' };

const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'info'];

/** `require` keeps its non-empty strings, trimmed and without repeats; `failOn` must be one of FAIL_ON. */
export function dashboardSettings(require: unknown, failOn: unknown): DashboardSettings {
  const phases = Array.isArray(require)
    ? require
        .filter((q): q is string => typeof q === 'string')
        .map((q) => q.trim())
        .filter((q) => q !== '')
    : [];
  return {
    require: [...new Set(phases)],
    failOn: FAIL_ON.includes(failOn as FailOn) ? (failOn as FailOn) : defaultDashboardSettings.failOn,
  };
}
