import { parsePhoneNumberFromString, validatePhoneNumberLength } from 'libphonenumber-js';
import { z } from 'zod';

/**
 * Phone numbers as people type them → E.164, or a refusal that says why. The old normaliser
 * dropped every non-digit, so "+86 138 0013 8000 ext 12" or a letter O for a zero silently
 * became another number, one the bot would then text about a debt. Here a number is taken only
 * when it is written as a number: letters and extensions are refused, not stripped.
 *
 * The test is libphonenumber's isPossible (the length fits the country's plan), not isValid (the
 * prefix is assigned): the demo and fixture numbers are the reserved +1 555 range, which is
 * possible but never valid, and a number a carrier assigns tomorrow should not need a release.
 */

export const PHONE_EXPECTED = 'expected an E.164 phone number such as +8613800138000';

export type PhoneCheck = { ok: true; e164: string } | { ok: false; reason: string };

/** Longer than any E.164 number with its separators: refused before any parsing. */
const MAX_INPUT = 32;
/** An extension at the end: "x12", "ext. 12", "extension 12", ";ext=12", "#12", ", 12". */
const EXTENSION = /(?:ext(?:ension)?\.?|;\s*ext=|x|#|,|;)\s*\d+$/i;
/** What a written number may hold: an international prefix, digits and the usual separators. */
const WRITTEN = /^(?:\+|00)?[\d\s().-]+$/;

const LENGTH_REASONS: Record<string, string> = {
  INVALID_COUNTRY: 'no such country code',
  TOO_SHORT: 'too short for its country',
  TOO_LONG: 'too long for its country',
  INVALID_LENGTH: 'not a length its country uses',
  NOT_A_NUMBER: 'not a number',
};

/**
 * The answers given lately, by input. A debtor texts from the same number again and again, and
 * libphonenumber's parse costs some 40 µs a webhook (issue 16's profile); the answer depends on
 * the text only (the metadata is fixed at build time), so a repeat is answered from here.
 * Bounded: emptied when full, so a flood of distinct numbers costs nothing but the parses.
 */
const answers = new Map<string, PhoneCheck>();
const MAX_ANSWERS = 10_000;

/** "+86 138-0013-8000" or "0086 13800138000" → "+8613800138000"; anything else is refused with a reason. */
export function parsePhone(input: string): PhoneCheck {
  const known = answers.get(input);
  if (known) return known;
  const r = Object.freeze(checkPhone(input));
  if (answers.size >= MAX_ANSWERS) answers.clear();
  answers.set(input, r);
  return r;
}

function checkPhone(input: string): PhoneCheck {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'it is empty' };
  if (text.length > MAX_INPUT) return { ok: false, reason: `longer than ${MAX_INPUT} characters` };
  if (EXTENSION.test(text)) return { ok: false, reason: 'an extension cannot receive SMS' };
  if (/\p{L}/u.test(text)) return { ok: false, reason: 'it has letters' };
  if (!WRITTEN.test(text))
    return { ok: false, reason: 'only digits, spaces, dots, dashes and brackets after + or 00' };
  if (!text.startsWith('+') && !text.startsWith('00'))
    return { ok: false, reason: 'no country code (+86, +1, …)' };
  const candidate = `+${text.replace(/^00/, '').replace(/\D/g, '')}`;
  const length = validatePhoneNumberLength(candidate);
  if (length !== undefined) return { ok: false, reason: LENGTH_REASONS[length] ?? 'not a possible number' };
  const phone = parsePhoneNumberFromString(candidate);
  if (!phone?.isPossible()) return { ok: false, reason: 'not a possible number' };
  return { ok: true, e164: phone.number };
}

/** A zod transform for a string field holding a phone: E.164 out, or an issue "expected an E.164 phone number … (reason)". */
export function toPhone(s: string, ctx: z.RefinementCtx): string {
  const r = parsePhone(s);
  if (r.ok) return r.e164;
  ctx.addIssue({ code: 'custom', message: `${PHONE_EXPECTED} (${r.reason})` });
  return z.NEVER;
}

/** A phone field: E.164 out, or the reason it is not a number we can text. */
export const PhoneSchema = z.string().transform(toPhone);
