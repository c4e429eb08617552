/**
 * The panel's one store: everything more than one module reads. Read `state` freely; change it
 * only with `update`, which then tells the subscribers of the keys it was given.
 *
 * Subscribers hear every update of their keys, even one that sets the value it already had: an
 * update is also a request to show that part again (a refresh that fails twice with the same
 * error still redraws it). Most views redraw themselves explicitly after changing their own
 * part; subscriptions carry a change from one module to the view of another, so views need not
 * import each other to stay in step.
 */

export const state = {
  authRequired: false,
  teamSignIn: false, // agents exist: the sign-in screen offers username and password first
  user: null, // { username, role } of who is signed in (admin token: admin, supervisor)
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
  metrics: null,
  metricsError: null,
  simId: null, // the debtor the simulator's phone belongs to
  simConv: null,
  simStatus: null, // { kind, text }
  simSending: false,
  simJustSent: false,
  live: 'connecting',
  resolution: 'dispute_settled',
};

const subscribers = [];

/**
 * Set the keys of `patch`, then call each subscriber of any of them once, in the order they
 * subscribed, with `detail` (what the change was: `{ scrollToEnd }`, `{ opened }`, `{ loaded }`).
 */
export function update(patch, detail = {}) {
  const keys = Object.keys(patch);
  // a typo would otherwise add a key nobody reads
  for (const k of keys) if (!(k in state)) throw new Error(`unknown state key: ${k}`);
  Object.assign(state, patch);
  for (const s of [...subscribers]) if (keys.some((k) => s.keys.includes(k))) s.fn(detail);
}

/** Call `fn(detail)` after every update of one of `keys`; returns the unsubscribe function. */
export function subscribe(keys, fn) {
  const s = { keys, fn };
  subscribers.push(s);
  return () => {
    const i = subscribers.indexOf(s);
    if (i >= 0) subscribers.splice(i, 1);
  };
}
