/* global fetch, sessionStorage */
/**
 * The panel's side of the HTTP API (docs/panel-api.md): the admin token, kept for the browser
 * session, and `api()`, JSON in and out with the bearer token. A 401 anywhere goes to the one
 * handler the login view registers.
 */
import { t } from '../i18n/index.js';

const TOKEN_KEY = 'huikuan.token';

let token = readToken();
let unauthorizedHandler = () => {};

function readToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

export const currentToken = () => token;

/** Keep the token for this browser session (in memory only if storage is unavailable). */
export function saveToken(value) {
  token = value;
  try {
    sessionStorage.setItem(TOKEN_KEY, value);
  } catch {
    // kept in memory only
  }
}

export function forgetToken() {
  token = '';
  try {
    sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // nothing stored
  }
}

export function authHeaders() {
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** Who to tell when the server answers 401 (the login view). */
export function onUnauthorized(fn) {
  unauthorizedHandler = fn;
}

/** The server refused the token (also called by the event stream). */
export function signalUnauthorized() {
  unauthorizedHandler();
}

export class ApiError extends Error {
  constructor(status, body, path) {
    super(body?.error ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.path = path;
  }
}

/** JSON in, JSON out, with the bearer token; a 401 sends the agent back to the login screen. */
export async function api(path, { method = 'GET', body, raw = false } = {}) {
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
    signalUnauthorized();
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

/** Whether the server needs a token, and whether `candidate` is it; `{ error }` if unreachable. */
export async function getSession(candidate) {
  try {
    const res = await fetch('/api/session', {
      headers: candidate ? { Authorization: `Bearer ${candidate}` } : {},
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

/** A failed call in words, in the current language. */
export function errorText(err) {
  if (!(err instanceof ApiError)) return t('error.network', { error: err?.message ?? String(err) });
  if (err.status === 0) return t('error.network', { error: err.message });
  if (err.status === 404 && err.body?.error === 'not found') return t('error.notFound', { path: err.path });
  return t('error.server', { status: err.status, error: err.body?.error ?? err.message });
}

export const enc = encodeURIComponent;
