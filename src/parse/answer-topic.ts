import type { AnswerTopic } from '../dialogue/types.ts';
import { normalize } from './normalize.ts';

/**
 * What a debtor's question is about, so the answer can come from the right fact. Works on
 * normalised text (simplified, lower case, half-width), like the parser.
 *
 * `answerTopics` lists every topic a message asks, in the order it asks them; `answerTopic` is
 * the most specific of them. Specificity, most first: who is writing (a scam worry is answered
 * before anything else), when the promised person will get in touch, late fees, days overdue,
 * the next installment, what is left, the effect on credit, how much is owed, how to pay.
 */

const re = (parts: string[]): RegExp => new RegExp(parts.join('|'), 'g');

const WHO = re([
  '你们?是谁',
  '你是哪',
  '你们是哪',
  '谁(?:啊|呀|发的|在发)',
  '是谁(?:发|啊|呀)',
  '你们是什么',
  '哪个(?:平台|公司|机构|网贷|银行(?!卡))',
  '哪家(?:平台|公司|机构|网贷)?(?!银行)',
  '什么(?:平台|公司|机构|网贷)',
  '哪里的',
  '(?:平台|公司)(?:叫|是)(?:什么|啥)',
  '啥(?:平台|公司)',
  // Is it a scam: the answer is the same fact (the lender's name and official hotline).
  '诈骗',
  '骗(?:子|人|局)',
  '是不是骗',
  '系(?:唔系|咪)(?:骗|真)',
  '呃人',
  '真的假的',
  '是(?:不是)?真的(?:吗|么|嘛|啊)',
  '正规',
  '(?:你们|这|这个|平台|公司)(?:是)?(?:不是)?合法(?:的)?(?:吗|么|嘛|平台|公司)',
  '靠谱(?:吗|么|嘛|不)',
  '可信(?:吗|么|嘛|不)',
  '官方的?(?:吗|么|嘛)',
  '冒充',
  '假(?:的|冒)(?:吧|吗|么)?',
  "\\bwho(?:'s| is| are) (?:this|you|it|texting|messaging|writing)\\b",
  '\\bwhere are you (?:from|calling from|located)\\b',
  '\\bwho (?:sent|is sending)\\b',
  '\\bwhat (?:company|business|lender|platform)\\b',
  '\\bwhich (?:company|lender|platform)\\b',
  '\\bwho are you\\b',
  '\\bwho (?:do you|are you) (?:work|with)\\b',
  '\\bis this a scam\\b',
  '\\bscam',
  '\\blegit',
  '\\blegitimate\\b',
  '\\bphishing\\b',
  '\\bspam\\b',
  '\\bfake\\b',
  '\\bis (?:this|it|that) (?:a )?(?:fraud|real|for real|genuine|official|authentic)\\b',
  '\\bhow (?:do|can) i know (?:this|you|it)',
]);

const HANDOFF_ETA = re([
  '(?:什么时候|啥时候|何时|几时|多久|多长时间|几点|哪天)(?:才|会|能|可以|有)*(?:有人|有个人|人工|客服|专员|工作人员|你们的人|你们)?(?:才|会|能)*(?:联系|联络|回复|回电|回我|打(?:个)?(?:电话)?(?:给|俾)我|打来|来电|跟进|覆我|处理)',
  '(?:有人|人工|客服|专员|工作人员|你们)(?:什么时候|啥时候|何时|几时|多久|多长时间)(?:才|会|能)*(?:给我|跟我|和我|俾我)?(?:联系|联络|回复|回电|回我|打|来电|跟进|覆|处理)',
  '(?:怎么|为什么|为啥|咋)(?:还)?(?:没|不)(?:有)?(?:人)?(?:联系|联络|回复|回我|回电|打电话|理我|覆)',
  '(?:还)?要等多久',
  '等(?:了)?(?:很久|好久|半天|几天)(?:了)?(?:还|都|也)?(?:没|不)',
  '没(?:有)?人(?:联系|联络|回复|回我|回电|理我|覆)',
  '多久(?:才)?(?:能)?有人',
  '\\bwhen (?:will|would|can|do|does|is) (?:someone|somebody|anyone|a person|a human|an agent|a rep|the agent|your team|you guys|you|they)(?: going to| gonna)? (?:call|contact|get back|reply|respond|text|reach|be in touch|ring)',
  '\\bhow long (?:until|till|before|will it take|do i (?:have to )?wait|does it take|is the wait)\\b',
  '\\bwhen (?:will|can|do) i hear (?:back|from)\\b',
  '\\bwaiting (?:for|on) (?:a |the |your )?(?:call|callback|reply|response|answer|someone|agent|person)',
  '\\b(?:no ?one|nobody) (?:has |is )?(?:called|calling|contacted|contacting|replied|replying|responded|got(?:ten)? back|getting back)',
  "\\bwhy (?:is|has|hasn'?t|isn'?t) (?:no ?one|nobody|anyone|someone) (?:called|calling|contacted|replied|got(?:ten)? back|getting back)",
  "\\bhaven'?t heard (?:back|from)\\b",
]);

const LATE_FEES = re([
  '滞纳金',
  '罚息',
  '违约金',
  '罚金',
  '罚款',
  '逾期(?:费|利息|费用)',
  '(?:减免|免除|免掉|免去|豁免|免收|少收|减少|减掉|去掉|退还|退回)(?:一些|一点|部分)?(?:的)?(?:利息|费用|手续费|服务费|管理费)',
  '(?:利息|费用|手续费|服务费|管理费)[^,、;。!?]{0,6}(?:减免|免|减|少(?:点|一点|收|算|些)|打折|退)',
  '减免',
  '免息',
  '\\blate (?:fees?|charges?|penalt(?:y|ies))\\b',
  '\\bpenalt(?:y|ies)\\b',
  '\\bwaive',
  '\\bwaiver\\b',
  '\\b(?:fees?|interest|charges?) (?:be |get |been )?(?:waived|removed|reduced|dropped|forgiven|cut|taken off)\\b',
  '\\b(?:drop|remove|reduce|forgive|cut|take off|get rid of|lower) (?:the |my |those |these |all )?(?:late )?(?:fees?|interest|charges?|penalt)',
]);

const OVERDUE_DAYS = re([
  '逾期(?:了|咗)?(?:多少|几|多)(?:天|日|久|长时间)',
  '逾期(?:了|咗)?(?:多久|多长时间|几耐)',
  '(?:晚|拖|迟|超期|过期|欠)(?:了|咗)?(?:多少|几)(?:天|日)',
  '逾期天数',
  '(?:几|多少)天(?:了)?(?:没还|逾期)',
  '多久没还',
  '\\bhow (?:many days|long) (?:have i been |am i |is it |has it been |is my (?:loan|account|payment) )?(?:late|overdue|past due|behind|delinquent)\\b',
  '\\bhow (?:late|overdue|far behind|behind) (?:am i|is it|is my|is the)\\b',
  '\\bdays (?:late|overdue|past due|behind)\\b',
]);

const ORDINAL_ZH = '[\\d一二两三四五六七八九十]+';

const NEXT_INSTALLMENT = re([
  '下(?:一|1)?(?:期|笔)',
  '下(?:一)?次(?:的)?(?:还款|还|扣款|付款|缴费|交|俾)',
  '(?:这|本)(?:一)?期[^,、;。!?]{0,4}?(?:多少|几多|哪天|几号|什么时候|啥时候|何时|几时|截止)',
  '本期',
  `第${ORDINAL_ZH}期[^,、;。!?]{0,4}?(?:多少|几多|哪天|几号|什么时候|啥时候|何时|几时|金额|日期)`,
  '每(?:个)?(?:月|期)(?:要|该|得|应)?(?:还|交|付|俾)(?:多少|几多|几号|哪天)',
  '每(?:个)?月(?:的)?(?:几号|哪天)',
  '(?:这|下)(?:个)?月(?:要|该|得|应)?(?:还|交|付|俾)(?:多少|几多|几号|哪天)',
  '(?:还款日|扣款日|到期日)(?:是)?(?:哪天|几号|什么时候|啥时候)',
  '(?:几号|哪天|什么时候|啥时候)(?:要|该|得)?(?:扣款|扣钱|还款)',
  '\\bnext (?:payment|installment|instalment|one|bill|due date|due)\\b',
  "\\bwhen(?:'s| is| are) (?:my |the |our )?(?:\\w+ )?(?:payment|installment|instalment|one)s?(?: due)?\\b",
  '\\bdue date\\b',
  "\\bhow much is (?:my|the|each|this month'?s) (?:next |monthly |first |second |third )?(?:payment|installment|instalment)\\b",
  '\\bwhen do i (?:need to |have to )?pay (?:next|again|the next)\\b',
  "\\bthis month'?s payment\\b",
  "\\bwhat(?:'s| is) due\\b",
  '\\bdue (?:next|this) month\\b',
  '\\bwhen is it due\\b',
]);

const REMAINING = re([
  // 现在还剩多少 asks the balance as it stands now (the topic it had before plans existed).
  '(?<!现在)还剩(?:下)?(?:多少|几)',
  '剩(?:下|余)(?:的)?(?:还有|还要|还)?(?:多少|几多|几期|几笔|金额|部分|本金|欠款)',
  '剩余(?:多少|金额|本金|欠款|未还|待还|应还|期数)',
  '剩(?:下)?(?:多少|几)期',
  '还差(?:多少|几多|几期|几笔|几)',
  '还有(?:多少|几多|几期|几笔)(?:钱)?(?:没还|未还|要还|待还|没有还|没交)',
  '(?:没|未)还(?:的)?(?:还有|是|有)?(?:多少|几多|几期)',
  '还(?:完|清)(?:还)?(?:要|得|差|需要)(?:多少|几期)',
  '仲(?:差|剩|有|欠)(?:几多|多少)',
  '\\bhow much (?:is |do i have |have i got |do i still have )?(?:left|remaining)\\b',
  "\\bwhat(?:'s| is) (?:left|remaining)\\b",
  '\\bremaining (?:balance|amount|payments?|installments?|instalments?)\\b',
  '\\bhow many (?:more )?(?:payments|installments|instalments) (?:are |do i have )?(?:left|remaining|to go)\\b',
  '\\bleft to pay\\b',
  '\\b(?:how much (?:money )?(?:do i |is )?)?still (?:owe|owed|due|have to pay|need to pay)\\b',
  '\\bleft (?:on|in) (?:my|the) (?:plan|loan|account)\\b',
]);

const CREDIT = re([
  '征信',
  '信用(?!卡)',
  '影响',
  '上报',
  '黑名单',
  '不还(?:会|的话)?(?:怎么样|怎样|会怎么|有什么后果)',
  '后果',
  '\\bcredit\\b(?! ?card)',
  '\\bfico\\b',
  '\\bcredit (?:score|report|record|history|rating)\\b',
  '\\bcredit bureaus?\\b',
  '\\b(?:affect|hurt|damage|impact)\\b',
  '\\bwhat happens if\\b',
  '\\bconsequences?\\b',
]);

/** Words that name the debt itself: a balance question, never a follow-up about an installment. */
const NAMES_THE_DEBT = /欠|余额|一共|总共|总额|全部|本金|账单|\bowe\b|\bbalance\b|\btotal\b|\bpayoff\b/;

const BALANCE = re([
  '欠(?:了|你们|咗)?多少',
  '欠(?:了|你们|咗)?几多',
  '还(?:要|得|剩|差)?(?:还)?多少',
  '多少钱',
  '几多钱',
  '一共多少',
  '总共多少',
  '剩(?:下)?多少',
  '余额',
  '金额(?:是)?多少',
  '欠款(?:是)?多少',
  '待还(?:金额|多少)?',
  '应还',
  '账单',
  '本金',
  '欠(?:款|钱)(?:数|金额)',
  '\\bhow much\\b',
  '\\bbalance\\b',
  '\\bowe\\b',
  '\\bamount\\b',
  '\\btotal\\b',
  '\\bpayoff\\b',
  '\\bwhat do i owe\\b',
]);

const HOW_TO_PAY = re([
  '怎么(?:还|付|交|缴|转|支付|操作)',
  '如何(?:还|付|交|缴|转|支付)',
  '还款(?:方式|方法|渠道|途径|入口|账户|账号|流程)',
  '(?:在|去|到)?哪(?:里|儿)?(?:还|付|交|缴|转)',
  '(?:支付宝|微信|银行卡|信用卡|转账|app|网银)',
  '还款链接',
  '收款(?:账户|账号)',
  '怎样还',
  '\\bhow (?:do|can|should|would) i (?:pay|send|make (?:a|the) payment|repay)\\b',
  '\\bhow to (?:pay|repay)\\b',
  '\\bwhere\\b',
  '\\bpay online\\b',
  '\\bpayment (?:method|options?|link|portal)\\b',
  '\\b(?:what|which) (?:app|bank|account|website|site)\\b',
  '\\b(?:can i )?pay (?:by|with|via|through|online)\\b',
  '\\b(?:venmo|zelle|paypal|card|bank transfer|wire)\\b',
]);

/** Every topic with its lexicon, most specific first: the order `answerTopic` picks by. */
const LEXICONS: readonly [Exclude<AnswerTopic, 'general'>, RegExp][] = [
  ['who', WHO],
  ['handoff_eta', HANDOFF_ETA],
  ['late_fees', LATE_FEES],
  ['overdue_days', OVERDUE_DAYS],
  ['next_installment', NEXT_INSTALLMENT],
  ['remaining', REMAINING],
  ['credit', CREDIT],
  ['balance', BALANCE],
  ['how_to_pay', HOW_TO_PAY],
];

const SPECIFICITY: readonly AnswerTopic[] = [...LEXICONS.map(([topic]) => topic), 'general'];

/** Topics whose answer carries an amount: a bare "how much" beside them asks that amount. */
const CARRIES_AN_AMOUNT = new Set<AnswerTopic>([
  'late_fees',
  'overdue_days',
  'next_installment',
  'remaining',
]);

/** Questions are separated by punctuation or a joining word (欠多少,怎么还 / how much and how). */
const CLAUSE_BREAK = /[,、;。!?]+|\s+(?:and|also|plus)\s+|另外|顺便问(?:一下)?|以及/;

interface Hit {
  topic: AnswerTopic;
  start: number;
}

/**
 * The topics one clause asks, in text order. A match inside a more specific topic's match is
 * part of that question (怎么还没人联系我 is not "how to pay"), and a bare "how much" beside a
 * topic that carries an amount asks that amount (下一期要还多少 is one question).
 */
function clauseTopics(clause: string): Hit[] {
  const claimed: [number, number][] = [];
  const hits: Hit[] = [];
  for (const [topic, lexicon] of LEXICONS) {
    let first: number | null = null;
    for (const m of clause.matchAll(lexicon)) {
      const start = m.index;
      const end = start + m[0].length;
      if (claimed.some(([s, e]) => start >= s && end <= e)) continue;
      claimed.push([start, end]);
      first ??= start;
    }
    if (first !== null) hits.push({ topic, start: first });
  }
  const carriesAmount = hits.some((h) => CARRIES_AN_AMOUNT.has(h.topic));
  return hits
    .filter((h) => !(h.topic === 'balance' && carriesAmount && !NAMES_THE_DEBT.test(clause)))
    .sort((a, b) => a.start - b.start);
}

/** Every topic the message asks, in the order asked; `['general']` when it asks none we know. */
export function answerTopics(text: string): AnswerTopic[] {
  const out: AnswerTopic[] = [];
  let previous: AnswerTopic | null = null;
  // Phones type curly apostrophes (what’s); the lexicons spell them straight.
  for (const clause of normalize(text).replace(/[‘’]/g, "'").split(CLAUSE_BREAK)) {
    for (const { topic } of clauseTopics(clause)) {
      // 下一期是哪天,要还多少: a bare "how much" right after an installment question asks its amount.
      const followUp =
        topic === 'balance' &&
        previous !== null &&
        CARRIES_AN_AMOUNT.has(previous) &&
        !NAMES_THE_DEBT.test(clause);
      if (!followUp && !out.includes(topic)) out.push(topic);
      previous = topic;
    }
  }
  return out.length === 0 ? ['general'] : out;
}

/** The most specific topic the message asks (see the order above). */
export function answerTopic(text: string): AnswerTopic {
  const asked = answerTopics(text);
  return SPECIFICITY.find((t) => asked.includes(t)) ?? 'general';
}
