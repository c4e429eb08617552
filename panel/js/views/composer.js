/* global setTimeout, clearTimeout */
/**
 * The composer under the conversation: the agent's own SMS (and a suggestion sent as is), the
 * guard's alert when a draft is blocked, the sending status and the character count. Unsent text
 * is kept per conversation while the agent looks at another one.
 */
import { t, term } from '../../i18n/index.js';
import { api, enc, errorText } from '../api.js';
import { $, h } from '../dom.js';
import { shortTime, smsLength } from '../format.js';
import { state, update } from '../state.js';
import { refreshConversation, refreshInbox } from '../sync.js';

const drafts = new Map(); // conversation id -> unsent composer text

export function bindComposer() {
  const composer = $('composer');
  $('composer-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void sendAgent(composer.value, 'composer');
  });
  composer.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void sendAgent(composer.value, 'composer');
    }
  });
  composer.addEventListener('input', () => {
    if (state.convId) drafts.set(state.convId, composer.value);
    renderComposerCount();
  });
}

/** Moving from conversation `from` to `to`: keep the draft of one, bring back the other's. */
export function switchDraft(from, to) {
  if (from && from !== to) drafts.set(from, $('composer').value);
  if (from !== to) $('composer').value = drafts.get(to) ?? '';
}

/** A suggestion into the composer, to be edited before sending. */
export function editSuggestion(text) {
  const composer = $('composer');
  composer.value = text;
  if (state.convId) drafts.set(state.convId, text);
  renderComposerCount();
  composer.focus();
  composer.setSelectionRange(text.length, text.length);
  composer.scrollIntoView({ block: 'nearest' });
}

export function renderComposerCount() {
  const n = smsLength($('composer').value);
  $('composer-count').textContent = n ? t('composer.chars', { n }) : '';
}

export function renderComposerStatus() {
  const st =
    state.composerStatus && state.composerStatus.convId === state.convId ? state.composerStatus : null;
  const el = $('composer-status');
  el.textContent = st ? st.text() : '';
  el.className = `composer-status small${st ? ` st-${st.kind}` : ''}`;
  $('composer-send').disabled = state.sending;
}

function setComposerStatus(kind, text) {
  update({ composerStatus: { convId: state.convId, kind, text } });
  renderComposerStatus();
}

let composerStatusTimer = null;
/** A success note fades after a few seconds; errors stay until the next attempt. */
function fadeComposerStatus() {
  clearTimeout(composerStatusTimer);
  const st = state.composerStatus;
  if (st?.kind !== 'ok') return;
  composerStatusTimer = setTimeout(() => {
    if (state.composerStatus === st) {
      update({ composerStatus: null });
      renderComposerStatus();
    }
  }, 5000);
}

export function renderGuard() {
  const el = $('guard-alert');
  const g = state.guard && state.guard.convId === state.convId ? state.guard : null;
  if (!g) {
    el.replaceChildren();
    el.removeAttribute('data-rules');
    return;
  }
  el.setAttribute('data-rules', g.violations.map((v) => v.rule).join(' '));
  el.replaceChildren(
    h(
      'button',
      {
        type: 'button',
        class: 'guard-dismiss',
        'data-testid': 'guard-dismiss',
        'aria-label': t('dismiss'),
        title: t('dismiss'),
        onclick: () => {
          update({ guard: null });
          renderGuard();
          $('composer').focus();
        },
      },
      '×',
    ),
    h('p', { class: 'guard-title' }, t('guard.title')),
    h(
      'ul',
      { class: 'guard-list' },
      g.violations.map((v) =>
        h(
          'li',
          { 'data-rule': v.rule },
          h('strong', null, term('rule', v.rule)),
          ' ',
          h('code', null, v.rule),
          v.reason ? [h('span', { 'aria-hidden': 'true' }, ' — '), v.reason] : null,
        ),
      ),
    ),
  );
}

/** Send `text` as the agent; `source` is 'composer' or 'suggestion'. A blocked draft shows the guard. */
export async function sendAgent(text, source) {
  const id = state.convId;
  if (!id || state.sending) return;
  if (!text.trim()) {
    setComposerStatus('error', () => t('composer.empty'));
    $('composer').focus();
    return;
  }
  update({ sending: true, guard: null });
  renderGuard();
  setComposerStatus('pending', () => t('composer.sending'));
  try {
    const r = await api(`/api/conversations/${enc(id)}/messages`, { method: 'POST', body: { text } });
    if (source === 'composer' && $('composer').value === text && state.convId === id) {
      $('composer').value = '';
      drafts.delete(id);
      renderComposerCount();
    }
    const until = r?.until ?? r?.message?.until;
    update({
      composerStatus: {
        convId: id,
        kind: 'ok',
        text: () =>
          r?.status === 'deferred'
            ? t('composer.deferred', { time: shortTime(until) })
            : t('composer.queued'),
      },
    });
  } catch (err) {
    if (err.status === 422 && Array.isArray(err.body?.violations)) {
      update({ guard: { convId: id, violations: err.body.violations }, composerStatus: null });
      // a blocked suggestion lands in the composer, so the agent can fix it
      if (source === 'suggestion' && !$('composer').value.trim() && state.convId === id) {
        $('composer').value = text;
        drafts.set(id, text);
      }
    } else if (err.status !== 401) {
      const msg = errorText(err);
      update({ composerStatus: { convId: id, kind: 'error', text: () => msg } });
    }
  } finally {
    update({ sending: false });
  }
  renderGuard();
  renderComposerStatus();
  renderComposerCount();
  fadeComposerStatus();
  await refreshConversation({ scrollToEnd: true });
  void refreshInbox();
}
