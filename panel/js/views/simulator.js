/**
 * The right pane: a phone that texts the bot as a debtor would (POST /sim/inbound), showing what
 * that phone has received. It follows the conversation the agent opens when it shows nobody, and
 * reloads when the open conversation is its own.
 */
import { getLang, t } from '../../i18n/index.js';
import { api, enc, errorText } from '../api.js';
import { $, appendChildren, h } from '../dom.js';
import { shortTime } from '../format.js';
import { knownPhone, rememberPhone } from '../phones.js';
import { state, subscribe, update } from '../state.js';
import { refreshConversation, refreshInbox } from '../sync.js';
import { openConversation } from './conversation.js';

export function bindSimulator() {
  $('sim-debtor').addEventListener('change', () => selectSimDebtor($('sim-debtor').value || null));
  $('sim-phone').addEventListener('change', () => rememberPhone(state.simId, $('sim-phone').value.trim()));
  $('sim-new').addEventListener('click', () => void newDemoDebtor());
  $('sim-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void simSend();
  });
  $('sim-open').addEventListener('click', () => {
    if (state.simId) openConversation(state.simId, { focus: true });
  });

  subscribe(['allRows', 'inboxError'], renderSimSelect);
  // both sides of one conversation at once: the phone takes the debtor the agent opened
  subscribe(['convId'], ({ opened }) => {
    if (opened && !state.simId) selectSimDebtor(opened);
  });
  subscribe(['conv', 'convError'], ({ loaded }) => {
    if (loaded && state.simId === loaded) void refreshSim();
  });
}

let simSelectKey = '';
function renderSimSelect() {
  const select = $('sim-debtor');
  const rows = state.allRows;
  // Rebuild only when the choices change, so a live update does not close an open dropdown.
  const key = JSON.stringify([getLang(), rows.map((r) => [r.id, r.debtorName, r.phone])]);
  if (key !== simSelectKey) {
    simSelectKey = key;
    select.replaceChildren();
    appendChildren(select, [
      h('option', { value: '' }, t('sim.choose')),
      rows.map((r) => h('option', { value: r.id }, `${r.debtorName} · ${r.phone}`)),
    ]);
  }
  if (select.value !== (state.simId ?? '')) select.value = state.simId ?? '';
}

function selectSimDebtor(id) {
  update({ simId: id, simConv: null, simStatus: null });
  const row = state.allRows.find((r) => r.id === id);
  $('sim-phone').value = knownPhone(row);
  renderSim();
  if (id) void refreshSim();
}

let simSeq = 0;
export async function refreshSim() {
  const id = state.simId;
  if (!id) return;
  const seq = ++simSeq;
  try {
    const view =
      id === state.convId && state.conv?.id === id ? state.conv : await api(`/api/conversations/${enc(id)}`);
    if (seq !== simSeq || id !== state.simId) return;
    update({ simConv: view });
  } catch (err) {
    if (seq !== simSeq || err.status === 401) return;
    const msg = errorText(err);
    update({ simStatus: { kind: 'error', text: () => msg } });
  }
  renderSim();
}

export function renderSim() {
  renderSimSelect();
  const c = state.simConv;
  const row = state.allRows.find((r) => r.id === state.simId);
  $('sim-peer').textContent = c?.account?.lender ?? row?.debtorName ?? '';
  $('sim-open').hidden = !state.simId || state.simId === state.convId;
  const thread = $('sim-thread');
  const atBottom = thread.scrollHeight - thread.scrollTop - thread.clientHeight < 40;
  if (!state.simId) {
    thread.replaceChildren(h('li', { class: 'phone-empty' }, t('sim.pick')));
  } else {
    // What the phone has received: its own texts, and our messages that were actually sent; a
    // reply held for quiet hours shows as a note, so nobody wonders why the bot is silent.
    const msgs = (c?.messages ?? []).filter(
      (m) => m.direction === 'in' || m.status === 'sent' || m.status === 'deferred',
    );
    thread.replaceChildren(
      ...(msgs.length
        ? msgs.map((m) =>
            m.status === 'deferred'
              ? h(
                  'li',
                  { class: 'pnote', 'data-testid': 'sim-note' },
                  t('sim.held', { time: shortTime(m.until ?? '') }),
                )
              : h(
                  'li',
                  {
                    class: `pmsg ${m.direction === 'in' ? 'pmsg-me' : 'pmsg-them'}`,
                    'data-testid': 'sim-message',
                    'data-direction': m.direction,
                  },
                  h('span', { class: 'pbubble' }, m.text),
                  h('time', { class: 'ptime', datetime: m.at }, shortTime(m.at)),
                ),
          )
        : [h('li', { class: 'phone-empty' }, t('sim.empty'))]),
    );
  }
  if (atBottom || state.simJustSent) thread.scrollTop = thread.scrollHeight;
  update({ simJustSent: false });
  const st = state.simStatus;
  $('sim-status').textContent = st ? st.text() : '';
  $('sim-status').className = `sim-status small${st ? ` st-${st.kind}` : ''}`;
  $('sim-send').disabled = state.simSending;
}

async function newDemoDebtor() {
  const btn = $('sim-new');
  btn.disabled = true;
  try {
    const r = await api('/api/demo-debtors', {
      method: 'POST',
      body: { locale: getLang() === 'zh' ? 'zh-CN' : 'en-US' },
    });
    const id = r.conversationId ?? r.account?.id;
    if (r.account?.phone && !r.account.phone.includes('*')) rememberPhone(id, r.account.phone);
    await refreshInbox();
    selectSimDebtor(id);
    if (r.account?.phone && !r.account.phone.includes('*')) $('sim-phone').value = r.account.phone;
    const name = r.account?.debtorName ?? id;
    update({ simStatus: { kind: 'ok', text: () => t('sim.newDone', { name }) } });
    renderSim();
    if (!state.convId) openConversation(id);
    $('sim-input').focus();
  } catch (err) {
    if (err.status !== 401) {
      const msg = errorText(err);
      update({ simStatus: { kind: 'error', text: () => msg } });
      renderSim();
    }
  } finally {
    btn.disabled = false;
  }
}

async function simSend() {
  const text = $('sim-input').value;
  const from = $('sim-phone').value.trim();
  if (!state.simId && !from) {
    update({ simStatus: { kind: 'error', text: () => t('sim.pick') } });
    renderSim();
    return;
  }
  if (!from) {
    update({ simStatus: { kind: 'error', text: () => t('sim.noPhone') } });
    renderSim();
    $('sim-phone').focus();
    return;
  }
  if (!text.trim() || state.simSending) return;
  update({ simSending: true, simStatus: null });
  renderSim();
  try {
    const r = await api('/sim/inbound', { method: 'POST', body: { from, text } });
    $('sim-input').value = '';
    const id = r?.conversationId ?? state.simId;
    if (id) {
      rememberPhone(id, from);
      if (id !== state.simId) update({ simId: id });
    }
    update({ simJustSent: true });
  } catch (err) {
    if (err.status !== 401) {
      const msg = errorText(err);
      update({ simStatus: { kind: 'error', text: () => msg } });
    }
  } finally {
    update({ simSending: false });
  }
  if (state.simId && !state.convId) openConversation(state.simId);
  else if (state.simId === state.convId) await refreshConversation();
  await refreshSim();
  void refreshInbox();
  $('sim-input').focus();
}
