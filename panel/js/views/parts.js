/**
 * Pieces more than one view shows: the state badge, payment-plan tables, labelled facts and the
 * dialogue-act tags.
 */
import { t, term } from '../../i18n/index.js';
import { h } from '../dom.js';
import { money } from '../format.js';

export function stateBadge(state, testid = 'state-badge') {
  return h(
    'span',
    { class: `badge state state-${state}`, 'data-testid': testid, 'data-state': state, title: state },
    term('state', state),
  );
}

function planTable(plan, currency, captionKey = 'plan.caption') {
  const total = plan.installments.reduce((s, i) => s + (Number(i.amount) || 0), 0);
  return h(
    'table',
    { class: 'plan-table', 'data-testid': 'plan-table', 'data-plan-id': plan.id },
    h('caption', null, t(captionKey, { id: plan.id })),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col', class: 'num' }, t('plan.n')),
        h('th', { scope: 'col' }, t('plan.due')),
        h('th', { scope: 'col', class: 'num' }, t('plan.amount')),
      ),
    ),
    h(
      'tbody',
      null,
      plan.installments.map((inst, i) =>
        h(
          'tr',
          null,
          h('td', { class: 'num muted' }, String(i + 1)),
          h('td', { class: 'mono' }, inst.due),
          h('td', { class: 'num' }, money(inst.amount, currency)),
        ),
      ),
    ),
    plan.installments.length > 1
      ? h(
          'tfoot',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'row', colspan: '2' }, t('plan.total')),
            h('td', { class: 'num' }, money(total, currency)),
          ),
        )
      : null,
  );
}

export function planTables(plans, currency) {
  return h(
    'div',
    { class: 'plan-tables' },
    plans.map((p) => h('div', { class: 'plan-scroll' }, planTable(p, currency))),
  );
}

export function fact(label, value, testid) {
  return h(
    'div',
    { class: 'fact', 'data-testid': testid ? `fact-${testid}` : null },
    h('dt', null, label),
    h('dd', null, value ?? '—'),
  );
}

export function actTags(acts) {
  if (!acts?.length) return null;
  return h(
    'span',
    { class: 'acts' },
    acts.map((a) => h('span', { class: `act act-${a}`, 'data-act': a }, term('act', a))),
  );
}
