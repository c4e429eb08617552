import type { DialogueLocale } from '../dialogue/types.ts';

/**
 * The parts of an SMS that belong to the channel rather than to whoever writes the body: the
 * lender's signature, the opt-out instruction and the length limit. Templates, agent sends and
 * the compliance guard all read them from here, so the three can never disagree.
 */

/** CONTRACTS §4: at most 350 characters (the guard counts Unicode code points). */
export const MAX_SMS_CHARS = 350;

/** CONTRACTS §4: the opt-out instruction every proactive message carries. */
export const OPT_OUT_HINT: Readonly<Record<DialogueLocale, string>> = {
  'zh-CN': '回复R拒收',
  'en-US': 'Reply STOP to opt out.',
};

/**
 * What counts as carrying the opt-out instruction, over the guard's folded (lower-cased,
 * simplified) text: 回复R拒收 (CONTRACTS §4) and the market's 拒收请回复R (seed 000), both
 * answered by the parser's R, and "Reply STOP".
 */
export const OPT_OUT_HINT_PATTERN: Readonly<Record<DialogueLocale, RegExp>> = {
  'zh-CN': /回复\s*r\s*拒收|拒收\s*请?\s*回复\s*r(?![a-z])/,
  'en-US': /(?<![a-z])reply\s+["'“”‘’]?stop(?![a-z])/,
};

/**
 * Unicode's bidirectional controls: embeddings and overrides (U+202A–U+202E), isolates
 * (U+2066–U+2069) and the LRM, RLM and Arabic letter marks. A right-to-left override in a
 * debtor's name makes the rest of an SMS display reversed on the phone ("…ylno 000,3¥ eud"), so
 * what a debtor reads would no longer be what the guard checked.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** `text` without bidi controls: applied to every outbound text and every stored name. */
export const stripBidi = (text: string): string => text.replace(BIDI_CONTROLS, '');

/** The mandatory Chinese signature: 【安心贷】. */
export const signatureOf = (lender: string): string => `【${lender}】`;

/**
 * A person's draft with the channel's parts added: the signature (zh) or the lender's name (en),
 * and on a proactive message the opt-out instruction. Everything else it says is still the
 * guard's to judge.
 */
export function withChannelParts(
  text: string,
  {
    lender: rawLender,
    locale,
    kind,
  }: { lender: string; locale: DialogueLocale; kind: 'reply' | 'proactive' },
): string {
  // Both a draft and a lender's name come from outside: neither may carry a bidi control out.
  const lender = stripBidi(rawLender);
  let out = stripBidi(text);
  if (locale === 'zh-CN' && !out.startsWith(signatureOf(lender))) out = `${signatureOf(lender)}${out}`;
  if (locale === 'en-US' && !out.toLowerCase().includes(lender.toLowerCase())) out = `${lender}: ${out}`;
  if (kind === 'proactive' && !/回复R拒收|拒收请回复R|reply stop/i.test(out))
    out = `${out}${locale === 'zh-CN' ? '' : ' '}${OPT_OUT_HINT[locale]}`;
  return out;
}
