/* global document, setTimeout, Node, CSS */
/**
 * DOM building without markup. Security rule of the panel: nothing that came from the server or
 * a debtor is ever parsed as HTML. Every element is built with createElement and every text goes
 * in as a text node (`h` below), so an SMS containing `<script>` or `<img onerror>` renders as
 * text. Nothing here writes a `style` attribute or an inline handler either, so the panel runs
 * under a Content-Security-Policy without 'unsafe-inline'.
 */

/**
 * Create an element. `attrs`: `on<event>` functions become listeners; `class`, `value`,
 * and boolean properties are set as properties; `style` is an object of CSS properties, set
 * through the CSSOM (a style attribute would be refused by the CSP); anything else is an
 * attribute. Children are nodes or strings (strings become text nodes, never markup);
 * null/false are skipped.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) {
      // listeners only: never an inline handler attribute
      if (typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    } else if (k === 'class') el.className = v;
    else if (k === 'style') Object.assign(el.style, v);
    else if (k === 'value') el.value = v;
    else if (k === 'disabled' || k === 'hidden' || k === 'selected' || k === 'checked') el[k] = true;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  appendChildren(el, children);
  return el;
}

export function appendChildren(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export const $ = (id) => document.getElementById(id);

/** A small stroked SVG icon (decorative: the button beside it has a text label). */
export function icon(d) {
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
export function replaceKeepingFocus(container, ...children) {
  const active = document.activeElement;
  const key = active && container.contains(active) ? active.getAttribute('data-focus-key') : null;
  container.replaceChildren();
  appendChildren(container, children);
  if (key) {
    const again = container.querySelector(`[data-focus-key="${CSS.escape(key)}"]`);
    if (again) again.focus({ preventScroll: true });
  }
}

/** A short note in the corner; errors stay longer. */
export function toast(text, kind = 'ok') {
  const el = h('div', { class: `toast toast-${kind}` }, text);
  $('toasts').append(el);
  setTimeout(() => el.remove(), kind === 'error' ? 7000 : 3500);
}

/** Drop every note (they were about another view, or written in the other language). */
export function clearToasts() {
  $('toasts').replaceChildren();
}
