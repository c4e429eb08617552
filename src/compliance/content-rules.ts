import type { Act } from '../dialogue/types.ts';
import { MAX_SMS_CHARS, OPT_OUT_HINT_PATTERN } from '../messages/sms-parts.ts';
import type { GuardInput } from './guard.ts';
import { BANNED_CATEGORIES, type BannedCategory } from './lexicons.ts';
import { escapeRe, findAuthority, findBanned, findDisclosure, foldForMatching } from './matcher.ts';

/**
 * The guard's content rules (CONTRACTS §4 "Every outbound SMS", "Dialogue"), one named function
 * each: what the text says, to whom, as what. Each returns null when the text passes, else a
 * reason that names what it found. A content violation blocks: the message is never sent.
 */

/** A content rule over the guard's input and its text folded once for matching. */
export type ContentRule = (input: GuardInput, folded: string) => string | null;

/** Rendering left-overs; checked on the raw text (case matters for NaN and Infinity). */
const DEBRIS: readonly { label: string; re: RegExp }[] = [
  { label: 'undefined', re: /(?<![A-Za-z0-9_])undefined(?![A-Za-z0-9_])/i },
  { label: 'null', re: /(?<![A-Za-z0-9_])null(?![A-Za-z0-9_])/i },
  { label: 'NaN', re: /(?<![A-Za-z0-9_])NaN(?![A-Za-z0-9_])/ },
  { label: 'Infinity', re: /(?<![A-Za-z0-9_])-?Infinity(?![A-Za-z0-9_])/ },
  { label: '[object', re: /\[object/i },
  { label: '{{', re: /\{\{/ },
  { label: '}}', re: /\}\}/ },
  { label: '${', re: /\$\{/ },
  { label: '%s', re: /%s/ },
  { label: '%d', re: /%d/ },
  { label: 'U+FFFD (undecodable character)', re: /\uFFFD/ },
];
const DEBRIS_ANY = /undefined|null|nan|infinity|\[object|\{\{|\}\}|\$\{|%[sd]|\uFFFD/i;
/** Unfilled placeholders (the seeds' XXX元, [发送日期], {name}); checked with the lender's name removed. */
const PLACEHOLDERS: readonly { label: string; re: RegExp }[] = [
  { label: 'placeholder XX…', re: /(?<![A-Za-z])X{2,}(?![A-Za-z])/ },
  { label: 'placeholder {…}', re: /\{\s*[A-Za-z_][\w.]*\s*\}/ },
  { label: 'placeholder […]', re: /\[[^[\]\n]{1,40}\]/ },
];

/** Figures with a currency, money-formatted figures, Chinese numerals with 元/块. */
const AMOUNTS: readonly RegExp[] = [
  /(?:[¥$€£]|(?<![a-z])(?:rmb|cny|usd|us\$))\s*\d/g,
  /\d[\d,.]*\s*(?:元|块|圆|万|千|角|分钱|(?:rmb|cny|usd|dollars?|bucks?|cents?)(?![a-z]))/g,
  /[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]+\s*(?:元|块)/g,
  /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d{2}(?!\d)/g,
];

/** What an opt-out confirmation may carry besides opt_out_confirm. */
const CONFIRMATION_COMPANIONS: ReadonlySet<Act> = new Set<Act>(['opt_out_confirm', 'ack', 'apology']);

const codePoints = (s: string): number => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
};

const quote = (s: string, max = 24): string =>
  JSON.stringify([...s].length > max ? `${[...s].slice(0, max).join('')}…` : s);

function matches(re: RegExp, text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(re)) found.add(m[0]);
  return [...found];
}

interface LenderForms {
  folded: string;
  named: RegExp;
  /** The words by which the name poses as a court, the police or a government body. */
  authority: string[];
}
const lenders = new Map<string, LenderForms>();
function lenderForms(lender: string): LenderForms {
  let f = lenders.get(lender);
  if (f === undefined) {
    if (lenders.size >= 1000) lenders.clear();
    const folded = foldForMatching(lender);
    f = {
      folded,
      named: new RegExp(`(?<![a-z0-9])${escapeRe(folded)}(?![a-z0-9])`),
      authority: findAuthority(folded),
    };
    lenders.set(lender, f);
  }
  return f;
}

const ALNUM = /[\p{L}\p{N}]/u;
const SPACE_OR_PUNCTUATION = /[\s\p{P}]/u;
const sameName = (s: string, name: string): boolean =>
  s === name || (s.length === name.length && s.toLowerCase() === name.toLowerCase());

/**
 * The text without the lender's name where it signs: the opening 【lender】, an opening
 * "Lender:" (the name as the first words), a closing "— Lender". Everywhere else the name is
 * message like any other word: a lender called 家人贷 exempts its signature, not "告诉你家人贷款的事".
 * Lender names are checked at import (checkLenderName), so the signature itself is clean.
 */
export function withoutSignature(s: string, name: string): string {
  if (name === '') return s;
  let out = s;
  const bracketed = `【${name}】`;
  if (out.startsWith(bracketed)) out = `、${out.slice(bracketed.length)}`;
  else if (sameName(out.slice(0, name.length), name) && !ALNUM.test(out.charAt(name.length)))
    out = `、${out.slice(name.length)}`;
  let end = out.length;
  while (end > 0 && SPACE_OR_PUNCTUATION.test(out.charAt(end - 1))) end--;
  const start = end - name.length;
  if (start > 0 && sameName(out.slice(start, end), name) && !ALNUM.test(out.charAt(start - 1)))
    out = `${out.slice(0, start)}、${out.slice(end)}`;
  return out;
}

const namesLender = (folded: string, lender: string): boolean => {
  const f = lenderForms(lender);
  return f.folded !== '' && f.named.test(folded);
};

/**
 * A Chinese SMS opens with 【lender】; an English one names the lender; and the lender does not
 * sign as an authority (人民法院, 公安局催收, County Court, Police Dept): names are checked at
 * import (checkLenderName), and here again for accounts imported before that check.
 */
export const signature: ContentRule = ({ text, locale, lender }, folded) => {
  const { authority } = lenderForms(lender);
  if (authority.length > 0) {
    return `the lender name ${JSON.stringify(lender)} signs as a court, the police or a government body (${authority.map((w) => JSON.stringify(w)).join(', ')})`;
  }
  if (locale === 'zh-CN') {
    return text.startsWith(`【${lender}】`)
      ? null
      : `a Chinese SMS must open with the signature 【${lender}】; this one opens with ${quote(text, 12)}`;
  }
  return namesLender(folded, lender) ? null : `an English SMS must name the lender ${JSON.stringify(lender)}`;
};

/** The signature's brackets and their look-alikes, in which a fake authority would sign: 〖法院〗. */
const SIGNATURE_BRACKETS = /[【】〖〗〔〕〘〙〚〛［］]/;

/**
 * Corner, angle and book-title brackets are ordinary quotes in Chinese (回复「人工」, 《还款协议》),
 * so they may stand in a message; but a short name in them that is a court, the police, a
 * government body or a regulator (「中国人民银行」通知, 〈海关〉) signs as one, as 〖法院〗 would.
 */
const QUOTED_NAME =
  /[\u300c\u300e\u300a\u3008\u2329\ufe41\ufe43\uff62]([^\u300c-\u300f\u300a\u300b\u3008\u3009\u2329\u232a\ufe41-\ufe44\uff62\uff63\n]{1,16})[\u300d\u300f\u300b\u3009\u232a\ufe42\ufe44\uff63]/g;

function quotedAuthority(text: string): string | null {
  for (const m of text.matchAll(QUOTED_NAME)) {
    const words = findAuthority(foldForMatching(m[1]!));
    if (words.length > 0)
      return `a name in brackets signs as a court, the police or a government body: ${JSON.stringify(m[0])} (${words.map((w) => JSON.stringify(w)).join(', ')})`;
  }
  return null;
}

/**
 * 【】 (and the brackets that look like them) belong to the opening signature only, and no
 * bracketed authority name signs a message in any other bracket either.
 */
export const strayBrackets: ContentRule = ({ text, lender }) => {
  const sig = `【${lender}】`;
  const body = text.startsWith(sig) ? text.slice(sig.length) : text;
  const i = body.search(SIGNATURE_BRACKETS);
  if (i < 0) return quotedAuthority(body);
  const at = text.length - body.length + i;
  return `【】 and look-alike brackets (〖〗〔〕〘〙〚〛［］) belong to the opening signature only; found ${JSON.stringify(text[at])} at character ${at + 1}: ${quote(text.slice(Math.max(0, at - 6), at + 8), 14)}`;
};

/** Every proactive message says how to opt out. */
export const optOutHint: ContentRule = ({ kind, locale }, folded) => {
  if (kind !== 'proactive') return null;
  if (OPT_OUT_HINT_PATTERN[locale].test(folded)) return null;
  return locale === 'zh-CN'
    ? 'a proactive SMS must carry the opt-out instruction 回复R拒收'
    : 'a proactive SMS must carry the opt-out instruction "Reply STOP"';
};

/** After an opt-out, nothing but the one confirmation. */
export const afterOptOut: ContentRule = ({ optedOut, optOutConfirmationSent, acts }) => {
  if (!optedOut) return null;
  if (!acts.includes('opt_out_confirm')) {
    return `the debtor opted out: nothing but the one opt-out confirmation may be sent (acts: ${acts.join(', ') || 'none'})`;
  }
  if (optOutConfirmationSent) return 'the debtor opted out and the one opt-out confirmation was already sent';
  const extra = acts.filter((a) => !CONFIRMATION_COMPANIONS.has(a));
  return extra.length > 0
    ? `an opt-out confirmation carries nothing else (also has: ${extra.join(', ')})`
    : null;
};

/**
 * An SMS to a wrong party never mentions a debt. The lender's signature is exempt: it is
 * mandatory, so a brand such as 安心贷款 or QuickLoans cannot be left out of an apology to a
 * wrong party; the rest of the text can.
 */
export const wrongPartyDisclosure: ContentRule = ({ wrongParty, lender }, folded) => {
  if (!wrongParty) return null;
  const body = withoutSignature(folded, lenderForms(lender).folded);
  const words = findDisclosure(body);
  const amounts = AMOUNTS.flatMap((re) => matches(re, body));
  if (words.length === 0 && amounts.length === 0) return null;
  const found = [
    ...words.map((w) => JSON.stringify(w)),
    ...amounts.map((a) => `amount ${JSON.stringify(a.trim())}`),
  ];
  return `the recipient is not the debtor: an SMS to a wrong party never mentions a debt; found ${found.join(', ')}`;
};

/** `police/jail "报警", "jail"; family "家人"`: the banned words found, by category. */
export function describeBanned(found: ReadonlyMap<BannedCategory, readonly string[]>): string {
  const parts: string[] = [];
  for (const category of BANNED_CATEGORIES) {
    const words = found.get(category);
    if (words !== undefined)
      parts.push(`${category.replace('_', '/')} ${words.map((w) => JSON.stringify(w)).join(', ')}`);
  }
  return parts.join('; ');
}

/**
 * No threat, insult, third party, police, exposure or court, in either language, however it is
 * disguised (matcher.ts); in a Chinese SMS, not in pinyin either.
 */
export const bannedLexicon: ContentRule = ({ lender, locale }, folded) => {
  const body = withoutSignature(folded, lenderForms(lender).folded);
  const found = findBanned(body, { pinyin: locale === 'zh-CN' });
  return found.size === 0 ? null : `banned words (${describeBanned(found)})`;
};

/** No rendering left-overs or unfilled placeholders. */
export const templateDebris: ContentRule = ({ text, lender }) => {
  const found = DEBRIS_ANY.test(text) ? DEBRIS.filter((d) => d.re.test(text)).map((d) => d.label) : [];
  // The lender's name is configuration wherever it stands (the seeds' XX贷款 is no placeholder);
  // it cannot hide a banned word here, only a placeholder.
  const body = text.split(lender).join('|');
  for (const p of PLACEHOLDERS) {
    const m = p.re.exec(body);
    if (m) found.push(`${p.label} (${JSON.stringify(m[0])})`);
  }
  return found.length > 0 ? `template debris: ${found.join(', ')}` : null;
};

/** At most MAX_SMS_CHARS code points. */
export const maxLength: ContentRule = ({ text }) => {
  const n = codePoints(text);
  return n > MAX_SMS_CHARS ? `${n} characters, more than ${MAX_SMS_CHARS}` : null;
};

/** One reply per inbound SMS. */
export const oneReplyPerInbound: ContentRule = ({ kind, repliesToThisInbound }) =>
  kind === 'reply' && repliesToThisInbound >= 1
    ? `the inbound SMS this answers already has ${repliesToThisInbound} repl${repliesToThisInbound === 1 ? 'y' : 'ies'}`
    : null;
