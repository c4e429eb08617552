/* global URLSearchParams */
/**
 * Loads the inbox and the open conversation from the server into the store; the views subscribed
 * to those keys redraw. A later refresh wins: an answer that arrives after a newer request was
 * sent is dropped.
 */
import { t } from '../i18n/index.js';
import { api, enc, errorText } from './api.js';
import { state, update } from './state.js';

let inboxSeq = 0;

/** The inbox for the current filter and search, and every row (for the simulator). */
export async function refreshInbox() {
  const seq = ++inboxSeq;
  const params = new URLSearchParams();
  if (state.filter !== 'all') params.set('filter', state.filter);
  if (state.q) params.set('q', state.q);
  const qs = params.toString();
  try {
    const rows = await api(`/api/inbox${qs ? `?${qs}` : ''}`);
    const all = qs ? await api('/api/inbox') : rows;
    if (seq !== inboxSeq) return;
    update({
      inbox: Array.isArray(rows) ? rows : [],
      allRows: Array.isArray(all) ? all : [],
      inboxError: null,
    });
  } catch (err) {
    if (seq !== inboxSeq || err.status === 401) return;
    update({ inboxError: errorText(err) });
  }
}

let convSeq = 0;

/**
 * The open conversation. Subscribers get `{ loaded: id }`, and `scrollToEnd` when the thread
 * should show its latest message (asked for, or a new message arrived).
 */
export async function refreshConversation({ scrollToEnd = false } = {}) {
  const id = state.convId;
  if (!id) return;
  const seq = ++convSeq;
  try {
    const view = await api(`/api/conversations/${enc(id)}`);
    if (seq !== convSeq || id !== state.convId) return;
    const before = state.conv;
    const grew =
      !before || before.id !== view.id || (view.messages?.length ?? 0) > (before.messages?.length ?? 0);
    update({ conv: view, convError: null }, { scrollToEnd: scrollToEnd || grew, loaded: id });
  } catch (err) {
    if (seq !== convSeq || err.status === 401) return;
    update(
      {
        convError:
          err.status === 404 && err.body?.error !== 'not found' ? t('conv.notFound') : errorText(err),
      },
      { loaded: id },
    );
  }
}
