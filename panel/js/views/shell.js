/* global document, location, history */
/**
 * The frame around the views: the language toggles, the live indicator, the two tabs (inbox,
 * metrics) and the address bar's route (#c/<id>, #metrics).
 */
import { applyStatic, getLang, setLang, t } from '../../i18n/index.js';
import { $, clearToasts } from '../dom.js';
import { state, subscribe, update } from '../state.js';
import { refreshMetrics, renderMetrics } from './metrics.js';

export function bindShell() {
  for (const btn of document.querySelectorAll('.lang-toggle'))
    btn.addEventListener('click', () => setLang(getLang() === 'zh' ? 'en' : 'zh'));

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

  subscribe(['live'], renderLive);
}

/** The words written in index.html, and the toggles that name the other language. */
export function renderStatic() {
  applyStatic();
  for (const btn of document.querySelectorAll('.lang-toggle')) {
    btn.textContent = t('lang.toggle');
    btn.setAttribute('aria-label', t('lang.toggleLabel'));
    btn.setAttribute('title', t('lang.toggleLabel'));
    btn.setAttribute('lang', getLang() === 'zh' ? 'en' : 'zh');
  }
  renderLive();
}

export function selectTab(tab) {
  if (state.tab !== tab) clearToasts(); // notes about the other view
  update({ tab });
  renderTabs();
  setRoute();
  if (tab === 'metrics') void refreshMetrics();
}

export function renderTabs() {
  const inbox = state.tab === 'inbox';
  $('tab-inbox').setAttribute('aria-selected', String(inbox));
  $('tab-metrics').setAttribute('aria-selected', String(!inbox));
  $('view-inbox').hidden = !inbox;
  $('view-metrics').hidden = inbox;
  if (!inbox) renderMetrics();
}

/** The route the address bar shows for the current tab and conversation. */
export function setRoute() {
  const hash =
    state.tab === 'metrics' ? '#metrics' : state.convId ? `#c/${encodeURIComponent(state.convId)}` : '';
  if (location.hash !== hash) history.replaceState(null, '', hash || location.pathname);
}

function renderLive() {
  const el = $('live');
  el.className = `live live-${state.live}`;
  $('live-text').textContent = t(
    state.live === 'on' ? 'live.on' : state.live === 'off' ? 'live.off' : 'live.connecting',
  );
  el.setAttribute('aria-label', `${t('live.label')}: ${$('live-text').textContent}`);
}
