// The extension's API (what activate() returns) and the CLI report the tree is compared with.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PreflightApi } from '../../../client/src/extension.ts';
import type { FileNode, TreeNode } from '../../../client/src/checklists/treeNodes.ts';
import { EXTENSION_ID, e2e } from './env.ts';
import { until } from './wait.ts';

export async function preflight(): Promise<PreflightApi> {
  const ext = vscode.extensions.getExtension<PreflightApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded`);
  return ext.activate();
}

/** The tree's row of a file once its outline has arrived. */
export async function fileRow(api: PreflightApi, file: string): Promise<FileNode> {
  const uri = vscode.Uri.file(file);
  return until(
    () => {
      const node = api.tree.file(uri);
      return node?.outline && node;
    },
    `the tree row of ${path.basename(file)} with its outline`,
  );
}

export function label(api: PreflightApi, node: TreeNode): string {
  const item = api.tree.getTreeItem(node);
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

export interface ReportPhase {
  id: string;
  title: string;
  total: number;
  done: number;
  phases: ReportPhase[];
}

/**
 * `preflight report --format json` from the built CLI (the numbers reviewers see in CI) of the text the
 * editor holds: code-server saves after a delay, so the file on disk may lag the document.
 */
export function cliReport(file: string): { title: string; total: number; done: number; phases: ReportPhase[] } {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file);
  const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-report-')), path.basename(file));
  fs.writeFileSync(copy, doc ? doc.getText() : fs.readFileSync(file));
  const cli = path.join(e2e.repo, 'server/dist/cli.js');
  return JSON.parse(
    execFileSync(process.execPath, [cli, 'report', '--format', 'json', copy], {
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    }),
  );
}
