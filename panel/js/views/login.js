/* global document */
/**
 * The sign-in screen, shown when the server requires HUIKUAN_ADMIN_TOKEN and the panel has no
 * valid token; also where a 401 anywhere, and the log-out button, lead.
 */
import { t } from '../../i18n/index.js';
import { forgetToken, getSession, onUnauthorized, saveToken } from '../api.js';
import { $ } from '../dom.js';
import { stopLive } from '../live.js';
import { update } from '../state.js';

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
  $('login-token').focus();
}

function unauthorized() {
  forgetToken();
  showLogin('login.expired');
}

async function submitLogin(event, onSignedIn) {
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
  saveToken(token);
  update({ authRequired: Boolean(session.authRequired) });
  onSignedIn();
}

function logout() {
  forgetToken();
  update({ conv: null, convId: null, inbox: null });
  showLogin(null);
}
