/**
 * ECS targets: the services a checklist works on, for the outline, the rollback lens and the verify lens.
 *
 * Two sources, read in this order:
 * - front matter `ecs:`, one mapping `{ cluster, service, region?, profile?, endpoint? }` or a list of them
 *   (strings only; an entry without cluster or service is skipped, and ecsProblems says why);
 * - every `aws ecs <operation>` command in a shell block (the blocks that are steps), read by the bash parser
 *   (server/src/shell: quotes, `\` continuations, pipelines, substitutions, comments, wrappers such as sudo): `--cluster`,
 *   `--service`, `--service-name`, `--services a b …`, `--region`, `--profile`, `--endpoint-url`, also as
 *   `--flag=value`. A value that is a whole `$NAME` or `${NAME}` is taken from front matter `env:`; any other
 *   value still holding `$` or a backtick cannot be known, so it is skipped (an unknown cluster skips the
 *   command); so is a value still holding a template placeholder (`{{ecs_cluster}}`, in front matter too):
 *   an unfilled template names no real service. A service ARN or `cluster/service` keeps the service name;
 *   no `--cluster` means `default`, as in the AWS CLI.
 *
 * One target per cluster and service: the first occurrence (front matter first, then blocks in document
 * order) gives the source, later ones fill a region, profile or endpoint it lacks. Then a target found only
 * in blocks takes what it still lacks from the front matter entry when there is exactly one, and every
 * target from `env:` `AWS_REGION` (or `AWS_DEFAULT_REGION`), `AWS_PROFILE` and `AWS_ENDPOINT_URL_ECS` (or
 * `AWS_ENDPOINT_URL`): the variables the steps themselves run with.
 */
import { frontMatterEnv } from './env.js';
import type { Checklist, Item } from './model.js';
import { closest } from './similar.js';
import { stepsOf, type Step } from './steps.js';
import { isMapping, kindOf } from './yamlShapes.js';
import { parseShell } from '../shell/current.js';
import { invocationOf } from '../shell/invocation.js';
import type { ShellWord, WordPart } from '../shell/model.js';

export interface EcsTarget {
  cluster: string;
  service: string;
  region?: string;
  profile?: string;
  endpoint?: string;
  /** Where the target was first found: the front matter, or the 1-based line of the `aws` command. */
  source: 'front-matter' | { line: number };
}

/** One `aws ecs <operation>` command of a shell block, its values resolved. */
export interface EcsCommand {
  step: Step;
  /** `update-service`, `wait`, `describe-services`, … */
  operation: string;
  /** 1-based line of the `aws` word. */
  line: number;
  /** `default` when not given; undefined when given but not resolvable (a variable `env:` lacks). */
  cluster: string | undefined;
  /** Service names (ARNs and `cluster/service` reduced to the name), resolvable ones only. */
  services: string[];
  region?: string;
  profile?: string;
  endpoint?: string;
}

/** A mistake in front matter `ecs:`; `path` leads from the front matter's root to the value (or key) at fault. */
export interface EcsProblem {
  message: string;
  path: (string | number)[];
  /** The problem is the key itself (an unknown key), not its value. */
  key?: boolean;
}

const KEYS = ['cluster', 'service', 'region', 'profile', 'endpoint'] as const;
type Key = (typeof KEYS)[number];
const EXTRA = ['region', 'profile', 'endpoint'] as const;
type Extra = Partial<Record<(typeof EXTRA)[number], string>>;
const HTTP_URL = /^https?:\/\/[^\s/?#]+(?:[/?#]\S*)?$/i;

interface Analysis {
  targets: EcsTarget[];
  commands: EcsCommand[];
}

const cache = new WeakMap<Checklist, Analysis>();

function analyse(checklist: Checklist): Analysis {
  const hit = cache.get(checklist);
  if (hit) return hit;
  const data = checklist.frontMatter?.data ?? {};
  const env = frontMatterEnv(data);
  const front = readFrontMatter(data.ecs);
  const commands = stepsOf(checklist).flatMap((s) => (s.kind === 'code' ? commandsOf(s, env) : []));

  const byKey = new Map<string, EcsTarget>();
  const add = (target: EcsTarget) => {
    const key = `${target.cluster}\n${target.service}`;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { ...target });
    else fill(seen, target);
  };
  front.targets.forEach(add);
  for (const c of commands) {
    if (c.cluster === undefined) continue;
    for (const service of c.services) add({ cluster: c.cluster, service, ...extras(c), source: { line: c.line } });
  }
  const only = front.targets.length === 1 ? front.targets[0] : undefined;
  const fromEnv: Extra = {
    ...defined('region', env.AWS_REGION ?? env.AWS_DEFAULT_REGION),
    ...defined('profile', env.AWS_PROFILE),
    ...defined('endpoint', env.AWS_ENDPOINT_URL_ECS ?? env.AWS_ENDPOINT_URL),
  };
  const targets = [...byKey.values()];
  for (const target of targets) {
    if (only && target.source !== 'front-matter') fill(target, only);
    fill(target, fromEnv);
  }
  const analysis = { targets, commands };
  cache.set(checklist, analysis);
  return analysis;
}

/** The checklist's ECS services, one per cluster and service, front matter first (cached per checklist object). */
export function ecsTargetsOf(checklist: Checklist): EcsTarget[] {
  return analyse(checklist).targets;
}

/** Every `aws ecs` command of the checklist's shell blocks, in document order. */
export function ecsCommandsOf(checklist: Checklist): EcsCommand[] {
  return analyse(checklist).commands;
}

/** What is wrong with front matter `ecs:` as written; empty when it is absent or fine. */
export function ecsProblems(checklist: Checklist): EcsProblem[] {
  // From the front matter alone: the rules run without reading any shell.
  return readFrontMatter(checklist.frontMatter?.data?.ecs).problems;
}

/**
 * Shell blocks that run `aws ecs update-service`, each with the target its first such command names
 * (one whose cluster and service are known).
 */
export function ecsRollbackSteps(checklist: Checklist): { step: Step; target: EcsTarget }[] {
  const { commands, targets } = analyse(checklist);
  const found: { step: Step; target: EcsTarget }[] = [];
  for (const c of commands) {
    if (c.operation !== 'update-service' || c.cluster === undefined || c.services.length === 0) continue;
    if (found.length > 0 && found[found.length - 1].step === c.step) continue;
    const target = targets.find((t) => t.cluster === c.cluster && t.service === c.services[0]);
    if (target) found.push({ step: c.step, target });
  }
  return found;
}

/**
 * An item claiming ECS services or tasks are healthy, stable or running. The subject is "service(s)" or
 * "task(s)" opening the item, or after "all" (optionally "all the"/"all our", then "ECS") or "ECS"; the
 * state follows at once or after "is"/"are" (and "all"/"now"). So "All services healthy", "ECS service
 * stable", "All tasks running", "Services healthy after rollback", "All ECS services are stable" count;
 * other subjects ("Database connections healthy", "Memory usage stable"), a named service ("Payment
 * service healthy"), other wording ("Health check endpoint responding") and "Not all services healthy" do not.
 */
const HEALTH_CLAIM =
  /(?<!\bnot\s{1,8})(?:^|\ball\s{1,8}(?:(?:the|our)\s{1,8})?(?:ecs\s{1,8})?|\becs\s{1,8})(?:services?|tasks?)\s{1,8}(?:(?:is|are)\s{1,8})?(?:(?:all|now)\s{1,8})?(?:healthy|stable|running)\b/i;

export function isHealthClaim(text: string): boolean {
  return HEALTH_CLAIM.test(text.trim());
}

/** Items, checked or not, whose text claims services are healthy (see isHealthClaim). */
export function healthClaimItems(checklist: Checklist): Item[] {
  return checklist.items.filter((i) => isHealthClaim(i.text));
}

// ---- front matter ----

function readFrontMatter(value: unknown): { targets: EcsTarget[]; problems: EcsProblem[] } {
  const targets: EcsTarget[] = [];
  const problems: EcsProblem[] = [];
  if (value === undefined || value === null) return { targets, problems };
  const list = Array.isArray(value);
  if (!list && !isMapping(value)) {
    problems.push({
      message: `\`ecs:\` should be a mapping with \`cluster\` and \`service\` (optionally \`region\`, \`profile\`, \`endpoint\`), or a list of them, not ${kindOf(value)}`,
      path: ['ecs'],
      key: true,
    });
    return { targets, problems };
  }
  const entries: unknown[] = list ? value : [value];
  entries.forEach((entry, index) => {
    const path = list ? ['ecs', index] : ['ecs'];
    const whole = list ? `\`ecs:\` entry ${index + 1}` : '`ecs:`';
    const field = (key: string) => (list ? `\`${key}\` of \`ecs:\` entry ${index + 1}` : `\`ecs: ${key}\``);
    if (!isMapping(entry)) {
      problems.push({
        message: `${whole} should be a mapping like \`{ cluster: prod, service: api }\`, not ${kindOf(entry)}; it is skipped`,
        path,
      });
      return;
    }
    const read: Partial<Record<Key, string>> = {};
    let unusable = false;
    for (const [key, raw] of Object.entries(entry)) {
      if (!(KEYS as readonly string[]).includes(key)) {
        const hint = similarKey(key);
        const known = hint ? `did you mean \`${hint}\`?` : `the keys are ${KEYS.map((k) => `\`${k}\``).join(', ')}`;
        problems.push({ message: `${whole} has the unknown key \`${key}\` (${known}); it is ignored`, path: [...path, key], key: true });
        continue;
      }
      const required = key === 'cluster' || key === 'service';
      const consequence = required ? (list ? 'the entry is skipped' : '`ecs:` is skipped') : 'it is ignored';
      if (typeof raw !== 'string' || raw.trim() === '') {
        const wrong = raw === null || raw === undefined || raw === '' ? 'is empty' : `should be a string, not ${kindOf(raw)}`;
        problems.push({ message: `${field(key)} ${wrong}; ${consequence}`, path: [...path, key] });
        if (required) unusable = true;
        continue;
      }
      const text = raw.trim();
      // `{{ecs_cluster}}`: a template not filled yet names no real service (unfilled-placeholder says so).
      if (text.includes('{{')) {
        if (required) unusable = true;
        continue;
      }
      if (key === 'endpoint' && !HTTP_URL.test(text)) {
        problems.push({
          message: `${field(key)} should be an http(s) URL such as \`http://localhost:4566\`, not "${text}"; it is ignored`,
          path: [...path, key],
        });
        continue;
      }
      read[key as Key] = text;
    }
    const missing = (['cluster', 'service'] as const).filter((k) => !(k in entry));
    if (missing.length > 0) {
      problems.push({ message: `${whole} has no ${missing.map((k) => `\`${k}\``).join(' and no ')}; it is skipped`, path });
    }
    if (unusable || read.cluster === undefined || read.service === undefined) return;
    targets.push({ cluster: read.cluster, service: read.service, ...extras(read), source: 'front-matter' });
  });
  return { targets, problems };
}

/** The key meant by an unknown one: same letters in another case or spelling (`serviceName`, `endpoint_url`), a prefix, or a typo. */
function similarKey(key: string): Key | undefined {
  return closest(key, KEYS);
}

// ---- shell blocks ----

/** AWS CLI global options that take a value, so the value is not taken for the service name. */
const GLOBAL_VALUE_OPTIONS = new Set([
  '--region',
  '--profile',
  '--endpoint-url',
  '--output',
  '--query',
  '--color',
  '--ca-bundle',
  '--cli-read-timeout',
  '--cli-connect-timeout',
  '--cli-binary-format',
]);
const FLAGS: Record<string, 'cluster' | 'services' | 'region' | 'profile' | 'endpoint'> = {
  '--cluster': 'cluster',
  '--service': 'services',
  '--service-name': 'services',
  '--services': 'services',
  '--region': 'region',
  '--profile': 'profile',
  '--endpoint-url': 'endpoint',
};

/** The words of the block's `aws ecs` commands, read by the bash parser (quotes removed, `\` continuations joined). */
function commandsOf(step: Step, env: Record<string, string>): EcsCommand[] {
  // A fenced block's text starts on the line after the fence.
  const first = step.range.start.line + 1;
  const found: EcsCommand[] = [];
  for (const command of parseShell(step.command).commands) {
    // `sudo AWS_PAGER= aws …`, `$ aws …` (a prompt), `time aws …`: the program that runs.
    const run = invocationOf(command);
    if (!run || !/(?:^|\/)aws$/.test(run.name.value ?? '')) continue;
    const words = run.args;
    let service = 0;
    while (service < words.length && lead(words[service]).startsWith('-'))
      service += GLOBAL_VALUE_OPTIONS.has(words[service].value ?? '') ? 2 : 1;
    const operation = words[service + 1]?.value;
    if (words[service]?.value !== 'ecs' || !operation || operation.startsWith('-')) continue;

    let cluster: string | undefined = 'default';
    const services: string[] = [];
    const extra: Extra = {};
    for (let i = 0; i < words.length; i++) {
      const head = lead(words[i]);
      const eq = head.indexOf('=');
      const field = FLAGS[eq < 0 ? (words[i].value ?? '') : head.slice(0, eq)];
      if (!field) continue;
      const values: (string | undefined)[] = [];
      if (eq >= 0) values.push(resolve(afterEquals(words[i], eq), env));
      else {
        const flag = words[i].value;
        while (i + 1 < words.length && !lead(words[i + 1]).startsWith('--')) {
          values.push(resolve(words[++i].parts, env));
          if (flag !== '--services') break;
        }
      }
      if (field === 'cluster') cluster = values[0] || undefined;
      else if (field === 'services')
        services.push(
          ...values
            .filter((v): v is string => v !== undefined)
            .map(serviceName)
            .filter((name) => name !== ''),
        );
      else if (values[0] && (field !== 'endpoint' || HTTP_URL.test(values[0]))) extra[field] = values[0];
    }
    found.push({ step, operation, line: first + run.name.line, cluster, services, ...extra });
  }
  return found;
}

/** The literal text a word starts with (`--service=` of `--service=$SVC`). */
function lead(word: ShellWord): string {
  const part = word.parts[0];
  return part?.kind === 'literal' ? part.text : '';
}

/** The parts after the `=` at `eq` in the word's first (literal) part. */
function afterEquals(word: ShellWord, eq: number): WordPart[] {
  const rest = lead(word).slice(eq + 1);
  return [...(rest ? [{ kind: 'literal', text: rest } as const] : []), ...word.parts.slice(1)];
}

/** A value as the shell would see it: literal, or a whole `$NAME` / `${NAME}` from `env:`; undefined when unknowable. */
function resolve(parts: WordPart[], env: Record<string, string>): string | undefined {
  const only = parts.length === 1 ? parts[0] : undefined;
  const text =
    only?.kind === 'variable' && only.plain
      ? env[only.name]
      : parts.every((p) => p.kind === 'literal')
        ? parts.map((p) => p.text).join('')
        : undefined;
  // `{{ecs_cluster}}` is a template placeholder not filled yet: no real cluster or service.
  return text === undefined || /[$`]/.test(text) || text.includes('{{') ? undefined : text;
}

/** `arn:aws:ecs:…:service/cluster/name` and `cluster/name` -> `name`. */
function serviceName(value: string): string {
  return value.slice(value.lastIndexOf('/') + 1);
}

// ---- merging ----

function extras(from: Extra): Extra {
  return { ...defined('region', from.region), ...defined('profile', from.profile), ...defined('endpoint', from.endpoint) };
}

function defined<K extends keyof Extra>(key: K, value: string | undefined): Extra {
  return value === undefined || value === '' ? {} : { [key]: value };
}

/** Sets what `target` lacks of region, profile and endpoint from `from`. */
function fill(target: EcsTarget, from: Extra): void {
  for (const key of EXTRA) if (target[key] === undefined && from[key] !== undefined) target[key] = from[key];
}
