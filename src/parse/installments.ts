import { zhNumeral } from './numerals.ts';
import { gated, gateOf } from './regex-gate.ts';

/** 分3期 / 分六个月 / 分两次 / "4 payments" / "split into 3" → the count the debtor names. */

const ZH_N = '(\\d{1,3}|[一二两俩三四五六七八九十]{1,3})';
const EN_N =
  '(\\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty[- ]four|twenty|thirty[- ]six)';
const EN_VALUE: Record<string, number> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  eighteen: 18,
  twenty: 20,
  'twenty-four': 24,
  'twenty four': 24,
  'thirty-six': 36,
  'thirty six': 36,
};

const PATTERNS: [RegExp, 'zh' | 'en'][] = [
  // the loan's own terms told in a dispute (借了3000,分6期) are no plan asked for
  [
    new RegExp(
      `(?<!借(?:了|的是)?\\s*\\d[\\d,.]*\\s*(?:元|块)?[,、 ]?)(?:分|拆|split)(?:成|作|为|开|返)?\\s*${ZH_N}\\s*(?:个月|期|次|笔|份|批|回|个月份|起(?=吧|$|[,。!?\\s]))`,
    ),
    'zh',
  ],
  // 拖了两期, 多算了我一期, 缴过两期了, 就差一期: periods missed, paid or overcharged, not a plan
  [
    new RegExp(
      `(?<![第逾每共差剩]|借(?:了|的是)?\\s*\\d[\\d,.]*\\s*(?:元|块)?[,、 ]?分|拖了|欠了|晚了|漏了|少了|算了我?|逾期了?|拖欠了?|(?:还|缴|交|付)(?:过|了)|前面)${ZH_N}\\s*期(?!限|间|(?:都|也)?(?:按时)?(?:还|缴|交|付)(?:过|了|完))`,
    ),
    'zh',
  ],
  [new RegExp(`${ZH_N}\\s*个月(?:内)?(?:还清|还完|结清|分期|分完|来还)`), 'zh'],
  [
    new RegExp(
      `\\b(?:in|into|over|as|make|with)\\s+(?:like\\s+|about\\s+|maybe\\s+)?${EN_N}\\s+(?:equal\\s+|monthly\\s+|small(?:er)?\\s+)*(?:payments|installments|instalments|parts|pieces|chunks|halves|months)\\b`,
    ),
    'en',
  ],
  [
    new RegExp(
      `(?<!\\$\\s?)\\b${EN_N}\\s+(?:equal\\s+|monthly\\s+|weekly\\s+|bi-?weekly\\s+|small(?:er)?\\s+)*(?:payments|installments|instalments)\\b`,
    ),
    'en',
  ],
  [
    new RegExp(
      `\\bsplit(?:ting)?\\s+(?:it\\s+|this\\s+|that\\s+|the\\s+\\w+\\s+)?(?:in|into|across|over)\\s+${EN_N}\\b`,
    ),
    'en',
  ],
  [new RegExp(`\\b${EN_N}[- ]month\\s+(?:plan|installment|payment)`), 'en'],
  // the plan picked by its length in mixed text (6 months那个)
  [new RegExp(`\\b${EN_N}[- ]?months?\\s*(?:那个|那种|的那个|的方案|方案)`), 'en'],
  // ("made a $75 payment" names a sum, not a count)
  [new RegExp(`(?<!\\$\\s?)\\b${EN_N}[- ]payment\\b`), 'en'],
  // the plan by its shape: "the 4 x $175 one"
  [new RegExp(`\\b${EN_N}\\s?x\\s?\\$\\d`), 'en'],
  [new RegExp(`\\b(?:a|per|each|every) month\\s+(?:for|over)\\s+${EN_N}\\s+months\\b`), 'en'],
  // "break it up into 3", "pay in 4" (the pay-later count), "can we do 8 months", "6 months of 50"
  [new RegExp(`\\bbreak (?:it|this|that) up (?:in|into)\\s+${EN_N}\\b`), 'en'],
  [new RegExp(`\\bpay in ${EN_N}\\b(?!\\s*(?:days?|weeks?|hours?|hrs?|minutes?|mins?|business))`), 'en'],
  [new RegExp(`\\b(?:do|make it)\\s+${EN_N}\\s+months\\b`), 'en'],
  [new RegExp(`\\b${EN_N}\\s+months\\s+(?:of|at)\\s+\\$?\\d`), 'en'],
  [new RegExp(`\\bsplit\\s*(?:成|into|in)\\s*${EN_N}\\s*(?:个)?\\s*(?:payments?|期|次|份)`), 'en'],
  // a plan named by its count: "$120 x 4", "the 6 months", "the 6 month one", "…, 12 months"
  [new RegExp(`\\$?\\d[\\d.,]*\\s*[x×]\\s*${EN_N}\\b(?!\\s*(?:days?|weeks?))`), 'en'],
  [new RegExp(`\\bthe ${EN_N}[- ]months?(?: (?:one|plan|option))?\\b`), 'en'],
  [
    new RegExp(
      `\\b(?:spread|stretch) (?:it|this) (?:out )?(?:longer|over)?,? (?:like |to |over )?${EN_N}\\s+months\\b`,
    ),
    'en',
  ],
  [new RegExp(`\\b${EN_N}[- ]months?\\s+(?:one|plan|option)\\b`), 'en'],
  [new RegExp(`(?:^|[,.;:]\\s*)${EN_N}\\s+months\\s*[.!]*$`), 'en'],
];

/** Halves are two payments: "split it in half", "half now half later". */
const HALVES =
  /\bsplit (?:it |this |that )?in (?:half|two)\b|\bhalf (?:now|today|this (?:week|month))\b.{0,30}\bhalf\b/;
/** A count turned down ("not doing 4 payments") is no count asked for. */
const NEGATED_BEFORE = /\b(?:not doing|not|don'?t want|no|can'?t do|cannot do|can'?t afford)\s+$/;

/** Where a split is asked for, a bare count after it (分期吗 like 3 months, "installments? like 5"). */
const ASKS_SPLIT = /分期|\binstal+m|\bpayment plan\b|\bsplit\b|\bmore (?:payments|months)\b/;
const COUNT_AFTER = new RegExp(
  `(?:分期|instal+ments?|installment option|payment plan(?: option)?|split|more payments|more months|(?:bi-?weekly|weekly|monthly|smaller) payments)[^\\d]{0,24}?(?:\\blike|\\bmaybe|\\bsay|\\babout|\\baround|大概|比如|比方说)\\s*${EN_N}\\b(?:\\s*(?:months?|payments?|期|个月))?`,
);

// Each pattern beside its gate (regex-gate.ts): not run on a text that lacks every literal its
// matches need.
// (objects read by index, as the date rules: a tuple destructured per pattern cost more than its test)
const GATED = PATTERNS.map(([re, lang]) => ({ re, lang, may: gateOf(re) }));
const ASKS_SPLIT_GATED = gated(ASKS_SPLIT);
const HALVES_GATED = gated(HALVES);

export function findInstallments(text: string): number | null {
  if (ASKS_SPLIT_GATED.test(text)) {
    const m = COUNT_AFTER.exec(text);
    const n = m ? (/^\d+$/.test(m[1]!) ? Number(m[1]) : (EN_VALUE[m[1]!] ?? null)) : null;
    if (n !== null && n >= 2 && n <= 120) return n;
  }
  const zh = /[期月次笔份批回]/.test(text);
  const en = /[a-z]/.test(text);
  for (let p = 0; p < GATED.length; p++) {
    const { re, lang, may } = GATED[p]!;
    if ((lang === 'zh' ? !zh : !en) || !may(text)) continue;
    const m = re.exec(text);
    if (!m) continue;
    if (lang === 'en' && NEGATED_BEFORE.test(text.slice(Math.max(0, m.index - 16), m.index))) continue;
    const s = m[1]!;
    const n = /^\d+$/.test(s) ? Number(s) : lang === 'zh' ? zhNumeral(s) : (EN_VALUE[s] ?? null);
    // 一期八百 is what one period costs, not a plan of one
    if (n === 1 && lang === 'zh') continue;
    if (n !== null && Number.isInteger(n) && n >= 1 && n <= 120) return n;
  }
  return HALVES_GATED.test(text) ? 2 : null;
}
