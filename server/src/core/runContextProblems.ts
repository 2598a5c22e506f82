/**
 * Shape checks of front matter `env:` and `cwd:`, the context every step runs in. A name that changes how a
 * shell or program starts is an error (it is dropped, so the checklist does not run as its author meant);
 * other mistakes only leave a variable out and are warnings.
 */
import { deniedEnvReason } from './deniedEnv.js';
import { ENV_NAME } from './env.js';
import type { Checklist } from './model.js';
import { isMapping, kindOf } from './yamlShapes.js';

export interface RunContextProblem {
  message: string;
  path: (string | number)[];
  /** The problem is the key itself (a name), not its value. */
  key?: boolean;
  severity: 'error' | 'warning';
}

export function runContextProblems(checklist: Checklist): RunContextProblem[] {
  const data = checklist.frontMatter?.data ?? {};
  const problems: RunContextProblem[] = [];
  if ('cwd' in data && (typeof data.cwd !== 'string' || data.cwd.trim() === '')) {
    problems.push({
      message: `\`cwd:\` is ${kindOf(data.cwd)}, expected a folder path relative to the workspace folder; steps run in the workspace folder until it is fixed`,
      path: ['cwd'],
      severity: 'warning',
    });
  }
  if (!('env' in data)) return problems;
  if (!isMapping(data.env)) {
    problems.push({
      message: `\`env:\` is ${kindOf(data.env)}, expected a mapping of variable names to values; no variable is set until it is fixed`,
      path: ['env'],
      severity: 'warning',
    });
    return problems;
  }
  for (const [name, value] of Object.entries(data.env)) {
    const why = ENV_NAME.test(name) ? deniedEnvReason(name) : undefined;
    if (!ENV_NAME.test(name)) {
      problems.push({
        message: `\`env:\` name ${JSON.stringify(name.slice(0, 80))} is not a shell variable name (letters, digits and _, not starting with a digit); it is left out`,
        path: ['env', name],
        key: true,
        severity: 'warning',
      });
    } else if (why) {
      problems.push({
        message: `\`env:\` may not set ${name}: ${why}. It is never passed to a step; remove it`,
        path: ['env', name],
        key: true,
        severity: 'error',
      });
    } else if (!['string', 'number', 'boolean'].includes(typeof value)) {
      problems.push({
        message: `\`env:\` ${name} is ${kindOf(value)}, expected a single value (text, a number or true/false); it is left out`,
        path: ['env', name],
        severity: 'warning',
      });
    }
  }
  return problems;
}
