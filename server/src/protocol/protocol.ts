/**
 * The one home of Preflight's custom protocol: method names, their params, command ids and settings.
 * Imports only vscode-languageserver-protocol, so esbuild can bundle it into the server and the client.
 * Positions here are LSP positions (0-based line and UTF-16 character).
 */
import { NotificationType, RequestType, type Range } from 'vscode-languageserver-protocol';

export interface Counts {
  done: number;
  total: number;
  /** Items that count towards complete: neither optional nor in a conditional phase. */
  required: { done: number; total: number };
  /** Items marked optional (`(optional)`, `(if applicable)`, struck through). */
  optional: { done: number; total: number };
  /** Items in a conditional phase that are not optional: required only when the phase applies. */
  conditionalItems: { done: number; total: number };
}

export interface PhaseProgress extends Counts {
  id: string;
  title: string;
  level: number;
  /** The heading line. */
  range: Range;
  conditional: boolean;
}

export interface ProgressParams {
  uri: string;
  version: number;
  title: string;
  overall: Counts;
  /** Every phase and section, depth first in document order. */
  phases: PhaseProgress[];
}

/** server -> client: completion per phase after every analysis of a checklist. */
export namespace ProgressNotification {
  export const method = 'preflight/progress' as const;
  export const type = new NotificationType<ProgressParams>(method);
}

export interface OutlineItem {
  id: string;
  text: string;
  checked: boolean;
  optional: boolean;
  conditional: boolean;
  /** The item's first line. */
  range: Range;
  children: OutlineItem[];
}

export interface OutlineStep {
  id: string;
  kind: 'code' | 'inline';
  /** Language of a code block (`bash`), or the inline command itself. */
  label: string;
  command: string;
  range: Range;
  /** The item an inline command belongs to, or that a block proves. */
  itemId?: string;
  /** The newest run note under the step, if any. */
  lastRun?: RunNote;
}

/**
 * A run note, the `<!-- preflight:run … -->` line the server writes under a step after a run (core/runNote.ts),
 * as the outline and reviews show it: without the output excerpt.
 */
export interface RunNote {
  /** ISO 8601 with offset. */
  at: string;
  exitCode: number;
  durationMs: number;
  by: string;
}

export interface OutlinePhase extends PhaseProgress {
  items: OutlineItem[];
  phases: OutlinePhase[];
}

export interface OutlineRole {
  id: string;
  name: string;
  range: Range;
  signed: boolean;
  complete: boolean;
  /** What must be done before this role signs. */
  gate: RoleGate;
  /**
   * Front matter `signers:` for the role: the e-mail addresses allowed to sign it; absent without an entry.
   * When the checklist has `signers:` at all, Sign Off… signs the commit and refuses other signers.
   */
  signers?: string[];
  /** The checklist has front matter `signers:`: its sign-off commits must be signed (`git commit -S`). */
  signatureRequired: boolean;
  /**
   * The phase the role belongs to in the tree: its own heading (then equal to `id`), or the section that
   * holds its table row or item.
   */
  phaseId: string;
}

export interface RoleGate {
  /**
   * Titles of the phases the role owns, from front matter `gates:` (`QA Lead: [Testing]`); empty when the
   * role has no entry there, and then the gate is every required item above the sign-off section,
   * conditional phases excluded.
   */
  phases: string[];
  done: number;
  total: number;
  /** The open required items of the gate, in document order. */
  open: { id: string; text: string; line: number }[];
}

/** What the checklist's front matter says about running its steps. */
export interface RunContext {
  /** `cwd:`: where steps run, relative to the checklist's workspace folder (or absolute). */
  cwd?: string;
  /** `env:`: variables passed to every step (scalars as strings). */
  env: Record<string, string>;
}

/**
 * An ECS service the checklist works on: from front matter `ecs: { cluster, service, region, profile, endpoint }`
 * (one mapping or a list of them), or from an `aws ecs … --cluster X --service Y` command in a shell block.
 */
export interface EcsTarget {
  cluster: string;
  service: string;
  region?: string;
  profile?: string;
  /** An endpoint URL (a local fake, a proxy); the client's `preflight.ecs.endpoint` setting overrides it. */
  endpoint?: string;
  /** Where it was found: the front matter, or the 0-based line of the command in a block. */
  source: 'front-matter' | { line: number };
  /** The step (a shell block) that runs `aws ecs update-service` on it: where a rollback's run note goes. */
  rollbackStepId?: string;
}

/** A `[ ]` in a table cell (a timeline's Done column): toggled like an item, not counted (as on GitHub). */
export interface OutlineTableCheck {
  /** The box's line and the character of its `[`. */
  line: number;
  character: number;
  checked: boolean;
  /** The row's cells as plain text, joined with " · ": a label for screen readers and the dashboard. */
  label: string;
}

export interface Outline {
  uri: string;
  version: number;
  title: string;
  overall: Counts;
  looseItems: OutlineItem[];
  phases: OutlinePhase[];
  steps: OutlineStep[];
  signOff: OutlineRole[];
  run: RunContext;
  /** ECS services named by the checklist, one per cluster and service, front matter first. */
  ecs: EcsTarget[];
  tableChecks: OutlineTableCheck[];
}

export interface OutlineParams {
  uri: string;
}

/** client -> server: the checklist's structure for the tree view; null when the file is not a checklist. */
export namespace OutlineRequest {
  export const method = 'preflight/outline' as const;
  export const type = new RequestType<OutlineParams, Outline | null, void>(method);
}

export type FailOn = 'error' | 'warning' | 'info';

export interface DashboardParams {
  uri: string;
  /** Phases a merge gate requires, as `preflight check --require` takes them (title, slug or id). */
  require: string[];
  /** Findings at or above this fail the gate, as `--fail-on`. */
  failOn: FailOn;
}

/** One required phase of the gate; without `title` the query matched no phase (or several), and `problem` says so. */
export interface GatePhase {
  query: string;
  title?: string;
  /** The phase's heading line. */
  line?: number;
  /** Required items. */
  done: number;
  total: number;
  problem?: string;
}

/** The verdict `preflight check --require … --fail-on …` (and the GitHub Action) would give this text. */
export interface MergeGateVerdict {
  passes: boolean;
  failOn: FailOn;
  /** Findings at or above failOn. */
  failing: number;
  required: GatePhase[];
}

/** A run note with the step it sits under. */
export interface RecordedRun extends RunNote {
  stepId: string;
  /** The inline command, or the block's language. */
  label: string;
  /** The step's first line. */
  line: number;
  /** The item the step proves, as plain text. */
  item?: string;
}

export interface Dashboard {
  uri: string;
  version: number;
  gate: MergeGateVerdict;
  /** Every run note, failures first, then newest first. */
  runs: RecordedRun[];
}

/** client -> server: what the dashboard shows beyond the outline; null when the file is not a checklist. */
export namespace DashboardRequest {
  export const method = 'preflight/dashboard' as const;
  export const type = new RequestType<DashboardParams, Dashboard | null, void>(method);
}

export interface BurnUpParams {
  uri: string;
}

export interface BurnUpPoint {
  /** ISO 8601: the commit's author date, or now for the editor's text. */
  at: string;
  done: number;
  total: number;
  /** The commit's short sha; absent for the editor's text. */
  commit?: string;
  /** The editor's counts differ from the last commit's: ticks not committed yet (unsaved, or saved and not committed). */
  uncommitted?: boolean;
}

/**
 * Ticks over time in this run of the checklist: the file's commits since its last fresh run (the newest
 * version with nothing ticked, or its first version), then the editor's text. Git runs only when the client
 * announced a trusted workspace; otherwise `checked: false` and the one point of the editor's text.
 */
export interface BurnUp {
  uri: string;
  version: number;
  checked: boolean;
  reason?: string;
  points: BurnUpPoint[];
}

/** client -> server: the burn-up of an open checklist; null when the file is not a checklist. */
export namespace BurnUpRequest {
  export const method = 'preflight/burnUp' as const;
  export const type = new RequestType<BurnUpParams, BurnUp | null, void>(method);
}

export interface SignOffStatesParams {
  uri: string;
}

/** One role's sign-off state, as `preflight signoffs` judges it. */
export interface RoleSignOffState {
  /** `verified`, `unsigned`, `bad signature`, `signer not allowed`, `unknown key`, `edited after sign-off`, `not signed`, … */
  state: string;
  /** The state in a few words (`author name only, not proven`, `signer not allowed for QA Lead`). */
  label: string;
  /** Why, in a sentence; '' when verified or not signed. */
  reason: string;
  /** Signed, and nothing but a missing proof is wrong (passes without `--require-signatures`); absent when not checked. */
  passes?: boolean;
  commit?: string;
  /** Who signed (SSH principal or GPG e-mail), and how (`ssh`, `gpg`). */
  signer?: string;
  format?: string;
}

export interface SignOffStates {
  /** False when git was not asked (Restricted Mode, not a file, not in git): `reason` says why. */
  checked: boolean;
  reason?: string;
  /** By role id. */
  roles: Record<string, RoleSignOffState>;
}

/**
 * client -> server: each sign-off role's state from git (read-only, programs pinned). Only when the client
 * announced a trusted workspace (it announces client commands only then); otherwise `checked: false`.
 */
export namespace SignOffStatesRequest {
  export const method = 'preflight/signoffStates' as const;
  export const type = new RequestType<SignOffStatesParams, SignOffStates | null, void>(method);
}

export interface ReviewChangesParams {
  uri: string;
  /** A commit-ish git resolves (a sha, a branch, a tag); never starts with `-`. */
  ref: string;
}

export type ReviewChangeKind = 'checked' | 'unchecked' | 'added' | 'removed';

/** Who made a change: a commit in ref..HEAD, or the editor's text that is not committed yet. */
export interface ReviewAuthor {
  kind: 'commit' | 'uncommitted';
  sha?: string;
  short?: string;
  author?: string;
  email?: string;
  /** ISO 8601 author date. */
  date?: string;
  subject?: string;
  /** Git's verdict on the commit's signature (`good`, `bad`, `unknown key`, `unsigned`, …), worded as `preflight diff` words it. */
  signature?: { status: string; label: string };
}

/** One item changed since the ref, as `preflight diff --format json` lists it. */
export interface ReviewChange {
  kind: ReviewChangeKind;
  itemId: string;
  /** The item's text, inline code kept as code spans. */
  text: string;
  /** State in the document (for a removed item: at the ref). */
  checked: boolean;
  /** The item's first line in the document version answered (0-based); absent for a removed item. */
  line?: number;
  phase: string;
  /** The last commit (or the unsaved text) that changed the item; absent when the history does not show one. */
  by?: ReviewAuthor;
  /** The newest run note of the item's steps in the document; absent when no run is recorded (a checked item was ticked by hand). */
  evidence?: RunNote;
}

export interface ReviewChanges {
  uri: string;
  /** The document version compared: `line`s are lines of this version. */
  version: number;
  /** False when git was not asked or could not answer: `reason` says why and what to do. */
  checked: boolean;
  reason?: string;
  ref: string;
  /** The commit the ref names. */
  sha?: string;
  /** Whether the checklist exists at the ref (false: the branch added it, and every item counts as added). */
  existedAtRef?: boolean;
  /** Grouped by phase, document order, removed items last in their phase (as `preflight diff`). */
  changes: ReviewChange[];
  summary: Record<ReviewChangeKind, number>;
  progress: { from: { done: number; total: number }; to: { done: number; total: number } };
}

/**
 * client -> server: the items of an open checklist checked, unchecked, added or removed since `ref`, by the
 * same core as `preflight diff` (the history from git, the editor's unsaved text as the last version). Git
 * runs only when the client announced a trusted workspace; otherwise `checked: false`. Null: not a checklist.
 */
export namespace ReviewChangesRequest {
  export const method = 'preflight/reviewChanges' as const;
  export const type = new RequestType<ReviewChangesParams, ReviewChanges | null, void>(method);
}

export interface FreshRunParams {
  uri: string;
}

export interface FreshRun {
  /** The checklist with every box cleared, run notes removed and sign-off fields blanked. */
  text: string;
  /** How many boxes were cleared, for the message the client shows. */
  cleared: number;
}

/** client -> server: the text of a fresh run of an open checklist; null when the file is not a checklist. */
export namespace FreshRunRequest {
  export const method = 'preflight/freshRun' as const;
  export const type = new RequestType<FreshRunParams, FreshRun | null, void>(method);
}

/**
 * Defaults a template may give a placeholder that are not values: the client (or CLI) resolves them, as
 * the local date (YYYY-MM-DD) and `git config user.name` in the folder the checklist goes to.
 */
export const TemplateDefaults = { today: 'today', gitUserName: 'git user.name' } as const;

export interface TemplatePlaceholder {
  /** As between the braces: `project` for `{{project}}`. */
  name: string;
  /** What to ask: from front matter `template: placeholders:`, else the name humanised. */
  prompt: string;
  /** As written in the template: a value, or one of TemplateDefaults for the caller to resolve. */
  default?: string;
  /** A sample value to show in an empty input. */
  example?: string;
}

export interface TemplateInfo {
  /** `template: name`, else the first level-1 heading, else the file name. */
  name: string;
  description?: string;
  /** New checklists are `checklists/<slug>-<date>.md`. */
  slug: string;
  /** Every `{{name}}` of the template, in order of first use. */
  placeholders: TemplatePlaceholder[];
}

export interface TemplateInfoParams {
  /** The template's text: templates need not be open documents. */
  text: string;
  /** Its file name (a path is fine), for the default name and slug. */
  fileName: string;
}

/** client -> server: what a template is called and which placeholders it asks for. */
export namespace TemplateInfoRequest {
  export const method = 'preflight/templateInfo' as const;
  export const type = new RequestType<TemplateInfoParams, TemplateInfo, void>(method);
}

export interface FillTemplateParams {
  text: string;
  fileName: string;
  /** A one-line, non-empty value for every placeholder (defaults already resolved by the caller). */
  values: Record<string, string>;
  /** The local date, YYYY-MM-DD: the new file's date unless `values.date` is one. */
  today: string;
}

/**
 * The filled checklist (every placeholder replaced literally, `template:` cut out of the front matter) and
 * where it goes, relative to the workspace folder: `checklists/<slug>-<date>.md`. The client writes it and
 * never overwrites an existing file. `error` names the placeholders without a usable value.
 */
export type FillTemplateResult = { text: string; path: string } | { error: string };

/** client -> server: fill a template with the values asked for. */
export namespace FillTemplateRequest {
  export const method = 'preflight/fillTemplate' as const;
  export const type = new RequestType<FillTemplateParams, FillTemplateResult, void>(method);
}

/** What the client reports when a step ends (preflight/runResult); the server writes a RunNote from it. */
export interface RunResult {
  /** The step's id from the outline or the Run lens (a code block or an item with an inline command). */
  stepId: string;
  exitCode: number;
  durationMs: number;
  /** ISO 8601 with offset. */
  startedAt: string;
  by: string;
  /** The end of the output; the server redacts secrets before writing it. */
  outputTail?: string;
}

export interface RunResultParams {
  uri: string;
  /** The version the step was started from; the note is placed by step id, so later edits are fine. */
  version: number;
  result: RunResult;
}

export interface RunResultReply {
  recorded: boolean;
  /** The item checked because the run proved it, if any. */
  checkedItemId?: string;
  message?: string;
}

/** client -> server: a step finished; the server writes the run note and, when configured, checks the item. */
export namespace RunResultRequest {
  export const method = 'preflight/runResult' as const;
  export const type = new RequestType<RunResultParams, RunResultReply, void>(method);
}

/** Commands the server executes (workspace/executeCommand); each edits through workspace/applyEdit. */
export const ServerCommands = {
  /** ToggleItemsArgs */
  toggleItems: 'preflight.toggleItems',
  /** ToggleLinesArgs: the items on the given lines (a cursor or a selection). */
  toggleLines: 'preflight.toggleLines',
  /** SetPhaseArgs: check or uncheck every item of a phase (the id keeps its first name). */
  setSection: 'preflight.setSection',
  /** StampSignOffArgs */
  stampSignOff: 'preflight.stampSignOff',
  /** RunResultParams. @deprecated Send RunResultRequest (preflight/runResult): this alias runs the same code. */
  recordRun: 'preflight.recordRun',
  /**
   * MergeConflictsArgs -> MergeConflictsReply: merge git's three stages of a conflicted checklist item by item
   * (as `preflight merge`) into the document, unstaged. Runs git: trusted workspaces only.
   */
  mergeConflicts: 'preflight.mergeConflicts',
} as const;

/** Commands a client may implement and announce in `initializationOptions.clientCommands`. */
export const ClientCommands = {
  /** RunStepArgs: run a code block or an inline command. */
  runStep: 'preflight.runStep',
  /** SignOffArgs */
  signOff: 'preflight.signOff',
  /** EcsRollbackArgs: roll an ECS service back to an earlier task definition revision. */
  ecsRollback: 'preflight.ecsRollback',
  /** EcsVerifyArgs: check an item once ECS shows the service healthy. */
  ecsVerify: 'preflight.ecsVerify',
  /** Pick a ref and show what changed since (preflight/reviewChanges): reads git, so trusted workspaces only. */
  reviewChanges: 'preflight.reviewChanges',
} as const;

export interface ToggleItemsArgs {
  uri: string;
  version: number;
  itemIds: string[];
  /** Set every item to this state; when absent each item flips. */
  checked?: boolean;
}

export interface ToggleLinesArgs {
  uri: string;
  version: number;
  /** 0-based, inclusive: every item starting or continuing on these lines. When all of them are checked they
   * are all unchecked, otherwise all are checked (one item simply flips). */
  fromLine: number;
  toLine: number;
}

export interface SetPhaseArgs {
  uri: string;
  version: number;
  phaseId: string;
  checked: boolean;
}

export interface StampSignOffArgs {
  uri: string;
  version: number;
  roleId: string;
  name: string;
  /** ISO 8601 date and time with offset; the server writes date and time into the role's fields. */
  at: string;
}

export interface RunStepArgs {
  uri: string;
  version: number;
  stepId: string;
  command: string;
  /** Language of a block (`bash`, `sh`, `console`), or `inline`. */
  kind: string;
}

export interface SignOffArgs {
  uri: string;
  roleId: string;
}

/** The lens on a shell block that runs `aws ecs update-service`: the block's step and the service it names. */
export interface EcsRollbackArgs {
  uri: string;
  version: number;
  stepId: string;
  target: EcsTarget;
}

/** The lens on an open item that claims services are healthy, in a checklist with ECS targets. */
export interface EcsVerifyArgs {
  uri: string;
  version: number;
  itemId: string;
  targets: EcsTarget[];
}

/**
 * The git trailers of a sign-off commit (the client writes them, `preflight signoffs` verifies them):
 *   Sign off "Production Deployment Checklist": QA Lead
 *
 *   Preflight-Role: sign-off/qa-lead
 *   Preflight-Progress: 210/328
 *   Preflight-Content-SHA256: <sha256 of the committed file's bytes>
 *   Preflight-Exception: <reason>            (only when signed with open gate items)
 *   Signed-off-by: Ada Lovelace <ada@example.com>
 */
export const SignOffTrailers = {
  role: 'Preflight-Role',
  progress: 'Preflight-Progress',
  contentSha256: 'Preflight-Content-SHA256',
  exception: 'Preflight-Exception',
} as const;

export interface CommandReply {
  applied: boolean;
  message?: string;
}

export interface MergeConflictsArgs {
  uri: string;
  /** The version the quick fix was offered for: the merge replaces that text and no later one. */
  version: number;
}

export interface MergeConflictsReply extends CommandReply {
  /** The conflicts left in the merged text (applied only): 0-based line of each `<<<<<<<`, and what conflicts. */
  conflicts?: { line: number; description: string }[];
}

export interface InitializationOptions {
  /** Ids from ClientCommands that the client implements; lenses for the others are not offered. */
  clientCommands?: string[];
}

/**
 * The first message the web client posts to the web language server's Worker (server/dist/web/server.js),
 * before any LSP message: what a worker cannot read itself. The bytes come in the message because a worker
 * started by VS Code's web extension host can fetch neither the extension's files (vscode-remote: on
 * code-server) nor blob: URLs its creator made.
 */
export interface WebServerBoot {
  /** Marks the message as the boot. */
  preflightBoot: 1;
  /** The text of server/dist/web/parseWorker.js: the server starts its parse workers from it. */
  parseWorker: string;
  /** The bytes of server/dist/tree-sitter.wasm and server/dist/tree-sitter-bash.wasm. */
  wasm: { runtime: Uint8Array; grammar: Uint8Array };
}

export type RuleSetting = 'error' | 'warning' | 'info' | 'off';

/** The `preflight` configuration section, pulled per resource. */
export interface Settings {
  /** Globs (relative to a workspace folder, or matched against the whole path) of checklist files. */
  files: string[];
  rules: Record<string, RuleSetting>;
  codeLens: { progress: boolean; run: boolean; signOff: boolean; ecs: boolean };
  run: {
    /** Check the item a successful run proved: items with inline commands, every step, or never. */
    checkOnSuccess: 'inline' | 'always' | 'never';
  };
  /** Files larger than this are not analysed (a clear message says so). */
  maxFileSizeKB: number;
  /**
   * CPU time (ms) one analysis of a version may take before it stops and the document gets the degraded
   * line-scanner model with one information diagnostic; at least `analysisBudgetMinMs`.
   */
  analysisBudgetMs: number;
}

/**
 * The smallest analysis budget a setting can ask for: a cold server's first analysis of the seed used
 * up to ~450 ms here, so below this even ordinary checklists would degrade.
 */
export const analysisBudgetMinMs = 1000;

export const defaultSettings: Settings = {
  files: ['**/*checklist*.md', '**/*CHECKLIST*.md', '**/checklists/**/*.md', '**/*runbook*.md', '**/runbooks/**/*.md'],
  rules: {},
  codeLens: { progress: true, run: true, signOff: true, ecs: true },
  run: { checkOnSuccess: 'inline' },
  maxFileSizeKB: 4096,
  analysisBudgetMs: 10_000,
};
