/**
 * The burn-up chart's geometry: where each point of `preflight/burnUp` goes in an SVG of a fixed viewBox,
 * as plain numbers and path strings the webview sets as SVG attributes.
 *
 * Why our own ~100 lines and no charting library: the chart is two lines, some dots and four labels. The
 * smallest maintained libraries that draw it (uPlot ~50 KB, Chart.js ~200 KB minified) would each outweigh
 * the whole dashboard script, need styles or a canvas the CSP must allow, and draw on canvas, which screen
 * readers cannot read. This adds 0 KB of dependencies and keeps the chart in the DOM as SVG.
 */
import type { BurnUpPoint } from '@preflight/protocol';

export interface ChartBox {
  width: number;
  height: number;
  /** Room for the axis labels, left and below. */
  left: number;
  bottom: number;
  /** Room for the last dot and the top label. */
  top: number;
  right: number;
}

export const CHART_BOX: ChartBox = { width: 480, height: 180, left: 36, bottom: 22, top: 10, right: 12 };

export interface ChartDot {
  x: number;
  y: number;
  done: number;
  total: number;
  /** The point's own label: its time, and the commit or "editor". */
  label: string;
  uncommitted: boolean;
}

export interface ChartTick {
  /** x for a time tick, y for a count tick. */
  at: number;
  label: string;
}

export interface BurnUpChart {
  width: number;
  height: number;
  /** The plot area, inside the axes. */
  plot: { x: number; y: number; width: number; height: number };
  /** `M x y L x y …`: ticked items over time. */
  donePath: string;
  /** The same for all items: the scope, which grows when items are added. */
  totalPath: string;
  dots: ChartDot[];
  xTicks: ChartTick[];
  yTicks: ChartTick[];
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Places the points by time (evenly when they share one instant, e.g. a single editor point) and by count
 * on a scale from 0 to the largest total. Points with an unreadable time keep their order, between their
 * neighbours. Undefined when there is nothing to draw.
 */
export function burnUpChart(points: readonly BurnUpPoint[], box: ChartBox = CHART_BOX, timeLabel = shortTime): BurnUpChart | undefined {
  if (points.length === 0) return undefined;
  const plot = { x: box.left, y: box.top, width: box.width - box.left - box.right, height: box.height - box.top - box.bottom };
  const times = readableTimes(points);
  const first = times[0];
  const span = times[times.length - 1] - first;
  const xOf = (i: number) =>
    plot.x +
    (span > 0 ? ((times[i] - first) / span) * plot.width : points.length === 1 ? plot.width / 2 : (i / (points.length - 1)) * plot.width);
  const max = Math.max(1, ...points.map((p) => Math.max(p.total, p.done)));
  const yOf = (count: number) => plot.y + plot.height - (count / max) * plot.height;
  const path = (value: (p: BurnUpPoint) => number) =>
    points.map((p, i) => `${i === 0 ? 'M' : 'L'} ${round(xOf(i))} ${round(yOf(value(p)))}`).join(' ');
  const dots = points.map((p, i): ChartDot => ({
    x: round(xOf(i)),
    y: round(yOf(p.done)),
    done: p.done,
    total: p.total,
    label: `${timeLabel(points[i].at, points[0].at)} · ${p.commit ?? 'editor'}`,
    uncommitted: p.uncommitted === true,
  }));
  const xTicks: ChartTick[] = [{ at: round(xOf(0)), label: timeLabel(points[0].at, points[0].at) }];
  if (span > 0) xTicks.push({ at: round(xOf(points.length - 1)), label: timeLabel(points[points.length - 1].at, points[0].at) });
  const yTicks = [...new Set([0, Math.round(max / 2), max])].map((count): ChartTick => ({ at: round(yOf(count)), label: String(count) }));
  return {
    width: box.width,
    height: box.height,
    plot,
    donePath: path((p) => p.done),
    totalPath: path((p) => p.total),
    dots,
    xTicks,
    yTicks,
  };
}

/** Milliseconds per point; an unreadable time takes its predecessor's (or the next readable one's), so order holds. */
function readableTimes(points: readonly BurnUpPoint[]): number[] {
  const parsed = points.map((p) => Date.parse(p.at));
  const firstReadable = parsed.find((t) => Number.isFinite(t)) ?? 0;
  let last = firstReadable;
  return parsed.map((t) => {
    // Git's author dates may step backwards (a rebase, a skewed clock): never draw the line leftwards.
    last = Number.isFinite(t) ? Math.max(t, last) : last;
    return last;
  });
}

/** `14:05` on the reference day, `11-28 14:05` on another one: local time, as the editor shows times. */
export function shortTime(iso: string, reference: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  const ref = new Date(reference);
  const sameDay =
    !Number.isNaN(ref.getTime()) &&
    ref.getFullYear() === date.getFullYear() &&
    ref.getMonth() === date.getMonth() &&
    ref.getDate() === date.getDate();
  return sameDay ? time : `${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${time}`;
}
