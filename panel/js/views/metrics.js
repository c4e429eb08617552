/**
 * The metrics tab: the rates, the three debtor segments, the daily chart and the totals of
 * GET /api/metrics; for a supervisor, the team's figures below them (team-metrics.js).
 */
import { getLang, t } from '../../i18n/index.js';
import { api, errorText } from '../api.js';
import { $, h, replaceKeepingFocus } from '../dom.js';
import { num, percent } from '../format.js';
import { state, update } from '../state.js';
import { clearChart, drawChart } from './daily-chart.js';
import { loadTeamMetrics, teamMetricsSection } from './team-metrics.js';

const RATES = [
  [
    'reply',
    (x) => [
      [x.replied, 'total.replied'],
      [x.contacted, 'total.contacted'],
    ],
  ],
  ['promiseToPay', (x) => [[x.promised, 'total.promised']]],
  ['agreement', (x) => [[x.agreed, 'total.agreed']]],
  [
    'promisesKept',
    (x) => [
      [x.promisesKept, 'total.promisesKept'],
      [x.promisesDue, 'total.promisesDue'],
    ],
  ],
  ['complaint', (x) => [[x.complaints, 'total.complaints']]],
  ['optOut', (x) => [[x.optedOut, 'total.optedOut']]],
];
const SEGMENTS = ['prompt', 'hesitant', 'unreachable'];
const SEGMENT_EN = { prompt: 'prompt payers', hesitant: 'hesitant', unreachable: 'unreachable' };
const SEGMENT_ZH = { prompt: '积极还款型', hesitant: '犹豫观望型', unreachable: '完全失联型' };

let metricsSeq = 0;
export async function refreshMetrics() {
  const seq = ++metricsSeq;
  try {
    const [m, team] = await Promise.all([api('/api/metrics'), loadTeamMetrics()]);
    if (seq !== metricsSeq) return;
    update({ metrics: m, metricsError: null, ...team });
  } catch (err) {
    if (seq !== metricsSeq || err.status === 401) return;
    update({ metricsError: errorText(err) });
  }
  renderMetrics();
}

export function renderMetrics() {
  const root = $('view-metrics');
  if (root.hidden) return;
  clearChart();
  const m = state.metrics;
  if (!m) {
    replaceKeepingFocus(
      root,
      h(
        'div',
        { class: 'metrics-inner' },
        h('h2', { class: 'page-title' }, t('metrics.title')),
        state.metricsError
          ? h('p', { class: 'inline-error', role: 'alert' }, state.metricsError)
          : h('p', { class: 'muted' }, t('inbox.loading')),
      ),
    );
    return;
  }
  const totals = m.totals ?? {};
  const rates = m.rates ?? {};
  const seg = m.segments ?? {};
  const segTotal = SEGMENTS.reduce((s, k) => s + (Number(seg[k]) || 0), 0);
  const chartBox = h('div', { class: 'chart', id: 'metrics-chart', 'data-testid': 'metrics-chart' });

  replaceKeepingFocus(
    root,
    h(
      'div',
      { class: 'metrics-inner' },
      h(
        'div',
        { class: 'page-head' },
        h('h2', { class: 'page-title' }, t('metrics.title')),
        state.metricsError ? h('p', { class: 'inline-error', role: 'alert' }, state.metricsError) : null,
      ),
      h('h3', { class: 'section-title' }, t('metrics.rates')),
      h(
        'div',
        { class: 'rate-grid' },
        RATES.map(([key, parts]) =>
          h(
            'div',
            { class: 'card rate', 'data-testid': `rate-${key}` },
            h('div', { class: 'rate-label' }, t(`rate.${key}`)),
            h('div', { class: 'rate-value', 'data-value': String(rates[key] ?? '') }, percent(rates[key])),
            h(
              'div',
              { class: 'rate-sub muted small' },
              parts(totals).map(([n, label], i) => [
                i ? h('span', { class: 'dot-sep', 'aria-hidden': 'true' }, '·') : null,
                h('span', null, t(label.replace('total.', 'count.'), { n: num(n) })),
              ]),
            ),
          ),
        ),
      ),
      h('h3', { class: 'section-title' }, t('metrics.segments')),
      h(
        'div',
        { class: 'segment-grid' },
        SEGMENTS.map((k) => segmentCard(k, Number(seg[k]) || 0, segTotal)),
      ),
      h(
        'div',
        { class: 'metrics-lower' },
        h(
          'section',
          { class: 'card chart-card', 'aria-labelledby': 'chart-title' },
          h('h3', { id: 'chart-title', class: 'section-title' }, t('metrics.chart')),
          chartBox,
        ),
        h(
          'section',
          { class: 'card totals-card', 'aria-labelledby': 'totals-title' },
          h('h3', { id: 'totals-title', class: 'section-title' }, t('metrics.totals')),
          h(
            'dl',
            { class: 'totals' },
            Object.keys(totals).map((k) =>
              h(
                'div',
                { class: 'total', 'data-testid': `total-${k}` },
                h('dt', null, t(`total.${k}`)),
                h('dd', null, num(totals[k])),
              ),
            ),
          ),
        ),
      ),
      teamMetricsSection(),
    ),
  );
  drawChart(chartBox, Array.isArray(m.daily) ? m.daily : []);
}

function segmentCard(k, n, segTotal) {
  const share = segTotal ? n / segTotal : 0;
  return h(
    'div',
    { class: `card segment segment-${k}`, 'data-testid': `segment-${k}` },
    h(
      'div',
      { class: 'segment-head' },
      h('span', { class: 'segment-name', lang: getLang() === 'zh' ? 'zh-CN' : 'en' }, t(`segment.${k}`)),
      h(
        'span',
        { class: 'segment-alt muted small', lang: getLang() === 'zh' ? 'en' : 'zh-CN' },
        getLang() === 'zh' ? SEGMENT_EN[k] : SEGMENT_ZH[k],
      ),
    ),
    h('div', { class: 'segment-value' }, num(n)),
    h(
      'div',
      { class: 'bar', role: 'img', 'aria-label': t('segment.share', { p: percent(share) }) },
      // the width through the CSSOM: a style attribute would be refused by the CSP
      h('span', { class: 'bar-fill', style: { width: `${(share * 100).toFixed(1)}%` } }),
    ),
    h(
      'div',
      { class: 'muted small' },
      t(`segment.${k}Hint`),
      h('span', { class: 'dot-sep', 'aria-hidden': 'true' }, '·'),
      t('segment.share', { p: percent(share) }),
    ),
  );
}
