/**
 * What every server command and custom request accepts, checked in one place before a handler runs. Clients
 * send JSON, so nothing the protocol's types promise holds until it is checked here: a wrong argument is
 * answered with a sentence naming the field and what it must be, never a crash deep inside an edit.
 */
import type {
  DashboardParams,
  FillTemplateParams,
  MergeConflictsArgs,
  RunResultParams,
  SetPhaseArgs,
  StampSignOffArgs,
  ToggleItemsArgs,
  ToggleLinesArgs,
} from '../protocol/protocol.js';

/** One field's test and what it must be, in words for the author of a client that sent something else. */
export interface FieldCheck {
  is(value: unknown): boolean;
  what: string;
  optional?: boolean;
  /** The fields of a nested object, to name the wrong one (`result.exitCode`). */
  fields?: Fields<object>;
}

/** A check for every field of a protocol type, optional ones included, so a new field cannot go unchecked. */
export type Fields<T> = { [K in keyof Required<T>]: FieldCheck };

export const text: FieldCheck = { is: (v) => typeof v === 'string', what: 'a string' };
export const documentUri: FieldCheck = { is: (v) => typeof v === 'string' && v !== '', what: "the checklist's document URI" };
export const documentVersion: FieldCheck = { is: (v) => Number.isInteger(v), what: 'the document version the command was made for' };
export const lineNumber: FieldCheck = { is: (v) => Number.isInteger(v) && (v as number) >= 0, what: 'a 0-based line number' };
export const finiteNumber: FieldCheck = { is: (v) => typeof v === 'number' && Number.isFinite(v), what: 'a number' };
export const flag: FieldCheck = { is: (v) => typeof v === 'boolean', what: 'true or false' };
export const ids: FieldCheck = { is: (v) => Array.isArray(v) && v.every((id) => typeof id === 'string'), what: 'a list of ids' };
export const optional = (check: FieldCheck): FieldCheck => ({ ...check, optional: true });
export const object = <T>(fields: Fields<T>, what: string): FieldCheck => ({
  is: (v) => problemOf(v, fields as Fields<object>) === undefined,
  what,
  fields: fields as Fields<object>,
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What is wrong with `value` as an object of `fields` ('needs `uri`, …'), or undefined when nothing is. */
export function problemOf(value: unknown, fields: Fields<object>, path = ''): string | undefined {
  if (!isObject(value))
    return `needs an object with ${Object.keys(fields)
      .map((k) => `\`${path}${k}\``)
      .join(', ')}`;
  for (const [name, check] of Object.entries(fields) as [string, FieldCheck][]) {
    const field = value[name];
    if (field === undefined && check.optional) continue;
    if (check.fields && isObject(field)) {
      const inner = problemOf(field, check.fields, `${path}${name}.`);
      if (inner) return inner;
      continue;
    }
    if (!check.is(field)) return `needs \`${path}${name}\`, ${check.what}`;
  }
  return undefined;
}

/** The argument as its protocol type once every field is as the type says, or what is wrong with it. */
export type Validated<T> = { args: T } | { problem: string };

export const validator =
  <T>(fields: Fields<T>) =>
  (value: unknown): Validated<T> => {
    const problem = problemOf(value, fields as Fields<object>);
    return problem === undefined ? { args: value as T } : { problem };
  };

export const toggleItemsArgs = validator<ToggleItemsArgs>({
  uri: documentUri,
  version: documentVersion,
  itemIds: ids,
  checked: optional(flag),
});

export const toggleLinesArgs = validator<ToggleLinesArgs>({
  uri: documentUri,
  version: documentVersion,
  fromLine: lineNumber,
  toLine: lineNumber,
});

export const setPhaseArgs = validator<SetPhaseArgs>({ uri: documentUri, version: documentVersion, phaseId: text, checked: flag });

export const stampSignOffArgs = validator<StampSignOffArgs>({
  uri: documentUri,
  version: documentVersion,
  roleId: text,
  name: text,
  at: text,
});

export const dashboardParams = validator<DashboardParams>({
  uri: documentUri,
  require: { is: (v) => Array.isArray(v) && v.every((q) => typeof q === 'string'), what: 'a list of phases (titles, slugs or ids)' },
  failOn: { is: (v) => v === 'error' || v === 'warning' || v === 'info', what: '"error", "warning" or "info"' },
});

export const mergeConflictsArgs = validator<MergeConflictsArgs>({ uri: documentUri, version: documentVersion });

export const runResultParams = validator<RunResultParams>({
  uri: documentUri,
  // The note is placed by step id, so the version is informative only (and older clients left it out).
  version: optional(finiteNumber),
  result: object(
    {
      stepId: text,
      exitCode: finiteNumber,
      durationMs: finiteNumber,
      startedAt: text,
      by: text,
      outputTail: optional(text),
    },
    'the run: {stepId, exitCode, durationMs, startedAt, by, outputTail?}',
  ),
});

/** What is wrong with preflight/fillTemplate params from a client that got them wrong, said to its author. */
export function fillParamsProblem(params: Partial<FillTemplateParams> | undefined): string | undefined {
  if (typeof params?.text !== 'string' || typeof params.fileName !== 'string') return 'preflight/fillTemplate needs `text` and `fileName`.';
  const values: unknown = params.values;
  if (!isObject(values) || !Object.values(values).every((v) => typeof v === 'string')) {
    return 'preflight/fillTemplate needs `values`, an object of placeholder names to strings.';
  }
  if (typeof params.today !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(params.today))
    return 'preflight/fillTemplate needs `today`, the local date as YYYY-MM-DD.';
  return undefined;
}
