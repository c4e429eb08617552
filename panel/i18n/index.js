/* global document, localStorage, navigator */
/**
 * The panel's language: picks one of the dictionaries (zh-CN.js, en-US.js). `t(key, vars)` looks
 * a key up in the current language (falling back to English, then to the key itself) and fills
 * `{name}` placeholders. The language defaults from navigator.language and is remembered in
 * localStorage.
 */
import * as en from './en-US.js';
import * as zh from './zh-CN.js';

const STORAGE_KEY = 'huikuan.lang';

export const LANGS = /** @type {const} */ (['zh', 'en']);

const DICTIONARIES = { zh, en };

function detect() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'zh' || saved === 'en') return saved;
  } catch {
    // storage may be unavailable (private mode): fall through
  }
  const nav = (typeof navigator !== 'undefined' && (navigator.language || '')) || '';
  return nav.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

let current = detect();
const listeners = new Set();

export function getLang() {
  return current;
}

/** The BCP 47 tag for Intl formatting and <html lang>. */
export function locale() {
  return current === 'zh' ? 'zh-CN' : 'en-US';
}

export function setLang(lang) {
  if (lang !== 'zh' && lang !== 'en') return;
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not remembered, still switched
  }
  for (const fn of listeners) fn(lang);
}

export function onLangChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** The string for `key` in the current language, with `{name}` placeholders filled from `vars`. */
export function t(key, vars) {
  const s = DICTIONARIES[current].strings[key] ?? en.strings[key] ?? key;
  if (!vars) return s;
  return s.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

/** A closed-vocabulary term (intent, state, act, hardship, rule, channel); unknown codes show as is. */
export function term(kind, code) {
  if (code === null || code === undefined) return '';
  return DICTIONARIES[current].terms[kind]?.[code] ?? en.terms[kind]?.[code] ?? String(code);
}

/**
 * Fill every static element marked in the HTML: data-i18n (text), data-i18n-placeholder,
 * data-i18n-aria-label and data-i18n-title.
 */
export function applyStatic(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]'))
    el.setAttribute('placeholder', t(el.dataset.i18nPlaceholder));
  for (const el of root.querySelectorAll('[data-i18n-aria-label]'))
    el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  for (const el of root.querySelectorAll('[data-i18n-title]'))
    el.setAttribute('title', t(el.dataset.i18nTitle));
  document.documentElement.lang = locale();
  document.title = t('app.title');
}
