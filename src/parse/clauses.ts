import { gated } from './regex-gate.ts';

/**
 * Clause segmentation: a long SMS mixes a hardship, a promise, a plea and a complaint, and an
 * intent keyword belongs to the clause it stands in. The parser reads three views of a message,
 * each the message minus some clauses:
 *
 * - `asserted`: without a cause the debtor denies in a contrast (不是失业,是这个月周转不开; "it's
 *   not that I won't pay, I just can't"): the handoff lexicons and the hardship read this;
 * - `focus`: `asserted` without clauses about other obligations (房租15号要交, 网贷还欠两万,
 *   "my car payment is due the 20th"): amounts, dates, installments and the negotiating intents
 *   read this, so another bill's day or figure is never the debtor's offer;
 * - `insult`: `asserted` without clauses that ask whether the message is a scam (这是真的还是
 *   诈骗?): the abusive lexicon reads this.
 *
 * Clauses end at sentence and clause punctuation, and a contrast or consequence conjunction
 * (但是, 所以, but, so) starts a new one. Commas between digits (1,350) are no boundary.
 */

export interface Clause {
  /** The clause with the punctuation that closes it. */
  readonly text: string;
  readonly start: number;
}

export interface Views {
  clauses: readonly Clause[];
  asserted: string;
  focus: string;
  insult: string;
}

const BOUNDARY =
  /[,.](?!\d)|(?<!\d)[,.]|[。!?;；、\n]|(?=但是|可是|不过|所以|因为|然后|结果|还是(?:选|要)?(?:[abc](?![a-z])|第[一二三1-3])|\bbut\b|\bso\b|\bbecause\b|\bthough\b)/gu;

export function splitClauses(text: string): readonly Clause[] {
  // One text is split several times in a parse (its views, then the intent's option and clause
  // checks): the last answer is kept, and nobody changes a clause list they are handed.
  if (text === lastSplit.text) return lastSplit.clauses;
  const clauses = split(text);
  lastSplit = { text, clauses };
  return clauses;
}
let lastSplit: { text: string | undefined; clauses: readonly Clause[] } = { text: undefined, clauses: [] };

function split(text: string): readonly Clause[] {
  const out: Clause[] = [];
  let start = 0;
  BOUNDARY.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BOUNDARY.exec(text)) !== null) {
    const end = m.index + m[0].length;
    if (m[0].length === 0) {
      if (m.index > start) out.push({ text: text.slice(start, m.index), start });
      start = m.index;
      BOUNDARY.lastIndex++;
      continue;
    }
    if (end > start) out.push({ text: text.slice(start, end), start });
    start = end;
  }
  if (start < text.length) out.push({ text: text.slice(start), start });
  return out.filter((c) => c.text.trim() !== '');
}

// --- denied causes ---------------------------------------------------------------------------
/** A clause that denies something the next clause corrects (不是X, (而)是Y; "not that X, Y"). */
const DENIAL =
  /^\s*(?:我|这|其实|真的|也)*(?:并)?不是|^\s*(?:it'?s |this is |that'?s )?not (?:that|because)\b|^\s*(?:i'?m|i am) not (?:refusing|saying|trying to|avoiding)\b/;
/** What a denial of identity looks like (我不是他, 不是我借的): the denial is the message itself. */
const IDENTITY = /^\s*(?:我)?(?:并)?不是(?:我|他|她|本人|你们?要?找|这个人|借)/;
const CORRECTION =
  /^\s*(?:而|只|就|其实|主要|实在|确实|真的)?(?:是|因为)|^\s*(?:,\s*)?(?:i |it'?s |just |but |i just|i really)/;

// --- other obligations -----------------------------------------------------------------------
const OTHER_DEBT = new RegExp(
  [
    '房租',
    '租金',
    '交租',
    '缴租',
    '房贷',
    '车贷',
    '网贷',
    '信用卡',
    '花呗',
    '借呗',
    '白条',
    '学费',
    '开学',
    '水电',
    '话费',
    '物业费',
    '医药费',
    '押金',
    '住院费',
    '手术费',
    '保险费',
    '社保',
    '罚款',
    '开销',
    '花销',
    '开支',
    '(?:别的|其他|其它|另外)(?:的)?(?:贷款|平台|欠款|账单|债)',
    '\\brent\\b',
    '\\bmortgage\\b',
    '\\bcar (?:payment|loan|note|insurance)\\b',
    '\\bcredit cards?\\b',
    '\\b(?:phone|electric|electricity|water|utility|utilities|gas|cable|internet|medical|hospital) bills?\\b',
    '\\btuition\\b',
    '\\binsurance\\b',
    '\\bstudent loans?\\b',
    '\\bother (?:loans?|debts?|bills?|lenders?)\\b',
  ].join('|'),
);
/** The lender or this debt named in the clause: then the clause is about paying us after all. */
const THIS_DEBT = /你们|您|你这边|这边|贵公司|这笔|\byou\b|\byour\b|\bu\b|\bthis (?:loan|debt|one)\b/;

/**
 * The debtor's own lack of money, said in the same run as the other bill (这个月真的挤不出钱来房贷车贷都要缴
 * typed with spaces the canonical text drops): the clause explains why this debt waits.
 */
const OWN_SHORTFALL =
  /没(?:有)?钱|挤不出|拿不出|凑不出|不够(?:用|还)?|手头紧|没得钱|\bno money\b|\bcan'?t (?:pay|afford)\b/;
const isOtherObligation = (c: string): boolean =>
  OTHER_DEBT.test(c) && !THIS_DEBT.test(c) && !OWN_SHORTFALL.test(c);

// --- scam questions --------------------------------------------------------------------------
const SCAM_WORD = /诈骗|骗子|骗人|骗局|\bscam|\bfraud/;
const ASKS = /吗|么|是不是|还是|不会是.{0,8}吧|真的假的|是真是假|[?]|\b(?:is|are) (?:this|it|that|you)\b/;

const join = (cs: readonly Clause[]): string => cs.map((c) => c.text).join('');

/** Whether any clause could be dropped: most messages have none of these and need no split. */
const MAY_DROP = gated(new RegExp(`不是|\\bnot\\b|${OTHER_DEBT.source}|${SCAM_WORD.source}`));

export function views(text: string): Views {
  if (!MAY_DROP.test(text))
    return { clauses: [{ text, start: 0 }], asserted: text, focus: text, insult: text };
  const clauses = splitClauses(text);
  if (clauses.length <= 1) {
    const only = clauses[0]?.text ?? text;
    const scamQuestion = SCAM_WORD.test(only) && ASKS.test(only);
    return {
      clauses,
      asserted: text,
      focus: isOtherObligation(only) ? '' : text,
      insult: scamQuestion ? '' : text,
    };
  }
  const asserted = clauses.filter(
    (c, i) =>
      !(
        i + 1 < clauses.length &&
        DENIAL.test(c.text) &&
        !IDENTITY.test(c.text) &&
        CORRECTION.test(clauses[i + 1]!.text)
      ),
  );
  return {
    clauses,
    asserted: join(asserted),
    focus: join(asserted.filter((c) => !isOtherObligation(c.text))),
    insult: join(asserted.filter((c) => !(SCAM_WORD.test(c.text) && ASKS.test(c.text)))),
  };
}
