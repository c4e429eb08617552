/* global window, ResizeObserver */
/**
 * The metrics tab's chart of daily activity, drawn with uPlot (served from /vendor, loaded by
 * index.html as a classic script before the modules run). Without uPlot, the numbers as a table.
 */
import { t } from '../../i18n/index.js';
import { h } from '../dom.js';
import { num } from '../format.js';

const SERIES = [
  ['sent', '#2563eb'],
  ['received', '#0d9488'],
  ['agreed', '#16a34a'],
  ['promised', '#d97706'],
  ['payments', '#9333ea'],
];
const DAY_MS = 86_400_000;

let chart = null;
let chartObserver = null;

/** Remove the chart drawn last (its view is about to be replaced). */
export function clearChart() {
  if (chart) {
    chart.destroy();
    chart = null;
  }
  chartObserver?.disconnect();
}

/**
 * Days without a row had no activity: fill the gaps with zeros, and show at least a week so a
 * single day does not make a chart of one dot.
 */
function fillDays(daily) {
  const byDate = new Map(daily.filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.date)).map((d) => [d.date, d]));
  const dates = [...byDate.keys()].sort();
  if (!dates.length) return daily;
  const end = Date.parse(`${dates[dates.length - 1]}T00:00:00Z`);
  const start = Math.max(Math.min(Date.parse(`${dates[0]}T00:00:00Z`), end - 6 * DAY_MS), end - 730 * DAY_MS);
  const out = [];
  for (let ms = start; ms <= end; ms += DAY_MS) {
    const date = new Date(ms).toISOString().slice(0, 10);
    out.push(byDate.get(date) ?? { date, sent: 0, received: 0, agreed: 0, promised: 0, payments: 0 });
  }
  return out;
}

export function drawChart(box, daily) {
  const uPlot = window.uPlot;
  if (!daily.length) {
    box.append(h('p', { class: 'muted small' }, t('metrics.empty')));
    return;
  }
  if (!uPlot) {
    // Without the chart library, the numbers as a table.
    box.append(
      h('p', { class: 'muted small' }, t('metrics.chartUnavailable')),
      h(
        'table',
        { class: 'plan-table' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', null, ''),
            SERIES.map(([k]) => h('th', { class: 'num' }, t(`series.${k}`))),
          ),
        ),
        h(
          'tbody',
          null,
          daily.map((d) =>
            h(
              'tr',
              null,
              h('td', { class: 'mono' }, d.date),
              SERIES.map(([k]) => h('td', { class: 'num' }, num(d[k]))),
            ),
          ),
        ),
      ),
    );
    return;
  }
  daily = fillDays(daily);
  const xs = daily.map((d) => Date.parse(`${d.date}T00:00:00Z`) / 1000);
  const data = [xs, ...SERIES.map(([k]) => daily.map((d) => Number(d[k]) || 0))];
  const axis = {
    stroke: '#667085',
    grid: { stroke: '#eceef2', width: 1 },
    ticks: { stroke: '#eceef2', width: 1 },
    font: '12px system-ui, sans-serif',
  };
  const opts = {
    width: Math.max(320, box.clientWidth || 600),
    height: 280,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'UTC'),
    scales: {
      x: { time: true, range: (_u, min, max) => (min === max ? [min - 86400, max + 86400] : [min, max]) },
      y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.15))] },
    },
    axes: [
      {
        ...axis,
        // whole days only: "11-23"
        incrs: [1, 2, 7, 14, 28, 56, 91, 182, 364].map((d) => d * 86400),
        values: (_u, splits) => splits.map((v) => new Date(v * 1000).toISOString().slice(5, 10)),
      },
      { ...axis, size: 44, incrs: [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000] },
    ],
    series: [
      {
        label: t('series.date'),
        value: (_u, v) => (v === null ? '—' : new Date(v * 1000).toISOString().slice(0, 10)),
      },
      ...SERIES.map(([k, color]) => ({
        label: t(`series.${k}`),
        stroke: color,
        width: 2,
        points: { size: 6, fill: color },
      })),
    ],
    cursor: { focus: { prox: 24 } },
    legend: { live: true },
  };
  chart = new uPlot(opts, data, box);
  chartObserver = new ResizeObserver(() => {
    if (chart && box.clientWidth) chart.setSize({ width: Math.max(320, box.clientWidth), height: 280 });
  });
  chartObserver.observe(box);
}
