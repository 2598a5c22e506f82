/** Who runs a step, for its run note: git's user.name in that folder, else the account name. */
import { execFile } from 'node:child_process';
import { userInfo } from 'node:os';

export function whoAmI(cwd: string): Promise<string> {
  return new Promise((resolve) => {
    execFile('git', ['config', 'user.name'], { cwd, timeout: 3000 }, (error, stdout) => {
      const name = stdout?.trim();
      resolve(!error && name ? name : userInfo().username);
    });
  });
}
