import { re } from './alternation.ts';

/**
 * Lexicons of questions (CONTRACTS §2 `question`) and of contact that negotiates nothing
 * (greetings, acknowledgements, holding replies: `other`). Split from negotiation-intents.ts, same
 * conventions as handoff-intents.ts.
 */

// --- question ------------------------------------------------------------------------------
/** Asking for the lender's payment details (把收款账号发我, send个户口号码畀我): a question. */
export const PAYMENT_DETAILS = re([
  '(?:发|给|告诉|send|把)(?:个|一下)?(?:我)?(?:你们的?)?(?:收款|还款|对公|银行|付款)?(?:账户|账号|卡号|二维码|收款码|qr ?code|付款码|还款链接|链接)',
  '(?:收款|还款|对公)?(?:账户|账号|卡号|二维码|收款码)(?:号码)?(?:发|给)(?:我|一下)',
  '\\b(?:send|give|text) me (?:the |your )?(?:account|bank|payment|routing) (?:number|details|info|link)',
  // en-24: Indian English "kindly revert with / share the account details"
  '\\b(?:revert|reply|come back) (?:to me )?with (?:the |your )?(?:exact |full |total )?(?:outstanding|balance|amount|account|bank|payment)\\b',
  '\\b(?:share|provide|send)(?: me| us)? (?:the |your )?(?:account|bank|payment) (?:details|number|info)\\b',
]);

/**
 * Asking what the bot's own words mean (啥叫长期短期, "what do you mean by temporary?"): a question,
 * even when it repeats a hardship word or an option.
 */
export const WHAT_IT_MEANS = re([
  '\\bwhat do (?:you|u|ya) mean\\b',
  '\\bwhat does (?:that|this|it|\\w+) mean\\b',
  "\\bwhat(?:'?s| is) (?:a |an )?(?:temporary|long[- ]term|an? installment|an? extension)\\b",
  '什么意思',
  '啥意思',
  '(?:啥|什么|乜嘢?|咩)叫',
  '(?:听|看)不(?:懂|明白)',
  '不(?:懂|明白)(?:你们?|您)?(?:的|说的)?(?:意思|什么)',
  '(?:唔|不)(?:明|明白)(?:你|您)',
]);

export const QUESTION = re([
  '(?:什么|啥)(?:分别|区别|不同)',
  '有没(?:有)?得',
  '[?]',
  '吗',
  '(?<!什)么(?:$|[,、。])',
  // 那 typed for 哪 (same pinyin): 你们是那个平台
  '(?:你们|您|这)是那(?:个|家|里)',
  '什么',
  '多少',
  '怎么',
  '如何',
  '哪(?:个|家|里|儿)?',
  '谁',
  '为什么',
  '为啥',
  // (这几天, 前几天: a few days)
  '几(?:号|期|点|个)|(?<!这|那|前|过|好|头|最近|近)几天',
  '是否',
  '能否',
  '会不会',
  '有没有',
  '是不是',
  '可不可以',
  '能不能',
  '啥',
  '咋',
  '征信',
  '影响',
  '利息',
  '罚息',
  '减免',
  '机器人',
  '\\b(?:ro)?bot\\b',
  '\\b(?:how|what|who|why|when|where|which|whose)\\b',
  '\\b(?:whats|hows|wheres|whos)\\b',
  '\\b(?:is|are|does|do|will|can|could|would|should) (?:this|it|i|you|my|that|there)\\b',
  '\\bcredit (?:score|report)\\b',
  // a yes/no question typed without its mark (does B have any fees)
  '^(?:does|do|did|is|are|will|would|can|could|should) (?!not\\b)',
  '\\bcu[aá]l(?![a-z])|\\bcu[aá]nto(?![a-z])|\\bd[oó]nde(?![a-z])',
]);

/** Tested against the message without spaces or punctuation ("are you there?" → areyouthere). */
export const GREETING =
  /^(?:在吗|在不在|在么|你好|您好|喂|哈喽|哈啰|哈罗|嗨|hi|hello|hey|yo|hallo|good (?:morning|afternoon|evening)|godbless(?:you|u)?|haveablessed(?:day|one|weekend)|有人吗|(?:hi|hello|hey)?(?:are)?(?:you|anyone|anybody|someone|somebody)there)$/;
/**
 * Holding replies, read on the words (not the bare letters) and before the question lexicon: the
 * debtor will answer later ("one sec im driving", "let me talk to my wife", "will text back on my
 * break"), or says who is speaking or returns a greeting ("this is Marcus", "merry christmas to you too").
 */
export const HOLDING =
  /(?:我)?(?:看看|睇睇|想想|想下|谂下)先|(?:看|睇)(?:下|一下)[^,。!?]{0,8}先|发错(?:了)?,?(?:不要|别|唔好)理|\bmeant (?:to send|for) (?:that|this)\b|\bsent (?:that|this) to the wrong\b|\bwrong (?:chat|thread|convo)\b|\bhold on\b|\blet me (?:look|check) (?:at )?(?:my|the)\b|\b(?:talk|think) it over\b|\bsleep on it\b|等我(?:看|想|考虑|研究|问|睇)(?:清楚|一下|下|吓)?(?:先|再说|再讲)|考虑(?:一下|下|考虑)|(?:让我|我)?想(?:一下|想)(?!办法|别的|其他)|商量(?:一下|下)|(?:再|晚点|迟点|明天|回头)(?:回(?:复)?你|覆你|答复你?)|\b(?:i'?ll|ill|i will|will) (?:text|get|call|message|msg|write)(?: (?:you|u))? back\b|\bget back to (?:you|u)\b|\blet me (?:talk to|ask|check|think|look)\b|\b(?:one|a|1) (?:sec|second|min|minute|moment)\b|\bhold on\b|\b(?:i'?m|im|i am) (?:driving|at work|in a meeting|busy)\b|\b(?:i'?ll|ill|i will|will) (?:look at|look into|check|look over|think about|review) (?:it|this|that|them|my account|the (?:options?|plans?|offer))\b|\bhave a (?:good|nice|great|blessed) (?:day|night|evening|weekend|sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b|^(?:yes |yeah |yep |hi |hey |hello )?(?:this is|it'?s|its) (?:her|him|me|[a-z]+)(?: speaking| here)?[\s!.]*$|\b(?:merry christmas|happy (?:new year|holidays|thanksgiving|easter)|same to you|you too)\b/;
/** Acknowledgements and holding replies outside an offer (收到, "ok im working on it", "I'll text you back"). */
export const ACKNOWLEDGED =
  /^(?:好的?|好吧|嗯+|哦+|噢|知道了?|晓得了?|明白了?|了解|收到了?|ok|okay|k|kk|noted|got it|gotcha|will do|understood|thanks|thank you|thx|ty|ok thanks?|okay thanks?)$|\b(?:i'?ll|ill|i will|will) (?:text|get|call|message|msg|write) (?:you|u) back\b|\bget back to (?:you|u)\b|\bmessage received\b|\b(?:will|ill|i'?ll) text (?:you|u) later\b|\b(?:i'?m|im|i am) (?:working on it|on it|looking into it)\b/;
