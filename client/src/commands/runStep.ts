/**
 * Runs a step from its Run lens: trust and confirmation first, unset variables asked for, then bash in a
 * terminal. The result goes to the server, which writes the run note and, on success, checks the item.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { type Outline, type OutlineStep, RunResultRequest, type RunResultParams, type RunStepArgs } from '../../../server/src/protocol';
import { dangerOf } from '../run/danger';
import { scriptOf } from '../run/script';
import { isSecretName, unsetVariables } from '../run/variables';
import { whoAmI } from '../services/identity';
import { runInTerminal } from '../services/stepRunner';
import { refuseUntrusted, type Command, type Services } from './command';

export type StepResult = 'passed' | 'failed' | 'cancelled' | 'not run';

export const runStep: Command = {
  id: 'preflight.runStep',
  run: (services, args) => runOneStep(services, args as RunStepArgs),
};

/** @param answers values already given for variables during this batch (Run Phase asks each name once). */
export async function runOneStep(services: Services, args: RunStepArgs, answers = new Map<string, string>()): Promise<StepResult> {
  if (refuseUntrusted('runs steps (shell commands from this file)')) return 'not run';
  const uri = vscode.Uri.parse(args.uri);
  const outline = services.outlines.get(uri);
  const step = outline?.steps.find((s) => s.id === args.stepId);
  if (!outline || !step) {
    void vscode.window.showWarningMessage('Preflight: this step is no longer in the checklist (was it edited?). Run it again from its lens.');
    return 'not run';
  }
  if (services.runs.isRunning(args.uri, step.id)) {
    void vscode.window.showInformationMessage(`Preflight: "${labelOf(step)}" is already running; cancel it from its lens first.`);
    return 'not run';
  }
  const script = scriptOf(step.kind === 'inline' ? 'inline' : step.label, step.command);
  if (!(await confirmed(uri, script))) return 'not run';
  const cwd = workingDirectory(uri, outline);
  if ('error' in cwd) {
    void vscode.window.showErrorMessage(`Preflight: ${cwd.error}`);
    return 'not run';
  }
  const env = await variables(script, outline, answers);
  if (!env) return 'not run';

  const run = runInTerminal({ name: `Preflight: ${labelOf(step)}`, script, cwd: cwd.path, env });
  services.runs.started(args.uri, step.id, run);
  const outcome = await run.outcome;
  services.runs.finished({ uri: args.uri, stepId: step.id, label: labelOf(step), line: step.range.start.line, ...outcome });
  if (outcome.cancelled) return 'cancelled';

  // The values of secret variables never reach the note, even when the step printed them.
  const secrets = [...answers].filter(([name, value]) => isSecretName(name) && value.length >= 4).map(([, value]) => value);
  const outputTail = secrets.reduce((text, secret) => text.split(secret).join('***'), outcome.outputTail);
  const params: RunResultParams = {
    uri: args.uri,
    version: args.version,
    result: { stepId: step.id, exitCode: outcome.exitCode, durationMs: outcome.durationMs, startedAt: outcome.startedAt, by: await whoAmI(cwd.path), outputTail },
  };
  const reply = await services.ctx.languageClient.sendRequest(RunResultRequest.type, params).catch((error: Error) => ({ recorded: false, message: error.message }));
  if (!reply.recorded) void vscode.window.showWarningMessage(`Preflight: the run finished (exit ${outcome.exitCode}) but was not recorded: ${reply.message ?? 'unknown reason'}`);
  if (outcome.exitCode !== 0) {
    void vscode.window.showErrorMessage(`Preflight: "${labelOf(step)}" failed with exit code ${outcome.exitCode}.`, 'Show Terminal').then((choice) => choice && run.terminal.show());
  }
  return outcome.exitCode === 0 ? 'passed' : 'failed';
}

export function labelOf(step: OutlineStep): string {
  const first = step.command.split('\n').find((l) => l.trim() !== '' && !l.trim().startsWith('#')) ?? step.command;
  const line = first.trim().replace(/^\$\s+/, '');
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}

/** `preflight.run.confirm`: always, only for dangerous commands (default), or never. */
async function confirmed(uri: vscode.Uri, script: string): Promise<boolean> {
  const mode = vscode.workspace.getConfiguration('preflight.run', uri).get<string>('confirm', 'dangerous');
  const danger = dangerOf(script);
  if (mode === 'never' || (mode !== 'always' && !danger)) return true;
  const message = danger ? `This step ${danger}. Run it?` : 'Run this step?';
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail: script }, 'Run');
  return choice === 'Run';
}

/** The front matter's `cwd:` against the checklist's workspace folder, or that folder (the file's own folder outside one). */
function workingDirectory(uri: vscode.Uri, outline: Outline): { path: string } | { error: string } {
  const base = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? (uri.scheme === 'file' ? path.dirname(uri.fsPath) : vscode.workspace.workspaceFolders?.[0]?.uri.fsPath);
  if (!base) return { error: 'an untitled checklist outside a workspace has no folder to run in; save it first.' };
  const cwd = outline.run.cwd ? path.resolve(base, outline.run.cwd) : base;
  if (!fs.existsSync(cwd) || !fs.statSync(cwd).isDirectory()) return { error: `the front matter's cwd "${outline.run.cwd}" is not a folder (${cwd}); fix it and run again.` };
  return { path: cwd };
}

/** Front matter `env:` plus a value for every variable the script uses that nothing sets; undefined when the user backs out. */
async function variables(script: string, outline: Outline, answers: Map<string, string>): Promise<Record<string, string> | undefined> {
  const env = { ...outline.run.env };
  const known = (name: string) => name in env || answers.has(name) || process.env[name] !== undefined;
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
