import { ecsProblems } from '../ecsTargets.js';
import { gateProblems } from '../gate.js';
import { runContextProblems } from '../runContextProblems.js';
import { signerProblems } from '../signerProblems.js';
import { templateProblems } from '../template.js';
import { defineRule } from './defineRule.js';
import { frontMatterRange } from './support/frontMatter.js';
import { rangeOf } from './support/source.js';
import { trimEndChars } from '../trimChars.js';

export default defineRule({
  id: 'front-matter-invalid',
  description:
    "The YAML front matter does not parse, so its settings (title, conditional phases, gates, ECS targets) are ignored; or its `gates:` name a sign-off role or a phase the checklist does not have; or its `ecs:` is not a service (or a list of services) with string `cluster` and `service`, an http(s) `endpoint` and no unknown keys; or its `signers:` is not a mapping of sign-off roles to e-mail addresses (or names a role the checklist does not have); or a template's `template:` has a wrong shape, an unknown key or metadata for a placeholder the text does not use; or its `env:` sets a variable that changes how a shell or program starts (`BASH_ENV`, `PATH`, `LD_*`, `NODE_OPTIONS`, `GIT_*`, …: refused, never passed to a step) or is not a mapping of names to single values; or its `cwd:` is not a path.",
  severity: 'error',
  state: false,
  check(checklist, report) {
    const fm = checklist.frontMatter;
    if (!fm) return;
    if (!fm.error) {
      // The YAML is fine but `gates:` may name what is not there: a typo would quietly change a gate.
      const block = checklist.text.slice(fm.range.start.offset, fm.range.end.offset).toLowerCase();
      for (const problem of gateProblems(checklist)) {
        const at = problem.near ? block.indexOf(problem.near.toLowerCase(), Math.max(0, block.search(/^gates\s*:/m))) : -1;
        const from = fm.range.start.offset + at;
        const range = at < 0 ? fm.range : rangeOf(checklist, from, from + problem.near!.length);
        report({ message: `Front matter ${problem.message}.`, range, severity: 'warning' });
      }
      // `ecs:` mistakes leave a service out (or its endpoint): the lenses and the tree would miss it.
      // `template:` mistakes lose a template's name, file name or a placeholder's prompt and default.
      // `signers:` mistakes leave a role signable by nobody (a wrong entry is ignored, never a wildcard).
      for (const problem of [...ecsProblems(checklist), ...templateProblems(checklist), ...signerProblems(checklist)]) {
        report({
          message: `Front matter ${problem.message}.`,
          range: frontMatterRange(checklist, problem.path, problem.key) ?? fm.range,
          severity: 'warning',
        });
      }
      // `env:` names that change how a shell or program starts are dropped: an error, since steps then run without them.
      for (const problem of runContextProblems(checklist)) {
        report({
          message: `Front matter ${problem.message}.`,
          range: frontMatterRange(checklist, problem.path, problem.key) ?? fm.range,
          severity: problem.severity,
        });
      }
      return;
    }
    // The YAML parser counts lines from the first line after `---`; say the line of the file instead.
    const located = fm.error.replace(
      /\bat line (\d{1,9}), column (\d{1,9})/,
      (_, line: string, column: string) => `at line ${Number(line) + fm.range.start.line}, column ${column}`,
    );
    const error = trimEndChars(located, ' \t\r\n.:');
    report({
      message: `Front matter is not valid: ${error}. Fix the YAML between the \`---\` lines; until then its settings are ignored.`,
      range: fm.range,
    });
  },
});
