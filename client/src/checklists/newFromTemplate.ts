/**
 * New Checklist from Template…: pick a bundled template or one of the workspace's own
 * (`.preflight/templates/*.md`), answer its placeholders (defaults such as today and git's user.name), and
 * get `checklists/<slug>-<date>.md` in the workspace folder, opened. An existing file is never overwritten.
 * The server reads and fills the template; the client only asks and writes.
 */
import * as vscode from 'vscode';
import { FillTemplateRequest, TemplateDefaults, type TemplateInfo, TemplateInfoRequest } from '@preflight/protocol';
import { localDate } from '../time';
import { BUNDLED_TEMPLATES } from './bundledTemplates';
import { fileNameOf } from './discovery';
import type { Command, Services } from '../commands/command';

/** Arguments for programmatic use (other extensions, tests); anything missing is asked for. */
export interface NewFromTemplateArgs {
  template?: vscode.Uri;
  folder?: vscode.Uri;
  values?: Record<string, string>;
}

interface Template {
  uri: vscode.Uri;
  text: string;
  info: TemplateInfo;
  where: string;
}

export const newFromTemplate: Command = {
  id: 'preflight.newFromTemplate',
  async run(services, raw) {
    const args = (raw ?? {}) as NewFromTemplateArgs;
    const folder = args.folder ?? (await pickFolder());
    if (!folder) return undefined;
    const template = args.template ? await load(services, args.template, 'given') : await pickTemplate(services, folder);
    if (!template) return undefined;
    const values = await answers(services, template.info, folder, args.values ?? {});
    if (!values) return undefined;
    const filled = await services.ctx.languageClient.sendRequest(FillTemplateRequest.type, {
      text: template.text,
      fileName: fileNameOf(template.uri),
      values,
      today: localDate(new Date()),
    });
    if ('error' in filled) {
      void vscode.window.showErrorMessage(`Preflight: ${template.info.name} could not be filled: ${filled.error}`);
      return undefined;
    }
    const target = vscode.Uri.joinPath(folder, ...filled.path.split('/'));
    // On the desktop by realpath: a `checklists/` symlinked to another place must not receive the file.
    const root = vscode.workspace.getWorkspaceFolder(folder)?.uri ?? folder;
    const written = await services.files.create(root, target, filled.text, "the new checklist's folder");
    if (!written.created) {
      const exists = written.reason === 'exists';
      const message = exists
        ? `Preflight: ${vscode.workspace.asRelativePath(target)} already exists and was not overwritten. Pick another date, or open it.`
        : written.reason === 'outside'
          ? `Preflight: nothing was written: ${written.message}`
          : `Preflight: could not write ${vscode.workspace.asRelativePath(target)}: ${written.message}`;
      const open = exists ? 'Open Existing' : undefined;
      void vscode.window.showErrorMessage(message, ...(open ? [open] : [])).then((choice) => {
        if (choice) void vscode.window.showTextDocument(target);
      });
      return undefined;
    }
    await vscode.window.showTextDocument(target);
    void vscode.window.showInformationMessage(
      `Preflight: ${vscode.workspace.asRelativePath(target)} created from "${template.info.name}".`,
    );
    return target;
  },
};

async function pickFolder(): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showInformationMessage('Preflight: open a folder first; the new checklist goes into its checklists/ folder.');
    return undefined;
  }
  if (folders.length === 1) return folders[0].uri;
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Create the checklist in which folder?' }))?.uri;
}

/** The workspace's own templates first (a team's templates are the ones it means), then the bundled ones. */
async function pickTemplate(services: Services, folder: vscode.Uri): Promise<Template | undefined> {
  const own = await templatesIn(services, vscode.Uri.joinPath(folder, '.preflight', 'templates'), '.preflight/templates');
  const bundled = await loadAll(services, vscode.Uri.joinPath(services.extensionUri, 'templates'), BUNDLED_TEMPLATES, 'bundled');
  const items = [...own, ...bundled].map((template) => ({
    label: template.info.name,
    description: template.where,
    detail: template.info.description,
    template,
  }));
  if (items.length === 0) {
    void vscode.window.showWarningMessage('Preflight: no templates found (bundled templates/ or .preflight/templates/*.md).');
    return undefined;
  }
  return (
    await vscode.window.showQuickPick(items, {
      title: 'New Checklist from Template',
      placeHolder: 'Pick a template',
      matchOnDescription: true,
      matchOnDetail: true,
    })
  )?.template;
}

async function templatesIn(services: Services, dir: vscode.Uri, where: string): Promise<Template[]> {
  let entries: [string, vscode.FileType][];
  try {
    entries = await vscode.workspace.fs.readDirectory(dir);
  } catch {
    return []; // no such folder: no templates there
  }
  const names = entries
    .filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.md'))
    .map(([name]) => name)
    .sort();
  return loadAll(services, dir, names, where);
}

async function loadAll(services: Services, dir: vscode.Uri, names: readonly string[], where: string): Promise<Template[]> {
  const loaded = await Promise.all(names.map((name) => load(services, vscode.Uri.joinPath(dir, name), where)));
  return loaded.filter((t): t is Template => t !== undefined);
}

async function load(services: Services, uri: vscode.Uri, where: string): Promise<Template | undefined> {
  try {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const info = await services.ctx.languageClient.sendRequest(TemplateInfoRequest.type, { text, fileName: fileNameOf(uri) });
    return { uri, text, info, where };
  } catch (error) {
    void vscode.window.showWarningMessage(`Preflight: template ${uri.toString(true)} could not be read: ${(error as Error).message}`);
    return undefined;
  }
}

/** A value for every placeholder: given ones, then an input box each, proposing its default. */
async function answers(
  services: Services,
  info: TemplateInfo,
  folder: vscode.Uri,
  given: Record<string, string>,
): Promise<Record<string, string> | undefined> {
  const values: Record<string, string> = {};
  const asked = info.placeholders.filter((p) => given[p.name] === undefined);
  for (const placeholder of info.placeholders) {
    if (given[placeholder.name] !== undefined) {
      values[placeholder.name] = given[placeholder.name];
      continue;
    }
    const value = await vscode.window.showInputBox({
      title: `New ${info.name} (${asked.indexOf(placeholder) + 1}/${asked.length})`,
      prompt: `${placeholder.prompt} — fills {{${placeholder.name}}}`,
      value: await defaultOf(services, placeholder.default, folder),
      placeHolder: placeholder.example,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() === '' ? 'A value is needed.' : /[\r\n]/.test(v) ? 'One line only.' : undefined),
    });
    if (value === undefined) return undefined;
    values[placeholder.name] = value.trim();
  }
  return values;
}

async function defaultOf(services: Services, value: string | undefined, folder: vscode.Uri): Promise<string | undefined> {
  if (value === TemplateDefaults.today) return localDate(new Date());
  // git's user.name where git may run (a trusted desktop folder); on the web, no default.
  if (value === TemplateDefaults.gitUserName) return services.files.userName(folder);
  return value;
}
