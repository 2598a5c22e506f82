import { gateProblems } from '../signOffGate.js';
import { defineRule } from './defineRule.js';
import { rangeOf } from './support/source.js';

export default defineRule({
  id: 'front-matter-gates',
  summary: 'a `gates:` entry naming a role or phase that is not there, or of the wrong shape',
  description:
    'The front matter `gates:` names a sign-off role or a phase the checklist does not have, or is not a mapping of roles to phase titles.',
  details:
    'A typo in `gates:` would quietly change what a sign-off role vouches for (see signoff-before-complete), so each entry at fault is reported on its line, with a "did you mean" hint when a role or phase is close.',
  severity: 'warning',
  example: {
    text: '---\ngates:\n  QA Lead: [Testng]\n---\n\n# Release\n\n## Testing\n\n- [ ] Run the smoke tests\n\n## Sign-Off\n\n### QA Lead\n\n- [ ] I approve this release\n- Name:\n',
  },
  formerId: 'front-matter-invalid',
  state: false,
  check(checklist, report) {
    const fm = checklist.frontMatter;
    if (!fm || fm.error) return;
    const block = checklist.text.slice(fm.range.start.offset, fm.range.end.offset).toLowerCase();
    for (const problem of gateProblems(checklist)) {
      // The problem names the text at fault: found after `gates:`, else the whole front matter is marked.
      const at = problem.near ? block.indexOf(problem.near.toLowerCase(), Math.max(0, block.search(/^gates\s*:/m))) : -1;
      const from = fm.range.start.offset + at;
      const range = at < 0 ? fm.range : rangeOf(checklist, from, from + problem.near!.length);
      report({ message: `Front matter ${problem.message}.`, range });
    }
  },
});
