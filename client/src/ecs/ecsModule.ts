/**
 * The ECS service lives in its own bundle (client/dist/ecs.js, from client/src/services/ecs): the AWS SDK
 * would otherwise triple the extension's size at activation. It is required on first use.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { machineSetting } from '../machineSetting';
import type * as Ecs from './service';

let loaded: typeof Ecs | undefined;

export function ecsModule(): typeof Ecs {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a separate bundle, loaded lazily on purpose
  loaded ??= require(path.join(__dirname, 'ecs.js')) as typeof Ecs;
  return loaded;
}

export interface EcsSettings {
  /** Overrides every target's endpoint (a local fake, a proxy); empty for AWS's own. */
  endpoint: string;
  pollMs: number;
  timeoutMs: number;
}

export function ecsSettings(uri: vscode.Uri): EcsSettings {
  const config = vscode.workspace.getConfiguration('preflight.ecs', uri);
  return {
    // The user's own setting: a workspace cannot point every checklist at its own endpoint (machineSetting.ts).
    endpoint: String(machineSetting<string>('preflight.ecs', 'endpoint', '')).trim(),
    pollMs: Math.max(1, config.get<number>('pollIntervalSeconds', 5)) * 1000,
    timeoutMs: Math.max(1, config.get<number>('rolloutTimeoutMinutes', 20)) * 60_000,
  };
}
