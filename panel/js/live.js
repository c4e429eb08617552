/* global fetch, setTimeout, clearTimeout, AbortController, TextDecoderStream */
/**
 * Live updates: the server-sent events of GET /api/events, read with fetch (not EventSource) so
 * the Authorization header goes along. Each `change` event names a conversation; a burst of them
 * becomes one call of the `onChanges(ids)` given to `startLive` ('*' means "anything"). The
 * connection's state goes to the store as `live`; a lost stream reconnects with backoff.
 */
import { authHeaders, signalUnauthorized } from './api.js';
import { state, update } from './state.js';

const live = { ctrl: null, timer: null, attempt: 0, onChanges: () => {} };
const pending = { ids: new Set(), timer: null };

export function startLive(onChanges) {
  live.onChanges = onChanges;
  void connectEvents();
}

export function stopLive() {
  live.ctrl?.abort();
  live.ctrl = null;
  clearTimeout(live.timer);
}

async function connectEvents() {
  stopLive();
  const ctrl = new AbortController();
  live.ctrl = ctrl;
  update({ live: 'connecting' });
  try {
    const res = await fetch('/api/events', {
      headers: { Accept: 'text/event-stream', ...authHeaders() },
      signal: ctrl.signal,
      cache: 'no-store',
    });
    if (res.status === 401) return signalUnauthorized();
    if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
    update({ live: 'on' });
    live.attempt = 0;
    scheduleRefresh('*'); // whatever changed while we were away
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let event = 'message';
    let data = [];
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let nl;
      while ((nl = buffer.search(/\r\n|\r|\n/)) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(buffer[nl] === '\r' && buffer[nl + 1] === '\n' ? nl + 2 : nl + 1);
        if (line === '') {
          if (data.length) onSseEvent(event, data.join('\n'));
          event = 'message';
          data = [];
        } else if (line.startsWith(':')) {
          // a keep-alive comment
        } else {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') event = val;
          else if (field === 'data') data.push(val);
        }
      }
    }
    throw new Error('the event stream ended');
  } catch {
    if (ctrl.signal.aborted || live.ctrl !== ctrl) return;
    update({ live: 'off' });
    const delay = Math.min(30_000, 1000 * 2 ** live.attempt) * (0.75 + Math.random() * 0.5);
    live.attempt = Math.min(live.attempt + 1, 6);
    live.timer = setTimeout(() => {
      if (live.ctrl === ctrl && state.started) void connectEvents();
    }, delay);
  }
}

function onSseEvent(event, data) {
  if (event !== 'change') return;
  let id = '*';
  try {
    id = JSON.parse(data)?.conversationId ?? '*';
  } catch {
    // refresh everything
  }
  scheduleRefresh(id);
}

/** Debounced: a burst of changes (inbound, reply, send) costs one refresh. */
function scheduleRefresh(id) {
  pending.ids.add(id);
  clearTimeout(pending.timer);
  pending.timer = setTimeout(() => {
    const ids = pending.ids;
    pending.ids = new Set();
    if (!state.started) return;
    live.onChanges(ids);
  }, 150);
}
