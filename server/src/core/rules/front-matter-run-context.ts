import { runContextProblems } from '../runContextProblems.js';
import { defineRule } from './defineRule.js';
import { reportKeyProblems } from './support/frontMatter.js';

export default defineRule({
  id: 'front-matter-run-context',
  summary: 'an `env:` name that changes how a shell starts (refused), or a malformed `env:` or `cwd:`',
  description:
    'The front matter `env:` sets a variable that changes how a shell or program starts, or is not a mapping of names to single values; or `cwd:` is not a path.',
  details:
    'An `env:` name that changes how a shell or program starts (`BASH_ENV`, `PATH`, `LD_PRELOAD`, `NODE_OPTIONS`, `GIT_*`, …) is an error on its key, naming the variable and why: it is never passed to a step, so steps run without it. An `env:` that is not a mapping, a name that is not a shell variable name, a value that is not a single value, or a `cwd:` that is not a path is a warning: the entry is left out.',
  severity: 'warning',
  severityNote: 'error for a refused `env:` name',
  example: {
    text: '---\nenv:\n  PATH: /tmp/tools\n---\n\n# Deploy\n\n- [ ] Run `./deploy.sh`\n',
  },
  formerId: 'front-matter-invalid',
  state: false,
  check(checklist, report) {
    reportKeyProblems(checklist, runContextProblems(checklist), report);
  },
});
