import type { LocalDate } from '../time/calendar.ts';
import type { DateMatch } from './dates.ts';

/**
 * Which of the dates a message names is the debtor's day to pay (dates.ts finds them all): not a
 * past day, not a day told in the past tense or about something else, the one a payment verb
 * binds. Split from dates.ts; pure.
 */

const HAS_CJK = /[\u3400-\u9fff]/;

/**
 * Whether the chosen date is a payment still to come: a payment verb follows it that is not done
 * already (今早刚刚付了 names the past), or, in English word order, a future payment verb comes
 * before it ("I'll send $200 on the 15th"). After an already-paid message only such a date for
 * paying the rest (剩下的月底还) is the debtor's date; "sent $300 on Monday" names the past.
 */
export function payFollows(text: string, dates: DateMatch[], date: LocalDate | null): boolean {
  const d = dates.find((x) => x.date === date);
  if (d === undefined) return false;
  // 已於12/15轉帳繳納: a payment made on that day
  if (/已(?:经)?(?:于|在)?\s*$/.test(text.slice(Math.max(0, d.start - 4), d.start))) return false;
  const after = text.slice(d.end, d.end + 12);
  const m = PAY_AFTER.exec(after);
  if (m && !DONE.test(after.slice(0, m[0].length + 2))) return true;
  return WILL_PAY_BEFORE.test(text.slice(Math.max(0, d.start - 40), d.start));
}

// A payment verb, or being able to pay (1月10号才有), shortly after a date in the same sentence.
const PAY_AFTER =
  /^[^.!?。!?;]{0,8}?(?:还|付|转|打款|打钱|给|交|缴|结清|处理|(?:才|就)有(?:钱)?|pay|send|transfer|settle)/;
const DONE = /刚|已经|已|[还付转交缴给汇](?:账|款|钱)?(?:了|过)/;
/** A payment verb, not yet done, a little before a date in the same sentence. */
const PAY_BEFORE =
  /\b(?:pay|send|put|transfer|wire|settle|give you|make (?:a|the|my) payment|take care of (?:it|this|that))\b[^.!?;。!?]{0,25}$/;
const WILL_PAY_BEFORE =
  /(?:\bwill|'ll|\bill|\bcan|\bgonna|\bgoing to|\bplan to)\s+(?:pay|send|transfer|wire|settle)\b[^.!?;。!?]{0,30}$/;

// A day for something else (周五要做手术, "my appointment on the 5th", 明天回你: the day of an
// answer) in a clause that names no payment and no money is not a day to pay.
const OTHER_EVENT =
  /手术|开会|考试|面试|出差|住院|出院|搬家|婚礼|开学|体检|复查|开庭|回(?:复)?你|覆你|答复你|给你(?:个)?答复|\bsurgery\b|\bappointment\b|\binterview\b|\bexam\b|\bwedding\b|\bget back to (?:you|u)\b|\blet (?:you|u) know\b|\b(?:talk|think) it over\b|\bsleep on it\b/;
const MONEY_WORD = /还|付|转|交|缴|钱|工资|薪|款|pay|send|paid|money|cash|check/;
const CLAUSE_EDGE = /[,.;!?。!?、;]/;

function clauseAround(text: string, start: number, end: number): string {
  let a = start;
  while (a > 0 && !CLAUSE_EDGE.test(text[a - 1]!)) a--;
  let b = end;
  while (b < text.length && !CLAUSE_EDGE.test(text[b]!)) b++;
  return text.slice(a, b);
}

// An English weekday or weekend told in the past tense ("got laid off Friday", "the ACH cleared
// over the weekend", "I mailed it Monday") is when something happened, not a day ahead; so is a
// week's earnings ("more than I make in a week"). "get paid Friday" and any future or modal verb
// in the clause keep the day.
const PAST_BEFORE =
  /\b(?:laid off|fired|let go|cleared|went through|posted|mailed|(?<!\b(?:get|gets|getting|be|being) )paid|sent|called|texted|emailed|dropped (?:it )?off|happened|closed|deposited|took (?:it )?out|came out)(?: it| that| them| the money)?(?: (?:on|over|last|this past)(?: the)?)? ?$/;
// "nothing left at the end of the month" tells how every month ends, not a day to pay
const HABIT_BEFORE = /\b(?:left|short|broke|behind|tight|nothing)\s+(?:at|by)\s+(?:the\s+)?$/;
const EARNINGS_BEFORE =
  /\b(?:make|makes|made|earn|earns|earned|clear|clears|bring in|brings in|gross|net)\b[^.,!?;]{0,12}$/;
const FUTURE_IN_CLAUSE =
  /\b(?:will|gonna|going to|can|could|would|should|need to|have to|plan to|promise)\b|'ll\b|'d\b/;

function pastEvent(text: string, d: DateMatch): boolean {
  const before = text.slice(Math.max(0, d.start - 40), d.start);
  const clauseStart = Math.max(before.search(/[^.,!?;。!?]*$/), 0);
  const clauseBefore = before.slice(clauseStart);
  if (HABIT_BEFORE.test(clauseBefore)) return true;
  if (FUTURE_IN_CLAUSE.test(clauseBefore)) return false;
  const span = text.slice(d.start, d.end);
  if (/^in an? week$|^in (?:a|one) month$/.test(span.trim()) && EARNINGS_BEFORE.test(clauseBefore))
    return true;
  return PAST_BEFORE.test(clauseBefore);
}

/**
 * The date the debtor names for paying: the one a payment verb follows, else the first.
 * Vague spans (下个月, next week) never match a rule, so they give null.
 */
export function pickDate(text: string, all: DateMatch[], today: LocalDate): LocalDate | null {
  // A past day (昨天转过去了) is when something happened, not a day to pay.
  const dates = all.filter((d) => {
    if (d.date < today) return false;
    const clause = clauseAround(text, d.start, d.end);
    if (pastEvent(text, d)) return false;
    return !(OTHER_EVENT.test(clause) && !MONEY_WORD.test(clause));
  });
  if (dates.length === 0) return null;
  if (dates.length === 1) return dates[0]!.date;
  const withPay = dates.find((d) => PAY_AFTER.test(text.slice(d.end, d.end + 12)));
  // English puts the verb first: "I start my new job Monday. I can pay $150 on 2/12".
  const paidOn = dates.find((d) => PAY_BEFORE.test(text.slice(Math.max(0, d.start - 40), d.start)));
  // In English a verb before the day binds tighter than one after a comma: "I start a new job
  // Monday, I'll pay 150 on March 19" pays on the 19th.
  const english = !HAS_CJK.test(text);
  return ((english ? (paidOn ?? withPay) : (withPay ?? paidOn)) ?? dates[0]!).date;
}
