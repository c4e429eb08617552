import * as handoff from './lexicon/handoff-intents.ts';
import * as negotiation from './lexicon/negotiation-intents.ts';
import * as questions from './lexicon/questions-and-contact.ts';
import { gatedLexicon, wholeMatchGateOf } from './regex-gate.ts';
import { splitClauses } from './clauses.ts';
import type { Decision, Hardship, Intent, ParseContext } from './schema.ts';

// Each lexicon behind its gate (regex-gate.ts): a pattern is not run on a text that lacks every
// literal its matches need. Same names, same answers.
const { OPT_OUT_WHOLE, OPT_OUT, WRONG_PARTY, DISPUTE, ALREADY_PAID, COMPLAINT, ABUSIVE, REQUEST_HUMAN } =
  gatedLexicon(handoff);
const {
  ACCEPT,
  AGREES_FIRST,
  SELECTS_OPTION,
  PICKS,
  DECLINE,
  PAY_VERB,
  COMMIT,
  EXTENSION,
  DEADLINE_QUESTION,
  QUESTION_FORM,
  INSTALLMENT,
  NO_MONEY,
  CLARIFY_UNSURE,
} = gatedLexicon(negotiation);
const { PAYMENT_DETAILS, QUESTION, WHAT_IT_MEANS, GREETING, ACKNOWLEDGED, HOLDING } = gatedLexicon(questions);

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
  /** Where the chosen date starts in the focus text, when there is one. */
  dateAt?: number | null;
}

/**
 * Rule-level confidence: how often a rule of that kind is right on text nobody tuned it to. A
 * whole-message keyword (R, 退订) is near certain; a field-derived intent (a figure and a day)
 * is good; a question read from a bare "?" and the fall-through to `other` are guesses.
 */
// Police reached about a theft (手机被偷了,报了警) is no complaint against the lender.
const THEFT = /偷|被盗|失窃|抢劫|被抢|丢了|被骗|骗走|\bstolen\b|\brobbed\b|\bscammed\b/;
const POLICE = /报(?:了|过)?警|报(?:了|过)?案|警察|公安|派出所|(?<!\d)110(?!\d)|\bpolice\b|\bcops\b/g;
const ASK_TO_PAY = /^\s*(?:can|could|may) i (?=pay|send|do|give|make)/;
const TAG_QUESTION = /[\s,]*(?:ok|okay|alright|好吗|行吗|可以吗|好不好|行不行|可不可以)\s*[?]*\s*$/;

/** The clause of `text` that holds position `at`. */
function clauseAt(text: string, at: number): string {
  const c = splitClauses(text).find((x) => at >= x.start && at < x.start + x.text.length);
  return c?.text ?? text;
}

const BARE_DENIAL = /^(?:不是|不是的|不对|不对的)$/;

const QUESTION_WORD =
  /什么|多少|怎么|如何|哪|谁|为什么|为啥|几|啥|咋|\b(?:how|what|who|why|when|where|which)(?:'?s)?\b/;

/**
 * A question about one offered plan ("if I pick A when is the first payment due", "can I pay
 * option B with cash app?", "what's the total if I do the 6 month one?"): it names a plan but
 * does not take it yet.
 */
const IF_I_PICK = /\bif (?:i|we) (?:pick|choose|do|go with|take|select)\b/;
const ABOUT_AN_OPTION = new RegExp(
  `${IF_I_PICK.source}|` +
    String.raw`\bcu[aá]l (?:era|es)\b|\b(?:does|do|is|will|would) (?:option|plan) [abc]\b|\bwhat(?:'?s| is| was| are)\b|\bwhen (?:is|does|do|would|will)\b|\bhow (?:much|many|long|does|do|would)\b|\bdo i (?:have|need) to\b|\bcan i pay (?:it |this |that |option \w+ |plan \w+ )?(?:off )?(?:early|with|by|using|through|via)\b`,
);
/**
 * The same in Chinese, where the question word carries it without a "?" (选C的话罚息能不能免,
 * 揀A嘅话几时开始扣, B方案第一期是啥时候, 方案C是要一次缴清吗, 分6期那个加起来一共多少).
 */
const ZH_ABOUT_AN_OPTION =
  /(?:的话|如果|要是)[^,、。!?]{0,12}(?:能不能|可不可以|会不会|是不是|几|什么|啥|多少|怎么|吗)|(?:的话|如果|要是)[^。!?]{0,20}(?:会怎样|会怎么样|怎么办)|差在哪|有(?:什么|咩)(?:差|分别)|哪(?:个|一个)(?:比较|更)|(?:什么|啥|几)时候?|几号|哪天|一共|总共|加起来|多少|是(?:不是)?要[^,、。!?]{0,10}(?:吗|[?])/;
/**
 * Money that is not this debt's (en-24): someone paying the debtor ("they pay on the 20th only", a
 * wage) or the debtor sending it to family ("sending money to my family in Manila").
 */
const OTHER_PAYMENTS =
  /\b(?:they|my job|work|my work|the company|my company|my boss|my employer|payroll|the agency)(?: only| usually| will| should)? (?:pay|pays|paid)(?: me| us| out)?\b|\b(?:send|sending|sent) (?:money|cash|it|some) (?:home|back home|to (?:my|our) (?:family|mom|mother|dad|father|parents|kids|children|wife|husband|sister|brother|daughter|son))\b/g;
const withoutOtherPayments = (t: string): string =>
  t.includes('pa') || t.includes('sen') ? t.replace(OTHER_PAYMENTS, ' ') : t;
/** A counter that names a plan and changes its figure ("option B but 90 a month instead of 140"). */
const COUNTERS =
  /\binstead of\b|\bmake it\b|\bhow about\b|\bwhat about\b|(?:降|减|减少|少|改|压)(?:到|成|为)/;

/**
 * "I can pay 45.50 this week" states what the debtor can pay, with no day: an offer. "I'll pay 500
 * next week" (下周还五百) commits, and stays a promise.
 */
const CAN = /\b(?:i|we) (?:can|could)\b|\bable to\b/;
const WILL = /\b(?:i'?ll|ill|i will|we'?ll|gonna|going to|promise)\b/;
const capacityOnly = (text: string, f: IntentFeatures): boolean =>
  f.amount !== null && f.date === null && CAN.test(text) && !WILL.test(text);

const HARASS = /\bharass(?:ment|ing|ed)?\b|骚扰/g;

/** Words that make a clause a question or a condition even without a question mark. */
const ASKS =
  /多少|怎么|什么|几号|几时|哪天|哪一天|的话|如果|要是|有没有|\bhow\b|\bwhat\b|\bwhen\b|\bdoes\b|\bif i\b|^is\b/;

const decide = (intent: Intent, confidence: number, reason: string): Decision => ({
  intent,
  confidence,
  reason,
});

/**
 * The views of one message that the lexicons read (clauses.ts): the handoff intents read what the
 * debtor asserts, the abusive lexicon that without scam questions, the negotiating intents the
 * clauses about this debt.
 */
export interface TextViews {
  asserted: string;
  focus: string;
  insult: string;
}

// Thanks and please around a one-word answer (R 唔該, B 谢谢, "stop thanks") leave it one word.
const POLITE =
  /^(?:谢谢|多谢|麻烦(?:你|您)?|请|please|pls|plz)+|(?:谢谢(?:你|您|你们)?|多谢|谢了|thanks?(?: you)?|thx|ty|please|pls|plz)+$/g;
const PUNCT = /[\s!.,?。!?、;~…'"“”‘’()（）【】[\]<>《》*-]+/g;
/** Whether a text could become a whole-message keyword once punctuation and thanks are deleted. */
const MAY_BE_WHOLE = wholeMatchGateOf(OPT_OUT_WHOLE.pattern, [PUNCT, POLITE]);

export function classify(input: string | TextViews, context: ParseContext, f: IntentFeatures): Decision {
  const v = typeof input === 'string' ? { asserted: input, focus: input, insult: input } : input;
  const said = v.asserted;
  const text = v.focus;
  if (said.length === 0) return decide('other', 0.95, 'other.empty');
  // The whole-message keyword is read without punctuation and thanks; those are only deleted, so
  // a text without any character the keywords need is answered without building it.
  if (MAY_BE_WHOLE(said) && OPT_OUT_WHOLE.test(said.replace(PUNCT, '').replace(POLITE, '')))
    return decide('opt_out', 0.98, 'opt_out.keyword');
  if (OPT_OUT.test(said)) return decide('opt_out', 0.93, 'opt_out.lexicon');
  if (WRONG_PARTY.test(said)) return decide('wrong_party', 0.88, 'wrong_party.lexicon');
  if (DISPUTE.test(said)) return decide('dispute', 0.86, 'dispute.lexicon');
  // Paying another bill (孩子开学又交了一笔钱) is not paying this one.
  if (ALREADY_PAID.test(text)) return decide('already_paid', 0.87, 'already_paid.lexicon');
  if (COMPLAINT.test(said) && !(THEFT.test(said) && !COMPLAINT.test(said.replace(POLICE, '')))) {
    // Calling the texts harassment while insulting the sender ("get a real job instead of
    // harassing people") is abuse; harassment with an authority or a report is a complaint.
    if (ABUSIVE.test(v.insult) && !COMPLAINT.test(said.replace(HARASS, ' ')))
      return decide('abusive', 0.88, 'abusive.lexicon');
    return decide('complaint', 0.9, 'complaint.lexicon');
  }
  if (ABUSIVE.test(v.insult)) return decide('abusive', 0.88, 'abusive.lexicon');
  if (REQUEST_HUMAN.test(said)) return decide('request_human', 0.88, 'request_human.lexicon');

  // Asking what the bot's words mean answers none of its questions (啥叫长期短期 我听不懂).
  if (f.amount === null && f.date === null && WHAT_IT_MEANS.test(text))
    return decide('question', 0.75, 'question.what-it-means');

  // A statement with a figure and a day that ends in a tag (后天还三千 ok?) still commits.
  // …and so does "can I pay 60 on Thursday": asking leave to pay a figure on a day offers both.
  const isQuestion =
    f.amount !== null && f.date !== null
      ? QUESTION_FORM.test(text.replace(TAG_QUESTION, '').replace(ASK_TO_PAY, ''))
      : QUESTION_FORM.test(text);
  if (context === 'offer') {
    const declines = DECLINE.test(text);
    const asksAbout =
      ((isQuestion || IF_I_PICK.test(text)) && ABOUT_AN_OPTION.test(text)) || ZH_ABOUT_AN_OPTION.test(text);
    const counters = f.amount !== null && COUNTERS.test(text);
    // One clause names a plan and turns nothing down: the other clauses are about the other plans.
    // A pick said outright, not asked and not conditional (…就拣这个。第一期几时要给?), agrees even
    // when another clause asks about the plan.
    const picks = splitClauses(text).filter((c) => PICKS.test(c.text.trim()) && !DECLINE.test(c.text));
    const firm = picks.some(
      (c) => !QUESTION_FORM.test(c.text) && !IF_I_PICK.test(c.text) && !ASKS.test(c.text),
    );
    if (!counters && picks.length > 0 && (!asksAbout || firm))
      return decide('accept', 0.85, 'accept.picks-one');
    const selects = SELECTS_OPTION.test(text);
    const agreesFirst = AGREES_FIRST.test(text);
    if (
      (f.amount === null || selects || agreesFirst) &&
      !declines &&
      !asksAbout &&
      !counters &&
      ACCEPT.test(text) &&
      !(isQuestion && ASKS.test(text))
    )
      return decide('accept', 0.88, 'accept.lexicon');
    // A question about one plan (分6期那个加起来一共多少) is neither its count nor its acceptance.
    if (asksAbout && f.amount === null && f.date === null && !declines)
      return decide('question', 0.75, 'question.about-an-option');
    // A count or a later start (分12期, 遲一個禮拜先開始還) is a counter-proposal, not a refusal.
    if (
      f.amount === null &&
      f.installments === null &&
      declines &&
      !EXTENSION.test(text) &&
      // asking for more, smaller payments ("any way to stretch it out?") is a counter, no refusal
      !(isQuestion && INSTALLMENT.test(text)) &&
      !(f.date !== null && PAY_VERB.test(text) && !isQuestion)
    )
      return decide('decline', 0.85, 'decline.lexicon');
  }

  if (isQuestion && DEADLINE_QUESTION.test(text) && f.amount === null)
    return decide('question', 0.75, 'question.deadline');
  const extension = EXTENSION.test(text);
  // An employer paying the debtor ("they pay on the 20th", a payday), or the debtor sending money
  // home, is no payment of the debt.
  const payVerb = PAY_VERB.test(withoutOtherPayments(text));
  // The clause that names the day decides a promise (后天还500,剩下的下个月再补): a deferral or a
  // question elsewhere in a long message is about the rest.
  const dayClause = f.dateAt != null ? clauseAt(text, f.dateAt) : null;
  if (
    f.date !== null &&
    dayClause !== null &&
    PAY_VERB.test(withoutOtherPayments(dayClause)) &&
    !EXTENSION.test(dayClause) &&
    !QUESTION_FORM.test(dayClause) &&
    !DEADLINE_QUESTION.test(dayClause)
  )
    return decide('promise_to_pay', 0.88, 'promise_to_pay.day-clause');
  if (!extension && !isQuestion && payVerb && f.date !== null)
    return decide('promise_to_pay', 0.9, 'promise_to_pay.verb+date');
  if (
    !extension &&
    !isQuestion &&
    payVerb &&
    f.amount === null &&
    !capacityOnly(text, f) &&
    COMMIT.test(text)
  )
    return decide('promise_to_pay', 0.82, 'promise_to_pay.verb+commitment');
  if (!extension && !isQuestion && f.date !== null && f.amount !== null)
    return decide('promise_to_pay', 0.85, 'promise_to_pay.amount+date');
  if (f.amount !== null) return decide('offer_amount', 0.86, 'offer_amount.amount');
  if (f.installments !== null) return decide('request_installment', 0.92, 'request_installment.count');
  if (INSTALLMENT.test(text)) return decide('request_installment', 0.86, 'request_installment.lexicon');
  if (extension) return decide('request_extension', 0.85, 'request_extension.lexicon');
  if (f.date !== null && (isQuestion || payVerb))
    return decide('request_extension', 0.75, 'request_extension.date');
  if (NO_MONEY.test(text)) return decide('no_money', 0.86, 'no_money.lexicon');
  if (f.hardship !== null) return decide('no_money', 0.78, 'no_money.hardship');
  if (context === 'clarify' && CLARIFY_UNSURE.test(text.replace(/[!.,?。!?、;~…'"“”‘’()（）]+/g, '').trim()))
    return decide('no_money', 0.7, 'no_money.clarify-unsure');
  // A day to answer by (我考虑一下,明天回你) is no day to pay on.
  if (f.date !== null && !isQuestion && !(HOLDING.test(text) && !payVerb))
    return decide('promise_to_pay', 0.65, 'promise_to_pay.date');
  // Greetings and bare punctuation ("在吗", "hello?", "?") are contact, not questions.
  const bare = text.replace(PUNCT, '');
  if (bare === '') return decide('other', 0.9, 'other.punctuation');
  if (GREETING.test(bare)) return decide('other', 0.9, 'other.greeting');
  // A bare 不是 / 不对 answers the bot's last question; it names no one, so it is no wrong party.
  if (context !== 'offer' && BARE_DENIAL.test(bare)) return decide('other', 0.6, 'other.bare-denial');
  if (PAYMENT_DETAILS.test(text)) return decide('question', 0.8, 'question.payment-details');
  if (!text.includes('?') && HOLDING.test(text)) return decide('other', 0.85, 'other.holding');
  if (QUESTION.test(text))
    return decide('question', /[?]/.test(text) && !QUESTION_WORD.test(text) ? 0.6 : 0.75, 'question.lexicon');
  if (ACKNOWLEDGED.test(bare.trim())) return decide('other', 0.9, 'other.acknowledgement');
  return decide('other', 0.45, 'other.fallback');
}
