/**
 * What the dashboard shows, as plain data for the webview: built from the server's outline, dashboard and
 * burn-up answers and the sign-off states from git. Every count is the server's; nothing here reads markdown.
 * Document text stays data: the webview puts it into the DOM as text, never as HTML.
 */
import type { BurnUp, Dashboard, Outline, OutlineItem, OutlinePhase, OutlineRole, RecordedRun, SignOffStates } from '@preflight/protocol';
import { percent } from '../checklists/treeNodes';
import { roleRow } from '../signoff/roleRow';
import { localDateTime } from '../time';
import { type BurnUpChart, burnUpChart } from './burnUpChart';
import type { DashboardSettings } from './dashboardSettings';

export interface Tally {
  done: number;
  total: number;
  percent: number;
}

export interface ItemView {
  id: string;
  text: string;
  checked: boolean;
  /** 0 for an item of the phase, 1 for its sub-item, … */
  depth: number;
  optional: boolean;
  conditional: boolean;
}

export interface PhaseView {
  id: string;
  title: string;
  level: number;
  /** The heading line (0-based), revealed on a click. */
  line: number;
  tally: Tally;
  required: Tally;
  conditional: boolean;
  /** The phase's own items (not its sections'), nested ones after their parent. */
  items: ItemView[];
}

export type Tone = 'ok' | 'warning' | 'failed' | 'neutral';

export interface RoleView {
  id: string;
  name: string;
  line: number;
  /** From the document: a statement ticked or Name and Date filled. */
  signed: boolean;
  /** What git says, or why it was not asked. */
  verification: string;
  tone: Tone;
  /** The phases the role waits on, or the words for "everything above the sign-off". */
  gateLabel: string;
  gate: Tally;
}

export interface GatePhaseView {
  query: string;
  title?: string;
  line?: number;
  tally: Tally;
  passes: boolean;
  problem?: string;
}

export interface GateView {
  /** False when the server gave no verdict (not answered yet, or failed): `message` says why. */
  known: boolean;
  passes: boolean;
  failOn: string;
  failing: number;
  required: GatePhaseView[];
  /** One sentence: the verdict, or what to set to get one. */
  message: string;
  /** `preflight.dashboard.require` is empty: the view offers to open the setting. */
  unconfigured: boolean;
}

export interface RunView {
  stepId: string;
  label: string;
  item?: string;
  line: number;
  exitCode: number;
  failed: boolean;
  duration: string;
  by: string;
  when: string;
}

export interface BurnUpRow {
  when: string;
  source: string;
  done: number;
  total: number;
}

export interface BurnUpView {
  /** Git was asked; otherwise only the editor's point, and `reason` says why. */
  checked: boolean;
  reason?: string;
  chart?: BurnUpChart;
  /** What the chart shows, in one sentence, for screen readers (aria-label). */
  summary: string;
  rows: BurnUpRow[];
}

export interface DashboardView {
  uri: string;
  version: number;
  title: string;
  trusted: boolean;
  overall: Tally;
  /** Required, optional and conditional items, in that order; those with no items left out. */
  split: { kind: 'required' | 'optional' | 'conditional'; label: string; tally: Tally }[];
  phases: PhaseView[];
  roles: RoleView[];
  gate: GateView;
  runs: RunView[];
  /** Runs beyond MAX_RUNS, not shown. */
  moreRuns: number;
  burnUp: BurnUpView;
}

export interface DashboardInput {
  outline: Outline;
  /** Undefined while unanswered; a string when the request failed (what to do). */
  dashboard: Dashboard | string | undefined;
  burnUp: BurnUp | string | undefined;
  roles: SignOffStates | undefined;
  trusted: boolean;
  settings: DashboardSettings;
}

/** A release day rarely records more; the rest stay in the document's run notes. */
export const MAX_RUNS = 20;

export function tally(counts: { done: number; total: number }): Tally {
  return { done: counts.done, total: counts.total, percent: percent(counts) };
}

export function dashboardView(input: DashboardInput): DashboardView {
  const { outline } = input;
  const split: DashboardView['split'] = [
    { kind: 'required' as const, label: 'Required', tally: tally(outline.overall.required) },
    { kind: 'optional' as const, label: 'Optional', tally: tally(outline.overall.optional) },
    { kind: 'conditional' as const, label: 'Conditional', tally: tally(outline.overall.conditionalItems) },
  ].filter((s) => s.tally.total > 0);
  const runs = typeof input.dashboard === 'object' ? input.dashboard.runs : [];
  return {
    uri: outline.uri,
    version: outline.version,
    title: outline.title,
    trusted: input.trusted,
    overall: tally(outline.overall),
    split,
    phases: phaseViews(outline),
    roles: outline.signOff.map((role) => roleView(role, input.roles, input.trusted)),
    gate: gateView(input.dashboard, input.settings),
    runs: runs.slice(0, MAX_RUNS).map(runView),
    moreRuns: Math.max(0, runs.length - MAX_RUNS),
    burnUp: burnUpView(input.burnUp, outline),
  };
}

/** Every phase and section depth first, in document order, as the tree and the report list them. */
function phaseViews(outline: Outline): PhaseView[] {
  const views: PhaseView[] = [];
  const walk = (phases: readonly OutlinePhase[]) => {
    for (const phase of phases) {
      views.push({
        id: phase.id,
        title: phase.title,
        level: phase.level,
        line: phase.range.start.line,
        tally: tally(phase),
        required: tally(phase.required),
        conditional: phase.conditional,
        items: itemViews(phase.items),
      });
      walk(phase.phases);
    }
  };
  walk(outline.phases);
  return views;
}

function itemViews(items: readonly OutlineItem[], depth = 0): ItemView[] {
  return items.flatMap((item) => [
    { id: item.id, text: item.text, checked: item.checked, depth, optional: item.optional, conditional: item.conditional },
    ...itemViews(item.children, depth + 1),
  ]);
}

function roleView(role: OutlineRole, states: SignOffStates | undefined, trusted: boolean): RoleView {
  // The same words and judgement as the role's row in the Checklists view.
  const row = roleRow(role, states, trusted);
  const tone: Tone =
    row.icon === 'verified-filled' ? 'ok' : row.icon === 'warning' ? 'warning' : row.icon === 'error' ? 'failed' : 'neutral';
  return {
    id: role.id,
    name: role.name,
    line: role.range.start.line,
    signed: role.signed,
    verification: row.description,
    tone,
    gateLabel: role.gate.phases.length > 0 ? role.gate.phases.join(', ') : 'every required item above the sign-off',
    gate: tally(role.gate),
  };
}

function gateView(dashboard: Dashboard | string | undefined, settings: DashboardSettings): GateView {
  const unconfigured = settings.require.length === 0;
  const setHow =
    'Set preflight.dashboard.require to the phases a merge must complete (title, slug or id), as preflight check --require takes them.';
  if (typeof dashboard !== 'object') {
    return {
      known: false,
      passes: false,
      failOn: settings.failOn,
      failing: 0,
      required: [],
      message: dashboard ?? 'Asking the language server…',
      unconfigured,
    };
  }
  const { gate } = dashboard;
  const required = gate.required.map((r): GatePhaseView => ({
    query: r.query,
    ...(r.title !== undefined ? { title: r.title } : {}),
    ...(r.line !== undefined ? { line: r.line } : {}),
    tally: tally(r),
    passes: r.problem === undefined && r.done === r.total,
    ...(r.problem !== undefined ? { problem: r.problem } : {}),
  }));
  const findings = `${gate.failing} finding${gate.failing === 1 ? '' : 's'} at or above ${gate.failOn}`;
  const message = unconfigured
    ? `No phases are required: only findings count (${findings}). ${setHow}`
    : `${gate.passes ? 'Passes' : 'Fails'}: ${required.filter((r) => r.passes).length} of ${required.length} required phases complete, ${findings}.`;
  return { known: true, passes: gate.passes, failOn: gate.failOn, failing: gate.failing, required, message, unconfigured };
}

function runView(run: RecordedRun): RunView {
  const at = new Date(run.at);
  return {
    stepId: run.stepId,
    label: run.label,
    ...(run.item !== undefined ? { item: run.item } : {}),
    line: run.line,
    exitCode: run.exitCode,
    failed: run.exitCode !== 0,
    duration: run.durationMs < 1000 ? `${run.durationMs} ms` : `${(run.durationMs / 1000).toFixed(1)} s`,
    by: run.by,
    when: Number.isNaN(at.getTime()) ? run.at : localDateTime(at),
  };
}

function burnUpView(burnUp: BurnUp | string | undefined, outline: Outline): BurnUpView {
  if (typeof burnUp !== 'object') {
    const now = { done: outline.overall.done, total: outline.overall.total };
    return {
      checked: false,
      reason: burnUp ?? 'Asking the language server…',
      summary: `Burn-up not available yet: ${now.done} of ${now.total} items ticked now.`,
      rows: [],
    };
  }
  const rows = burnUp.points.map((p): BurnUpRow => ({
    when: Number.isNaN(new Date(p.at).getTime()) ? p.at : localDateTime(new Date(p.at)),
    source: p.commit ?? (p.uncommitted ? 'editor (not committed)' : 'editor (as committed)'),
    done: p.done,
    total: p.total,
  }));
  const chart = burnUpChart(burnUp.points);
  return {
    checked: burnUp.checked,
    ...(burnUp.reason !== undefined ? { reason: burnUp.reason } : {}),
    ...(chart ? { chart } : {}),
    summary: burnUpSummary(rows),
    rows,
  };
}

/** `Burn-up: 3 of 239 items ticked at 2026-11-28 09:00 (a1b2c3d), 57 of 239 now; 4 points.` */
export function burnUpSummary(rows: readonly BurnUpRow[]): string {
  if (rows.length === 0) return 'Burn-up: no points.';
  const last = rows[rows.length - 1];
  const now = `${last.done} of ${last.total} items ticked at ${last.when} (${last.source})`;
  if (rows.length === 1) return `Burn-up: one point, ${now}.`;
  const first = rows[0];
  return `Burn-up: ${first.done} of ${first.total} items ticked at ${first.when} (${first.source}), ${now}; ${rows.length} points.`;
}
