/**
 * The body of a conversation: the plan card (promise, capacity, agreed plan or current offers)
 * and the message thread, each inbound with the meaning the parser read in it.
 */
import { t, term } from '../../i18n/index.js';
import { h } from '../dom.js';
import { money, shortTime } from '../format.js';
import { actTags, fact, planTables } from './parts.js';

export function planSection(c) {
  const ctx = c.context ?? {};
  const currency = c.account?.currency;
  const offers = Array.isArray(ctx.offers) ? ctx.offers : [];
  const extras = [];
  if (ctx.promise && (ctx.promise.amount !== null || ctx.promise.date)) {
    extras.push(
      fact(t('conv.plan.promise'), [
        ctx.promise.amount !== null ? money(ctx.promise.amount, currency) : null,
        ctx.promise.date ? ` ${ctx.promise.date}` : null,
      ]),
    );
  }
  if (ctx.capacity !== null && ctx.capacity !== undefined)
    extras.push(fact(t('conv.plan.capacity'), money(ctx.capacity, currency)));
  if (ctx.hardship) extras.push(fact(t('conv.plan.hardship'), term('hardship', ctx.hardship)));
  if (typeof ctx.rounds === 'number') extras.push(fact(t('conv.plan.rounds'), String(ctx.rounds)));
  if (ctx.handoffReason) extras.push(fact(t('conv.plan.handoff'), ctx.handoffReason));

  let tables;
  if (ctx.plan)
    tables = h(
      'div',
      { class: 'plan-block', 'data-testid': 'agreed-plan' },
      h('h4', { class: 'sub-title' }, t('conv.plan.agreed')),
      planTables([ctx.plan], currency),
    );
  else if (offers.length)
    tables = h(
      'div',
      { class: 'plan-block', 'data-testid': 'current-offers' },
      h('h4', { class: 'sub-title' }, t('conv.plan.offers')),
      planTables(offers, currency),
    );
  else tables = h('p', { class: 'muted small' }, t('conv.plan.none'));

  return h(
    'section',
    { class: 'card plan', 'aria-labelledby': 'plan-title', 'data-testid': 'plan' },
    h('h3', { id: 'plan-title', class: 'section-title' }, t('conv.plan.title')),
    extras.length ? h('dl', { class: 'facts facts-compact' }, extras) : null,
    tables,
  );
}

export function threadSection(c) {
  const currency = c.account?.currency;
  const messages = Array.isArray(c.messages)
    ? [...c.messages].sort((x, y) => (x.seq ?? x.id) - (y.seq ?? y.id))
    : [];
  return h(
    'section',
    { class: 'thread-wrap', 'aria-labelledby': 'thread-title' },
    h('h3', { id: 'thread-title', class: 'section-title' }, t('conv.messages')),
    messages.length
      ? h(
          'ol',
          { class: 'thread', 'data-testid': 'thread' },
          messages.map((m) => messageItem(m, currency)),
        )
      : h('p', { class: 'muted small' }, t('conv.noMessages')),
  );
}

function messageItem(m, currency) {
  const inbound = m.direction === 'in';
  const author = inbound ? 'debtor' : m.author === 'agent' ? 'agent' : 'bot';
  const statusText =
    m.status === 'deferred' && m.until
      ? `${t('status.deferred')} ${t('status.until', { time: shortTime(m.until) })}`
      : t(`status.${m.status}`);
  const attachments = [];
  if (m.offers?.length)
    attachments.push(
      h(
        'details',
        { class: 'attach' },
        h('summary', null, t('msg.offers', { n: m.offers.length })),
        planTables(m.offers, currency),
      ),
    );
  if (m.plan)
    attachments.push(
      h('details', { class: 'attach' }, h('summary', null, t('msg.plan')), planTables([m.plan], currency)),
    );
  return h(
    'li',
    {
      class: `msg msg-${inbound ? 'in' : 'out'} author-${author} status-${m.status}`,
      'data-testid': 'message',
      'data-direction': m.direction,
      'data-author': author,
      'data-status': m.status,
      'data-acts': (m.acts ?? []).join(' '),
      'data-seq': m.seq ?? m.id,
    },
    h(
      'div',
      { class: 'msg-meta' },
      h('span', { class: 'msg-author' }, t(`author.${author}`)),
      h('time', { datetime: m.at, title: m.at }, shortTime(m.at)),
      h('span', { class: `msg-status st-${m.status}`, 'data-testid': 'message-status' }, statusText),
      inbound ? null : actTags(m.acts),
    ),
    h('div', { class: 'bubble', 'data-testid': 'message-text' }, m.text),
    m.status === 'blocked' && m.reason ? h('div', { class: 'msg-reason' }, m.reason) : null,
    inbound ? chips(m.parse, currency) : null,
    inbound && m.needsLook ? lookMark(m.needsLook) : null,
    attachments,
  );
}

/** An inbound SMS the parser read with low confidence: a person should look (with the rule and how sure). */
function lookMark(look) {
  return h(
    'div',
    {
      class: 'needs-look',
      'data-testid': 'needs-look',
      'data-confidence': String(look.confidence),
      'data-reason': look.reason,
    },
    h('span', { class: 'badge unsure' }, t('look.badge')),
    ' ',
    t('look.title', { reason: look.reason, confidence: look.confidence }),
  );
}

/** What the parser read in an inbound SMS, as small labelled chips. */
function chips(parse, currency) {
  if (!parse) return null;
  const items = [];
  const chip = (kind, value, label) =>
    h(
      'li',
      {
        class: `chip chip-${kind}`,
        'data-testid': `chip-${kind}`,
        'data-value': String(value),
        title: `${kind}: ${value}`,
      },
      h('span', { class: 'chip-key' }, t(`chip.${kind}`)),
      h('span', { class: 'chip-val' }, label),
    );
  if (parse.intent) items.push(chip('intent', parse.intent, term('intent', parse.intent)));
  if (parse.amount !== null && parse.amount !== undefined)
    items.push(chip('amount', parse.amount, money(parse.amount, currency)));
  if (parse.date) items.push(chip('date', parse.date, parse.date));
  if (parse.installments !== null && parse.installments !== undefined)
    items.push(
      chip('installments', parse.installments, t('chip.installmentsValue', { n: parse.installments })),
    );
  if (parse.hardship) items.push(chip('hardship', parse.hardship, term('hardship', parse.hardship)));
  return h('ul', { class: 'chips', 'aria-label': t('chip.parsed') }, items);
}
