/* global fetch, document */
/**
 * An agent's own sign-in (CONTRACTS §10): username and password to POST /api/login, which sets
 * an HttpOnly session cookie the browser sends from then on (no script ever sees it); who is
 * signed in, in the top bar; sign-out through POST /api/logout. The admin token stays possible
 * in the same form (views/login.js) for automation and a lone operator.
 */
import { t } from '../../i18n/index.js';
import { $ } from '../dom.js';
import { state, subscribe, update } from '../state.js';

/** Sign in with a username and password; resolves to an error text, or null once signed in. */
export async function signInAgent(username, password) {
  let res;
  try {
    res = await fetch('/api/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
      cache: 'no-store',
    });
  } catch (err) {
    return t('login.unreachable', { error: err?.message ?? String(err) });
  }
  if (res.status === 429) return t('login.tooMany', { seconds: res.headers.get('retry-after') ?? '?' });
  if (res.status === 401) return t('login.wrongPassword');
  if (!res.ok) return t('login.unreachable', { error: `HTTP ${res.status}` });
  const user = await res.json();
  update({ user, authRequired: true });
  return null;
}

/** End the agent's session on the server (the cookie is cleared by its answer). */
export async function signOutAgent() {
  try {
    await fetch('/api/logout', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      cache: 'no-store',
    });
  } catch {
    // signed out locally anyway
  }
  update({ user: null });
}

export function bindTeamLogin() {
  subscribe(['user'], renderWhoami);
}

/** Who is signed in; what the role may not do is hidden (`data-role="supervisor"`). */
export function renderWhoami() {
  const u = state.user;
  $('whoami').textContent = u ? t('whoami', { username: u.username, role: t(`role.${u.role}`) }) : '';
  for (const el of document.querySelectorAll('[data-role="supervisor"]'))
    el.hidden = u?.role !== 'supervisor';
}
