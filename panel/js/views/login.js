/* global document */
/**
 * The sign-in screen, shown when the server requires a sign-in (an agent's username and password,
 * views/team-login.js, or HUIKUAN_ADMIN_TOKEN) and the panel has neither; also where a 401
 * anywhere, and the log-out button, lead.
 */
import { t } from '../../i18n/index.js';
import { forgetToken, getSession, onUnauthorized, saveToken } from '../api.js';
import { $ } from '../dom.js';
import { stopLive } from '../live.js';
import { state, update } from '../state.js';
import { signInAgent, signOutAgent } from './team-login.js';

/** `onSignedIn` opens the panel once the token is accepted. */
export function bindLogin({ onSignedIn }) {
  $('login-form').addEventListener('submit', (e) => void submitLogin(e, onSignedIn));
  $('logout').addEventListener('click', logout);
  onUnauthorized(unauthorized);
}

export function showLogin(messageKey, vars) {
  stopLive();
  update({ started: false });
  $('app').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = messageKey ? t(messageKey, vars) : '';
  $('login-token').value = '';
  $('login-password').value = '';
  $(state.teamSignIn ? 'login-username' : 'login-token').focus();
}

function unauthorized() {
  forgetToken();
  showLogin('login.expired');
}

async function submitLogin(event, onSignedIn) {
  event.preventDefault();
  const submit = document.querySelector('[data-testid="login-submit"]');
  const username = $('login-username').value.trim();
  if (username) {
    submit.disabled = true;
    const error = await signInAgent(username, $('login-password').value);
    submit.disabled = false;
    if (error) {
      $('login-error').textContent = error;
      $('login-password').select();
      return;
    }
    forgetToken();
    onSignedIn();
    return;
  }
  const token = $('login-token').value.trim();
  if (!token) {
    $('login-error').textContent = t('login.eitherOr');
    return;
  }
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
  saveToken(token);
  update({ authRequired: Boolean(session.authRequired), user: session.user ?? null });
  onSignedIn();
}

async function logout() {
  await signOutAgent();
  forgetToken();
  update({ conv: null, convId: null, inbox: null });
  showLogin(null);
}
