/**
 * Settings that lower a protection (`preflight.run.confirm`, `preflight.signOff.gpgSign`,
 * `preflight.ecs.endpoint`) are the user's own: their manifest scope is `machine`, so VS Code ignores them in
 * a workspace's or folder's settings. Read here from the user (or remote machine) settings and the default
 * only, so a cloned repository's `.vscode/settings.json` cannot lower them even where scopes are not enforced.
 */
import * as vscode from 'vscode';

export function machineSetting<T>(section: string, key: string, fallback: T): T {
  const inspected = vscode.workspace.getConfiguration(section).inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
}
