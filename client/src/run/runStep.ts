/**
 * Runs a step from its Run lens: trust and confirmation first, unset variables asked for, then bash in a
 * terminal. The result goes to the server, which writes the run note and, on success, checks the item.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { type Outline, type OutlineStep, RunResultRequest, type RunResultParams, type RunStepArgs } from '@preflight/protocol';
import { machineSetting } from '../machineSetting';
import { dangerOf } from './danger';
import { deniedEnvReason } from '../../../server/src/core/deniedEnv';
import { scriptOf } from './script';
import { blankSecretValues } from './secretValues';
import { isSecretName, unsetVariables } from './variables';
import { whoAmI } from '../identity';
import { existingFolderInside } from '../../../server/src/node/insideFolder';
import { runInTerminal } from './stepRunner';
import { refuseUntrusted, type Command, type MachineServices } from '../commands/command';

export type StepResult = 'passed' | 'failed' | 'cancelled' | 'not run';

export const runStep: Command<MachineServices> = {
  id: 'preflight.runStep',
  run: (services, args) => runOneStep(services, args as RunStepArgs),
};

/** @param answers values already given for variables during this batch (Run Phase asks each name once). */
export async function runOneStep(services: MachineServices, args: RunStepArgs, answers = new Map<string, string>()): Promise<StepResult> {
  if (refuseUntrusted('runs steps (shell commands from this file)')) return 'not run';
  const uri = vscode.Uri.parse(args.uri);
  const outline = services.outlines.get(uri);
  const step = outline?.steps.find((s) => s.id === args.stepId);
  if (!outline || !step) {
    void vscode.window.showWarningMessage(
      'Preflight: this step is no longer in the checklist (was it edited?). Run it again from its lens.',
    );
    return 'not run';
  }
  if (services.runs.isRunning(args.uri, step.id)) {
    void vscode.window.showInformationMessage(`Preflight: "${labelOf(step)}" is already running; cancel it from its lens first.`);
    return 'not run';
  }
  const script = scriptOf(step.kind === 'inline' ? 'inline' : step.label, step.command);
  // The folder first: the confirmation shows where the step runs, and a cwd outside the workspace never runs.
  const cwd = workingDirectory(uri, outline);
  if ('error' in cwd) {
    void vscode.window.showErrorMessage(`Preflight: ${cwd.error}`);
    return 'not run';
  }
  if (!(await confirmed(script, outline, cwd.path))) return 'not run';
  const env = await variables(script, outline, answers);
  if (!env) return 'not run';

  const run = runInTerminal({ name: `Preflight: ${labelOf(step)}`, script, cwd: cwd.path, env });
  services.runs.started(args.uri, step.id, run);
  const outcome = await run.outcome;
  services.runs.finished({ uri: args.uri, stepId: step.id, label: labelOf(step), line: step.range.start.line, ...outcome });
  if (outcome.cancelled) return 'cancelled';

  // The values of secret-named variables never reach the note, even when the step printed them.
  const outputTail = blankSecretValues(outcome.outputTail, Object.entries(process.env), Object.entries(outline.run.env), answers);
  const params: RunResultParams = {
    uri: args.uri,
    version: args.version,
    result: {
      stepId: step.id,
      exitCode: outcome.exitCode,
      durationMs: outcome.durationMs,
      startedAt: outcome.startedAt,
      by: await whoAmI(cwd.path),
      outputTail,
    },
  };
  const reply = await services.ctx.languageClient
    .sendRequest(RunResultRequest.type, params)
    .catch((error: Error) => ({ recorded: false, message: error.message }));
  if (!reply.recorded)
    void vscode.window.showWarningMessage(
      `Preflight: the run finished (exit ${outcome.exitCode}) but was not recorded: ${reply.message ?? 'unknown reason'}`,
    );
  if (outcome.exitCode !== 0) {
    void vscode.window
      .showErrorMessage(`Preflight: "${labelOf(step)}" failed with exit code ${outcome.exitCode}.`, 'Show Terminal')
      .then((choice) => choice && run.terminal.show());
  }
  return outcome.exitCode === 0 ? 'passed' : 'failed';
}

export function labelOf(step: OutlineStep): string {
  const first = step.command.split('\n').find((l) => l.trim() !== '' && !l.trim().startsWith('#')) ?? step.command;
  const line = first.trim().replace(/^\$\s+/, '');
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}

/**
 * `preflight.run.confirm` (the user's own setting, never a workspace's): always, only for dangerous commands
 * (default), or never. Unless it is never, a checklist that sets variables or a working folder is always
 * confirmed, and the modal shows them before the script: they change what a harmless-looking command does.
 */
async function confirmed(script: string, outline: Outline, cwd: string): Promise<boolean> {
  const mode = machineSetting<string>('preflight.run', 'confirm', 'dangerous');
  const danger = dangerOf(script);
  const context = Boolean(outline.run.cwd) || Object.keys(outline.run.env).length > 0;
  if (mode === 'never' || (mode !== 'always' && !danger && !context)) return true;
  const message = danger
    ? `This step ${danger}. Run it?`
    : context
      ? "Run this step with the checklist's folder and variables?"
      : 'Run this step?';
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail: confirmationDetail(script, outline, cwd) }, 'Run');
  return choice === 'Run';
}

/** The working folder and every variable the checklist sets (secret-named values masked), then the script. */
export function confirmationDetail(script: string, outline: Outline, cwd: string): string {
  const entries = Object.entries(outline.run.env);
  if (!outline.run.cwd && entries.length === 0) return script;
  const lines = [`Working folder: ${cwd}`];
  if (entries.length > 0) {
    lines.push('Variables set by the checklist:');
    for (const [name, value] of entries) lines.push(`  ${name}=${isSecretName(name) ? '••••••' : JSON.stringify(value)}`);
  }
  return `${lines.join('\n')}\n\n${script}`;
}

/**
 * The front matter's `cwd:` against the checklist's workspace folder, or that folder (the file's own folder
 * outside one). By realpath: `../..`, an absolute path elsewhere or a symlink pointing out are refused.
 */
function workingDirectory(uri: vscode.Uri, outline: Outline): { path: string } | { error: string } {
  const base =
    vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ??
    (uri.scheme === 'file' ? path.dirname(uri.fsPath) : vscode.workspace.workspaceFolders?.[0]?.uri.fsPath);
  if (!base) return { error: 'an untitled checklist outside a workspace has no folder to run in; save it first.' };
  if (!outline.run.cwd) return existingFolderInside(base, '.', 'the workspace folder');
  const cwd = existingFolderInside(base, outline.run.cwd, `the front matter's cwd "${outline.run.cwd}":`);
  return 'error' in cwd ? { error: `${cwd.error} The step was not run.` } : cwd;
}

/** Front matter `env:` plus a value for every variable the script uses that nothing sets; undefined when the user backs out. */
async function variables(script: string, outline: Outline, answers: Map<string, string>): Promise<Record<string, string> | undefined> {
  const env = { ...outline.run.env };
  // A name that changes how programs start is never asked for: an answer would reach bash (it is dropped at spawn too).
  const known = (name: string) =>
    name in env || answers.has(name) || process.env[name] !== undefined || deniedEnvReason(name) !== undefined;
  for (const name of unsetVariables(script, known)) {
    const value = await vscode.window.showInputBox({
      title: `Value for $${name}`,
      prompt: `The step uses $${name}, which is not set. It is passed to the process as an environment variable, never written to the checklist.`,
      password: isSecretName(name),
      ignoreFocusOut: true,
    });
    if (value === undefined) {
      void vscode.window.showInformationMessage(`Preflight: not run, $${name} was not given.`);
      return undefined;
    }
    answers.set(name, value);
  }
  return { ...env, ...Object.fromEntries(answers) };
}
