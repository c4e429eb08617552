/**
 * The team's figures in the metrics tab (CONTRACTS §10), for supervisors only: per agent, from
 * GET /api/team/metrics, the conversations held now and how many of each action the audit
 * records (messages sent, takeovers, handbacks, handoffs resolved, notes, reassignments). An
 * agent never asks for them (the server would answer 403) and never sees the section.
 */
import { t } from '../../i18n/index.js';
import { api, errorText } from '../api.js';
import { h } from '../dom.js';
import { num } from '../format.js';
import { state } from '../state.js';

/** The audit actions shown as columns, in this order. */
const ACTIONS = ['send', 'takeover', 'handback', 'resolve', 'note', 'reassign'];

export const isSupervisor = () => state.user?.role === 'supervisor';

/** `{ teamMetrics, teamMetricsError }` for a supervisor; both null for anyone else. */
export async function loadTeamMetrics() {
  if (!isSupervisor()) return { teamMetrics: null, teamMetricsError: null };
  try {
    return { teamMetrics: await api('/api/team/metrics'), teamMetricsError: null };
  } catch (err) {
    return { teamMetrics: null, teamMetricsError: err.status === 401 ? null : errorText(err) };
  }
}

/** The section, or null when the signed-in role may not see it. */
export function teamMetricsSection() {
  if (!isSupervisor()) return null;
  const agents = state.teamMetrics?.agents ?? [];
  return h(
    'section',
    { class: 'card team-metrics', 'aria-labelledby': 'team-metrics-title', 'data-testid': 'team-metrics' },
    h('h3', { id: 'team-metrics-title', class: 'section-title' }, t('teamMetrics.title')),
    state.teamMetricsError
      ? h('p', { class: 'inline-error', role: 'alert' }, state.teamMetricsError)
      : agents.length === 0
        ? h('p', { class: 'muted' }, t('teamMetrics.empty'))
        : h(
            'table',
            { class: 'plan-table' },
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                h('th', { scope: 'col' }, t('teamMetrics.agent')),
                h('th', { scope: 'col', class: 'num' }, t('teamMetrics.holding')),
                ACTIONS.map((a) => h('th', { scope: 'col', class: 'num' }, t(`teamMetrics.${a}`))),
              ),
            ),
            h(
              'tbody',
              null,
              agents.map((a) =>
                h(
                  'tr',
                  { 'data-testid': 'team-metrics-row', 'data-agent': a.username },
                  h('th', { scope: 'row' }, `${a.username} (${t(`role.${a.role}`)})`),
                  h('td', { class: 'num', 'data-col': 'holding' }, num(a.holding)),
                  ACTIONS.map((x) => h('td', { class: 'num', 'data-col': x }, num(a.actions?.[x] ?? 0))),
                ),
              ),
            ),
          ),
  );
}
