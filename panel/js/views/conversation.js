/* global document, setTimeout, URL */
/**
 * The middle pane: one conversation. Its header (debtor, account facts, take over / hand back,
 * resolve a handoff, export), then the handoff summary (in handoff), the plan card, the thread and the suggestions, above the
 * composer. It redraws whenever the store's open conversation changes.
 */
import { t, term } from '../../i18n/index.js';
import { api, enc, errorText } from '../api.js';
import { $, h, icon, replaceKeepingFocus, toast } from '../dom.js';
import { money } from '../format.js';
import { state, subscribe, update } from '../state.js';
import { refreshConversation, refreshInbox } from '../sync.js';
import { renderComposerCount, renderComposerStatus, renderGuard, switchDraft } from './composer.js';
import { handoffSection } from './handoff-card.js';
import { fact, stateBadge } from './parts.js';
import { selectTab, setRoute } from './shell.js';
import { suggestionsSection } from './suggestions.js';
import { planSection, threadSection } from './thread.js';

const RESOLUTIONS = ['dispute_settled', 'payment_confirmed', 'other'];

export function bindConversation() {
  subscribe(['convId', 'conv', 'convError'], renderConversation);
}

/**
 * Show conversation `id` (from the inbox, the simulator or the address bar). Subscribers hear
 * `{ opened: id }`: the simulator follows if it was showing nobody.
 */
export function openConversation(id, { focus = false } = {}) {
  switchDraft(state.convId, id);
  // the tab first, so the inbox is visible when its selection is drawn
  if (state.tab !== 'inbox') selectTab('inbox');
  if (state.convId !== id)
    update({ convId: id, conv: null, convError: null, composerStatus: null }, { opened: id });
  else update({ convId: id }, { opened: id });
  setRoute();
  void refreshConversation({ scrollToEnd: true }).then(() => {
    if (focus) $('conversation').focus({ preventScroll: true });
  });
}

export function renderConversation({ scrollToEnd = false } = {}) {
  const head = $('conv-head');
  const body = $('conv-body');
  const form = $('composer-form');
  const c = state.conv;
  if (!state.convId || (!c && !state.convError)) {
    head.replaceChildren();
    form.hidden = true;
    replaceKeepingFocus(
      body,
      state.convId
        ? h('div', { class: 'empty-state muted' }, t('inbox.loading'))
        : h(
            'div',
            { class: 'empty-state' },
            h(
              'div',
              { class: 'empty-icon' },
              icon('M4 5.5h12a1 1 0 011 1v7a1 1 0 01-1 1H9l-3.5 3v-3H4a1 1 0 01-1-1v-7a1 1 0 011-1z'),
            ),
            h('h2', { id: 'conv-title', class: 'empty-title' }, t('conv.empty.title')),
            h('p', { class: 'muted' }, t('conv.empty.body')),
          ),
    );
    return;
  }
  if (state.convError && !c) {
    head.replaceChildren();
    form.hidden = true;
    replaceKeepingFocus(body, h('div', { class: 'empty-state error', role: 'alert' }, state.convError));
    return;
  }

  const nearBottom = body.scrollHeight - body.scrollTop - body.clientHeight < 80;
  const keepScroll = body.scrollTop;
  replaceKeepingFocus(head, convHeader(c));
  replaceKeepingFocus(
    body,
    state.convError ? h('p', { class: 'inline-error', role: 'alert' }, state.convError) : null,
    handoffSection(c),
    planSection(c),
    threadSection(c),
    suggestionsSection(c),
  );
  form.hidden = false;
  renderGuard();
  renderComposerStatus();
  renderComposerCount();
  if (scrollToEnd || nearBottom) {
    // the end of the thread: the latest message at the bottom of the view
    const last = body.querySelector('.thread > li:last-child');
    if (last) {
      const top = last.getBoundingClientRect().bottom - body.getBoundingClientRect().top + body.scrollTop;
      body.scrollTop = Math.max(0, top - body.clientHeight + 16);
    } else body.scrollTop = body.scrollHeight;
  } else body.scrollTop = keepScroll;
}

function convHeader(c) {
  const a = c.account ?? {};
  const paused = Boolean(c.paused);
  const inHandoff = c.state === 'handoff';
  const select = h(
    'select',
    {
      id: 'resolve-select',
      class: 'input input-sm',
      'data-testid': 'resolve-select',
      'data-focus-key': 'resolve-select',
      'aria-label': t('conv.resolution'),
      disabled: !inHandoff,
    },
    RESOLUTIONS.map((r) => h('option', { value: r }, t(`resolution.${r}`))),
  );
  if (state.resolution) select.value = state.resolution;
  select.addEventListener('change', () => update({ resolution: select.value }));
  return h(
    'div',
    { class: 'conv-head-inner' },
    h(
      'div',
      { class: 'conv-title-row' },
      h('h2', { id: 'conv-title', class: 'conv-title', 'data-testid': 'conv-name' }, a.debtorName ?? c.id),
      stateBadge(c.state),
      paused ? h('span', { class: 'badge paused', 'data-testid': 'paused-badge' }, t('conv.paused')) : null,
      a.demo ? h('span', { class: 'tag' }, t('tag.demo')) : null,
    ),
    h(
      'dl',
      { class: 'facts' },
      fact(t('conv.lender'), a.lender),
      fact(t('conv.balance'), money(a.balance, a.currency), 'balance'),
      fact(t('conv.overdue'), t('days', { n: a.overdueDays ?? 0 })),
      fact(t('conv.phone'), h('span', { class: 'mono' }, c.phone)),
      fact(
        t('conv.channel'),
        h('span', { class: 'badge channel', 'data-testid': 'channel-badge' }, term('channel', c.channel)),
      ),
    ),
    h(
      'div',
      { class: 'conv-actions' },
      paused
        ? h(
            'button',
            {
              type: 'button',
              class: 'btn btn-secondary',
              'data-testid': 'handback',
              'data-focus-key': 'pause-toggle',
              title: t('conv.handbackHint'),
              onclick: () => void convAction('handback'),
            },
            t('conv.handback'),
          )
        : h(
            'button',
            {
              type: 'button',
              class: 'btn btn-secondary',
              'data-testid': 'takeover',
              'data-focus-key': 'pause-toggle',
              title: t('conv.takeoverHint'),
              onclick: () => void convAction('takeover'),
            },
            t('conv.takeover'),
          ),
      h(
        'span',
        { class: 'resolve-group', title: inHandoff ? null : t('conv.resolveHint') },
        select,
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn-secondary',
            'data-testid': 'resolve',
            'data-focus-key': 'resolve',
            disabled: !inHandoff,
            onclick: () => void resolve(select.value),
          },
          t('conv.resolve'),
        ),
      ),
      h('span', { class: 'spacer' }),
      h(
        'button',
        {
          type: 'button',
          class: 'btn btn-ghost',
          'data-testid': 'export',
          'data-focus-key': 'export',
          title: t('conv.exportLabel'),
          onclick: () => void exportConversation(),
        },
        icon('M10 3v9m0 0l-3.5-3.5M10 12l3.5-3.5M4 14v2.5h12V14'),
        t('conv.export'),
      ),
    ),
  );
}

/** Take over (the bot stops replying) or hand back. */
async function convAction(action) {
  const id = state.convId;
  if (!id) return;
  try {
    await api(`/api/conversations/${enc(id)}/${action}`, { method: 'POST' });
    toast(t(action === 'takeover' ? 'conv.tookOver' : 'conv.handedBack'));
  } catch (err) {
    if (err.status !== 401) toast(errorText(err), 'error');
  }
  await refreshConversation();
  void refreshInbox();
}

async function resolve(resolution) {
  const id = state.convId;
  if (!id) return;
  try {
    await api(`/api/conversations/${enc(id)}/resolve`, { method: 'POST', body: { resolution } });
    toast(t('conv.resolved'));
  } catch (err) {
    if (err.status === 409) toast(t('conv.notHandoff'), 'error');
    else if (err.status !== 401) toast(errorText(err), 'error');
  }
  await refreshConversation();
  void refreshInbox();
}

/** The CONTRACTS §5 file, fetched with the token (a plain link would not carry it) and saved. */
async function exportConversation() {
  const id = state.convId;
  if (!id) return;
  try {
    const res = await api(`/api/conversations/${enc(id)}/export`, { raw: true });
    const blob = await res.blob();
    const cd = res.headers.get('content-disposition') ?? '';
    const m = /filename="?([^";]+)"?/i.exec(cd);
    const file = m ? m[1] : `${id}.json`;
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: file, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 5000);
    toast(t('conv.exported', { file }));
  } catch (err) {
    if (err.status !== 401) toast(errorText(err), 'error');
  }
}
