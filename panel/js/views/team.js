/* global document */
/**
 * The team's side of an open conversation (CONTRACTS §10): who holds it (a supervisor may hand
 * it to someone else), the internal notes (never sent; added here), and the canned replies,
 * filled in by the server for this debtor and put into the composer to be read and sent like
 * any agent message, through the same guard. Buttons the signed-in role may not use are hidden.
 */
import { t } from '../../i18n/index.js';
import { api, enc, errorText } from '../api.js';
import { $, h, toast } from '../dom.js';
import { shortTime } from '../format.js';
import { state, subscribe } from '../state.js';
import { refreshConversation, refreshInbox } from '../sync.js';
import { editSuggestion } from './composer.js';

let canned = { convId: null, list: [] };

export function bindTeam() {
  $('note-form').addEventListener('submit', (e) => void addNote(e));
  $('canned-select').addEventListener('change', pickCanned);
  subscribe(['conv', 'user'], renderTeam);
}

function renderTeam() {
  const c = state.conv;
  const pane = $('team-pane');
  if (!c || c.id !== state.convId) {
    pane.hidden = true;
    return;
  }
  pane.hidden = false;
  const me = state.user;
  const heldByOther = Boolean(c.owner && me && c.owner.agent !== me.username && me.role !== 'supervisor');
  $('conv-owner').replaceChildren(
    c.owner
      ? t(heldByOther ? 'team.heldByOther' : 'team.owner', { agent: c.owner.agent })
      : t('team.noOwner'),
  );
  $('conv-owner').dataset.owner = c.owner?.agent ?? '';
  // What this agent may not do to a conversation someone else holds is not offered.
  for (const sel of ['[data-testid="takeover"]', '[data-testid="handback"]', '[data-testid="resolve"]'])
    for (const el of document.querySelectorAll(sel)) el.hidden = heldByOther;
  $('composer-form').hidden = $('composer-form').hidden || heldByOther;
  renderNotes(c.notes ?? []);
  if (canned.convId !== c.id) void loadCanned(c.id);
}

function renderNotes(notes) {
  $('notes-list').replaceChildren(
    ...(notes.length === 0
      ? [h('li', { class: 'muted small' }, t('team.noNotes'))]
      : notes.map((n) =>
          h(
            'li',
            { class: 'note', 'data-testid': 'note' },
            h('span', { class: 'muted small' }, `${n.agent} · ${shortTime(n.at)} `),
            h('span', null, n.text),
          ),
        )),
  );
}

async function loadCanned(id) {
  canned = { convId: id, list: [] };
  try {
    const list = await api(`/api/conversations/${enc(id)}/canned-replies`);
    if (canned.convId !== id) return;
    canned.list = list;
  } catch {
    // no canned replies to offer
  }
  const select = $('canned-select');
  select.replaceChildren(
    h('option', { value: '' }, t('team.cannedPick')),
    ...canned.list.map((r) => h('option', { value: String(r.id) }, r.title)),
  );
}

function pickCanned() {
  const select = $('canned-select');
  const reply = canned.list.find((r) => String(r.id) === select.value);
  select.value = '';
  if (!reply) return;
  if (reply.missing.length) toast(t('team.cannedMissing', { names: reply.missing.join(', ') }), 'error');
  editSuggestion(reply.text);
}

async function addNote(event) {
  event.preventDefault();
  const input = $('note-input');
  const text = input.value.trim();
  if (!text || !state.convId) return;
  try {
    await api(`/api/conversations/${enc(state.convId)}/notes`, { method: 'POST', body: { text } });
    input.value = '';
  } catch (err) {
    if (err.status !== 401) toast(errorText(err), 'error');
  }
  await refreshConversation();
  void refreshInbox();
}
