import type { LocalDate } from '../time/calendar.ts';
import { formatMoney } from '../money.ts';
import type { ActContext, Catalogue, Detail, Variant, WordedAct } from './catalogue.ts';
import { enUS } from './en-US.ts';
import { overrideOf } from './overrides.ts';
import { MAX_SMS_CHARS, OPT_OUT_HINT, stripBidi } from './sms-parts.ts';
import { zhCN } from './zh-CN.ts';
import type { Act, DialogueLocale, Draft, RenderContext } from '../dialogue/types.ts';

/**
 * The composer: a Draft (what the dialogue machine decided to say) → the SMS text, in the
 * account's locale. Pure and deterministic: the same draft and context give the same text.
 *
 * Every text follows the seeds' four parts where they apply (identity 【lender】, situation,
 * consequence, solution) and CONTRACTS §4: the signature opens the message, there are no other
 * 【】, no debris, at most 350 characters, the opt-out hint closes every proactive message, and a
 * wrong party hears no word of any debt. The compliance guard still checks every text; these
 * templates are written so that it never has to block one of them.
 *
 * Length: a message is built at the richest wording level first and shortened level by level
 * (courtesy close, then wording detail, then the name) until it fits its target: one or two SMS
 * segments for a single-purpose message (≤ 140 characters in Chinese, ≤ 300 in English), the
 * hard limit of 350 for a list of offers, where the numbers are the point.
 */

const CATALOGUES: Readonly<Record<DialogueLocale, Catalogue>> = { 'zh-CN': zhCN, 'en-US': enUS };

/** Target lengths for single-purpose messages: two SMS segments (UCS-2 67×2, GSM-7 153×2). */
export const SOFT_LIMIT: Readonly<Record<DialogueLocale, number>> = { 'zh-CN': 140, 'en-US': 300 };

/** A due date the way the messages and plan-text write it: 12月4日 / Dec 4; with its year when later than `today`'s (§8). */
export function formatDay(date: LocalDate, locale: DialogueLocale, today?: LocalDate): string {
  return CATALOGUES[locale].day(date, today);
}

/**
 * Acts that may carry a courtesy close (祝您生活愉快!): statements, not questions or choices.
 * A confirmation thanks the debtor itself (感谢您的配合!); a second close would be one too many.
 */
const CLOSABLE: ReadonlySet<Act> = new Set([
  'reminder',
  'followup',
  'answer',
  'ack',
  'apology',
  'opt_out_confirm',
]);
/**
 * Acts whose message carries no name: a wrong party or a third party must not learn it; an
 * opt-out needs only the confirmation.
 */
const UNNAMED: ReadonlySet<Act> = new Set(['apology', 'third_party', 'opt_out_confirm']);
const NONE: ReadonlySet<Act> = new Set();
/** Parts a message that stacks many acts may lose to fit, least needed first. */
const DROPPABLE: readonly Act[] = [
  'ack',
  'deescalate',
  'empathy',
  'answer',
  'clarify',
  'followup',
  'reminder',
];
/** Order of the parts in a message that combines several acts. */
const ORDER: readonly WordedAct[] = [
  'ack',
  'deescalate',
  'empathy',
  'payment_received',
  'closing',
  'reminder',
  'followup',
  'answer',
  'clarify',
  'offer',
  'which_option',
  'check_reading',
  'ask_meaning',
  'confirm',
  'reschedule',
  'handoff',
  'handoff_note',
];

interface Style {
  close: boolean;
  name: boolean;
  detail: Detail;
}

/** From richest to leanest; the first that fits is sent. */
const LEVELS: readonly Style[] = [
  { close: true, name: true, detail: 0 },
  { close: false, name: true, detail: 0 },
  { close: false, name: true, detail: 1 },
  { close: false, name: true, detail: 2 },
  { close: false, name: false, detail: 2 },
  { close: false, name: false, detail: 3 },
];

// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[【】\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028\u2029\uFEFF]/g;

/** Names and the lender come from data: keep them from breaking the signature rule or the layout. */
function clean(s: string): string {
  return s.replace(UNPRINTABLE, '').replace(/\s+/g, ' ').trim();
}

/** The message at one wording level and variant, leaving out the acts in `omit`. */
function compose(
  draft: Draft,
  ctx: RenderContext,
  style: Style,
  variant: Variant,
  omit: ReadonlySet<Act> = NONE,
): string {
  const { account } = ctx;
  const words = CATALOGUES[account.locale];
  const acts = new Set(draft.acts.filter((a) => !omit.has(a)));
  // No offers beside a handoff (§4): a person takes over.
  const present = ORDER.filter((a) => acts.has(a) && !(a === 'offer' && acts.has('handoff')));
  const alone = present.length === 1;
  const c: ActContext = {
    draft,
    account,
    today: ctx.today,
    lender: clean(account.lender),
    detail: style.detail,
    alone,
    has: (act) => acts.has(act),
    money: (minor) => formatMoney(minor, account.currency, account.locale),
    variant,
  };
  const close = variant === 0 ? words.close : words.closeAgain;
  const header = words.header(c.lender);
  const proactive =
    draft.kind === 'proactive' || draft.acts.includes('reminder') || draft.acts.includes('followup');
  const hint = OPT_OUT_HINT[account.locale];
  const join = (parts: string[]) => parts.filter((p) => p !== '').join(words.separator);
  const name = clean(account.debtorName);
  // The lender's own wording of an act where it has one (overrides.ts), else the catalogue's.
  let overrideNames = false;
  const say = (act: WordedAct): string => {
    const o = ctx.templates ? overrideOf(act, c, words, ctx.templates, { name, lender: c.lender }) : null;
    if (o === null) return words[act](c);
    overrideNames ||= o.usesName;
    return o.text;
  };

  // A wrong party hears an apology and nothing else: no name, no amount, no word of any debt;
  // a third party who knows the debtor, only "please ask them to contact us" and the hotline.
  if (acts.has('apology'))
    return header + join([say('apology'), style.close ? close : '', proactive ? hint : '']);
  if (acts.has('third_party')) return header + join([say('third_party'), proactive ? hint : '']);
  // The one message after an opt-out: no debt details, no name. It is a reply; were it ever
  // sent as a proactive message it would still carry the hint, as every proactive text does.
  if (acts.has('opt_out_confirm')) {
    const hinted = draft.kind === 'proactive';
    return header + join([say('opt_out_confirm'), style.close ? close : '', hinted ? hint : '']);
  }

  // A reminder already carries the reason's content; a follow-up beside it would repeat it.
  const said = present.filter((a) => !(a === 'followup' && acts.has('reminder')));
  const closable = present.length > 0 && present.every((a) => CLOSABLE.has(a));
  const named = style.name && !(alone && present[0] === 'ack') && present.every((a) => !UNNAMED.has(a));
  let body = join(said.map(say));
  // A lender's wording that names the debtor itself needs no greeting in front of it.
  if (named && name !== '' && !overrideNames) body = words.greet(name, body);
  return header + join([body, style.close && closable ? close : '', proactive ? hint : '']);
}

/**
 * Render a draft into the SMS text. The richest wording that fits its target is chosen; no
 * text is ever longer than MAX_SMS_CHARS for any valid account (lender ≤ 20 characters,
 * name ≤ 40, balance ≤ 10^11 major units) and up to three offers. When that text is, word for
 * word, the last one this debtor received (`ctx.previous`), the second wording is sent instead:
 * every act words its two variants differently, so a repeat is impossible by construction.
 */
export function render(draft: Draft, ctx: RenderContext): string {
  if (ctx.templates === undefined) return rendered(draft, ctx);
  // A lender's wording with a long name, a long payment instruction or a large amount could
  // outgrow the limit the catalogue's wording keeps by construction: then the catalogue's is sent.
  const text = rendered(draft, ctx);
  return text.length <= MAX_SMS_CHARS ? text : rendered(draft, { ...ctx, templates: undefined });
}

/**
 * What render() sends, except that a lender's wording is kept even over the SMS limit: the
 * start-up check (src/lenders/check.ts) measures a lender's wording with it.
 */
export function rendered(draft: Draft, ctx: RenderContext): string {
  const first = stripBidi(fitted(draft, ctx, 0));
  const neighbours = [ctx.previous, ...(ctx.waiting ?? [])];
  if (!neighbours.includes(first)) return first;
  const second = stripBidi(fitted(draft, ctx, 1));
  if (!neighbours.includes(second)) return second;
  // Both wordings sit next to something (one sent, the other waiting to go out beside this
  // text): a leaner style of either wording, when one differs from both, is the third wording.
  for (const style of LEVELS)
    for (const variant of VARIANTS) {
      const text = stripBidi(compose(draft, ctx, style, variant));
      if (text.length <= MAX_SMS_CHARS && !neighbours.includes(text)) return text;
    }
  return first === ctx.previous ? second : first;
}

const VARIANTS: readonly Variant[] = [0, 1];

/** The richest wording of the draft, in one variant, that fits its target (see render). */
function fitted(draft: Draft, ctx: RenderContext, variant: Variant): string {
  const soft = draft.acts.includes('offer') ? MAX_SMS_CHARS : SOFT_LIMIT[ctx.account.locale];
  let firstWithinHard: string | null = null;
  for (const style of LEVELS) {
    const text = compose(draft, ctx, style, variant);
    if (text.length <= soft) return text;
    if (firstWithinHard === null && text.length <= MAX_SMS_CHARS) firstWithinHard = text;
  }
  if (firstWithinHard !== null) return firstWithinHard;
  // Only a draft that stacks many acts gets here: leave out the supporting parts, the least
  // needed first, until the message fits. The offers, a confirmation and a handoff stay.
  const leanest = LEVELS[LEVELS.length - 1]!;
  const omit = new Set<Act>();
  let text = compose(draft, ctx, leanest, variant);
  for (const act of DROPPABLE) {
    if (!draft.acts.includes(act)) continue;
    // The last act of a message is its point: never send a signature alone.
    if (draft.acts.every((a) => a === act || omit.has(a))) break;
    omit.add(act);
    text = compose(draft, ctx, leanest, variant, omit);
    if (text.length <= MAX_SMS_CHARS) break;
  }
  return text;
}
