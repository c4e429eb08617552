/* global document, setTimeout, clearTimeout */
/**
 * The left pane: every conversation, newest activity first, with its filter buttons and search
 * box, and the keyboard around them (`/` to search, arrows between rows). It redraws whenever
 * the store's inbox or open conversation changes.
 */
import { t } from '../../i18n/index.js';
import { $, h, replaceKeepingFocus } from '../dom.js';
import { money, shortTime } from '../format.js';
import { state, subscribe, update } from '../state.js';
import { refreshInbox } from '../sync.js';
import { openConversation } from './conversation.js';
import { stateBadge } from './parts.js';
import { selectTab } from './shell.js';

const FILTERS = [
  'mine',
  'unassigned',
  'all',
  'needs_person',
  'negotiating',
  'agreed',
  'opted_out',
  'wrong_party',
  'unsure',
];

export function bindInbox() {
  for (const btn of $('filters').querySelectorAll('[data-filter]')) {
    btn.addEventListener('click', () => {
      update({ filter: FILTERS.includes(btn.dataset.filter) ? btn.dataset.filter : 'all' });
      renderFilters();
      void refreshInbox();
    });
  }

  let searchTimer = null;
  $('inbox-search').addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      update({ q: $('inbox-search').value.trim() });
      void refreshInbox();
    }, 200);
  });
  $('inbox-search').addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && $('inbox-search').value) {
      $('inbox-search').value = '';
      update({ q: '' });
      void refreshInbox();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      $('inbox-list').querySelector('button')?.focus();
    }
  });

  // arrow keys move between inbox rows
  $('inbox-list').addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Home' && e.key !== 'End') return;
    const rows = [...$('inbox-list').querySelectorAll('button[data-testid="inbox-row"]')];
    const i = rows.indexOf(document.activeElement);
    if (i < 0) return;
    e.preventDefault();
    const j =
      e.key === 'Home'
        ? 0
        : e.key === 'End'
          ? rows.length - 1
          : Math.max(0, Math.min(rows.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)));
    rows[j].focus();
  });

  // `/` focuses the search box (unless the agent is typing somewhere)
  document.addEventListener('keydown', (e) => {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || !state.started) return;
    const el = document.activeElement;
    const typing =
      el &&
      (el.tagName === 'INPUT' ||
        el.tagName === 'TEXTAREA' ||
        el.tagName === 'SELECT' ||
        el.isContentEditable);
    if (typing) return;
    e.preventDefault();
    if (state.tab !== 'inbox') selectTab('inbox');
    $('inbox-search').focus();
    $('inbox-search').select();
  });

  subscribe(['inbox', 'inboxError', 'convId'], renderInbox);
}

export function renderFilters() {
  for (const btn of $('filters').querySelectorAll('[data-filter]'))
    btn.setAttribute('aria-pressed', String(btn.dataset.filter === state.filter));
}

export function renderInbox() {
  const list = $('inbox-list');
  const scroll = list.scrollTop;
  $('inbox-count').textContent = state.inbox
    ? t(state.inbox.length === 1 ? 'inbox.count1' : 'inbox.count', { n: state.inbox.length })
    : '';
  if (state.inboxError) {
    replaceKeepingFocus(list, h('li', { class: 'empty error', role: 'alert' }, state.inboxError));
    return;
  }
  if (!state.inbox) {
    replaceKeepingFocus(list, h('li', { class: 'empty muted' }, t('inbox.loading')));
    return;
  }
  if (state.inbox.length === 0) {
    replaceKeepingFocus(list, h('li', { class: 'empty muted' }, t('inbox.empty')));
    return;
  }
  replaceKeepingFocus(list, state.inbox.map(inboxRow));
  list.scrollTop = scroll;
}

function inboxRow(row) {
  const last = row.lastMessage;
  const selected = row.id === state.convId;
  return h(
    'li',
    null,
    h(
      'button',
      {
        type: 'button',
        class: `row${selected ? ' row-selected' : ''}${row.needsPerson ? ' row-needs' : ''}`,
        'data-testid': 'inbox-row',
        'data-id': row.id,
        'data-state': row.state,
        'data-focus-key': `row:${row.id}`,
        'aria-current': selected ? 'true' : null,
        onclick: () => openConversation(row.id),
      },
      h(
        'span',
        { class: 'row-top' },
        h('span', { class: 'row-name' }, row.debtorName),
        row.paused
          ? h(
              'span',
              { class: 'badge paused', 'data-testid': 'row-paused-badge', title: t('conv.paused') },
              t('row.paused'),
            )
          : null,
        row.unsure
          ? h(
              'span',
              {
                class: 'badge unsure',
                'data-testid': 'row-unsure-badge',
                title: t('look.title', { reason: row.unsure.reason, confidence: row.unsure.confidence }),
              },
              t('look.badge'),
            )
          : null,
        row.owner
          ? h(
              'span',
              { class: 'badge owner', 'data-testid': 'row-owner' },
              t('row.owner', { agent: row.owner }),
            )
          : null,
        row.slaBreached
          ? h(
              'span',
              { class: 'badge sla-breached', 'data-testid': 'row-sla-breached' },
              t('row.slaBreached'),
            )
          : row.waitingMinutes !== null && row.waitingMinutes !== undefined
            ? h('span', { class: 'muted small' }, t('row.waiting', { minutes: row.waitingMinutes }))
            : null,
        h('span', { class: 'row-time muted' }, last ? shortTime(last.at) : ''),
      ),
      h(
        'span',
        { class: 'row-meta' },
        h(
          'span',
          { class: 'row-meta-left' },
          h('span', { class: 'mono' }, row.phone),
          h('span', { class: 'dot-sep', 'aria-hidden': 'true' }, '·'),
          t('overdueShort', { n: row.overdueDays }),
        ),
        h('span', { class: 'row-balance' }, money(row.balance, row.currency)),
      ),
      h(
        'span',
        { class: 'row-bottom' },
        h(
          'span',
          { class: 'row-last' },
          last
            ? [
                last.direction === 'out' ? h('span', { class: 'muted' }, t('inbox.you')) : null,
                ['blocked', 'failed', 'deferred'].includes(last.status)
                  ? h('span', { class: `row-status st-${last.status}` }, `${t(`status.${last.status}`)} `)
                  : null,
                last.text,
              ]
            : h('span', { class: 'muted' }, t('inbox.noMessages')),
        ),
        stateBadge(row.state, 'row-state-badge'),
      ),
    ),
  );
}
