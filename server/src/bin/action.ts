/** Entry of the GitHub Action bundle (dist/action/index.js; action.yml runs it on node20). */
import { run } from '../action/runAction.js';

void run();
