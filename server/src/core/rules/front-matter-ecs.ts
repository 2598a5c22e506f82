import { ecsProblems } from '../ecsTargets.js';
import { defineRule } from './defineRule.js';
import { reportKeyProblems } from './support/frontMatter.js';

export default defineRule({
  id: 'front-matter-ecs',
  summary: 'an `ecs:` service of the wrong shape, a bad `endpoint` or an unknown key',
  description:
    'The front matter `ecs:` is not an ECS service (or a list of them) with string `cluster` and `service`, an http(s) `endpoint` and no unknown keys.',
  details:
    'An `ecs:` mistake leaves a service (or its endpoint) out, so the ECS lenses and the Checklists view would miss it. Reported on the key or value at fault: `ecs:` neither a mapping nor a list, an entry without `cluster` or `service` (skipped), a value that is not a string, an `endpoint` that is not an http(s) URL (ignored), or an unknown key (`regoin`: did you mean `region`?).',
  severity: 'warning',
  example: {
    text: '---\necs:\n  cluster: prod\n  service: api\n  regoin: eu-west-1\n---\n\n# Deploy\n\n- [ ] Roll out the new task definition\n',
  },
  formerId: 'front-matter-invalid',
  state: false,
  check(checklist, report) {
    reportKeyProblems(checklist, ecsProblems(checklist), report);
  },
});
