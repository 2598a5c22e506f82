/**
 * The live state of each ECS target in the tree: fetched when its row is expanded or refreshed, and polled
 * with backoff while a rollout is in progress, until it completes or fails.
 */
import * as vscode from 'vscode';
import type { EcsTarget } from '@preflight/protocol';
import type { ServiceState } from './service';
import { ecsModule, ecsSettings } from './ecsModule';
import { targetLabel } from './targetLabel';
import { EndpointConsent } from './endpointConsent';

export interface EcsEntry {
  state?: ServiceState;
  /** What went wrong on the last fetch, said for a person. */
  problem?: string;
}

const MAX_POLL_MS = 60_000;

interface Live extends EcsEntry {
  timer?: NodeJS.Timeout;
  pollMs?: number;
  /** When polling gives up on a rollout that does not settle. */
  pollUntil?: number;
}

export class EcsStates implements vscode.Disposable {
  private readonly entries = new Map<string, Live>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  /** Which endpoints named by a checklist the user allowed this session; every ECS caller asks it first. */
  readonly endpoints = new EndpointConsent();

  get(uri: string, target: EcsTarget): EcsEntry | undefined {
    return this.entries.get(keyOf(uri, target));
  }

  /**
   * Fetches the state now; keeps polling while a rollout is in progress. `polling`: a poll, not a request.
   * `ask`: a click (Refresh) may ask about the checklist's endpoint; expanding the row never shows a modal.
   */
  async refresh(uri: string, target: EcsTarget, polling = false, ask = false): Promise<void> {
    const key = keyOf(uri, target);
    const entry: Live = this.entries.get(key) ?? {};
    this.entries.set(key, entry);
    clearTimeout(entry.timer);
    if (!polling) {
      delete entry.pollUntil;
      delete entry.pollMs;
    }
    const ecs = ecsModule();
    const settings = ecsSettings(vscode.Uri.parse(uri));
    const consent = await this.endpoints.check(uri, target, settings.endpoint, ask);
    if (!consent.allowed) {
      entry.problem = consent.why[0].toUpperCase() + consent.why.slice(1);
      this.changed.fire();
      return;
    }
    const connection = ecs.connect(target, settings.endpoint);
    try {
      entry.state = await ecs.describeService(connection.read, target);
      delete entry.problem;
    } catch (error) {
      entry.problem = ecs.ecsProblemOf(error, 'DescribeServices', target, connection.endpoint).message;
    } finally {
      connection.dispose();
    }
    // A rollout that never settles is polled no longer than a rollback would follow it.
    entry.pollUntil ??= Date.now() + settings.timeoutMs;
    if (entry.state && !entry.problem && ecs.rolloutPhase(entry.state) === 'in-progress' && Date.now() < entry.pollUntil) {
      entry.pollMs = Math.min(entry.pollMs ? entry.pollMs * 1.5 : settings.pollMs, MAX_POLL_MS);
      entry.timer = setTimeout(() => void this.refresh(uri, target, true), entry.pollMs);
    } else {
      delete entry.pollMs;
      delete entry.pollUntil;
    }
    this.changed.fire();
  }

  /** A state seen elsewhere (the rollback's own polling), so the tree shows it without asking again. */
  set(uri: string, target: EcsTarget, state: ServiceState): void {
    const entry: Live = this.entries.get(keyOf(uri, target)) ?? {};
    entry.state = state;
    delete entry.problem;
    this.entries.set(keyOf(uri, target), entry);
    this.changed.fire();
  }

  dispose(): void {
    for (const entry of this.entries.values()) clearTimeout(entry.timer);
    this.changed.dispose();
  }
}

function keyOf(uri: string, target: EcsTarget): string {
  return `${uri} ${target.region ?? ''} ${targetLabel(target)}`;
}
