/**
 * The Checklists view: every checklist of the workspace → phases → sections → items, with done/total,
 * percent and a state icon. Items carry native checkboxes that toggle the line through the server
 * (one undoable edit); a click reveals the line; the view follows the active editor.
 */
import * as vscode from 'vscode';
import { ServerCommands, type ToggleItemsArgs } from '@preflight/protocol';
import { escapeMarkdownInline } from '../../../server/src/text/markdownText';
import type { Ctx } from '../ctx';
import { exists, findChecklists, MAX_CHECKLISTS } from './discovery';
import type { Outlines } from './outlines';
import { targetLabel } from '../ecs/targetLabel';
import type { EcsStates } from '../ecs/ecsStates';
import type { RoleStates } from '../signoff/roleStates';
import type { Reviews } from '../review/reviews';
import { summaryOf } from '../ecs/service/serviceState';
import { changeRow, changesSection } from '../review/changeRow';
import { ecsRows } from '../ecs/ecsRows';
import { roleRow } from '../signoff/roleRow';
import {
  type ChangesNode,
  countLabel,
  type EcsNode,
  type EcsRowNode,
  type FileNode,
  fileNode,
  hasOpen,
  nodeAtLine,
  type PhaseNode,
  percent,
  type RoleNode,
  type TreeNode,
} from './treeNodes';

export const TREE_VIEW_ID = 'preflight.checklists';
const FOLLOW_DELAY_MS = 150;
const FOLLOW_ATTEMPTS = 4;
/**
 * Changes that arrive together (the outlines of a workspace scan, a tick's progress and its sign-off
 * states) redraw the view once. Every redraw also makes VS Code forget the rows until it asks for them
 * again, and a checkbox clicked in that gap is dropped (its event comes with no items), so fewer redraws
 * lose fewer clicks.
 */
const REDRAW_DELAY_MS = 40;

export class ChecklistTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private files = new Map<string, FileNode>();
  private openOnly = false;
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<TreeNode>;
  private readonly disposables: vscode.Disposable[];
  private followTimer: NodeJS.Timeout | undefined;
  private redrawTimer: NodeJS.Timeout | undefined;
  private scanning: Promise<void> | undefined;
  private rescan = false;
  /** The workspace is scanned once the view is first shown: opening every checklist costs the server work. */
  private shown = false;
  /** Each file's "Changes" rows, kept while its file row and its changes are the same objects (reveal needs stable rows). */
  private readonly changeRows = new Map<string, { node: ChangesNode; from: unknown }>();

  constructor(
    private readonly ctx: Ctx,
    private readonly outlines: Outlines,
    private readonly roles: RoleStates,
    /** ECS rows and a review's "Changes" rows: the desktop's; absent on the web (no AWS SDK, no git). */
    private readonly machine?: { ecs: EcsStates; reviews: Reviews },
  ) {
    this.view = vscode.window.createTreeView(TREE_VIEW_ID, {
      treeDataProvider: this,
      showCollapseAll: true,
      manageCheckboxStateManually: true,
    });
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.md');
    this.disposables = [
      this.view,
      this.changed,
      watcher,
      this.view.onDidChangeCheckboxState((e) => void this.checkboxesChanged(e.items)),
      outlines.onDidChange((uri) => this.outlineChanged(uri)),
      watcher.onDidCreate(() => void this.refresh()),
      watcher.onDidDelete((uri) => {
        this.files.delete(uri.toString());
        this.outlines.forget(uri);
        this.redraw();
      }),
      // An open document follows the disk itself (the server sees the change); a closed one is read again.
      watcher.onDidChange((uri) => {
        if (this.files.has(uri.toString()) && !vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()))
          void this.outlines.load(uri);
      }),
      roles.onDidChange((uri) => this.files.has(uri) && this.redraw()),
      ...(machine
        ? [
            machine.ecs.onDidChange(() => this.redraw()),
            machine.reviews.onDidChange((uri) => (uri === undefined || this.files.has(uri)) && this.redraw()),
          ]
        : []),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.redraw()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('preflight.files') && void this.refresh()),
      vscode.window.onDidChangeActiveTextEditor(() => this.follow()),
      vscode.window.onDidChangeTextEditorSelection((e) => e.textEditor === vscode.window.activeTextEditor && this.follow()),
      this.view.onDidChangeVisibility((e) => e.visible && this.shownNow()),
    ];
    if (this.view.visible) this.shownNow();
  }

  /** Finds the workspace's checklists again and loads each outline; asked during a scan, scans once more after it. */
  refresh(): Promise<void> {
    if (!this.shown) return Promise.resolve();
    if (this.scanning) {
      this.rescan = true;
      return this.scanning;
    }
    this.scanning = (async () => {
      do {
        this.rescan = false;
        await this.scan();
      } while (this.rescan);
    })().finally(() => (this.scanning = undefined));
    return this.scanning;
  }

  private shownNow(): void {
    if (!this.shown) {
      this.shown = true;
      void this.refresh();
    }
    this.follow();
  }

  setOpenOnly(openOnly: boolean): void {
    this.openOnly = openOnly;
    void vscode.commands.executeCommand('setContext', 'preflight.openOnly', openOnly);
    this.view.description = openOnly ? 'open items only' : undefined;
    this.redraw();
  }

  private redraw(): void {
    this.redrawTimer ??= setTimeout(() => {
      this.redrawTimer = undefined;
      this.changed.fire(undefined);
    }, REDRAW_DELAY_MS);
  }

  /** The rows of a checklist file (undefined when it is not in the tree). */
  file(uri: vscode.Uri | string): FileNode | undefined {
    return this.files.get(uri.toString());
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (node?.kind === 'ecs') return this.ecsChildren(node);
    const all = node ? node.children : this.roots();
    // Without the machine part (the web) a checklist's ECS targets get no rows: nothing could fill them.
    const nodes = this.machine ? all : all.filter((n) => n.kind !== 'ecs');
    const shown = this.openOnly ? nodes.filter(hasOpen) : nodes;
    const changes = node?.kind === 'file' ? this.changesNode(node) : undefined;
    return changes ? [changes, ...shown] : shown;
  }

  /**
   * The "Changes" section of a checklist the review covers, first under its file. Drawing it is what asks
   * for the changes (once per checklist; they arrive by onDidChange), so a collapsed file runs no git.
   */
  changesNode(file: FileNode): ChangesNode | undefined {
    const reviews = this.machine?.reviews;
    if (!file.outline || !reviews?.covers(file.uri)) return undefined;
    const changes = reviews.get(file.uri);
    const known = this.changeRows.get(file.uri);
    if (known && known.node.parent === file && known.from === changes) return known.node;
    const node: ChangesNode = { kind: 'changes', uri: file.uri, parent: file, children: [] };
    node.children = (changes?.checked ? changes.changes : []).map((change) => ({
      kind: 'change',
      uri: file.uri,
      change,
      parent: node,
      children: [],
    }));
    this.changeRows.set(file.uri, { node, from: changes });
    return node;
  }

  /** Expanding a service's row is what asks ECS for its state (never in an untrusted workspace). */
  private ecsChildren(node: EcsNode): EcsRowNode[] {
    const ecs = this.machine?.ecs;
    if (!ecs) return [];
    const entry = ecs.get(node.uri, node.target);
    if (!entry && vscode.workspace.isTrusted) void ecs.refresh(node.uri, node.target);
    node.children = ecsRows(node, entry, vscode.workspace.isTrusted);
    return node.children;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.kind === 'file' ? undefined : node.parent;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'file':
        return this.fileItem(node);
      case 'phase': {
        if (node.role) return this.roleItem(node);
        const { phase } = node;
        const item = new vscode.TreeItem(
          phase.title,
          node.children.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
        );
        item.id = `${node.uri}#phase:${phase.id}`;
        item.description =
          phase.total > 0
            ? `${countLabel(phase)}${phase.conditional ? ' · if triggered' : ''}`
            : phase.conditional
              ? 'if triggered'
              : undefined;
        item.iconPath = stateIcon(phase.done, phase.total);
        item.contextValue = phase.total > 0 ? 'phase' : 'heading';
        item.tooltip = new vscode.MarkdownString(
          `**${escapeMarkdownInline(phase.title)}**\n\n${phase.done} of ${phase.total} done (${percent(phase)}%), required ${phase.required.done}/${phase.required.total}${phase.conditional ? '\n\nConditional: only needed when triggered; never blocks sign-off.' : ''}`,
        );
        item.command = revealCommand(node.uri, phase.range.start.line);
        return item;
      }
      case 'role':
        return this.roleItem(node);
      case 'changes': {
        const look = changesSection(this.machine?.reviews.get(node.uri), this.machine?.reviews.current?.label ?? '');
        // Always expandable: VS Code keeps a row's first state by id, and the changes arrive after it.
        const item = new vscode.TreeItem(look.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `${node.uri}#changes`;
        item.description = look.description;
        item.iconPath = new vscode.ThemeIcon(look.icon);
        item.contextValue = 'changes';
        item.tooltip = new vscode.MarkdownString(look.tooltip);
        return item;
      }
      case 'change': {
        const row = changeRow(node.change, this.machine?.reviews.current?.label ?? '');
        const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
        item.id = `${node.uri}#change:${node.change.kind}:${node.change.itemId}`;
        item.description = row.description;
        item.iconPath = new vscode.ThemeIcon(row.icon, new vscode.ThemeColor(row.color));
        item.contextValue = `change.${node.change.kind}`;
        item.tooltip = new vscode.MarkdownString(row.tooltip);
        // A removed item has no line left to show.
        if (node.change.line !== undefined) item.command = revealCommand(node.uri, node.change.line);
        return item;
      }
      case 'ecs': {
        const { target } = node;
        const entry = this.machine?.ecs.get(node.uri, target);
        const item = new vscode.TreeItem(`ECS ${targetLabel(target)}`, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `${node.uri}#ecs:${targetLabel(target)}`;
        item.description = entry?.state ? summaryOf(entry.state) : entry?.problem ? 'error' : target.region;
        item.iconPath = new vscode.ThemeIcon('server-environment');
        item.contextValue = 'ecsTarget';
        item.tooltip = [
          `ECS service ${target.service} in cluster ${target.cluster}`,
          target.region && `region ${target.region}`,
          target.profile && `profile ${target.profile}`,
          target.endpoint && `endpoint ${target.endpoint}`,
          typeof target.source === 'object' ? `named on line ${target.source.line + 1}` : 'from the front matter',
        ]
          .filter(Boolean)
          .join('\n');
        if (typeof target.source === 'object') item.command = revealCommand(node.uri, target.source.line);
        return item;
      }
      case 'ecsRow': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.description = node.description;
        item.tooltip = node.tooltip;
        if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon, node.color ? new vscode.ThemeColor(node.color) : undefined);
        item.contextValue = 'ecsRow';
        return item;
      }
      case 'item': {
        const { item: entry } = node;
        const item = new vscode.TreeItem(
          entry.text.replace(/\s+/g, ' ').trim() || '(empty item)',
          node.children.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
        );
        item.id = `${node.uri}#item:${entry.id}`;
        item.checkboxState = entry.checked ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked;
        const run = node.lastRun;
        const failed = run && run.exitCode !== 0;
        item.description =
          [failed ? `✗ exit ${run.exitCode}` : undefined, entry.optional ? 'optional' : entry.conditional ? 'if triggered' : undefined]
            .filter(Boolean)
            .join(' · ') || undefined;
        // A failed last run is what the lead must see: an error icon beside the checkbox.
        if (failed) item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('preflight.failedForeground'));
        item.contextValue = entry.checked ? 'item.checked' : 'item.open';
        item.tooltip = `${entry.checked ? 'Done' : 'Open'}${entry.optional ? ' (optional)' : ''}: ${entry.text}${run ? `\nLast run: exit ${run.exitCode} by ${run.by} at ${run.at}` : ''}`;
        item.command = revealCommand(node.uri, entry.range.start.line);
        return item;
      }
    }
  }

  /**
   * A sign-off role: its state from git as description and icon. Drawing the row is what asks for the
   * states (once per checklist; they arrive by onDidChange), so a collapsed sign-off section runs no git.
   */
  private roleItem(node: PhaseNode | RoleNode): vscode.TreeItem {
    const role = node.role!;
    const row = roleRow(role, this.roles.get(node.uri), vscode.workspace.isTrusted);
    const phase = node.kind === 'phase' ? node.phase : undefined;
    const item = new vscode.TreeItem(
      phase?.title ?? role.name,
      node.children.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = phase ? `${node.uri}#phase:${phase.id}` : `${node.uri}#role:${role.id}`;
    item.description = row.description;
    item.iconPath = new vscode.ThemeIcon(row.icon, row.color ? new vscode.ThemeColor(row.color) : undefined);
    // A role's heading keeps the phase menus (Check All, Run All Steps); a role row has none.
    item.contextValue = phase ? (phase.total > 0 ? 'phase' : 'heading') : 'signOffRole';
    const counts = phase && phase.total > 0 ? `\n\n${phase.done} of ${phase.total} done` : '';
    item.tooltip = new vscode.MarkdownString(`${row.tooltip}${counts}`);
    item.command = revealCommand(node.uri, role.range.start.line);
    return item;
  }

  private fileItem(node: FileNode): vscode.TreeItem {
    const uri = vscode.Uri.parse(node.uri);
    const { outline } = node;
    const item = new vscode.TreeItem(
      outline?.title || uri.path.split('/').pop()!,
      this.files.size === 1 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = node.uri;
    item.resourceUri = uri;
    const where = vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
    item.description = outline ? `${countLabel(outline.overall)} · ${where}` : `${where} · not a checklist`;
    item.iconPath = outline ? stateIcon(outline.overall.done, outline.overall.total) : new vscode.ThemeIcon('markdown');
    item.contextValue = 'checklist';
    item.tooltip = outline
      ? new vscode.MarkdownString(
          `**${escapeMarkdownInline(outline.title)}**\n\n${escapeMarkdownInline(uri.fsPath)}\n\n${outline.overall.done} of ${outline.overall.total} done, required ${outline.overall.required.done}/${outline.overall.required.total}`,
        )
      : `${uri.fsPath}: matches preflight.files but is not analysed as a checklist (see its diagnostics).`;
    item.command = revealCommand(node.uri, 0);
    return item;
  }

  private roots(): FileNode[] {
    return [...this.files.values()];
  }

  private async scan(): Promise<void> {
    const uris = await findChecklists();
    const keep = new Map<string, FileNode>();
    for (const uri of uris.slice(0, MAX_CHECKLISTS)) {
      const key = uri.toString();
      keep.set(key, this.files.get(key) ?? fileNode(key, this.outlines.get(key)));
    }
    // Files the server knows to be checklists by front matter, open now but outside the globs.
    for (const doc of vscode.workspace.textDocuments) {
      const key = doc.uri.toString();
      if (keep.has(key) || !this.outlines.get(key)) continue;
      // An editor can outlive its file: a deleted checklist leaves the tree.
      if (doc.uri.scheme === 'file' && !(await exists(doc.uri))) continue;
      keep.set(key, fileNode(key, this.outlines.get(key)));
    }
    this.files = keep;
    this.view.message =
      uris.length > MAX_CHECKLISTS
        ? `Showing the first ${MAX_CHECKLISTS} checklists; narrow preflight.files to see the others.`
        : undefined;
    this.redraw();
    // Two at a time: each opens a document for the server, which analyses it before answering.
    const queue = [...keep.keys()].filter((k) => !this.outlines.get(k));
    const worker = async () => {
      for (let key = queue.shift(); key; key = queue.shift()) await this.outlines.load(vscode.Uri.parse(key));
    };
    await Promise.all([worker(), worker()]);
  }

  private outlineChanged(uri: string): void {
    const outline = this.outlines.get(uri);
    const known = this.files.get(uri);
    if (!known && !outline) return;
    const node = fileNode(uri, outline);
    this.files.set(uri, node);
    if (!known) this.files = new Map([...this.files.entries()].sort(([a], [b]) => a.localeCompare(b)));
    // Row objects are rebuilt, so refresh from the root; ids keep the expansion state.
    this.redraw();
    if (vscode.window.activeTextEditor?.document.uri.toString() === uri) this.follow();
  }

  private async checkboxesChanged(changes: readonly (readonly [TreeNode, vscode.TreeItemCheckboxState])[]): Promise<void> {
    const groups = new Map<string, { uri: string; checked: boolean; itemIds: string[] }>();
    for (const [node, state] of changes) {
      if (node.kind !== 'item') continue;
      const checked = state === vscode.TreeItemCheckboxState.Checked;
      const key = `${node.uri} ${checked}`;
      const group = groups.get(key) ?? { uri: node.uri, checked, itemIds: [] };
      group.itemIds.push(node.item.id);
      groups.set(key, group);
    }
    for (const group of groups.values()) {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(group.uri));
      const args: ToggleItemsArgs = { uri: group.uri, version: doc.version, itemIds: group.itemIds, checked: group.checked };
      const reply = await this.ctx.serverCommand(ServerCommands.toggleItems, args);
      // A refused toggle leaves the text as it was: redraw so the checkbox shows the truth again.
      if (!reply.applied) this.redraw();
    }
  }

  /**
   * Selects the row of the item or section at the cursor, as the Outline view does. A reveal that lands while
   * the tree is being rebuilt (outlines arriving during a scan) fails; it is tried again on fresh rows.
   */
  private follow(attempt = 1): void {
    clearTimeout(this.followTimer);
    this.followTimer = setTimeout(() => {
      const editor = vscode.window.activeTextEditor;
      const file = editor && this.files.get(editor.document.uri.toString());
      if (!this.view.visible || !file) return;
      const node = nodeAtLine(file, editor.selection.active.line) ?? file;
      const target = this.openOnly ? visibleAncestor(node) : node;
      void Promise.resolve(this.view.reveal(target, { select: true, focus: false })).catch(
        () => attempt < FOLLOW_ATTEMPTS && this.follow(attempt + 1),
      );
    }, FOLLOW_DELAY_MS * attempt);
  }

  dispose(): void {
    clearTimeout(this.followTimer);
    clearTimeout(this.redrawTimer);
    for (const d of this.disposables) d.dispose();
  }
}

function stateIcon(done: number, total: number): vscode.ThemeIcon {
  if (total === 0) return new vscode.ThemeIcon('dash');
  if (done === total) return new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('preflight.completeForeground'));
  return new vscode.ThemeIcon(
    done === 0 ? 'circle-large-outline' : 'circle-large-filled',
    new vscode.ThemeColor('preflight.progressForeground'),
  );
}

function revealCommand(uri: string, line: number): vscode.Command {
  return { command: 'preflight.revealLine', title: 'Reveal in Editor', arguments: [uri, line] };
}

/** With the filter on, a checked item is hidden: select the nearest row that is still shown. */
function visibleAncestor(node: TreeNode): TreeNode {
  let current: TreeNode = node;
  while (current.kind !== 'file' && !hasOpen(current)) current = current.parent;
  return current;
}
