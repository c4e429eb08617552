/* global window, URLSearchParams, document, fetch, sessionStorage, localStorage, setTimeout, clearTimeout, AbortController, TextDecoderStream, URL, Node, CSS, ResizeObserver, location, history */
/**
 * The agent-assist panel: inbox, conversation view, simulator and metrics, as plain DOM.
 *
 * Security rule of this file: nothing that came from the server or a debtor is ever parsed as
 * HTML. Every element is built with createElement and every text goes in as a text node (the
 * `h` helper below), so an SMS containing `<script>` or `<img onerror>` renders as text.
 */
import { applyStatic, getLang, locale, onLangChange, setLang, t, term } from './i18n.js';

// --- small DOM helpers -----------------------------------------------------------------------

/**
 * Create an element. `attrs`: `on<event>` functions become listeners; `class`, `value`,
 * and boolean properties are set as properties; anything else is an attribute. Children are
 * nodes or strings (strings become text nodes, never markup); null/false are skipped.
 */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) {
      // listeners only: never an inline handler attribute
      if (typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    } else if (k === 'class') el.className = v;
    else if (k === 'value') el.value = v;
    else if (k === 'disabled' || k === 'hidden' || k === 'selected' || k === 'checked') el[k] = true;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  appendChildren(el, children);
  return el;
}

function appendChildren(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

const $ = (id) => document.getElementById(id);

/** A small stroked SVG icon (decorative: the button beside it has a text label). */
function icon(d) {
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 20 20');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'icon');
  const path = document.createElementNS(NS, 'path');
  path.setAttribute('d', d);
  path.setAttribute('fill', 'none');
  path.setAttribute('stroke', 'currentColor');
  path.setAttribute('stroke-width', '1.8');
  path.setAttribute('stroke-linecap', 'round');
  path.setAttribute('stroke-linejoin', 'round');
  svg.append(path);
  return svg;
}

/** Replace a container's children, keeping focus on the element with the same data-focus-key. */
function replaceKeepingFocus(container, ...children) {
  const active = document.activeElement;
  const key = active && container.contains(active) ? active.getAttribute('data-focus-key') : null;
  container.replaceChildren();
  appendChildren(container, children);
  if (key) {
    const again = container.querySelector(`[data-focus-key="${CSS.escape(key)}"]`);
    if (again) again.focus({ preventScroll: true });
  }
}

// --- formatting --------------------------------------------------------------------------------

function money(amount, currency) {
  if (typeof amount !== 'number' || !Number.isFinite(amount)) return '';
  try {
    return new Intl.NumberFormat(locale(), { style: 'currency', currency: currency || 'CNY' }).format(amount);
  } catch {
    return String(amount);
  }
}

function percent(rate) {
  if (typeof rate !== 'number' || !Number.isFinite(rate)) return '—';
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

function num(n) {
  return typeof n === 'number' ? new Intl.NumberFormat(locale()).format(n) : '—';
}

/** An instant as written by the server (the debtor's own offset): "11-23 10:00". */
function shortTime(at) {
  if (typeof at === 'number') {
    return new Intl.DateTimeFormat(locale(), {
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }).format(new Date(at));
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(at ?? '');
  return m ? `${m[2]}-${m[3]} ${m[4]}:${m[5]}` : String(at ?? '');
}

const smsLength = (text) => [...text].length;

// --- state -------------------------------------------------------------------------------------

const TOKEN_KEY = 'huikuan.token';
const PHONES_KEY = 'huikuan.simPhones';
const FILTERS = ['all', 'needs_person', 'negotiating', 'agreed', 'opted_out', 'wrong_party'];
const RESOLUTIONS = ['dispute_settled', 'payment_confirmed', 'other'];
/** The built-in demo debtors (src/service/demo-debtors.ts), whose full phones the simulator can prefill. */
const BUILTIN_PHONES = [
  { name: '张伟', phone: '+8613800138000' },
  { name: '李娜', phone: '+8613900139000' },
  { name: 'Maria Lopez', phone: '+15555550123' },
];

const S = {
  token: readSession(TOKEN_KEY),
  authRequired: false,
  started: false,
  tab: 'inbox',
  filter: 'all',
  q: '',
  inbox: null, // InboxRow[] for the current filter and search, null before the first load
  inboxError: null,
  allRows: [], // every conversation, for the simulator's select
  convId: null,
  conv: null,
  convError: null,
  guard: null, // { convId, violations } of the last blocked draft
  composerStatus: null, // { convId, kind, text }
  sending: false,
  drafts: new Map(), // conversation id -> unsent composer text
  metrics: null,
  metricsError: null,
  sim: { id: null, conv: null, status: null, sending: false },
  simPhones: readPhones(),
  live: 'connecting',
  resolution: 'dispute_settled',
};

function readSession(key) {
  try {
    return sessionStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
}

function readPhones() {
  try {
    const v = JSON.parse(localStorage.getItem(PHONES_KEY) ?? '{}');
    return v && typeof v === 'object' ? v : {};
  } catch {
    return {};
  }
}

function rememberPhone(convId, phone) {
  if (!convId) return;
  if (phone) S.simPhones[convId] = phone;
  else delete S.simPhones[convId];
  try {
    localStorage.setItem(PHONES_KEY, JSON.stringify(S.simPhones));
  } catch {
    // not remembered across reloads
  }
}

/** Does a full phone fit a masked one ("+86138****8000")? */
function fitsMask(full, masked) {
  if (!full || !masked || full.length !== masked.length) return false;
  for (let i = 0; i < full.length; i++) {
    if (masked[i] !== '*' && masked[i] !== full[i]) return false;
    if (masked[i] === '*' && !/\d/.test(full[i])) return false;
  }
  return true;
}

/** The full phone of a conversation's debtor, if the panel knows it. */
function knownPhone(row) {
  if (!row) return '';
  if (S.simPhones[row.id]) return S.simPhones[row.id];
  const builtin = BUILTIN_PHONES.find((b) => b.name === row.debtorName && fitsMask(b.phone, row.phone));
  return builtin ? builtin.phone : '';
}

// --- the API -------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, body, path) {
    super(body?.error ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.path = path;
  }
}

function authHeaders() {
  return S.token ? { Authorization: `Bearer ${S.token}` } : {};
}

/** JSON in, JSON out, with the bearer token; a 401 sends the agent back to the login screen. */
async function api(path, { method = 'GET', body, raw = false } = {}) {
  const headers = { ...authHeaders() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (err) {
    throw new ApiError(0, { error: err?.message ?? String(err) }, path);
  }
  if (res.status === 401) {
    unauthorized();
    throw new ApiError(401, { error: 'unauthorized' }, path);
  }
  if (raw) {
    if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => null), path);
    return res;
  }
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = { error: text.slice(0, 200) };
  }
  if (!res.ok) throw new ApiError(res.status, data, path);
  return data;
}

function errorText(err) {
  if (!(err instanceof ApiError)) return t('error.network', { error: err?.message ?? String(err) });
  if (err.status === 0) return t('error.network', { error: err.message });
  if (err.status === 404 && err.body?.error === 'not found') return t('error.notFound', { path: err.path });
  return t('error.server', { status: err.status, error: err.body?.error ?? err.message });
}

const enc = encodeURIComponent;

// --- toasts --------------------------------------------------------------------------------------

function toast(text, kind = 'ok') {
  const el = h('div', { class: `toast toast-${kind}` }, text);
  $('toasts').append(el);
  setTimeout(() => el.remove(), kind === 'error' ? 7000 : 3500);
}

// --- login ---------------------------------------------------------------------------------------

async function getSession(token) {
  try {
    const res = await fetch('/api/session', {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      cache: 'no-store',
    });
    if (res.status === 401) return { authRequired: true, authenticated: false };
    if (res.status === 404) return { authRequired: false, authenticated: true }; // an older server
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return await res.json();
  } catch (err) {
    return { error: err?.message ?? String(err) };
  }
}

function showLogin(messageKey, vars) {
  stopEvents();
  S.started = false;
  $('app').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = messageKey ? t(messageKey, vars) : '';
  $('login-token').value = '';
  $('login-token').focus();
}

function unauthorized() {
  S.token = '';
  try {
    sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // nothing stored
  }
  showLogin('login.expired');
}

async function submitLogin(event) {
  event.preventDefault();
  const token = $('login-token').value.trim();
  if (!token) {
    $('login-error').textContent = t('login.empty');
    return;
  }
  const submit = document.querySelector('[data-testid="login-submit"]');
  submit.disabled = true;
  const session = await getSession(token);
  submit.disabled = false;
  if (session.error) {
    $('login-error').textContent = t('login.unreachable', { error: session.error });
    return;
  }
  if (session.authRequired && !session.authenticated) {
    $('login-error').textContent = t('login.wrong');
    $('login-token').select();
    return;
  }
  S.token = token;
  try {
    sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // kept in memory only
  }
  S.authRequired = Boolean(session.authRequired);
  startApp();
}

function logout() {
  S.token = '';
  try {
    sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // nothing stored
  }
  S.conv = null;
  S.convId = null;
  S.inbox = null;
  showLogin(null);
}

// --- boot ----------------------------------------------------------------------------------------

async function boot() {
  bindStatic();
  renderStatic();
  const session = await getSession(S.token);
  if (session.error) return showLogin('login.unreachable', { error: session.error });
  S.authRequired = Boolean(session.authRequired);
  if (session.authRequired && !session.authenticated) return showLogin(S.token ? 'login.expired' : null);
  startApp();
}

function startApp() {
  S.started = true;
  $('login').hidden = true;
  $('app').hidden = false;
  $('logout').hidden = !S.authRequired;
  const route = location.hash;
  if (route === '#metrics') S.tab = 'metrics';
  const m = /^#c\/(.+)$/.exec(route);
  if (m) S.convId = decodeURIComponent(m[1]);
  renderAll();
  void refreshInbox();
  if (S.convId) void refreshConversation();
  if (S.tab === 'metrics') void refreshMetrics();
  connectEvents();
}

function setRoute() {
  const hash = S.tab === 'metrics' ? '#metrics' : S.convId ? `#c/${enc(S.convId)}` : '';
  if (location.hash !== hash) history.replaceState(null, '', hash || location.pathname);
}

// --- static bindings -----------------------------------------------------------------------------

function bindStatic() {
  $('login-form').addEventListener('submit', submitLogin);
  for (const btn of document.querySelectorAll('.lang-toggle'))
    btn.addEventListener('click', () => setLang(getLang() === 'zh' ? 'en' : 'zh'));
  $('logout').addEventListener('click', logout);

  // tabs: click, and arrow keys between them (the WAI-ARIA tabs pattern)
  const tabs = [$('tab-inbox'), $('tab-metrics')];
  for (const tab of tabs) {
    tab.addEventListener('click', () => selectTab(tab.id === 'tab-metrics' ? 'metrics' : 'inbox'));
    tab.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      e.preventDefault();
      const next = tabs[(tabs.indexOf(tab) + 1) % tabs.length];
      next.focus();
      selectTab(next.id === 'tab-metrics' ? 'metrics' : 'inbox');
    });
  }

  for (const btn of $('filters').querySelectorAll('[data-filter]')) {
    btn.addEventListener('click', () => {
      S.filter = FILTERS.includes(btn.dataset.filter) ? btn.dataset.filter : 'all';
      renderFilters();
      void refreshInbox();
    });
  }

  let searchTimer = null;
  $('inbox-search').addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      S.q = $('inbox-search').value.trim();
      void refreshInbox();
    }, 200);
  });
  $('inbox-search').addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && $('inbox-search').value) {
      $('inbox-search').value = '';
      S.q = '';
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
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || !S.started) return;
    const el = document.activeElement;
    const typing =
      el &&
      (el.tagName === 'INPUT' ||
        el.tagName === 'TEXTAREA' ||
        el.tagName === 'SELECT' ||
        el.isContentEditable);
    if (typing) return;
    e.preventDefault();
    if (S.tab !== 'inbox') selectTab('inbox');
    $('inbox-search').focus();
    $('inbox-search').select();
  });

  // composer
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
    if (S.convId) S.drafts.set(S.convId, composer.value);
    renderComposerCount();
  });

  // simulator
  $('sim-debtor').addEventListener('change', () => selectSimDebtor($('sim-debtor').value || null));
  $('sim-phone').addEventListener('change', () => rememberPhone(S.sim.id, $('sim-phone').value.trim()));
  $('sim-new').addEventListener('click', () => void newDemoDebtor());
  $('sim-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void simSend();
  });
  $('sim-open').addEventListener('click', () => {
    if (S.sim.id) openConversation(S.sim.id, { focus: true });
  });

  onLangChange(() => {
    $('toasts').replaceChildren(); // written in the other language
    renderStatic();
    if (S.started) renderAll();
  });

  window.addEventListener('hashchange', () => {
    const m = /^#c\/(.+)$/.exec(location.hash);
    if (m && decodeURIComponent(m[1]) !== S.convId) openConversation(decodeURIComponent(m[1]));
    else if (location.hash === '#metrics' && S.tab !== 'metrics') selectTab('metrics');
  });
}

function selectTab(tab) {
  if (S.tab !== tab) $('toasts').replaceChildren(); // notes about the other view
  S.tab = tab;
  renderTabs();
  setRoute();
  if (tab === 'metrics') void refreshMetrics();
}

// --- rendering: static parts ---------------------------------------------------------------------

function renderStatic() {
  applyStatic();
  for (const btn of document.querySelectorAll('.lang-toggle')) {
    btn.textContent = t('lang.toggle');
    btn.setAttribute('aria-label', t('lang.toggleLabel'));
    btn.setAttribute('title', t('lang.toggleLabel'));
    btn.setAttribute('lang', getLang() === 'zh' ? 'en' : 'zh');
  }
  renderLive();
}

function renderAll() {
  renderStatic();
  renderTabs();
  renderFilters();
  renderInbox();
  renderConversation();
  renderSim();
}

function renderTabs() {
  const inbox = S.tab === 'inbox';
  $('tab-inbox').setAttribute('aria-selected', String(inbox));
  $('tab-metrics').setAttribute('aria-selected', String(!inbox));
  $('view-inbox').hidden = !inbox;
  $('view-metrics').hidden = inbox;
  if (!inbox) renderMetrics();
}

function renderFilters() {
  for (const btn of $('filters').querySelectorAll('[data-filter]'))
    btn.setAttribute('aria-pressed', String(btn.dataset.filter === S.filter));
}

function setLive(state) {
  S.live = state;
  renderLive();
}

function renderLive() {
  const el = $('live');
  el.className = `live live-${S.live}`;
  $('live-text').textContent = t(
    S.live === 'on' ? 'live.on' : S.live === 'off' ? 'live.off' : 'live.connecting',
  );
  el.setAttribute('aria-label', `${t('live.label')}: ${$('live-text').textContent}`);
}

// --- badges, chips, plan tables --------------------------------------------------------------------

function stateBadge(state, testid = 'state-badge') {
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

function planTables(plans, currency) {
  return h(
    'div',
    { class: 'plan-tables' },
    plans.map((p) => h('div', { class: 'plan-scroll' }, planTable(p, currency))),
  );
}

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

function actTags(acts) {
  if (!acts?.length) return null;
  return h(
    'span',
    { class: 'acts' },
    acts.map((a) => h('span', { class: `act act-${a}`, 'data-act': a }, term('act', a))),
  );
}

// --- inbox ---------------------------------------------------------------------------------------

let inboxSeq = 0;
async function refreshInbox() {
  const seq = ++inboxSeq;
  const params = new URLSearchParams();
  if (S.filter !== 'all') params.set('filter', S.filter);
  if (S.q) params.set('q', S.q);
  const qs = params.toString();
  try {
    const rows = await api(`/api/inbox${qs ? `?${qs}` : ''}`);
    const all = qs ? await api('/api/inbox') : rows;
    if (seq !== inboxSeq) return;
    S.inbox = Array.isArray(rows) ? rows : [];
    S.allRows = Array.isArray(all) ? all : [];
    S.inboxError = null;
  } catch (err) {
    if (seq !== inboxSeq || err.status === 401) return;
    S.inboxError = errorText(err);
  }
  renderInbox();
  renderSimSelect();
}

function renderInbox() {
  const list = $('inbox-list');
  const scroll = list.scrollTop;
  $('inbox-count').textContent = S.inbox
    ? t(S.inbox.length === 1 ? 'inbox.count1' : 'inbox.count', { n: S.inbox.length })
    : '';
  if (S.inboxError) {
    replaceKeepingFocus(list, h('li', { class: 'empty error', role: 'alert' }, S.inboxError));
    return;
  }
  if (!S.inbox) {
    replaceKeepingFocus(list, h('li', { class: 'empty muted' }, t('inbox.loading')));
    return;
  }
  if (S.inbox.length === 0) {
    replaceKeepingFocus(list, h('li', { class: 'empty muted' }, t('inbox.empty')));
    return;
  }
  replaceKeepingFocus(list, S.inbox.map(inboxRow));
  list.scrollTop = scroll;
}

function inboxRow(row) {
  const last = row.lastMessage;
  const selected = row.id === S.convId;
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

// --- conversation --------------------------------------------------------------------------------

function openConversation(id, { focus = false } = {}) {
  if (S.convId && S.convId !== id) S.drafts.set(S.convId, $('composer').value);
  const changed = S.convId !== id;
  S.convId = id;
  if (changed) {
    S.conv = null;
    S.convError = null;
    S.composerStatus = null;
    $('composer').value = S.drafts.get(id) ?? '';
  }
  if (S.tab !== 'inbox') selectTab('inbox');
  // the simulator follows, if it was not showing anyone: both sides of one conversation at once
  if (!S.sim.id) selectSimDebtor(id);
  setRoute();
  renderInbox();
  renderConversation();
  void refreshConversation({ scrollToEnd: true }).then(() => {
    if (focus) $('conversation').focus({ preventScroll: true });
  });
}

let convSeq = 0;
async function refreshConversation({ scrollToEnd = false } = {}) {
  const id = S.convId;
  if (!id) return;
  const seq = ++convSeq;
  try {
    const view = await api(`/api/conversations/${enc(id)}`);
    if (seq !== convSeq || id !== S.convId) return;
    const grew =
      !S.conv || S.conv.id !== view.id || (view.messages?.length ?? 0) > (S.conv.messages?.length ?? 0);
    S.conv = view;
    S.convError = null;
    renderConversation({ scrollToEnd: scrollToEnd || grew });
  } catch (err) {
    if (seq !== convSeq || err.status === 401) return;
    S.convError = err.status === 404 && err.body?.error !== 'not found' ? t('conv.notFound') : errorText(err);
    renderConversation();
  }
  if (S.sim.id === id) void refreshSim();
}

function renderConversation({ scrollToEnd = false } = {}) {
  const head = $('conv-head');
  const body = $('conv-body');
  const form = $('composer-form');
  const c = S.conv;
  if (!S.convId || (!c && !S.convError)) {
    head.replaceChildren();
    form.hidden = true;
    replaceKeepingFocus(
      body,
      S.convId
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
  if (S.convError && !c) {
    head.replaceChildren();
    form.hidden = true;
    replaceKeepingFocus(body, h('div', { class: 'empty-state error', role: 'alert' }, S.convError));
    return;
  }

  const nearBottom = body.scrollHeight - body.scrollTop - body.clientHeight < 80;
  const keepScroll = body.scrollTop;
  replaceKeepingFocus(head, convHeader(c));
  replaceKeepingFocus(
    body,
    S.convError ? h('p', { class: 'inline-error', role: 'alert' }, S.convError) : null,
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
  if (S.resolution) select.value = S.resolution;
  select.addEventListener('change', () => (S.resolution = select.value));
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

function fact(label, value, testid) {
  return h(
    'div',
    { class: 'fact', 'data-testid': testid ? `fact-${testid}` : null },
    h('dt', null, label),
    h('dd', null, value ?? '—'),
  );
}

function planSection(c) {
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

function threadSection(c) {
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
    attachments,
  );
}

function suggestionsSection(c) {
  const currency = c.account?.currency;
  const list = Array.isArray(c.suggestions) ? c.suggestions.slice(0, 3) : [];
  return h(
    'section',
    { class: 'suggestions', 'aria-labelledby': 'sugg-title', 'data-testid': 'suggestions' },
    h('h3', { id: 'sugg-title', class: 'section-title' }, t('conv.suggestions')),
    list.length
      ? h(
          'div',
          { class: 'sugg-list' },
          list.map((s, i) =>
            h(
              'article',
              {
                class: 'card sugg',
                'data-testid': 'suggestion',
                'data-acts': (s.acts ?? []).join(' '),
                'data-index': String(i),
                'aria-label': t('sugg.label', { n: i + 1 }),
              },
              h(
                'div',
                { class: 'sugg-head' },
                h('span', { class: 'sugg-n' }, t('sugg.label', { n: i + 1 })),
                actTags(s.acts),
              ),
              h('p', { class: 'sugg-text', 'data-testid': 'suggestion-text' }, s.text),
              s.offers?.length ? planTables(s.offers, currency) : null,
              s.deferredUntil
                ? h('p', { class: 'small warn' }, t('sugg.deferred', { time: shortTime(s.deferredUntil) }))
                : null,
              h(
                'div',
                { class: 'sugg-actions' },
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'btn btn-primary btn-sm',
                    'data-testid': 'suggestion-send',
                    'data-focus-key': `sugg-send:${i}`,
                    disabled: S.sending,
                    onclick: () => void sendAgent(s.text, 'suggestion'),
                  },
                  t('sugg.sendAsIs'),
                ),
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'btn btn-secondary btn-sm',
                    'data-testid': 'suggestion-edit',
                    'data-focus-key': `sugg-edit:${i}`,
                    onclick: () => editSuggestion(s.text),
                  },
                  t('sugg.edit'),
                ),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted small' }, t('conv.noSuggestions')),
  );
}

function editSuggestion(text) {
  const composer = $('composer');
  composer.value = text;
  if (S.convId) S.drafts.set(S.convId, text);
  renderComposerCount();
  composer.focus();
  composer.setSelectionRange(text.length, text.length);
  composer.scrollIntoView({ block: 'nearest' });
}

// --- composer --------------------------------------------------------------------------------------

function renderComposerCount() {
  const n = smsLength($('composer').value);
  $('composer-count').textContent = n ? t('composer.chars', { n }) : '';
}

function renderComposerStatus() {
  const st = S.composerStatus && S.composerStatus.convId === S.convId ? S.composerStatus : null;
  const el = $('composer-status');
  el.textContent = st ? st.text() : '';
  el.className = `composer-status small${st ? ` st-${st.kind}` : ''}`;
  $('composer-send').disabled = S.sending;
}

function setComposerStatus(kind, text) {
  S.composerStatus = { convId: S.convId, kind, text };
  renderComposerStatus();
}

let composerStatusTimer = null;
/** A success note fades after a few seconds; errors stay until the next attempt. */
function fadeComposerStatus() {
  clearTimeout(composerStatusTimer);
  const st = S.composerStatus;
  if (st?.kind !== 'ok') return;
  composerStatusTimer = setTimeout(() => {
    if (S.composerStatus === st) {
      S.composerStatus = null;
      renderComposerStatus();
    }
  }, 5000);
}

function renderGuard() {
  const el = $('guard-alert');
  const g = S.guard && S.guard.convId === S.convId ? S.guard : null;
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
          S.guard = null;
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

async function sendAgent(text, source) {
  const id = S.convId;
  if (!id || S.sending) return;
  if (!text.trim()) {
    setComposerStatus('error', () => t('composer.empty'));
    $('composer').focus();
    return;
  }
  S.sending = true;
  S.guard = null;
  renderGuard();
  setComposerStatus('pending', () => t('composer.sending'));
  try {
    const r = await api(`/api/conversations/${enc(id)}/messages`, { method: 'POST', body: { text } });
    if (source === 'composer' && $('composer').value === text && S.convId === id) {
      $('composer').value = '';
      S.drafts.delete(id);
      renderComposerCount();
    }
    const until = r?.until ?? r?.message?.until;
    S.composerStatus = {
      convId: id,
      kind: 'ok',
      text: () =>
        r?.status === 'deferred' ? t('composer.deferred', { time: shortTime(until) }) : t('composer.queued'),
    };
  } catch (err) {
    if (err.status === 422 && Array.isArray(err.body?.violations)) {
      S.guard = { convId: id, violations: err.body.violations };
      S.composerStatus = null;
      // a blocked suggestion lands in the composer, so the agent can fix it
      if (source === 'suggestion' && !$('composer').value.trim() && S.convId === id) {
        $('composer').value = text;
        S.drafts.set(id, text);
      }
    } else if (err.status !== 401) {
      const msg = errorText(err);
      S.composerStatus = { convId: id, kind: 'error', text: () => msg };
    }
  } finally {
    S.sending = false;
  }
  renderGuard();
  renderComposerStatus();
  renderComposerCount();
  fadeComposerStatus();
  await refreshConversation({ scrollToEnd: true });
  void refreshInbox();
}

async function convAction(action) {
  const id = S.convId;
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
  const id = S.convId;
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

async function exportConversation() {
  const id = S.convId;
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

// --- simulator -------------------------------------------------------------------------------------

let simSelectKey = '';
function renderSimSelect() {
  const select = $('sim-debtor');
  const rows = S.allRows;
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
  if (select.value !== (S.sim.id ?? '')) select.value = S.sim.id ?? '';
}

function selectSimDebtor(id) {
  S.sim.id = id;
  S.sim.conv = null;
  S.sim.status = null;
  const row = S.allRows.find((r) => r.id === id);
  $('sim-phone').value = knownPhone(row);
  renderSim();
  if (id) void refreshSim();
}

let simSeq = 0;
async function refreshSim() {
  const id = S.sim.id;
  if (!id) return;
  const seq = ++simSeq;
  try {
    const view = id === S.convId && S.conv?.id === id ? S.conv : await api(`/api/conversations/${enc(id)}`);
    if (seq !== simSeq || id !== S.sim.id) return;
    S.sim.conv = view;
  } catch (err) {
    if (seq !== simSeq || err.status === 401) return;
    {
      const msg = errorText(err);
      S.sim.status = { kind: 'error', text: () => msg };
    }
  }
  renderSim();
}

function renderSim() {
  renderSimSelect();
  const c = S.sim.conv;
  const row = S.allRows.find((r) => r.id === S.sim.id);
  $('sim-peer').textContent = c?.account?.lender ?? row?.debtorName ?? '';
  $('sim-open').hidden = !S.sim.id || S.sim.id === S.convId;
  const thread = $('sim-thread');
  const atBottom = thread.scrollHeight - thread.scrollTop - thread.clientHeight < 40;
  if (!S.sim.id) {
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
  if (atBottom || S.sim.justSent) thread.scrollTop = thread.scrollHeight;
  S.sim.justSent = false;
  const st = S.sim.status;
  $('sim-status').textContent = st ? st.text() : '';
  $('sim-status').className = `sim-status small${st ? ` st-${st.kind}` : ''}`;
  $('sim-send').disabled = S.sim.sending;
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
    {
      const name = r.account?.debtorName ?? id;
      S.sim.status = { kind: 'ok', text: () => t('sim.newDone', { name }) };
    }
    renderSim();
    if (!S.convId) openConversation(id);
    $('sim-input').focus();
  } catch (err) {
    if (err.status !== 401) {
      {
        const msg = errorText(err);
        S.sim.status = { kind: 'error', text: () => msg };
      }
      renderSim();
    }
  } finally {
    btn.disabled = false;
  }
}

async function simSend() {
  const text = $('sim-input').value;
  const from = $('sim-phone').value.trim();
  if (!S.sim.id && !from) {
    S.sim.status = { kind: 'error', text: () => t('sim.pick') };
    renderSim();
    return;
  }
  if (!from) {
    S.sim.status = { kind: 'error', text: () => t('sim.noPhone') };
    renderSim();
    $('sim-phone').focus();
    return;
  }
  if (!text.trim() || S.sim.sending) return;
  S.sim.sending = true;
  S.sim.status = null;
  renderSim();
  try {
    const r = await api('/sim/inbound', { method: 'POST', body: { from, text } });
    $('sim-input').value = '';
    const id = r?.conversationId ?? S.sim.id;
    if (id) {
      rememberPhone(id, from);
      if (id !== S.sim.id) S.sim.id = id;
    }
    S.sim.justSent = true;
  } catch (err) {
    if (err.status !== 401) {
      const msg = errorText(err);
      S.sim.status = { kind: 'error', text: () => msg };
    }
  } finally {
    S.sim.sending = false;
  }
  if (S.sim.id && !S.convId) openConversation(S.sim.id);
  else if (S.sim.id === S.convId) await refreshConversation();
  await refreshSim();
  void refreshInbox();
  $('sim-input').focus();
}

// --- metrics ---------------------------------------------------------------------------------------

let metricsSeq = 0;
async function refreshMetrics() {
  const seq = ++metricsSeq;
  try {
    const m = await api('/api/metrics');
    if (seq !== metricsSeq) return;
    S.metrics = m;
    S.metricsError = null;
  } catch (err) {
    if (seq !== metricsSeq || err.status === 401) return;
    S.metricsError = errorText(err);
  }
  renderMetrics();
}

let chart = null;
let chartObserver = null;

const RATES = [
  [
    'reply',
    (x) => [
      [x.replied, 'total.replied'],
      [x.contacted, 'total.contacted'],
    ],
  ],
  ['promiseToPay', (x) => [[x.promised, 'total.promised']]],
  ['agreement', (x) => [[x.agreed, 'total.agreed']]],
  [
    'promisesKept',
    (x) => [
      [x.promisesKept, 'total.promisesKept'],
      [x.promisesDue, 'total.promisesDue'],
    ],
  ],
  ['complaint', (x) => [[x.complaints, 'total.complaints']]],
  ['optOut', (x) => [[x.optedOut, 'total.optedOut']]],
];
const SERIES = [
  ['sent', '#2563eb'],
  ['received', '#0d9488'],
  ['agreed', '#16a34a'],
  ['promised', '#d97706'],
  ['payments', '#9333ea'],
];
const SEGMENTS = ['prompt', 'hesitant', 'unreachable'];
const SEGMENT_EN = { prompt: 'prompt payers', hesitant: 'hesitant', unreachable: 'unreachable' };
const SEGMENT_ZH = { prompt: '积极还款型', hesitant: '犹豫观望型', unreachable: '完全失联型' };

function renderMetrics() {
  const root = $('view-metrics');
  if (root.hidden) return;
  if (chart) {
    chart.destroy();
    chart = null;
  }
  chartObserver?.disconnect();
  const m = S.metrics;
  if (!m) {
    replaceKeepingFocus(
      root,
      h(
        'div',
        { class: 'metrics-inner' },
        h('h2', { class: 'page-title' }, t('metrics.title')),
        S.metricsError
          ? h('p', { class: 'inline-error', role: 'alert' }, S.metricsError)
          : h('p', { class: 'muted' }, t('inbox.loading')),
      ),
    );
    return;
  }
  const totals = m.totals ?? {};
  const rates = m.rates ?? {};
  const seg = m.segments ?? {};
  const segTotal = SEGMENTS.reduce((s, k) => s + (Number(seg[k]) || 0), 0);
  const chartBox = h('div', { class: 'chart', id: 'metrics-chart', 'data-testid': 'metrics-chart' });

  replaceKeepingFocus(
    root,
    h(
      'div',
      { class: 'metrics-inner' },
      h(
        'div',
        { class: 'page-head' },
        h('h2', { class: 'page-title' }, t('metrics.title')),
        S.metricsError ? h('p', { class: 'inline-error', role: 'alert' }, S.metricsError) : null,
      ),
      h('h3', { class: 'section-title' }, t('metrics.rates')),
      h(
        'div',
        { class: 'rate-grid' },
        RATES.map(([key, parts]) =>
          h(
            'div',
            { class: 'card rate', 'data-testid': `rate-${key}` },
            h('div', { class: 'rate-label' }, t(`rate.${key}`)),
            h('div', { class: 'rate-value', 'data-value': String(rates[key] ?? '') }, percent(rates[key])),
            h(
              'div',
              { class: 'rate-sub muted small' },
              parts(totals).map(([n, label], i) => [
                i ? h('span', { class: 'dot-sep', 'aria-hidden': 'true' }, '·') : null,
                h('span', null, t(label.replace('total.', 'count.'), { n: num(n) })),
              ]),
            ),
          ),
        ),
      ),
      h('h3', { class: 'section-title' }, t('metrics.segments')),
      h(
        'div',
        { class: 'segment-grid' },
        SEGMENTS.map((k) => {
          const n = Number(seg[k]) || 0;
          const share = segTotal ? n / segTotal : 0;
          return h(
            'div',
            { class: `card segment segment-${k}`, 'data-testid': `segment-${k}` },
            h(
              'div',
              { class: 'segment-head' },
              h(
                'span',
                { class: 'segment-name', lang: getLang() === 'zh' ? 'zh-CN' : 'en' },
                t(`segment.${k}`),
              ),
              h(
                'span',
                { class: 'segment-alt muted small', lang: getLang() === 'zh' ? 'en' : 'zh-CN' },
                getLang() === 'zh' ? SEGMENT_EN[k] : SEGMENT_ZH[k],
              ),
            ),
            h('div', { class: 'segment-value' }, num(n)),
            h(
              'div',
              { class: 'bar', role: 'img', 'aria-label': t('segment.share', { p: percent(share) }) },
              h('span', { class: 'bar-fill', style: `width:${(share * 100).toFixed(1)}%` }),
            ),
            h(
              'div',
              { class: 'muted small' },
              t(`segment.${k}Hint`),
              h('span', { class: 'dot-sep', 'aria-hidden': 'true' }, '·'),
              t('segment.share', { p: percent(share) }),
            ),
          );
        }),
      ),
      h(
        'div',
        { class: 'metrics-lower' },
        h(
          'section',
          { class: 'card chart-card', 'aria-labelledby': 'chart-title' },
          h('h3', { id: 'chart-title', class: 'section-title' }, t('metrics.chart')),
          chartBox,
        ),
        h(
          'section',
          { class: 'card totals-card', 'aria-labelledby': 'totals-title' },
          h('h3', { id: 'totals-title', class: 'section-title' }, t('metrics.totals')),
          h(
            'dl',
            { class: 'totals' },
            Object.keys(totals).map((k) =>
              h(
                'div',
                { class: 'total', 'data-testid': `total-${k}` },
                h('dt', null, t(`total.${k}`)),
                h('dd', null, num(totals[k])),
              ),
            ),
          ),
        ),
      ),
    ),
  );
  drawChart(chartBox, Array.isArray(m.daily) ? m.daily : []);
}

const DAY_MS = 86_400_000;

/**
 * Days without a row had no activity: fill the gaps with zeros, and show at least a week so a
 * single day does not make a chart of one dot.
 */
function fillDays(daily) {
  const byDate = new Map(daily.filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.date)).map((d) => [d.date, d]));
  const dates = [...byDate.keys()].sort();
  if (!dates.length) return daily;
  const end = Date.parse(`${dates[dates.length - 1]}T00:00:00Z`);
  const start = Math.max(Math.min(Date.parse(`${dates[0]}T00:00:00Z`), end - 6 * DAY_MS), end - 730 * DAY_MS);
  const out = [];
  for (let ms = start; ms <= end; ms += DAY_MS) {
    const date = new Date(ms).toISOString().slice(0, 10);
    out.push(byDate.get(date) ?? { date, sent: 0, received: 0, agreed: 0, promised: 0, payments: 0 });
  }
  return out;
}

function drawChart(box, daily) {
  const uPlot = window.uPlot;
  if (!daily.length) {
    box.append(h('p', { class: 'muted small' }, t('metrics.empty')));
    return;
  }
  if (!uPlot) {
    // Without the chart library, the numbers as a table.
    box.append(
      h('p', { class: 'muted small' }, t('metrics.chartUnavailable')),
      h(
        'table',
        { class: 'plan-table' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', null, ''),
            SERIES.map(([k]) => h('th', { class: 'num' }, t(`series.${k}`))),
          ),
        ),
        h(
          'tbody',
          null,
          daily.map((d) =>
            h(
              'tr',
              null,
              h('td', { class: 'mono' }, d.date),
              SERIES.map(([k]) => h('td', { class: 'num' }, num(d[k]))),
            ),
          ),
        ),
      ),
    );
    return;
  }
  daily = fillDays(daily);
  const xs = daily.map((d) => Date.parse(`${d.date}T00:00:00Z`) / 1000);
  const data = [xs, ...SERIES.map(([k]) => daily.map((d) => Number(d[k]) || 0))];
  const axis = {
    stroke: '#667085',
    grid: { stroke: '#eceef2', width: 1 },
    ticks: { stroke: '#eceef2', width: 1 },
    font: '12px system-ui, sans-serif',
  };
  const opts = {
    width: Math.max(320, box.clientWidth || 600),
    height: 280,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'UTC'),
    scales: {
      x: { time: true, range: (_u, min, max) => (min === max ? [min - 86400, max + 86400] : [min, max]) },
      y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.15))] },
    },
    axes: [
      {
        ...axis,
        // whole days only: "11-23"
        incrs: [1, 2, 7, 14, 28, 56, 91, 182, 364].map((d) => d * 86400),
        values: (_u, splits) => splits.map((v) => new Date(v * 1000).toISOString().slice(5, 10)),
      },
      { ...axis, size: 44, incrs: [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000] },
    ],
    series: [
      {
        label: t('series.date'),
        value: (_u, v) => (v === null ? '—' : new Date(v * 1000).toISOString().slice(0, 10)),
      },
      ...SERIES.map(([k, color]) => ({
        label: t(`series.${k}`),
        stroke: color,
        width: 2,
        points: { size: 6, fill: color },
      })),
    ],
    cursor: { focus: { prox: 24 } },
    legend: { live: true },
  };
  chart = new uPlot(opts, data, box);
  chartObserver = new ResizeObserver(() => {
    if (chart && box.clientWidth) chart.setSize({ width: Math.max(320, box.clientWidth), height: 280 });
  });
  chartObserver.observe(box);
}

// --- live updates (SSE over fetch, so the Authorization header goes along) -------------------------

const live = { ctrl: null, timer: null, attempt: 0 };

function stopEvents() {
  live.ctrl?.abort();
  live.ctrl = null;
  clearTimeout(live.timer);
}

async function connectEvents() {
  stopEvents();
  const ctrl = new AbortController();
  live.ctrl = ctrl;
  setLive('connecting');
  try {
    const res = await fetch('/api/events', {
      headers: { Accept: 'text/event-stream', ...authHeaders() },
      signal: ctrl.signal,
      cache: 'no-store',
    });
    if (res.status === 401) return unauthorized();
    if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
    setLive('on');
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
    setLive('off');
    const delay = Math.min(30_000, 1000 * 2 ** live.attempt) * (0.75 + Math.random() * 0.5);
    live.attempt = Math.min(live.attempt + 1, 6);
    live.timer = setTimeout(() => {
      if (live.ctrl === ctrl && S.started) void connectEvents();
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

const pending = { ids: new Set(), timer: null };

/** Debounced: a burst of changes (inbound, reply, send) costs one refresh. */
function scheduleRefresh(id) {
  pending.ids.add(id);
  clearTimeout(pending.timer);
  pending.timer = setTimeout(() => {
    const ids = pending.ids;
    pending.ids = new Set();
    if (!S.started) return;
    void refreshInbox();
    const all = ids.has('*');
    if (S.convId && (all || ids.has(S.convId))) void refreshConversation(); // refreshes the simulator too when it shows the same debtor
    if (S.sim.id && S.sim.id !== S.convId && (all || ids.has(S.sim.id))) void refreshSim();
    if (S.tab === 'metrics') void refreshMetrics();
  }, 150);
}

// --- go --------------------------------------------------------------------------------------------

void boot();
