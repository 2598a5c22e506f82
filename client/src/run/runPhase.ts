/** Runs every step of a section in order (its sub-sections too), stopping at the first that does not pass; returns the results. */
import * as vscode from 'vscode';
import type { Outline, OutlinePhase, OutlineStep } from '@preflight/protocol';
import type { TreeNode } from '../checklists/treeNodes';
import { phaseAtLine, phasesOf } from '../checklists/walk';
import { activeChecklist, type Command, type MachineServices } from '../commands/command';
import { labelOf, runOneStep, type StepResult } from './runStep';

export const runPhase: Command<MachineServices> = {
  id: 'preflight.runPhase',
  async run(services, node) {
    let uri: string;
    let phase: OutlinePhase | undefined;
    if ((node as TreeNode | undefined)?.kind === 'phase') {
      ({ uri, phase } = node as Extract<TreeNode, { kind: 'phase' }>);
    } else {
      const active = activeChecklist(services);
      if (!active) return;
      uri = active.uri;
      phase = phaseAtLine(services.outlines.get(uri)!, active.editor.selection.active.line);
    }
    const outline = services.outlines.get(uri);
    if (!outline || !phase) return;
    const steps = stepsIn(outline, phase);
    if (steps.length === 0) {
      void vscode.window.showInformationMessage(`Preflight: "${phase.title}" has no steps to run.`);
      return;
    }
    const answers = new Map<string, string>();
    const results: StepResult[] = [];
    for (const step of steps) {
      const version = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri)?.version ?? outline.version;
      const result = await runOneStep(
        services,
        { uri, version, stepId: step.id, command: step.command, kind: step.kind === 'inline' ? 'inline' : step.label },
        answers,
      );
      results.push(result);
      if (result !== 'passed') break;
    }
    const passed = results.filter((r) => r === 'passed').length;
    const last = results.at(-1);
    const stopped =
      last === 'passed' ? '' : ` Stopped at "${labelOf(steps[results.length - 1])}" (${last}); ${steps.length - results.length} not run.`;
    const message = `Preflight: "${phase.title}": ${passed} of ${steps.length} step${steps.length === 1 ? '' : 's'} passed.${stopped}`;
    void (last === 'passed' ? vscode.window.showInformationMessage(message) : vscode.window.showWarningMessage(message));
    return { steps: steps.length, results };
  },
};

/** Steps from the phase's heading to the next heading at its level or above. */
function stepsIn(outline: Outline, phase: OutlinePhase): OutlineStep[] {
  const from = phase.range.start.line;
  const next = [...phasesOf(outline)].find((p) => p.range.start.line > from && p.level <= phase.level);
  const to = next ? next.range.start.line : Infinity;
  return outline.steps.filter((s) => s.range.start.line > from && s.range.start.line < to);
}
