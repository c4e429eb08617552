/* global localStorage */
/**
 * Full phone numbers the simulator may text from. The server shows phones masked
 * ("+86138****8000"); the panel knows the full ones of the built-in demo debtors, and remembers
 * (in localStorage) the ones it created or texted from.
 */

const PHONES_KEY = 'huikuan.simPhones';
/**
 * The demo debtors' full phones, from the server (GET /api/demo-debtors: src/service/demo-debtors.ts
 * is their one source). Demo numbers are made up and simulator-only; real ones stay masked.
 */
let demoPhones = {}; // conversation id -> full phone

export async function loadDemoPhones(api) {
  try {
    const rows = await api('/api/demo-debtors');
    demoPhones = Object.fromEntries(rows.map((r) => [r.id, r.phone]));
  } catch {
    // The simulator still works with phones typed or remembered.
  }
}

const remembered = readPhones(); // conversation id -> full phone

function readPhones() {
  try {
    const v = JSON.parse(localStorage.getItem(PHONES_KEY) ?? '{}');
    return v && typeof v === 'object' ? v : {};
  } catch {
    return {};
  }
}

export function rememberPhone(convId, phone) {
  if (!convId) return;
  if (phone) remembered[convId] = phone;
  else delete remembered[convId];
  try {
    localStorage.setItem(PHONES_KEY, JSON.stringify(remembered));
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

/** The full phone of an inbox row's debtor, if the panel knows it. */
export function knownPhone(row) {
  if (!row) return '';
  if (remembered[row.id]) return remembered[row.id];
  const demo = demoPhones[row.id];
  return demo && fitsMask(demo, row.phone) ? demo : '';
}
