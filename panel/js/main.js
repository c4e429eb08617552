/* global window, location */
/**
 * The agent-assist panel's entry module (index.html loads it): binds every view, signs in if the
 * server asks for a token, then shows the inbox (or the route in the address bar) and keeps it
 * live. The views live in views/, one per pane; what they share is in state.js.
 */
import { onLangChange } from '../i18n/index.js';
import { api, currentToken, getSession } from './api.js';
import { $, clearToasts } from './dom.js';
import { startLive } from './live.js';
import { loadDemoPhones } from './phones.js';
import { state, update } from './state.js';
import { refreshConversation, refreshInbox } from './sync.js';
import { bindComposer } from './views/composer.js';
import { bindConversation, openConversation, renderConversation } from './views/conversation.js';
import { bindInbox, renderFilters, renderInbox } from './views/inbox.js';
import { bindLogin, showLogin } from './views/login.js';
import { bindTeam } from './views/team.js';
import { bindTeamLogin, renderWhoami } from './views/team-login.js';
import { refreshMetrics } from './views/metrics.js';
import { bindShell, renderStatic, renderTabs, selectTab } from './views/shell.js';
import { bindSimulator, refreshSim, renderSim } from './views/simulator.js';

async function boot() {
  bind();
  renderStatic();
  const session = await getSession(currentToken());
  if (session.error) return showLogin('login.unreachable', { error: session.error });
  update({
    authRequired: Boolean(session.authRequired),
    user: session.user ?? null,
    teamSignIn: Boolean(session.agents),
  });
  if (session.authRequired && !session.authenticated)
    return showLogin(currentToken() ? 'login.expired' : null);
  startApp();
}

// Subscribers run in the order bound: the conversation draws before the simulator follows or reloads.
function bind() {
  bindLogin({ onSignedIn: startApp });
  bindShell();
  bindInbox();
  bindConversation();
  bindComposer();
  bindSimulator();
  bindTeamLogin();
  bindTeam();

  onLangChange(() => {
    clearToasts(); // written in the other language
    renderStatic();
    if (state.started) renderAll();
  });

  window.addEventListener('hashchange', () => {
    const m = /^#c\/(.+)$/.exec(location.hash);
    if (m && decodeURIComponent(m[1]) !== state.convId) openConversation(decodeURIComponent(m[1]));
    else if (location.hash === '#metrics' && state.tab !== 'metrics') selectTab('metrics');
  });
}

function startApp() {
  update({ started: true });
  $('login').hidden = true;
  $('app').hidden = false;
  $('logout').hidden = !state.authRequired;
  const route = location.hash;
  if (route === '#metrics') update({ tab: 'metrics' });
  const m = /^#c\/(.+)$/.exec(route);
  if (m) update({ convId: decodeURIComponent(m[1]) });
  renderAll();
  // The simulator prefills demo debtors' phones, so they are known before the inbox draws.
  void loadDemoPhones(api).then(refreshInbox);
  if (state.convId) void refreshConversation();
  if (state.tab === 'metrics') void refreshMetrics();
  startLive(refreshChanged);
}

function renderAll() {
  renderStatic();
  renderTabs();
  renderFilters();
  renderInbox();
  renderConversation();
  renderSim();
  renderWhoami();
}

/** What the event stream said changed ('*': anything) is loaded again. */
function refreshChanged(ids) {
  void refreshInbox();
  const all = ids.has('*');
  // the conversation's reload also reloads the simulator when it shows the same debtor
  if (state.convId && (all || ids.has(state.convId))) void refreshConversation();
  if (state.simId && state.simId !== state.convId && (all || ids.has(state.simId))) void refreshSim();
  if (state.tab === 'metrics') void refreshMetrics();
}

void boot();
