/**
 * The `preflight` settings of a resource, pulled with workspace/configuration when the client can
 * answer it, cached per resource and dropped when the client says they changed. Values of the wrong
 * shape fall back to the defaults, so a typo in settings.json never breaks analysis.
 */
import type { Connection } from 'vscode-languageserver';
import { analysisBudgetMinMs, defaultSettings, type RuleSetting, type Settings } from '../protocol/protocol.js';
import { rules as allRules } from '../core/rules/index.js';

export class SettingsCache {
  private readonly byUri = new Map<string, Promise<Settings>>();
  /** Settings pushed by clients without workspace/configuration (didChangeConfiguration). */
  private pushed: unknown;
  /** Former rule ids already warned about: once per server, not once per document. */
  private readonly warnedFormerIds = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly canPull: () => boolean,
  ) {}

  get(uri: string): Promise<Settings> {
    let hit = this.byUri.get(uri);
    if (!hit) {
      hit = this.pull(uri).then((settings) => this.warnAboutFormerIds(settings));
      this.byUri.set(uri, hit);
    }
    return hit;
  }

  /** Forget everything; `pushed` is the `settings` of a didChangeConfiguration, if it carried any. */
  changed(pushed?: unknown): void {
    if (pushed !== undefined && pushed !== null) this.pushed = (pushed as { preflight?: unknown }).preflight ?? pushed;
    this.byUri.clear();
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  /** A `preflight.rules` entry for a rule that was split still applies to its parts: say which, once. */
  private warnAboutFormerIds(settings: Settings): Settings {
    for (const id of Object.keys(settings.rules)) {
      const parts = allRules.filter((r) => r.formerId === id).map((r) => r.id);
      if (parts.length === 0 || this.warnedFormerIds.has(id)) continue;
      this.warnedFormerIds.add(id);
      this.connection.console.warn(
        `Preflight: the rule "${id}" was split into ${parts.join(', ')}; its setting applies to all of them. Name them instead: "${id}" will stop working in a later release.`,
      );
    }
    return settings;
  }

  private async pull(uri: string): Promise<Settings> {
    if (!this.canPull()) return normalise(this.pushed);
    try {
      return normalise(await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'preflight' }));
    } catch (error) {
      this.connection.console.warn(`Preflight: could not read settings for ${uri} (${(error as Error).message}); using the defaults.`);
      this.byUri.delete(uri);
      return defaultSettings;
    }
  }
}

const RULE_SETTINGS = new Set<RuleSetting>(['error', 'warning', 'info', 'off']);

export function normalise(raw: unknown): Settings {
  const value = (raw ?? {}) as Record<string, unknown>;
  const object = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const bool = (v: unknown, fallback: boolean) => (typeof v === 'boolean' ? v : fallback);
  const lens = object(value.codeLens);
  const run = object(value.run);
  const rules: Record<string, RuleSetting> = {};
  for (const [id, setting] of Object.entries(object(value.rules)))
    if (RULE_SETTINGS.has(setting as RuleSetting)) rules[id] = setting as RuleSetting;
  const files =
    Array.isArray(value.files) && value.files.every((f) => typeof f === 'string') ? (value.files as string[]) : defaultSettings.files;
  const check = run.checkOnSuccess;
  return {
    files,
    rules,
    codeLens: {
      progress: bool(lens.progress, defaultSettings.codeLens.progress),
      run: bool(lens.run, defaultSettings.codeLens.run),
      signOff: bool(lens.signOff, defaultSettings.codeLens.signOff),
      ecs: bool(lens.ecs, defaultSettings.codeLens.ecs),
    },
    run: { checkOnSuccess: check === 'always' || check === 'never' || check === 'inline' ? check : defaultSettings.run.checkOnSuccess },
    maxFileSizeKB: typeof value.maxFileSizeKB === 'number' && value.maxFileSizeKB > 0 ? value.maxFileSizeKB : defaultSettings.maxFileSizeKB,
    // Below the minimum is raised to it, not ignored: the user asked for a small budget.
    analysisBudgetMs:
      typeof value.analysisBudgetMs === 'number' && Number.isFinite(value.analysisBudgetMs)
        ? Math.max(analysisBudgetMinMs, value.analysisBudgetMs)
        : defaultSettings.analysisBudgetMs,
  };
}
