import { EN_NUMBER_WORD, enNumberWords, NUMBER_TOKEN, tokenValue } from './numerals.ts';
import { gateOf } from './regex-gate.ts';

/**
 * The money figure the debtor offers, promises, can pay per period, or says was already paid.
 * A tokenizer finds every figure; a context filter drops what is not the debtor's money (phone,
 * order and account numbers, day counts, dates, installment counts, times, loan sizes, balances
 * and incomes they quote, offers they reject); a score then prefers the figure they offer.
 */

export interface Span {
  start: number;
  end: number;
}

interface Candidate {
  value: number;
  start: number;
  score: number;
}

const CURRENCY_BEFORE = /(?:¥|\$|rmb|cny|usd|us\$)\s*$/;
const CURRENCY_AFTER = /^\s*(?:元|块|圆|rmb|cny|usd|yuan|dollars?|bucks?|美元|美金|刀(?!子))/;

// What follows a count, a time or an ordinal rather than money.
const UNIT_AFTER = new RegExp(
  '^\\s*(?:' +
    [
      '个?(?:天|日|号|期|月|年|周|星期|礼拜|岁|次|笔|小时|钟头|分钟|秒|人|张|条|封|则|位|倍|折|楼|户|家|层|斤|份|批|回|趟|遍|号码|工作日)',
      // a phone number's first digits (0912开头那支就是我)
      '开头',
      '点(?![\\d零一二两三四五六七八九])',
      '点钟',
      '[:：]\\d',
      '%',
      '(?:st|nd|rd|th)\\b',
      '(?:days?|weeks?|months?|years?|yrs?|hours?|hrs?|mins?|minutes?|am|pm|a\\.m|p\\.m|payments?|installments?|instalments?|times|people|percent|parts|pieces)\\b',
      '-(?:day|month|week|year)',
      // a range or a rough count of units (10-14 days, 50 some hours)
      '-\\d+\\s*(?:business )?(?:days?|weeks?|months?|hours?|hrs?)\\b',
      '(?:some|or so|odd|ish|\\+|plus)\\s*(?:hours?|hrs?|days?|weeks?|months?|years?|miles?|people)\\b',
      '(?:extra |more )?(?:shifts?|miles?|loads?)\\b',
    ].join('|') +
    ')',
);

// Identifiers, ordinals and overdue counts the figure belongs to.
const LABEL_BEFORE =
  /(?:\bi-|\binterstate |\bhighway |\broute |\bhwy |第|周|星期|礼拜|尾号|末尾|后四位|末[一二三四五六七八九\d]?(?:码|位)|编号|工号|单号|订单号?|账号|卡号|合同号?|手机号?|电话|号码|验证码|密码|逾期|超期|拖了|晚了|#|\bno\.|\b(?:number|ending in|ends in|ending|order|account|acct|ref|ticket|case|id|confirmation|conf|reference|transaction|tracking|receipt|check|cheque|overdue|late|room|apt|unit|since|year|(?<!bank )in|from|until|till|by|before|after))\s*(?:了|已经|已|是|为|:|：|is|was)?\s*(?:#)?\s*$/;

// Quoted sums: loan sizes, balances, incomes, demanded amounts. A payment verb between the label
// and the figure (欠的先还500) makes it the debtor's offer again.
const QUOTE_BEFORE =
  /(借|贷|欠|还是要|骗|花了|丢了|损失|亏了|赔了|本金|额度|余额|总共|一共|总额|共计|合计|剩|房租|租金|房贷|车贷|生活费|开销|花销|学费|医药费|工资|月薪|薪水|收入|到手|税后|赚|挣|退休金|养老金|低保|补助|补贴|一天(?:才|就|只)?|利息|罚息|滞纳金|手续费|账单|应还|要我还|让我还|叫我还|叫我|要我|让我|要还|就要(?:给|付|交)|(?:第一期|首期|每期|每月|每个月)(?:就|也|都)?要(?:成|足)?(?![我给付交还])|要每(?:个)?月|催我还|变成|\bowe|\bowed|\bowing|\bborrowed|\bborrow|\bloan|\bbalance|\btotal|\bdebt|\bprincipal|\brent|\bmortgage|\bsalary|\bincome|\bpaycheck|\bwages?|\bearn|\bearns|\bmake(?! it)|\bmakes|\bmaking|\binterest|\bfee|\bbill|\basking for|\bwant|\bdemand|\bi (?:get|receive|collect|draw)|\bbring(?:s)? home|\btake(?:s)? home|\bcost|\bcosts|\bspent|\bvet|\brepairs?|\bdeductible|\bwent up)([^,、;。!?\d]{0,8})$/;
// (工资就即刻过$2500: 过, 過數, is a transfer after an adverb of commitment; 借过500 is no payment)
const PAY_VERB = /还|付|给|转|交|缴|打|凑|(?:就|先|会|再|即刻|马上|立刻)过|pay|send|give|offer|do\b|afford/;
// "Are you kidding? $400 right before Christmas? No."
const KIDDING_BEFORE =
  /\b(?:are (?:you|u) (?:kidding|serious|crazy|joking)|you'?re (?:kidding|joking))\b[?!.\s]*[$¥]?\s*$/;
// A demand quoted (要我今个礼拜俾$2000): the verb after it is the demand's. 叫我儿子去缴了4500 tells
// who paid and 让我先还500 is the debtor's own ask: neither is a demand.
const DEMAND = /^(?:要我|催我)/;
const QUOTE_AFTER =
  /^\s*(?:元|块钱?|dollars?|bucks)?\s*(?:的)?\s*(?:借款|贷款|欠款|本金|额度|的?债|loan|balance|debt|i owe|that i owe|owed|you say i owe)/;
const REJECTED_AFTER =
  /^\s*(?:元|块钱?|dollars?|bucks|(?:a|per|each) (?:month|payment|installment|instalment|time)|monthly|每月|一个月|每期|一期)?\s*(?:的话|的那个|那个|(?:这么|那么)多\s*[?]*)?(?:\s*by \w+)?[\s,]*(?:我|i)?\s*(?:也|还是|实在|真的?|真是|确实|现在|目前|暂时|根本|这个月)*\s*(?:哪(?:还|付|拿|给)得(?:起|出)|整不了|搞不定|搞不了|弄不了|付不出|还不出|给不出|谁(?:付|还|给|交)得起|(?:怎么|点)(?:给|还|付|拿)得(?:起|出)|太多|太紧|太硬|吃不消|给不起|交不起|做不了|太高|太贵|太大|太难|还不起|付不起|拿不出|不行|不可能|做不到|办不到|负担不起|负担不了|承担不了|付不了|给不了|is too|'s too|too much|too high|too steep|is a lot|is more than (?:i|my|we)|is way too|is not possible|not possible|is impossible|i can'?t|i cannot|no way)/;
const REJECTED_BEFORE =
  /(?:can'?t|cannot|can not|unable to|no way i can) (?:do|pay|afford|manage)(?: (?:the|all|it))?(?: whole| full| entire)?(?: (?:\d{1,2}|two|three|four|five|six|twelve) (?:payments|installments|months) of)?\s*(?:\$|¥)?\s*$/;
// A plan's figure quoted back in disbelief ("200 a month?? are u serious. no", "$1,000 down is insane").
const QUOTED_BACK =
  /^\s*(?:dollars?|bucks|(?:a|per|each) (?:month|week|payment)|monthly|upfront|up front|down)?\s*(?:\?+\s*(?:(?:are |r )?(?:you|u) (?:serious|kidding|crazy)|no\b|nope|nah|hell no|no way|lol|lmao|wtf|ill do|i'?ll do|def not|i ?can'?t (?:afford|do|pay) (?:that|it|this))|(?:is|'s) (?:insane|crazy|ridiculous|a joke|nuts|absurd)|(?:元|块)?\s*(?:一?个月|每个月|每月|每期)?\s*\?+\s*(?:我|你)?(?:哪(?:来|有|拿得出)(?:那么|这么)多|太多|不要|不行|没门|做梦|开(?:什么)?玩笑|疯了|不可能|没可能|(?:怎么|点)(?:给|还|付|拿)得(?:起|出)))/;
// A plan's figure said to be impossible, with no pause (每期三千我真的没办法): after "at most 300,"
// the same words say that is all there is (顶多三百,真的没办法).
const NO_WAY_AFTER =
  /^\s*(?:元|块钱?|蚊)?\s*(?:我|i)?\s*(?:也|还是|实在|真的?|真是|确实|根本)*\s*(?:没办法|没法|没可能)/;
const ROUGH_PAIR = /^(?:一二|二三|两三|三四|四五|五六|六七|七八|八九)(?:[十百千万]|$)/;
// An income quoted (一萬出頭的薪水, 3000左右的人工): what comes in, not what is offered.
const INCOME_AFTER =
  /^\s*(?:出头|左右|多|上下)?\s*(?:元|块钱?|蚊)?\s*(?:的)?\s*(?:薪水|工资|人工|月薪|收入|粮)/;
// Not money: an age (I'm 54, my son is 19), a time (wakes me up at 10), hours worked, an address.
const AGE_OR_TIME_BEFORE =
  /\b(?:i'?m|im|i am|he'?s|she'?s|(?:son|daughter|kid|husband|wife|mom|mother|dad|father|he|she|who) is|turned|turning|aged?|at)\s*$/;
const NOT_AN_AGE_AFTER = /^\s*(?:short|behind|over|late|down|up|off)\b/;
const ADDRESS_OR_HOURS_BEFORE =
  /\b(?:zip(?: ?code)?|po box|p\.? ?o\.? box|box|suite|ste|last (?:4|four)(?: digits)?(?: (?:of|on) (?:my|the) \w+)?(?: (?:is|are))?|hours?\b(?![^,.;\d$]*(?:每|per |a month|a week|最多|at most|monthly))[^,.;\d$]{0,16})\s*(?:#|:)?\s*$/;
// The regulators' complaint lines are never a sum a debtor offers.
const HOTLINE = /^(?:12378|12363|12315|12321)$/;
// Other service numbers (110, 120, 12345, bank lines 95xxx) are also plausible sums: hotlines
// only when dialled or named.
// (165: Taiwan's anti-fraud line; 1950: its consumer line; 999: Hong Kong's police)
const SHORT_HOTLINE = /^(?:110|120|119|165|315|999|1950|12345|12306|12381|95\d{3})$/;
const DIAL_BEFORE = /(?:打|拨|报|投诉|举报|热线|call|dial|called|dialed)(?:了|过)?\s*$/;
// 315见: see you at the 3·15 consumer-rights show
const HOTLINE_AFTER = /^\s*(?:投诉|举报|申诉|电话|热线|晚会|报警|报案|hotline|见)/;
// 乱七八糟, 一五一十: numerals inside idioms are no figures.
const IDIOM =
  /乱七八糟|七上八下|七嘴八舌|七七八八|一五一十|三心二意|三三两两|四面八方|五花八门|九死一生|十全十美|一心一意|一干二净|不三不四|千方百计|百分之?百|一模一样|一清二楚|一穷二白|千辛万苦|万不得已|一时半会|三番五次|三番两次|一而再|两三天|三五天|一两天/g;
const PHONE = /(?:\+?\d{1,3}[\s-])?\(?\d{3,4}\)?[\s-]\d{3,4}(?:[\s-]\d{3,4})?/g;

// A stronger claim that this is the debtor's own offer.
const OFFER_STRONG =
  /(?:先|只能|最多|顶多|至多|能|可以|先给|only|max|at most|up to|can|could|will|i'?ll)\s*(?:还|付|给|转|交|打|凑|pay|send|give|do|afford|manage|offer)?\s*(?:你们|您|you)?\s*(?:个|了)?\s*$/;
const OFFER_WEAK =
  /(?:还|付|给|转|交|缴|打|凑|每月|每个月|一个月|每期|月供|pay|send|give|offer|afford|manage|paid|transferred|sent|monthly|a month|per month)[^,、;。!?\d]{0,4}$/;

/** …unless it is handed over ("i have $35 in my account, u can have it"). */
const GIVES_IT = /\b(?:can have|take|send|give|pay)\b (?:it|that|all)\b/;
const BALANCE_AFTER =
  /^\s*(?:dollars?|bucks)?\s*(?:in (?:my|the) (?:[a-z]+ )?(?:account|bank|checking|savings|wallet)|to my name)/;

// "ninety a month" is a figure like "ninety dollars"; so is a count of hundreds or thousands
// without a unit ("a hundred every two weeks", "two hundred, maybe…").
const WORD_NUMBER = new RegExp(
  `\\b${EN_NUMBER_WORD}(?:[\\s-]+(?:and\\s+)?${EN_NUMBER_WORD})*(?:\\s+(?:dollars|bucks|yuan|a month|per month|a week|monthly|each month)\\b|(?<=\\b(?:hundred|thousand))(?![\\s-]+(?:and\\s+)?${EN_NUMBER_WORD}\\b)(?![a-z])(?!\\s+(?:times|percent|miles|people|ways)\\b))`,
  'g',
);
const HALF_OF = /\bhalf (?:of )?(?:the |my |that |it,? )?\$?(\d[\d,]*(?:\.\d+)?)/g;
// "2 hundred", "3 grand": digits counting hundreds or thousands
const DIGIT_HUNDREDS = /\b(\d{1,2}) (hundred|grand|thousand)\b/g;
const MAY_DIGIT_HUNDREDS = gateOf(DIGIT_HUNDREDS);
// …and so is one said where a sum goes ("only like seventy five", "I'll have fifty for you")
const WORD_NUMBER_AFTER_VERB = new RegExp(
  `(?<=\\b(?:only|just|maybe|like|about|around|pay|send|give|afford|manage|spare|have|do) (?:like |about |maybe |around )?)${EN_NUMBER_WORD}(?:[\\s-]+(?:and\\s+)?${EN_NUMBER_WORD})*(?![a-z])(?![\\s-]*(?:days?|weeks?|months?|years?|hours?|minutes?|times|people|kids|children|payments?|installments?|of (?:them|those|these|the)|more|percent|%))`,
  'g',
);

function overlaps(spans: Span[], start: number, end: number): boolean {
  for (const s of spans) if (start < s.end && end > s.start) return true;
  return false;
}

function clauseBefore(text: string, start: number): string {
  const before = text.slice(Math.max(0, start - 14), start);
  const cut = Math.max(
    before.lastIndexOf(','),
    before.lastIndexOf('、'),
    before.lastIndexOf('。'),
    before.lastIndexOf(';'),
    // an English sentence end ("I'm on a fixed income. $35 a month…"); a decimal point has no space after it
    before.search(/[.!?]\s[^.!?]*$/),
  );
  return cut >= 0 ? before.slice(cut + 1) : before;
}

/** Candidate figures in normalised text; `exclude` holds spans already known to be dates. */
// The whole-text scans behind their gates (regex-gate.ts): skipped where they cannot match.
const MAY_IDIOM = gateOf(IDIOM);
const MAY_PHONE = gateOf(PHONE);
const MAY_NUMBER = gateOf(NUMBER_TOKEN);
const WORD_NUMBERS = [WORD_NUMBER, WORD_NUMBER_AFTER_VERB].map((re) => [re, gateOf(re)] as const);

// (only a hyphenated 7-11 is the store: 50,711 is a figure)
const NAME_WITH_DIGITS = /\b40[13][kb]\b|(?<![\d,.])7-(?:11|eleven)(?!\d)|\b7-?eleven\b/g;
const MAY_NAME_WITH_DIGITS = gateOf(NAME_WITH_DIGITS);

export function findAmounts(text: string, exclude: Span[]): Candidate[] {
  const blocked: Span[] = [...exclude];
  IDIOM.lastIndex = 0;
  if (MAY_IDIOM(text))
    for (let i: RegExpExecArray | null; (i = IDIOM.exec(text)) !== null;)
      blocked.push({ start: i.index, end: i.index + i[0].length });
  // names that hold digits: a 401k or 403b retirement account, a 7-11 store
  // (an exec loop: matchAll copies the pattern on every call)
  NAME_WITH_DIGITS.lastIndex = 0;
  if (MAY_NAME_WITH_DIGITS(text))
    for (let n: RegExpExecArray | null; (n = NAME_WITH_DIGITS.exec(text)) !== null;)
      blocked.push({ start: n.index, end: n.index + n[0].length });
  PHONE.lastIndex = 0;
  let p: RegExpExecArray | null;
  while (MAY_PHONE(text) && (p = PHONE.exec(text)) !== null) {
    if (p[0].replace(/\D/g, '').length >= 7) blocked.push({ start: p.index, end: p.index + p[0].length });
  }

  const out: Candidate[] = [];
  NUMBER_TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (MAY_NUMBER(text) && (m = NUMBER_TOKEN.exec(text)) !== null) {
    const raw = m[0];
    const start = m.index;
    const end = start + raw.length;
    if (overlaps(blocked, start, end)) continue;
    const prevChar = text[start - 1] ?? '';
    const nextChar = text[end] ?? '';
    // Part of a longer identifier (a1234, 5678b, 3.4.5) is no figure.
    // (a Chinese numeral after a Latin word is a figure: fps两百块, bank in了一千五)
    if (
      /[a-z]/.test(prevChar) &&
      /\d/.test(raw[0]!) &&
      !/(?:rmb|usd|cny|hkd|twd|ntd|nt|sgd|mop)$/.test(text.slice(0, start))
    )
      continue;
    if (/[\d.]/.test(prevChar) || (nextChar === '.' && /\d/.test(text[end + 1] ?? ''))) continue;
    const isZh = !/\d/.test(raw[0]!);
    const after = text.slice(end, end + 32);
    const before = clauseBefore(text, start);
    const hasCurrency =
      CURRENCY_BEFORE.test(text.slice(Math.max(0, start - 5), start)) || CURRENCY_AFTER.test(after);

    // 几十 / 几百块: a rough size, not a figure anyone can pay.
    if (text[start - 1] === '几' || /^几/.test(raw) || text[end] === '几') continue;
    // 一万多 / 两千多: about that much (an income, a balance), never a figure to pay
    if (isZh && text[end] === '多' && /[十百千万]$/.test(raw)) continue;
    // 三四封 / 五六百: two neighbouring digits are a rough count (three or four), no figure
    if (isZh && ROUGH_PAIR.test(raw)) continue;
    // 三千来块 is about three thousand; 六十好几 / 六十多岁 is an age
    if (isZh && /^(?:来(?:块|元|蚊)|好几|多岁|岁)/.test(text.slice(end))) continue;
    if (isZh) {
      // A lone Chinese digit is a count (三个都不行, 一下); leading units are idioms (千万别, 万一).
      if (/^[十百千万亿拾佰仟]/.test(raw) && !/^十[一二三四五六七八九]?$/.test(raw)) continue;
      if (raw.length === 1 && !/[壹贰叁肆伍陆柒捌玖拾佰仟]/.test(raw) && !hasCurrency) continue;
      if (/^十[一二三四五六七八九]?$/.test(raw) && !hasCurrency) continue;
    }
    const digits = raw.replace(/\D/g, '');
    if (!isZh && digits.length >= 7 && !/[kw万千]/.test(raw) && !/[.,]/.test(raw)) continue;
    if (!hasCurrency && HOTLINE.test(raw)) continue;
    if (!hasCurrency && SHORT_HOTLINE.test(raw) && (DIAL_BEFORE.test(before) || HOTLINE_AFTER.test(after)))
      continue;
    // Any short number dialled to complain (打1950申诉) is a hotline.
    if (
      !hasCurrency &&
      digits.length >= 3 &&
      digits.length <= 5 &&
      DIAL_BEFORE.test(before) &&
      HOTLINE_AFTER.test(after)
    )
      continue;
    // 五百一个月 / 一千二一个月: the trailing 一 is "one month", not part of the figure.
    const perMonth =
      isZh && /^个月/.test(after) && /[十百千万][^一]*一$|[百千万]一$/.test(raw) && raw.length > 2;
    if (UNIT_AFTER.test(after) && !perMonth) continue;
    if (LABEL_BEFORE.test(before)) continue;
    const quote = QUOTE_BEFORE.exec(before);
    // (…unless the debtor hands it over: "I get $40 extra a paycheck, you can have that")
    // (要我今个礼拜俾$2000: the verb after a demand is the demand's, not an offer)
    if (
      quote &&
      (DEMAND.test(quote[1]!) || !PAY_VERB.test(quote[2] ?? '')) &&
      !GIVES_IT.test(text.slice(end))
    )
      continue;
    // the part of a reference after its hyphen (Ref number 4471-22)
    if (prevChar === '-' && /[\da-z]/.test(text[start - 2] ?? '')) continue;
    if (QUOTE_AFTER.test(after) || INCOME_AFTER.test(after)) continue;
    // 净返不够五千: what is left is under the figure, no sum offered
    if (/(?:不够|不到|少于|\bless than|\bunder)\s*[$¥]?\s*$/.test(before)) continue;
    if (REJECTED_AFTER.test(after)) continue;
    if (NO_WAY_AFTER.test(after) && !OFFER_STRONG.test(before)) continue;
    if (REJECTED_BEFORE.test(before)) continue;
    if (QUOTED_BACK.test(after)) continue;
    // These look further back than the clause cut (my hours got cut to 20, can't do the whole 780).
    const wide = text.slice(Math.max(0, start - 32), start);
    if (ADDRESS_OR_HOURS_BEFORE.test(wide) && !hasCurrency) continue;
    if (REJECTED_BEFORE.test(wide) || KIDDING_BEFORE.test(wide)) continue;

    // A numeral run that swallowed a count (一千二一个月): the value is the run without its last character.
    const value = perMonth
      ? tokenValue(raw.slice(0, -1))
      : (tokenValue(raw) ?? (isZh && raw.length > 1 ? tokenValue(raw.slice(0, -1)) : null));
    if (value === null || !(value > 0) || value >= 1e9) continue;
    // A bare small integer is an option number or a count, not money.
    if (value < 10 && !hasCurrency && !/[kw千万百]/.test(raw)) continue;
    if (value < 120 && !hasCurrency && AGE_OR_TIME_BEFORE.test(before) && !NOT_AN_AGE_AFTER.test(after))
      continue;
    // A balance, not an offer: "I literally have $4 in my account".
    if (
      BALANCE_AFTER.test(after) &&
      /\b(?:have|has|with|got|only|like)\b[^,.;]{0,12}$/.test(before) &&
      !GIVES_IT.test(text.slice(end))
    )
      continue;

    let score = 0;
    if (hasCurrency) score += 2;
    if (OFFER_STRONG.test(before)) score += 2;
    else if (OFFER_WEAK.test(before)) score += 1;
    out.push({ value, start, score });
  }

  DIGIT_HUNDREDS.lastIndex = 0;
  while (MAY_DIGIT_HUNDREDS(text) && (m = DIGIT_HUNDREDS.exec(text)) !== null) {
    if (overlaps(blocked, m.index, m.index + m[0].length)) continue;
    const value = Number(m[1]) * (m[2] === 'hundred' ? 100 : 1000);
    const at = out.findIndex((c) => c.start === m!.index);
    const candidate = {
      value,
      start: m.index,
      score: 2 + (OFFER_STRONG.test(clauseBefore(text, m.index)) ? 2 : 0),
    };
    if (at >= 0) out[at] = candidate;
    else out.push(candidate);
  }
  // "half of the 600": the half is the figure offered, where the whole was one
  if (text.includes('half'))
    for (const h of text.matchAll(HALF_OF)) {
      const at = out.findIndex((c) => c.start === h.index + h[0].length - h[1]!.length);
      if (at >= 0) out[at] = { ...out[at]!, value: Math.round(out[at]!.value * 50) / 100 };
    }
  for (const [re, may] of WORD_NUMBERS) {
    re.lastIndex = 0;
    while (may(text) && (m = re.exec(text)) !== null) {
      if (out.some((c) => c.start <= m!.index && m!.index < c.start + 1)) continue;
      const words = m[0].replace(
        /\s+(?:dollars|bucks|yuan|a month|per month|a week|monthly|each month)$/,
        '',
      );
      const value = enNumberWords(words);
      if (
        value !== null &&
        (value >= 10 || /(?:dollars|bucks|yuan)$/.test(m[0])) &&
        value >= 1 &&
        !overlaps(blocked, m.index, m.index + m[0].length)
      ) {
        out.push({
          value,
          start: m.index,
          score: 2 + (OFFER_STRONG.test(clauseBefore(text, m.index)) ? 2 : 0),
        });
      }
    }
  }
  return out;
}

/** The debtor's own figure: the strongest offer signal, the earliest on a tie. */
export function pickAmount(candidates: Candidate[]): number | null {
  let best: Candidate | null = null;
  for (const c of candidates)
    if (best === null || c.score > best.score || (c.score === best.score && c.start < best.start)) best = c;
  return best ? best.value : null;
}
