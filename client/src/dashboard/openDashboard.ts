/** Preflight: Open Dashboard — the active checklist's live dashboard, in a webview beside it. */
import * as vscode from 'vscode';
import { activeChecklist, type Command } from '../commands/command';
import { DashboardPanel } from './dashboardPanel';

export const openDashboard: Command = {
  id: 'preflight.openDashboard',
  run(services) {
    // From the view title or the palette the focus may sit elsewhere (the dashboard itself, a terminal):
    // a checklist visible beside it will do. With none, activeChecklist says what to open.
    const editor = [vscode.window.activeTextEditor, ...vscode.window.visibleTextEditors].find(
      (candidate) => candidate && services.outlines.get(candidate.document.uri),
    );
    if (editor) DashboardPanel.show(services, editor);
    else activeChecklist(services);
  },
};
