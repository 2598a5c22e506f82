/**
 * The extension manifest against the code it describes: every setting the server reads is contributed
 * with the server's default, every command has a handler, activation follows the checklist globs, and the
 * grammar tests load the grammar exactly as package.json contributes it.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { defaultSettings } from '../../../server/src/protocol/protocol.ts';

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const contributed: Record<string, { default: unknown; markdownDescription?: string; description?: string }> =
  manifest.contributes.configuration.properties;

/** `{codeLens: {run: true}}` -> [['codeLens.run', true]] */
function flatten(value: object, prefix = ''): [string, unknown][] {
  return Object.entries(value).flatMap(([key, v]) =>
    v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0
      ? flatten(v, `${prefix}${key}.`)
      : [[`${prefix}${key}`, v] as [string, unknown]],
  );
}

test('every server setting is contributed with the server default', () => {
  for (const [key, value] of flatten(defaultSettings)) {
    const property = contributed[`preflight.${key}`];
    assert.ok(property, `preflight.${key} is read by the server but not contributed`);
    assert.deepEqual(property.default, value, `preflight.${key}: contributed default differs from the server's`);
  }
});

test('every contributed setting has a description', () => {
  for (const [key, property] of Object.entries(contributed))
    assert.ok((property.markdownDescription ?? property.description ?? '').length > 20, `${key} needs a description`);
});

test('every contributed command has a handler (a Command in client/src), and every handler is contributed', () => {
  const handled = new Set(
    readdirSync('client/src', { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(`client/src/${f}`, 'utf8'))
      .filter((source) => /\bCommand\b[^;]*\} from '(\.\.\/commands|\.)\/command'/.test(source))
      .flatMap((source) => [...source.matchAll(/\bid: '(preflight\.[A-Za-z.]+)'/g)].map((m) => m[1])),
  );
  const declared = new Set<string>(manifest.contributes.commands.map((c: { command: string }) => c.command));
  assert.deepEqual([...declared].sort(), [...handled].sort());
  for (const binding of manifest.contributes.keybindings)
    assert.ok(declared.has(binding.command), `keybinding for unknown ${binding.command}`);
});

test('workspaceContains activation follows the default checklist globs', () => {
  const globs = manifest.activationEvents
    .filter((e: string) => e.startsWith('workspaceContains:'))
    .map((e: string) => e.slice('workspaceContains:'.length));
  assert.deepEqual(globs, defaultSettings.files);
});

test('the grammar tests load the grammar as package.json contributes it', () => {
  const tests = JSON.parse(readFileSync('test/grammar/grammars.json', 'utf8'));
  for (const grammar of manifest.contributes.grammars) {
    const loaded = tests.contributes.grammars.find((g: { scopeName: string }) => g.scopeName === grammar.scopeName);
    assert.ok(loaded, `${grammar.scopeName} is not loaded by the grammar tests`);
    assert.equal(new URL(loaded.path, 'file:///repo/test/grammar/').pathname, new URL(grammar.path, 'file:///repo/').pathname);
    assert.deepEqual(loaded.injectTo, grammar.injectTo);
  }
});

/** Settings that lower a protection: only the user (or the remote machine) may change them, never a workspace. */
const PROTECTIONS: [section: string, key: string][] = [
  ['preflight.run', 'confirm'],
  ['preflight.signOff', 'gpgSign'],
  ['preflight.ecs', 'endpoint'],
];

test('settings that lower a protection cannot be set by a workspace: machine scope, restricted, read with machineSetting', () => {
  const restricted: string[] = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
  const sources = readdirSync('client/src', { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => [f, readFileSync(`client/src/${f}`, 'utf8')] as const);
  for (const [section, key] of PROTECTIONS) {
    const name = `${section}.${key}`;
    const property = contributed[name] as { scope?: string };
    // `machine-overridable` would let a workspace override it; `machine` and `application` do not.
    assert.ok(property.scope === 'machine' || property.scope === 'application', `${name} has scope ${property.scope}`);
    assert.ok(restricted.includes(name), `${name} is not in restrictedConfigurations`);
    const readers = sources.filter(
      ([, text]) => text.includes(`machineSetting<`) && new RegExp(String.raw`machineSetting<\w+>\('${section}', '${key}'`).test(text),
    );
    assert.ok(readers.length > 0, `${name} is not read with machineSetting`);
    for (const [file, text] of sources) {
      // A plain get() would take a workspace's value where VS Code does not enforce the scope.
      const plain = new RegExp(
        String.raw`getConfiguration\('${section.replace('.', '\\.')}'[^)]*\)[\s\S]{0,400}?\.get(?:<\w+>)?\('${key}'`,
      );
      assert.ok(!plain.test(text), `client/src/${file} reads ${name} with get(), not machineSetting`);
    }
  }
});

/**
 * Settings a hostile workspace could use to stall the editor (a glob is a pattern that runs on every file
 * path; a raised budget or size limit lets a huge document hold the server): restricted, so VS Code ignores a
 * workspace's value in Restricted Mode. Unlike PROTECTIONS they stay resource-scoped, since a trusted
 * workspace legitimately names its own checklists and sizes.
 */
const PATTERN_SETTINGS = ['preflight.files', 'preflight.analysisBudgetMs', 'preflight.maxFileSizeKB'];

test('settings that could stall the editor cannot be set by an untrusted workspace', () => {
  const restricted: string[] = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
  for (const name of PATTERN_SETTINGS) {
    assert.ok(contributed[name], `${name} is not contributed`);
    assert.ok(restricted.includes(name), `${name} is not in restrictedConfigurations`);
  }
  // Every contributed setting whose items are strings matched as globs is in the list above.
  const globLike = Object.entries(contributed)
    .filter(([, p]) =>
      /\bglob/i.test((p as { markdownDescription?: string }).markdownDescription ?? (p as { description?: string }).description ?? ''),
    )
    .map(([name]) => name);
  assert.deepEqual(
    globLike.filter((n) => !PATTERN_SETTINGS.includes(n)),
    [],
    'a setting described as globs is missing from PATTERN_SETTINGS',
  );
  // Every restricted setting exists, so a rename cannot leave a stale entry behind.
  for (const name of restricted) assert.ok(contributed[name], `restrictedConfigurations names ${name}, which is not contributed`);
});

/** The command ids of the Command files a table file imports (client/src/commands/index.ts, client/src/node/machineCommands.ts). */
function commandsOf(table: string): Set<string> {
  const source = readFileSync(table, 'utf8');
  const files = [...source.matchAll(/^import \{[^}]*\} from '(\.\.?\/[^']+)';$/gm)]
    .map((m) => new URL(`${m[1]}.ts`, `file://${process.cwd()}/${table}`).pathname)
    .filter((file) => !file.endsWith('/command.ts'));
  return new Set(files.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\bid: '(preflight\.[A-Za-z.]+)'/g)].map((m) => m[1])));
}

/**
 * Whether a `when` clause is false unless the desktop entry set `preflight.onMachine`: that key as a conjunct of
 * every alternative, or `false`. (Not `isWeb`: code-server is a web workbench whose Node host runs the desktop entry.)
 */
function hiddenOnWeb(when: string | undefined): boolean {
  if (when === undefined) return false;
  if (when.trim() === 'false') return true;
  return when.split('||').every((alternative) => alternative.split('&&').some((term) => term.trim() === 'preflight.onMachine'));
}

test('one VSIX for both hosts: main for the desktop, browser for VS Code for the Web, no extensionKind', () => {
  assert.equal(manifest.main, './client/dist/extension.js');
  assert.equal(manifest.browser, './client/dist/web/extension.js');
  // With an extensionKind of ["ui", "workspace"] code-server would put the extension in its node host only.
  assert.equal(manifest.extensionKind, undefined);
  const shipped = readFileSync('.vscodeignore', 'utf8').split('\n');
  for (const file of ['!client/dist/web/extension.js', '!server/dist/web/*.js'])
    assert.ok(shipped.includes(file), `.vscodeignore lacks ${file}`);
});

test('the commands that need a machine are hidden on the web; the shared ones are not', () => {
  const shared = commandsOf('client/src/commands/index.ts');
  const machine = commandsOf('client/src/node/machineCommands.ts');
  assert.ok(
    machine.has('preflight.runStep') && machine.has('preflight.signOff') && machine.has('preflight.reviewChanges'),
    [...machine].join(),
  );
  assert.ok(
    shared.has('preflight.toggleItem') && shared.has('preflight.newRun') && shared.has('preflight.openDashboard'),
    [...shared].join(),
  );
  assert.deepEqual(
    [...shared].filter((id) => machine.has(id)),
    [],
    'a command in both tables',
  );
  const declared = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
  assert.deepEqual([...shared, ...machine].sort(), declared, 'every contributed command is in exactly one table');
  const entries: { where: string; command: string; when?: string }[] = [
    ...Object.entries(manifest.contributes.menus as Record<string, { command: string; when?: string }[]>).flatMap(([menu, items]) =>
      items.map((item) => ({ where: `menus.${menu}`, ...item })),
    ),
    ...manifest.contributes.keybindings.map((k: { command: string; when?: string }) => ({ where: 'keybindings', ...k })),
  ];
  // Every machine command has a palette entry: without one VS Code would list it in the palette unconditionally.
  for (const id of machine)
    assert.ok(
      manifest.contributes.menus.commandPalette.some((e: { command: string }) => e.command === id),
      `${id} has no commandPalette entry`,
    );
  for (const entry of entries) {
    if (machine.has(entry.command))
      assert.ok(hiddenOnWeb(entry.when), `${entry.where}: ${entry.command} shows on the web (when: ${entry.when ?? 'always'})`);
    else
      assert.doesNotMatch(
        entry.when ?? '',
        /\bpreflight\.onMachine\b|\bisWeb\b/,
        `${entry.where}: ${entry.command} works on the web, but is hidden there`,
      );
  }
});

test('only the desktop entry sets preflight.onMachine', () => {
  const setter = /setContext', 'preflight\.onMachine', true/;
  assert.match(readFileSync('client/src/extension.ts', 'utf8'), setter);
  for (const file of ['client/src/activation.ts', 'client/src/web/extension.ts'])
    assert.doesNotMatch(readFileSync(file, 'utf8'), setter, `${file} sets preflight.onMachine`);
});

test('hiddenOnWeb reads when clauses', () => {
  assert.equal(hiddenOnWeb('false'), true);
  assert.equal(hiddenOnWeb('preflight.isChecklist && isWorkspaceTrusted && preflight.onMachine'), true);
  assert.equal(hiddenOnWeb('a && preflight.onMachine || b && preflight.onMachine'), true);
  assert.equal(hiddenOnWeb('a && preflight.onMachine || b'), false);
  assert.equal(hiddenOnWeb('a && !isWeb'), false);
  assert.equal(hiddenOnWeb('isWorkspaceTrusted'), false);
  assert.equal(hiddenOnWeb(undefined), false);
});

test('the bundled templates New Checklist from Template lists are the templates/*.md the VSIX ships', async () => {
  // On vscode.dev workspace.fs cannot list the extension's folder, so the client names them.
  const { BUNDLED_TEMPLATES } = await import('../../../client/src/checklists/bundledTemplates.ts');
  const shipped = readdirSync('templates').filter((name) => name.endsWith('.md'));
  assert.deepEqual([...BUNDLED_TEMPLATES].sort(), shipped.sort());
});
