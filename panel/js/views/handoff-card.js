/**
 * The card at the top of a handed-off conversation (issue 13): why it came to a person, the
 * debtor's own last words before it, the amounts, dates and installment counts they named, and
 * what was on the table. The server builds the summary (`handoff` in the conversation view);
 * every piece of it goes in as a text node, so markup a debtor typed shows as typed.
 */
import { t, term } from '../../i18n/index.js';
import { h } from '../dom.js';
import { money, shortTime } from '../format.js';
import { fact } from './parts.js';

/** The reason a handoff names: a handoff reason of its own (plan_broken), else the intent that asked. */
const reasonText = (reason) => term('handoffReason', reason) || term('intent', reason);

const total = (plan) => plan.installments.reduce((s, i) => s + (Number(i.amount) || 0), 0);

function planLine(plan, currency) {
  return t('handoff.planLine', {
    id: plan.id,
    n: plan.installments.length,
    total: money(total(plan), currency),
    first: plan.installments[0]?.due ?? '—',
  });
}

function tableBlock(table, currency) {
  if (!table || table.status === 'none') return h('p', { class: 'muted small' }, t('handoff.table.none'));
  const plans = table.status === 'offered' ? table.offers : [table.plan];
  return h(
    'div',
    { class: 'handoff-table', 'data-testid': 'handoff-table', 'data-status': table.status },
    h('h4', { class: 'sub-title' }, t(`handoff.table.${table.status}`)),
    h(
      'ul',
      { class: 'handoff-plans' },
      plans.map((p) => h('li', { 'data-plan-id': p.id }, planLine(p, currency))),
    ),
  );
}

function namedFacts(named, currency) {
  const out = [];
  if (named?.amounts?.length)
    out.push(
      fact(t('handoff.amounts'), named.amounts.map((a) => money(a, currency)).join(' · '), 'handoff-amounts'),
    );
  if (named?.dates?.length) out.push(fact(t('handoff.dates'), named.dates.join(' · '), 'handoff-dates'));
  if (named?.installments?.length)
    out.push(
      fact(
        t('handoff.installments'),
        named.installments.map((n) => t('chip.installmentsValue', { n })).join(' · '),
        'handoff-installments',
      ),
    );
  return out;
}

export function handoffSection(c) {
  const s = c.handoff;
  if (!s) return null;
  const currency = c.account?.currency;
  const said = Array.isArray(s.said) ? s.said : [];
  return h(
    'section',
    { class: 'card handoff-card', 'aria-labelledby': 'handoff-title', 'data-testid': 'handoff-summary' },
    h('h3', { id: 'handoff-title', class: 'section-title' }, t('handoff.title')),
    h(
      'dl',
      { class: 'facts facts-compact' },
      fact(t('handoff.reason'), reasonText(s.reason), 'handoff-reason'),
      s.since ? fact(t('handoff.since'), h('time', { datetime: s.since }, shortTime(s.since))) : null,
      namedFacts(s.named, currency),
    ),
    h('h4', { class: 'sub-title' }, t('handoff.said')),
    said.length
      ? h(
          'ol',
          { class: 'handoff-said' },
          said.map((m) =>
            h(
              'li',
              { 'data-testid': 'handoff-said', 'data-seq': m.seq, 'data-clipped': m.clipped ? 'true' : null },
              h('time', { datetime: m.at, class: 'muted small' }, shortTime(m.at)),
              h('q', { class: 'handoff-quote' }, m.text),
            ),
          ),
        )
      : h('p', { class: 'muted small' }, t('handoff.saidNone')),
    s.laterMessages > 0
      ? h(
          'p',
          { class: 'muted small', 'data-testid': 'handoff-later' },
          t('handoff.later', { n: s.laterMessages }),
        )
      : null,
    tableBlock(s.table, currency),
  );
}
