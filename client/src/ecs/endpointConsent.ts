/**
 * Asks once per checklist and endpoint, for the session, before ECS requests go to an endpoint a checklist
 * names that is not AWS's own (or is plain http). The user's own `preflight.ecs.endpoint` setting, and AWS's
 * endpoints, need no question. The answer, yes or no, is kept until the window reloads.
 */
import * as vscode from 'vscode';
import type { EcsTarget } from '@preflight/protocol';
import { targetLabel } from './targetLabel';
import { endpointConcern } from './endpointTrust';

export type Consent = { allowed: true } | { allowed: false; why: string };

export class EndpointConsent {
  private readonly answers = new Map<string, boolean>();

  /**
   * May requests for `target` of checklist `uri` go where they would go? `ask`: show the question when it was
   * not answered yet (a click); false for background reads (the tree), which then say how to be asked.
   */
  async check(uri: string, target: EcsTarget, settingEndpoint: string, ask: boolean): Promise<Consent> {
    if (settingEndpoint || !target.endpoint) return { allowed: true };
    const concern = endpointConcern(target.endpoint);
    if (!concern) return { allowed: true };
    const key = `${uri}\n${target.endpoint}`;
    const known = this.answers.get(key);
    if (known === true) return { allowed: true };
    if (known === false) {
      return {
        allowed: false,
        why: `ECS endpoint ${target.endpoint} (named by this checklist) was not allowed in this session; reload the window to be asked again, or set preflight.ecs.endpoint in your user settings.`,
      };
    }
    if (!ask)
      return {
        allowed: false,
        why: `this checklist names the ECS endpoint ${target.endpoint}, which ${concern}. Refresh the service to be asked whether to use it.`,
      };
    const file = vscode.workspace.asRelativePath(vscode.Uri.parse(uri));
    const choice = await vscode.window.showWarningMessage(
      `${file} sends the ECS requests for ${targetLabel(target)} to ${target.endpoint}. Use this endpoint?`,
      {
        modal: true,
        detail: `Endpoint: ${target.endpoint}\nIt ${concern}.\n\nPreflight asks once per checklist and endpoint until the window reloads. An endpoint you set yourself (preflight.ecs.endpoint in your user settings) is never asked about.`,
      },
      'Use This Endpoint',
    );
    const allowed = choice === 'Use This Endpoint';
    this.answers.set(key, allowed);
    return allowed
      ? { allowed: true }
      : { allowed: false, why: `not asked: ECS endpoint ${target.endpoint} was not allowed for this checklist.` };
  }
}
