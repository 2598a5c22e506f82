/**
 * The dashboard's DOM, drawn from the view the extension sends. Interactive elements carry data attributes
 * that main.ts turns into messages: `data-line` (reveal a line), `data-item-id` (tick an item),
 * `data-action` (open the settings); `data-focus` names an element so focus survives a redraw.
 */
import type { DashboardView, GateView, PhaseView, RoleView, RunView, Tally } from '../dashboardView';
import { type Child, h, s } from './dom';

export function renderDashboard(view: DashboardView): HTMLElement[] {
  return [header(view), overall(view), gate(view.gate), burnUp(view), phases(view.phases), roles(view.roles), runs(view)];
}

export function renderEmpty(message: string): HTMLElement[] {
  return [h('p', { class: 'muted' }, message)];
}

function header(view: DashboardView): HTMLElement {
  return h(
    'header',
    {},
    h('h1', {}, view.title),
    h('p', { class: 'muted' }, `Updated ${new Date().toLocaleTimeString()}, live with every edit`),
    !view.trusted &&
      h(
        'p',
        { class: 'notice' },
        'Restricted Mode: ticking works; sign-offs are not verified with git and the burn-up shows only the editor’s state.',
      ),
  );
}

function section(id: string, title: string, ...children: Child[]): HTMLElement {
  return h('section', { id, 'aria-labelledby': `${id}-heading` }, h('h2', { id: `${id}-heading` }, title), ...children);
}

const countText = (t: Tally) => `${t.done}/${t.total}`;

/** A progress bar screen readers announce as one: "Code Readiness, progress bar, 3 of 7 (42%)". */
function bar(label: string, t: Tally): HTMLElement {
  const complete = t.total > 0 && t.done === t.total;
  const width = t.total === 0 ? 0 : (t.done / t.total) * 100;
  return h(
    'div',
    {
      class: complete ? 'bar complete' : 'bar',
      role: 'progressbar',
      'aria-label': label,
      'aria-valuemin': 0,
      // A phase without items is not "0 of 0": give the range a width and say so in words.
      'aria-valuemax': Math.max(t.total, 1),
      'aria-valuenow': t.done,
      'aria-valuetext': t.total === 0 ? 'no items' : `${t.done} of ${t.total} (${t.percent}%)`,
    },
    s(
      'svg',
      { viewBox: '0 0 100 4', preserveAspectRatio: 'none', 'aria-hidden': 'true', focusable: 'false' },
      s('rect', { class: 'track', width: 100, height: 4 }),
      s('rect', { class: 'fill', width: Math.round(width * 10) / 10, height: 4 }),
    ),
  );
}

function overall(view: DashboardView): HTMLElement {
  return section(
    'overall',
    'Progress',
    h(
      'div',
      { class: 'tally big', 'data-kind': 'overall' },
      h('span', { class: 'label' }, 'All items'),
      h('span', { class: 'count' }, countText(view.overall)),
      h('span', { class: 'percent' }, `${view.overall.percent}%`),
      bar('All items', view.overall),
    ),
    ...view.split.map((part) =>
      h(
        'div',
        { class: 'tally', 'data-kind': part.kind },
        h('span', { class: 'label' }, part.label),
        h('span', { class: 'count' }, countText(part.tally)),
        h('span', { class: 'percent' }, `${part.tally.percent}%`),
        bar(`${part.label} items`, part.tally),
      ),
    ),
  );
}

function gate(view: GateView): HTMLElement {
  const verdict = !view.known ? 'Unknown' : view.passes ? 'Passes' : 'Fails';
  return section(
    'gate',
    'Merge gate',
    h(
      'p',
      { class: `verdict ${!view.known ? 'unknown' : view.passes ? 'pass' : 'fail'}` },
      h('strong', {}, verdict),
      ' ',
      h('span', {}, view.message),
    ),
    view.unconfigured &&
      h('button', { type: 'button', class: 'secondary', 'data-action': 'openSettings', 'data-focus': 'action:settings' }, 'Open Settings'),
    view.required.length > 0 &&
      h(
        'ul',
        { class: 'plain' },
        ...view.required.map((r) =>
          h(
            'li',
            { class: 'tally' },
            h('span', { class: `mark ${r.passes ? 'pass' : 'fail'}`, 'aria-hidden': 'true' }, r.passes ? '✓' : '✗'),
            r.line !== undefined
              ? h('button', { type: 'button', class: 'link', 'data-line': r.line, 'data-focus': `gate:${r.query}` }, r.title ?? r.query)
              : h('span', { class: 'label' }, r.query),
            r.problem ? h('span', { class: 'problem' }, r.problem) : h('span', { class: 'count' }, countText(r.tally)),
            !r.problem && bar(`${r.title ?? r.query}, required items`, r.tally),
          ),
        ),
      ),
  );
}

function burnUp(view: DashboardView): HTMLElement {
  const b = view.burnUp;
  const chart = b.chart;
  const figure = chart
    ? s(
        'svg',
        { class: 'chart', viewBox: `0 0 ${chart.width} ${chart.height}`, role: 'img', 'aria-label': b.summary },
        s('title', {}, b.summary),
        ...chart.yTicks.map((t) =>
          s(
            'g',
            { class: 'grid' },
            s('line', { x1: chart.plot.x, x2: chart.plot.x + chart.plot.width, y1: t.at, y2: t.at }),
            s('text', { x: chart.plot.x - 6, y: t.at, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, t.label),
          ),
        ),
        ...chart.xTicks.map((t, i) =>
          s(
            'text',
            {
              class: 'axis',
              x: t.at,
              y: chart.height - 4,
              'text-anchor': chart.xTicks.length === 1 ? 'middle' : i === 0 ? 'start' : 'end',
            },
            t.label,
          ),
        ),
        s('path', { class: 'total', d: chart.totalPath }),
        s('path', { class: 'done', d: chart.donePath }),
        ...chart.dots.map((d) =>
          s(
            'circle',
            { class: d.uncommitted ? 'dot uncommitted' : 'dot', cx: d.x, cy: d.y, r: 3 },
            s('title', {}, `${d.label}: ${d.done} of ${d.total}`),
          ),
        ),
      )
    : undefined;
  return section(
    'burnup',
    'Burn-up',
    figure,
    h(
      'p',
      { class: 'legend', 'aria-hidden': 'true' },
      h('span', { class: 'key done' }),
      'ticked ',
      h('span', { class: 'key total' }),
      'all items ',
      h('span', { class: 'key uncommitted' }),
      'not committed',
    ),
    b.reason && h('p', { class: 'muted' }, b.reason),
    // The points as a table for screen readers; the chart is one image to them.
    h(
      'table',
      { class: 'visually-hidden' },
      h('caption', {}, 'Burn-up points'),
      h('thead', {}, h('tr', {}, ...['When', 'Source', 'Ticked', 'All items'].map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        ...b.rows.map((r) => h('tr', {}, h('td', {}, r.when), h('td', {}, r.source), h('td', {}, r.done), h('td', {}, r.total))),
      ),
    ),
  );
}

function phases(list: readonly PhaseView[]): HTMLElement {
  return section(
    'phases',
    'Phases',
    list.length === 0 && h('p', { class: 'muted' }, 'No phases: the checklist has no headings.'),
    h('ol', { class: 'plain phases' }, ...list.map((phase, index) => phaseRow(phase, index))),
  );
}

function phaseRow(phase: PhaseView, index: number): HTMLElement {
  const open = phase.items.filter((i) => !i.checked).length;
  return h(
    'li',
    { class: `phase level-${Math.min(phase.level, 6)}`, 'data-phase-id': phase.id },
    h(
      'div',
      { class: 'tally phase-row', 'data-line': phase.line },
      h(
        'button',
        { type: 'button', class: 'link title', 'data-focus': `phase:${phase.id}`, title: `Show line ${phase.line + 1} in the editor` },
        phase.title,
      ),
      phase.conditional && h('span', { class: 'tag' }, 'conditional'),
      h('span', { class: 'count' }, countText(phase.tally)),
      h('span', { class: 'percent' }, `${phase.tally.percent}%`),
      bar(phase.title, phase.tally),
    ),
    phase.items.length > 0 &&
      h(
        'details',
        { 'data-key': phase.id },
        h(
          'summary',
          { 'data-focus': `items:${phase.id}` },
          open === 0 ? `All ${phase.items.length} items ticked` : `${open} open of ${phase.items.length} items`,
        ),
        h(
          'ul',
          { class: 'plain items' },
          ...phase.items.map((item, i) => {
            const id = `item-${index}-${i}`;
            return h(
              'li',
              { class: `item depth-${Math.min(item.depth, 4)}${item.checked ? ' checked' : ''}` },
              h('input', {
                type: 'checkbox',
                id,
                checked: item.checked,
                'data-item-id': item.id,
                'data-focus': `item:${item.id}`,
              }),
              h('label', { for: id }, item.text),
              item.optional && h('span', { class: 'tag' }, 'optional'),
            );
          }),
        ),
      ),
  );
}

function roles(list: readonly RoleView[]): HTMLElement {
  return section(
    'roles',
    'Sign-off',
    list.length === 0
      ? h('p', { class: 'muted' }, 'No sign-off roles in this checklist.')
      : h(
          'table',
          {},
          h('thead', {}, h('tr', {}, ...['Role', 'Signed', 'Verification', 'Waits on', 'Gate'].map((c) => h('th', { scope: 'col' }, c)))),
          h(
            'tbody',
            {},
            ...list.map((role) =>
              h(
                'tr',
                { 'data-role-id': role.id },
                h(
                  'th',
                  { scope: 'row' },
                  h('button', { type: 'button', class: 'link', 'data-line': role.line, 'data-focus': `role:${role.id}` }, role.name),
                ),
                h('td', { class: role.signed ? 'signed' : 'unsigned' }, role.signed ? 'signed' : 'not signed'),
                h('td', { class: `tone-${role.tone}` }, role.verification),
                h('td', {}, role.gateLabel),
                h('td', { class: 'tally' }, h('span', { class: 'count' }, countText(role.gate)), bar(`${role.name}'s gate`, role.gate)),
              ),
            ),
          ),
        ),
  );
}

function runs(view: DashboardView): HTMLElement {
  return section(
    'runs',
    'Recent runs',
    view.runs.length === 0
      ? h('p', { class: 'muted' }, 'No runs recorded yet: a run of a step writes a note under it.')
      : h(
          'table',
          {},
          h('caption', { class: 'visually-hidden' }, 'Runs, failures first, then newest first'),
          h('thead', {}, h('tr', {}, ...['Step', 'Exit', 'Duration', 'By', 'When'].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, ...view.runs.map((run, i) => runRow(run, i))),
        ),
    view.moreRuns > 0 && h('p', { class: 'muted' }, `${view.moreRuns} older runs are in the checklist’s run notes.`),
  );
}

function runRow(run: RunView, index: number): HTMLElement {
  return h(
    'tr',
    { class: run.failed ? 'failed' : 'passed' },
    h(
      'th',
      { scope: 'row' },
      h('button', { type: 'button', class: 'link mono', 'data-line': run.line, 'data-focus': `run:${index}:${run.stepId}` }, run.label),
      run.item && h('span', { class: 'muted block' }, run.item),
    ),
    h('td', { class: run.failed ? 'tone-failed' : 'tone-ok' }, run.failed ? `✗ ${run.exitCode}` : '✓ 0'),
    h('td', {}, run.duration),
    h('td', {}, run.by),
    h('td', {}, run.when),
  );
}
