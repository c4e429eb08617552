import {
  OPT_OUT_WHOLE,
  OPT_OUT,
  WRONG_PARTY,
  DISPUTE,
  ALREADY_PAID,
  COMPLAINT,
  ABUSIVE,
  REQUEST_HUMAN,
} from './lexicon/handoff-intents.ts';
import {
  ACCEPT,
  AGREES_FIRST,
  SELECTS_OPTION,
  DECLINE,
  PAY_VERB,
  COMMIT,
  EXTENSION,
  DEADLINE_QUESTION,
  QUESTION_FORM,
  INSTALLMENT,
  NO_MONEY,
  CLARIFY_UNSURE,
  TEMPORARY,
  LONG_TERM,
  NOT_TEMPORARY,
  NOT_LONG,
  QUESTION,
  GREETING,
} from './lexicon/negotiation-intents.ts';
import type { Hardship, Intent, ParseContext } from './schema.ts';

/**
 * Intent lexicons over normalised text (simplified, lower case, half-width). Each intent is a
 * test; the first that holds in CONTRACTS §2 order wins. Patterns are written for meaning, not
 * for any one sentence: a keyword that is also part of a more specific form (不是我 in 不是我借的)
 * is guarded where it is matched.
 */

export interface IntentFeatures {
  amount: number | null;
  date: string | null;
  installments: number | null;
  hardship: Hardship | null;
}

export function detectHardship(text: string): Hardship | null {
  const longTerm = LONG_TERM.test(text) && !NOT_LONG.test(text);
  const temporary = TEMPORARY.test(text) && !NOT_TEMPORARY.test(text);
  // An explicit "暂时/temporary" outweighs a lasting cause; otherwise a lasting cause outweighs
  // a time word (最近失业了 is long-term).
  if (temporary && longTerm)
    return /暂时|临时|短期|\btemporar|\bshort[- ]term/.test(text) && !/长期|long[- ]term/.test(text)
      ? 'temporary'
      : 'long_term';
  if (longTerm) return 'long_term';
  if (temporary) return 'temporary';
  return null;
}

export function classify(text: string, context: ParseContext, f: IntentFeatures): Intent {
  if (text.length === 0) return 'other';
  const bare = text.replace(/[\s!.,?。!?、;~…'"“”‘’()（）【】[\]<>《》*-]+/g, '');
  if (OPT_OUT_WHOLE.test(bare) || OPT_OUT.test(text)) return 'opt_out';
  if (WRONG_PARTY.test(text)) return 'wrong_party';
  if (DISPUTE.test(text)) return 'dispute';
  if (ALREADY_PAID.test(text)) return 'already_paid';
  if (COMPLAINT.test(text)) return 'complaint';
  if (ABUSIVE.test(text)) return 'abusive';
  if (REQUEST_HUMAN.test(text)) return 'request_human';

  const isQuestion = QUESTION_FORM.test(text);
  if (context === 'offer') {
    const declines = DECLINE.test(text);
    const selects = SELECTS_OPTION.test(text);
    const agreesFirst = AGREES_FIRST.test(text);
    if (
      (f.amount === null || selects || agreesFirst) &&
      !declines &&
      ACCEPT.test(text) &&
      !(isQuestion && /多少|怎么|什么|how|what/.test(text))
    )
      return 'accept';
    if (f.amount === null && declines && !(f.date !== null && PAY_VERB.test(text) && !isQuestion))
      return 'decline';
  }

  if (isQuestion && DEADLINE_QUESTION.test(text) && f.amount === null) return 'question';
  const extension = EXTENSION.test(text);
  const payVerb = PAY_VERB.test(text);
  if (!extension && !isQuestion && payVerb && (f.date !== null || COMMIT.test(text))) return 'promise_to_pay';
  if (!extension && !isQuestion && f.date !== null && f.amount !== null) return 'promise_to_pay';
  if (f.amount !== null) return 'offer_amount';
  if (f.installments !== null || INSTALLMENT.test(text)) return 'request_installment';
  if (extension || (f.date !== null && (isQuestion || payVerb))) return 'request_extension';
  if (NO_MONEY.test(text) || f.hardship !== null) return 'no_money';
  if (context === 'clarify' && CLARIFY_UNSURE.test(bare)) return 'no_money';
  if (f.date !== null && !isQuestion) return 'promise_to_pay';
  // Greetings and bare punctuation ("在吗", "hello?", "?") are contact, not questions.
  if (bare === '' || GREETING.test(bare)) return 'other';
  if (QUESTION.test(text)) return 'question';
  return 'other';
}
