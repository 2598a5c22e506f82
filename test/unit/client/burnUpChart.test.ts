/**
 * The burn-up chart's geometry: points placed by time and count inside the plot, lines through them in
 * order, axis labels at the ends. Expectations are computed from the box and the points, not taken from
 * the code under test.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { burnUpChart, CHART_BOX, shortTime } from '../../../client/src/dashboard/burnUpChart.ts';
import type { BurnUpPoint } from '../../../server/src/protocol/protocol.ts';

const box = CHART_BOX;
const plot = { left: box.left, right: box.width - box.right, top: box.top, bottom: box.height - box.bottom };
const at = (hour: number, minute = 0) => `2026-11-28T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`;
const near = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= 0.05, `${what}: ${actual} ≠ ${expected}`);

/** Numbers of an `M x y L x y …` path, as [x, y] pairs. */
const pairs = (path: string) => [...path.matchAll(/[ML] (-?[\d.]+) (-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);

describe('burn-up chart geometry', () => {
  const points: BurnUpPoint[] = [
    { at: at(8), done: 0, total: 200, commit: 'aaaaaaa' },
    { at: at(9), done: 50, total: 200, commit: 'bbbbbbb' },
    { at: at(12), done: 120, total: 240, commit: 'ccccccc' },
    { at: at(14), done: 130, total: 240, uncommitted: true },
  ];

  test('x by time from the left edge to the right edge, y by count from the bottom to the largest total', () => {
    const chart = burnUpChart(points)!;
    const span = Date.parse(at(14)) - Date.parse(at(8));
    points.forEach((p, i) => {
      const x = plot.left + ((Date.parse(p.at) - Date.parse(at(8))) / span) * (plot.right - plot.left);
      const y = plot.bottom - (p.done / 240) * (plot.bottom - plot.top);
      near(chart.dots[i].x, x, `dot ${i} x`);
      near(chart.dots[i].y, y, `dot ${i} y`);
      assert.deepEqual([chart.dots[i].done, chart.dots[i].total], [p.done, p.total]);
    });
    near(chart.dots[0].x, plot.left, 'first at the left edge');
    near(chart.dots[3].x, plot.right, 'last at the right edge');
    near(chart.dots[0].y, plot.bottom, 'nothing ticked sits on the axis');
    assert.deepEqual(
      chart.dots.map((d) => d.uncommitted),
      [false, false, false, true],
    );
  });

  test('the done line goes through the dots in order; the total line through the totals', () => {
    const chart = burnUpChart(points)!;
    assert.deepEqual(
      pairs(chart.donePath),
      chart.dots.map((d) => [d.x, d.y]),
    );
    const totals = pairs(chart.totalPath);
    near(totals[0][1], plot.bottom - (200 / 240) * (plot.bottom - plot.top), 'total 200');
    near(totals[3][1], plot.top, 'the largest total at the top');
    assert.ok(chart.totalPath.startsWith('M ') && chart.donePath.startsWith('M '));
  });

  test('axis labels: 0, half and the largest total; the first and last time', () => {
    const chart = burnUpChart(points, box, (iso) => iso.slice(11, 16))!;
    assert.deepEqual(
      chart.yTicks.map((t) => t.label),
      ['0', '120', '240'],
    );
    near(chart.yTicks[0].at, plot.bottom, 'the 0 tick');
    near(chart.yTicks[2].at, plot.top, 'the top tick');
    assert.deepEqual(
      chart.xTicks.map((t) => t.label),
      ['08:00', '14:00'],
    );
    assert.match(chart.dots[1].label, /^09:00 · bbbbbbb$/);
    assert.match(chart.dots[3].label, /^14:00 · editor$/);
  });

  test('one point (Restricted Mode: the editor alone) sits in the middle with one time label', () => {
    const chart = burnUpChart([{ at: at(10), done: 3, total: 12, uncommitted: true }])!;
    near(chart.dots[0].x, (plot.left + plot.right) / 2, 'centred');
    near(chart.dots[0].y, plot.bottom - 0.25 * (plot.bottom - plot.top), 'a quarter up');
    assert.equal(chart.xTicks.length, 1);
    assert.equal(pairs(chart.donePath).length, 1);
  });

  test('points at one instant spread evenly; times that step back or do not parse never draw leftwards', () => {
    const same = burnUpChart([
      { at: at(10), done: 1, total: 4 },
      { at: at(10), done: 2, total: 4 },
      { at: at(10), done: 3, total: 4 },
    ])!;
    near(same.dots[1].x, (plot.left + plot.right) / 2, 'the middle one');
    const odd = burnUpChart([
      { at: at(10), done: 1, total: 4 },
      { at: at(9), done: 2, total: 4 },
      { at: 'not a date', done: 3, total: 4 },
      { at: at(11), done: 4, total: 4 },
    ])!;
    for (let i = 1; i < odd.dots.length; i++) assert.ok(odd.dots[i].x >= odd.dots[i - 1].x, `dot ${i} is not left of dot ${i - 1}`);
    near(odd.dots[3].x, plot.right, 'the last at the right edge');
  });

  test('nothing to draw: no chart; an empty checklist does not divide by zero', () => {
    assert.equal(burnUpChart([]), undefined);
    const empty = burnUpChart([{ at: at(10), done: 0, total: 0 }])!;
    assert.ok(Number.isFinite(empty.dots[0].y));
    near(empty.dots[0].y, plot.bottom, 'on the axis');
  });

  test('time labels: the time on the first point’s day, the date too on another day', () => {
    const ref = new Date(2026, 10, 28, 9, 5).toISOString();
    assert.equal(shortTime(new Date(2026, 10, 28, 14, 7).toISOString(), ref), '14:07');
    assert.equal(shortTime(new Date(2026, 10, 29, 1, 2).toISOString(), ref), '11-29 01:02');
    assert.equal(shortTime('garbage', ref), 'garbage');
  });
});
