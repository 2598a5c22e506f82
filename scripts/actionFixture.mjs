// Regenerates test/fixtures/action/comment.md: the comment the committed action bundle posts for the demo
// pull request (test/support/actionDemo.ts). Run: npm run fixture:action (builds first), then review the diff.
import { rmSync } from 'node:fs';
import { demoComment, FIXTURE, writeFixture } from '../test/support/actionDemo.ts';

const { comment, pr } = await demoComment();
writeFixture(comment);
rmSync(pr.root, { recursive: true, force: true });
console.log(`wrote ${FIXTURE} (${comment.length} characters)`);
