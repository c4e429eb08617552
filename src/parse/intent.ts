import type { Hardship, Intent, ParseContext } from './schema.ts';

/**
 * Intent lexicons over normalised text (simplified, lower case, half-width). Each intent is a
 * test; the first that holds in CONTRACTS §2 order wins. Patterns are written for meaning, not
 * for any one sentence: a keyword that is also part of a more specific form (不是我 in 不是我借的)
 * is guarded where it is matched.
 */

const re = (parts: string[], flags = ''): RegExp => new RegExp(parts.join('|'), flags);

// --- opt_out -------------------------------------------------------------------------------
/** Keywords that opt out only as the whole message (CTIA/Twilio practice, market 退订 codes). */
const OPT_OUT_WHOLE = /^(?:r|t|td|n|tdu|stop|stopall|stop all|unsubscribe|cancel|end|quit|revoke|optout|opt out|opt-out|退订|拒收|退|停|取消|no more|remove)$/;
const OPT_OUT = re([
  '退订', '拒收', '取消订阅', '退出订阅',
  '(?:别|不要|勿|不用|莫|甭|停止|不准|不许)(?:再|在)?(?:给我|跟我|向我|对我)?(?:发|发送|发短信|发信息|发消息|传简讯|传讯息|传短信|简讯|短信|联系|打扰|骚扰|打电话|催)',
  '(?:别|不要)(?:再|在)?烦我',
  '屏蔽', '拉黑你',
  '\\b(?:stop|quit|end|cancel)\\s+(?:texting|messaging|sending|contacting|calling|messages|texts|all|this|it)\\b',
  '\\bstop\\b[\\s!.]*(?:please|pls|now|plz)?[\\s!.]*$', '^[\\s!.]*(?:please|pls|plz)?\\s*stop\\b',
  "\\b(?:don'?t|do not|dont|never)\\s+(?:text|message|contact|call|sms|bother|email)\\s*(?:me|this number)",
  '\\bunsubscribe\\b', '\\bopt[- ]?out\\b', '\\bremove (?:me|my number|this number)\\b', '\\btake me off\\b',
  '\\bno more (?:texts|messages|sms)\\b', '\\bleave me alone\\b',
]);

// --- wrong_party ---------------------------------------------------------------------------
const WRONG_PARTY = re([
  '打错', '发错', '找错', '认错', '弄错人', '搞错人', '错号',
  '我不是(?!我|借|说|不|没|在|想|故意|不想|赖|要|骗|有|本人借)(?:他|她|本人|这个人|你(?:要|们要)?找的|\\p{Script=Han}{2,3}(?:[,。!、 ]|$))',
  '不是本人', '非本人', '本人不是', '不是他本人', '不是她本人',
  '不认识(?:他|她|这个人|此人|这人|叫|什么|\\p{Script=Han}{2,3}$)', '没有?这个人', '查无此人', '没这人',
  '(?:换|新)(?:的)?(?:手机)?号', '号码(?:已经|早就)?(?:换|给|转)(?:人|了)', '号码是新',
  '我是(?:他|她)(?:的)?(?:朋友|同事|家人|老婆|老公|妻子|丈夫|爱人|妈妈|妈|爸爸|爸|儿子|女儿|哥哥|哥|姐姐|姐|弟弟|弟|妹妹|妹|亲戚|室友|邻居|同学|舅|姑|姨|叔|婶)',
  '(?:他|她)(?:已经)?(?:去世|不在了|过世|走了|出国|坐牢|不用这个号)',
  '谁是\\p{Script=Han}{2,3}', '这是我(?:的)?(?:爸|妈|老公|老婆|儿子|女儿|哥|姐|弟|妹|朋友|同事|家人|亲戚)\\p{Script=Han}{0,2}的(?:号|手机|电话)',
  '(?:他|她)是我(?:的)?(?:儿子|女儿|老公|老婆|丈夫|妻子|爸|妈|哥|姐|弟|妹|朋友|同事|亲戚|室友|租客|员工|前夫|前妻)',
  '我是(?:他|她)?(?:的)?(?:房东|前任|前夫|前妻|室友|邻居|同事|老板|租客)', '(?:他|她)(?:已经|早就)?(?:搬走|离职|换号|不用这个号)', '不认识什么', '不是(?:他|她)的(?:号码|电话|手机|号)', '\\b(?:got|have|has) the wrong\\b', '(?:要)?找的(?:人)?不是我', '你(?:们)?找错',
  '\\bwrong (?:number|person|guy|girl|contact)\\b|\\bwrong #', "\\b(?:i'?m|i am|this is) not (?:him|her|he|she|the (?:person|borrower|account holder|one you'?re looking for|right person)|who you think)\\b",
  "\\b(?:i'?m|i am) not (?!sure|able|ok|okay|going|paying|interested|working|employed|home|ready|trying|avoiding|hiding|lying|kidding|joking|rich|worried|scared|dodging|refusing|refusing|happy|the one|in|a|an|that|your)[a-z]+[\\s]*(?:[,.!]|$)",
  "\\b(?:doesn'?t|does not|no longer) (?:live|lives|work|works|use|uses|have|has) (?:here|this (?:number|phone))", '不住(?:这|这里|这儿)', '(?:他|她)不在这',
  "^not me\\b|\\b(?:it'?s|this is|that'?s|that was) not me\\b", '唔系我', '搵错', "\\b(?:don'?t|do not) know (?:him|her|this person|who (?:that|this) is|anyone (?:named|called|by))",
  '\\bno (?:one|body) (?:here )?(?:by that name|named|called)\\b', '\\bnew number\\b',
  "\\b(?:this is|i'?m) (?:his|her) (?:wife|husband|mom|mother|dad|father|son|daughter|friend|brother|sister|roommate|coworker|colleague|cousin)\\b",
  '\\bwho is (?!this|that|it|calling|texting|writing)[a-z]+\\?', '\\bnot the (?:right )?person\\b', "\\bhas the wrong\\b", '\\byou have the wrong\\b',
], 'u');

// --- dispute -------------------------------------------------------------------------------
const DISPUTE = re([
  '没(?:有)?(?:在你们(?:这|那)?(?:里)?)?借(?:过|钱|款)', '没(?:有)?(?:在|从|跟|向)[^,。!?、]{0,8}借(?:过|钱|款)', '不是我借', '我没借', '从来没借', '从没借', '没有借过',
  '没(?:有)?(?:用|下载|申请|注册)过(?:你们|这个)', '没在你们', '(?:我)?(?:不|没)欠(?:你们)?(?:钱|任何|一分)?(?!\\s*(?:多少|吗|呢))',
  '不认(?!识)', '(?:怎么|为什么|凭什么)(?:变成|成了|会是|这么多|那么多)', '不承认', '冒用', '盗用', '冒名', '被盗', '被人(?:借|冒|用)', '身份(?:被|信息被)',
  '(?:金额|数目|钱数|数额|账|账单|利息|费用|余额)(?:不对|有误|错了|不符|有问题|算错)', '算错', '多算', '乱收费', '乱扣',
  '不是我的(?:账|借款|贷款|钱|债|欠款)', '(?:数|数字|数目|金额|钱数|账单?|余额)(?:不对|对不上|有误|错了)', '对不上', '凭什么(?:要我|让我|叫我)?还', '没有欠', '没(?:有)?逾期', '不算逾期', '欠.{0,6}不是\\s*[\\d一二两三四五六七八九]',
  "\\b(?:numbers?|figures?|amount|balance|total|math|bill) (?:are|is|seems?|looks?) (?:off|wrong|incorrect)\\b", '\\bowe\\b.{0,14}\\bnot\\b\\s*\\$?\\d', "\\b(?:i'?m|i am) not (?:overdue|late|behind)\\b", '\\bnot overdue\\b', '(?:怎么|为什么|凭什么)(?:会)?(?:欠|要还)(?:这么多|那么多|\\d)', '我只借了', '只借了\\d',
  '砍头息', '不合法', '不合理',
  "\\bnever (?:borrowed|took|had|applied|signed)\\b", "\\b(?:didn'?t|did not|never) (?:borrow|take out|apply|sign up)\\b",
  "\\b(?:don'?t|do not|dont) owe\\b", "\\bnot my (?:loan|debt)\\b", '\\bwrong (?:amount|balance|total)\\b',
  '\\b(?:amount|balance|total|number|figure|fee|interest|bill) (?:is|seems|looks) (?:wrong|incorrect|off|not right)\\b',
  '\\bdispute\\b', '\\bidentity theft\\b', '\\bfraudulent (?:loan|account|charge)\\b', "\\bisn'?t (?:mine|my debt|my loan)\\b",
  '\\b(?:this|that|it) is not mine\\b', "\\bwhat (?:loan|debt)\\b", '\\bnever heard of (?:you|this|your)\\b', '\\bovercharg', "\\b(?:that'?s|this is|it'?s|is) not my (?:debt|loan|account|bill)\\b", '\\bnot my (?:debt|loan)\\b',
]);

// --- already_paid --------------------------------------------------------------------------
const ALREADY_PAID = re([
  '已(?:经)?(?:还|付|转|打(?:款|钱|过去|给|到|进)|汇|缴|交|结清|还清|处理)', '(?:还|付|转)了(?:还|付|转)了', '\\bjust (?:paid|sent|transferred|made (?:a|the) payment)\\b', '还过了', '还清了', '结清了', '还完了', '付过了', '付了(?:啊|呀|的|钱)?$',
  '(?<!就|再|才|能|会|要|了就)还了(?!就|再|才)(?:啊|呀|的|吧|呢|钱|款)?(?:[,。!?、 ]|$)', '(?:转|打)(?:过去|过来|给你们)了', '转账了', '打款了', '汇(?:过去|款)了',
  '(?<!一)早(?:就)?还(?:了|过|清)', '刚(?:刚|才)?(?:还|转|付|打)(?:了|过)', '不是还了', '上(?:周|个月|星期)(?:就|已经)?还',
  '(?:还|转|付|打|交|汇)了(?=\\s*(?:\\d|[一二两三四五六七八九十百千万]))', '(?<!要|会|能|就|再|才)还的(?:[,、。! ]|$)', '查收', '(?:昨天|前天|上周|刚才|早上|今早)(?:就|已经)?(?:还|转|付|打)',
  '\\balready (?:paid|payed|transferred|settled|made (?:the|a|my) payment|sent (?:it|the (?:money|payment|funds)|you|\\$|¥|rmb|\\d))',
  '^(?:i )?(?:paid|sent|transferred|wired)\\s+(?:it|you|the|my|\\$|¥|rmb|usd|\\d)', '\\b(?:paid|sent|transferred|wired) (?:\\$|¥|rmb|usd)?\\s*[\\d.,]+k?\\b.*\\b(?:yesterday|ago|last|this morning|earlier|already|via|through|on the app)\\b', "\\b(?:i|i'?ve|i have|we|we'?ve) (?:just |already )?(?:paid|payed|sent (?:it|the (?:money|payment))|transferred|made (?:the|a|my) payment|settled)\\b(?! (?:attention|back))",
  '\\bpaid (?:it|that|this|in full|off|yesterday|last|this morning|today|already)\\b', '\\b(?:paied|payed)\\b', "\\b(?:i|i'?ve|i have) made (?:the|a|my) payment\\b", '\\bpayment (?:was|has been|went) (?:made|sent|through|done)\\b', '(?<!\\b(?:get|gets|getting|be|been|am|is|are|was|i\'m|im) )\\bpaid\\s*(?:already)?[.!]*$',
]);

// --- complaint -----------------------------------------------------------------------------
const COMPLAINT = re([
  '投诉', '举报', '申诉', '消保', '维权', '检举', '金管会', '监管', 'cbirc', 'nfra', '\\breported\\b', '\\bconsumer protection\\b', '\\bombudsman\\b', '12378', '12363', '12315', '银保监', '保监', '银监', '金融监管', '监管(?:局|部门|机构)', '人民银行', '人行', '央行', '金管局',
  '报警', '(?<!\\d)110(?!\\d)', '警察', '公安', '派出所', '律师', '起诉', '告(?:你|你们|到)', '法院见', '上法院', '打官司', '(?<!\\d)315(?!\\d)', '消协', '媒体', '曝光你', '黑猫', '工信部', '网信办', '信访', '反诈',
  '\\bcomplain', '\\breport(?:ing)? (?:you|this|your)', '\\bregulator', '\\bcfpb\\b', '\\bftc\\b', '\\battorney\\b', '\\blawyer', '\\bsue\\b', '\\bsuing\\b', '\\blawsuit\\b',
  '\\bpolice\\b', '\\bcops\\b', '\\bbbb\\b', '\\bbetter business bureau\\b', '\\bfdcpa\\b', '\\bcourt\\b', '\\blegal action against\\b', '\\bharass(?:ment|ing)\\b',
  '骚扰(?!我)',
]);

// --- abusive -------------------------------------------------------------------------------
const ABUSIVE = re([
  '骗子', '诈骗', '(?<!不)滚', '傻逼', '傻b', '傻x', '煞笔', '沙比', '\\bsb\\b', '神经病', '有病吧', '脑残', '去死', '死全家', '妈的', '他妈', '你妈', 'tmd', 'nmd', 'cnm', 'nmsl', '草泥马', '操你', '日你',
  '垃圾', '畜生', '王八', '混蛋', '狗东西', '狗日', '吸血鬼', '流氓', '黑社会', '土匪', '强盗', '放屁', '闭嘴', '贱', '恶心', '吃屎', '废物', '白痴', '人渣', '无耻', '不要脸', '狗(?:腿|屎)', '黑心', '要饭', '扑街', '仆街', '冚家', '寄生虫', '\\bparasites?\\b', '\\bvermin\\b', '\\bscum\\b', '\\bpigs\\b', '臭', '高利贷', '🤡', '💩', '🖕',
  '\\bf+u+c+k', '\\bf\\*+k', '\\bf\\*{2,}', '\\bjoke\\b', '\\bclowns?\\b', '\\bpathetic\\b', '\\bdisgusting\\b', '\\bfck', '\\bfk off\\b', '\\bshit', '\\bbastard', '\\bidiot', '(?<!is (?:this|it|that) (?:a )?)\\bscam', '\\bfraud(?:s|sters?)?\\b', '\\bloser', '\\bgo to hell\\b', '\\bscrew you\\b', '\\bbitch', '\\basshole', '\\bdamn you\\b',
  '\\bmoron', '\\bstupid\\b', '\\bleech', '\\bcrooks?\\b', '\\bbloodsucker', '\\bpiss off\\b', '\\bget lost\\b', '\\bthieves\\b', '\\bthief\\b', '\\bvultures?\\b', '\\bsharks?\\b', '\\bshut up\\b', '\\bwtf\\b', '\\bdie\\b', '\\bjerks?\\b',
]);

// --- request_human -------------------------------------------------------------------------
const REQUEST_HUMAN = re([
  '转人工', '人工(?:客服|服务|坐席|处理)?(?!智能)', '真人', '活人', '(?:找|叫|让|联系|要|换)(?:你们)?(?:的)?(?:客服|领导|经理|主管|负责人|上级|专员)',
  '(?:打|来)(?:个)?电话(?:给我|来|吧)', '给我打(?:个)?电话', '电话(?:联系|沟通|谈|聊)', '(?:跟|和)(?:人|真人|人工)(?:直接)?(?:说|谈|聊|沟通|通话)', '(?:和|跟|找)(?:你们)?(?:的)?(?:主管|领导|经理|负责人|上级)', '通话', '不想(?:跟|和)机器',
  '\\bhuman\\b', '\\breal person\\b', '\\blive (?:person|agent|rep)', '\\b(?:an? )?(?:agent|representative|rep|operator)\\b', '\\bsomeone real\\b', '\\b(?:want|need|talk to|speak to|speak with|get me)\\s+(?:a |an )?(?:actual |real |live )?(?:person|human)\\b',
  '\\b(?:talk|speak|chat) (?:to|with) (?:someone|somebody|a person|a manager|your manager|a supervisor|an actual)', '\\bcall me\\b', '\\bgive me a call\\b', '\\b(?:manager|supervisor)\\b',
]);

// --- accept / decline (only after an offer) ------------------------------------------------
const ACCEPT = re([
  '^(?:好|好的|好吧|好哒|好滴|好嘞|好嘅|得|行|行吧|行的|可以|可以的|可|嗯|恩|哦好|ok|okay|okk|k|yes|yeah|yep|yup|sure|deal|fine|agreed?|accept|同意|接受|成交|没问题|就这样|就这么办|中|妥|👌|👍)+[\\s!.。~]*$',
  '第[一二三1-3](?:个|种)(?:方案|选项)?|第[一二三1-3](?:方案|选项)', '(?<![a-z])[abc](?:方案|选项|吧|可以|行|好)', '[1-3一二三]号?(?:方案|选项)', '(?:方案|选项|选)\\s*[abc一二三1-3]', '^[abc1-3][\\s!.。]*$',
  '(?:那个|这个)(?:方案)?(?:吧|来|就行|可以|好)', '按.{0,10}(?:那个|这个)', '^(?:好|好的|行|可以|嗯|同意|ok|okay|yes|sure|yeah)(?:[,、 !.]|$)',
  '同意', '接受', '没问题', '就(?:这样|这么办|按这个|按你说的|选)', '(?:就这么|就这样|那就)定(?:了|吧)', '^定了', '按(?:这个|你说的|你们说的)', '可以(?:的|啊|呀|吧)?(?:[,、!。 ]|$)', '好的', '(?:^|[,、 ])行(?:吧|啊)?(?:[,、!。 ]|$)',
  '\\b(?:option|plan|choice)\\s*[abc123]\\b', "\\b(?:i'?ll|let'?s|i will|we'?ll) (?:take|go with|do)\\b", '\\bgo with\\b', '\\bsounds (?:good|fine|ok|great)\\b', '\\bthat works\\b', '\\bworks for me\\b',
  '\\b(?:ok|okay|yes|yeah|yep|sure|deal|agreed?|accept(?:ed)?|fine)\\b', '\\bthe (?:first|second|third|1st|2nd|3rd) (?:one|option|plan)\\b',
]);
/** An agreement that opens the reply, before any payment details (agreed, I'll pay the first $150 on Friday). */
const AGREES_FIRST = /^(?:好的?|行|可以|同意|接受|没问题|ok|okay|agreed?|deal|yes|sure|sounds good)(?:[,、 !.]|$)|^第[一二三1-3](?:个|种)/;
/** Picking one of the offered plans by what it says: 每月还500那个, "the 3-payment one". */
const SELECTS_OPTION = /那个|那种|这个方案|那个方案|\bthe [\w$ -]{0,24} one\b|\boption\b/;
const DECLINE = re([
  '不行', '不可以', '唔得', '哪(?:还|付|拿|给)得(?:起|出)', "\\b(?:can'?t|cannot|can not|unable to) (?:do|pay|afford|manage) \\$?\\d", '唔行', '唔可以', '唔要', '不同意', '不接受', '不能接受', '接受不了', '(?<!能)不能(?!不)', '太多', '太高', '太贵', '太大', '太难', '做不到', '办不到', '不要', '算了', '拿不出', '负担不起', '还不起', '付不起', '不够', '不合适', '没那么多', '都不行', '不考虑', '没办法', '不了', '不太行',
  '\\bno\\b', '\\bnope\\b', '\\bnah\\b', "\\bcan'?t\\b", '\\bcannot\\b', '\\btoo (?:much|high|expensive|steep|many)\\b', '\\bnot possible\\b', '\\bno way\\b', "\\b(?:won'?t|doesn'?t|does not|will not) work\\b", '\\bdecline\\b', '\\breject\\b', '\\bnone of\\b', '\\bneither\\b', '\\bimpossible\\b',
]);

// --- promise_to_pay / extension ------------------------------------------------------------
const PAY_VERB = re([
  '还(?!不|没|有|是|要|欠|剩|得起|能|在|可以吗)', '付', '转(?!人工)', '打款', '打钱', '打给', '给(?:你们|您)', '交', '缴', '结清', '处理', '凑', '补上', '还上',
  '\\bpay(?!day|check|roll)', '\\bsend\\b', '\\btransfer', '\\bsettle', '\\bclear (?:it|this|the)', '\\bwire\\b', '\\bvenmo\\b', '\\bzelle\\b',
]);
const COMMIT = re([
  '马上', '立刻', '立即', '现在就', '这就', '一会', '等会', '待会', '晚点(?!再)', '今晚', '下午', '上午', '晚上', '中午', '尽快', '一定', '保证', '肯定', '会还', '会把', '就还', '就给', '就转', '就付', '就打', '发(?:了)?工资(?:了)?就', '工资(?:到|发)(?:了)?就', '到账(?:了)?就', '拿到钱就', '有钱(?:了)?就', '承诺', '下(?:个)?(?:周|星期|礼拜|月)(?!再)', '过(?:几|两|一)天(?!再)', '回头', '改天', '月底', '年底', '这(?:几|两)天', '本周', '这周',
  "\\bi'?ll\\b", '\\bi will\\b', '\\bgonna\\b', '\\bgoing to\\b', '\\bpromise\\b', '\\bwill (?:pay|send|transfer)', '\\bas soon as\\b', '\\bright away\\b', '\\bpaying\\b', '\\bwhen i get paid\\b', '\\bon payday\\b', '\\bnext (?:week|month)\\b', '\\bsoon\\b', '\\bthis (?:week|month)\\b',
]);
const EXTENSION = re([
  '宽限', '延期', '延长', '(?:迟|晚)(?:啲|点|些)', '延后', '延迟', '推迟', '推到', '推后', '缓(?:几|一|两|些|缓|到)', '晚(?:几|一|两)(?:天|周|个)', '再等', '等等我', '能不能等', '可以等', '多给(?:我)?(?:几|一|两|点)', '再给(?:我)?(?:几|一|两|点)', '给(?:我)?(?:点|些|几天)时间', '展期', '晚点再', '过(?:几|一|两)(?:天|周)再', '下(?:个)?月再', '再还', '以后再', '往后', '拖(?:几|一|两)',
  '\\bextension\\b', '\\bextend\\b', '\\bmore time\\b', '\\bpostpone', '\\bdelay\\b', '\\bpush (?:it|the|my)', '\\bgive me (?:until|till|a few|some|a couple|another|more|\\d)', '\\bwait (?:until|till|a few|a couple|another|\\d|for)', '\\bdefer\\b', '\\ba few more days\\b', '\\bcan i pay (?:it )?(?:later|next)', '\\bpay (?:it )?later\\b', '\\bgrace period\\b',
]);
/** Asking about an obligation or a deadline (是不是今天必须还): a question, with no date of the debtor's own. */
export const DEADLINE_QUESTION = /必须|是不是(?:要|得)|一定要.{0,6}吗|要不要|\bdo i (?:have|need) to\b|\bmust i\b|\bdue date\b|\bwhen is (?:it|the \w+) due\b/;
const QUESTION_FORM = /是不是|吗|么|[?]|能不能|可不可以|可否|能否|行不行|好不好|是否|\b(?:can|could|may) i\b|\bis it (?:ok|possible)\b/;

// --- amounts / installments ----------------------------------------------------------------
const INSTALLMENT = re([
  '分期', '(?:分|拆)(?:成|作)?(?:\\d+|[一二两三四五六七八九十几]+)\\s*(?:个月|期|次|笔|份|批|回)', '拆(?:开|分)(?:还|付)', '分开(?:还|付)', '分(?:几|多)次', '分批', '按月(?:还|付)', '每(?:个)?月还(?:一点|一些|点)', '一点一点(?:还|地还)', '慢慢还', '一部分一部分',
  '\\binstal+m[a-z]*', '\\binstall?ment',  '\\bpayment plan\\b', '\\bsplit\\b', '\\bin (?:parts|pieces|chunks)\\b', '\\bmonthly payments?\\b', '\\bpay (?:it )?(?:monthly|in parts|bit by bit|over time|a little at a time)\\b', '\\b(?:\\d+|two|three|four|five|six|twelve) payments\\b', '\\bbreak (?:it|this) up\\b',
]);

// --- no_money / hardship -------------------------------------------------------------------
const NO_MONEY = re([
  '没(?:有)?钱', '冇钱', '木有钱', '没得钱', '莫得钱', '么得钱', '没米', '没有米', '穷', '手头紧', '手头(?:不|没)', '困难', '还不起', '还不上', '付不起', '拿不出', '没能力', '没(?:有)?收入', '没(?:有)?工作', '没活干', '失业', '下岗', '裁员', '被辞', '辞退', '开除',
  '生病', '住院', '重病', '大病', '残疾', '破产', '倒闭', '亏(?:了|本|损)', '生意(?:失败|不好|黄了)', '周转', '暂时', '临时', '短期', '长期', '等发工资', '工资(?:还)?没发', '没发工资', '欠薪', '负债', '家里出事', '出事了', '想办法', '凑不(?:齐|出|够)', '一分(?:钱)?都没', '身无分文', '揭不开锅', '吃饭都', '饭都吃不起', '没办法还', '还不了', '缺钱', '钱不够', '哪(?:有|来的?)钱', '哪(?:还|付|拿)得(?:起|出)', '经济(?:困难|压力|紧张)', '难处', '(?:就|只)剩', '\\bmei ?(?:you ?)?qian\\b',
  '\\bno (?:money|cash|funds|income|job)\\b', '\\bbroke\\b', "\\b(?:can'?t|cannot|can not|unable to|not able to) (?:pay|afford|make (?:the|a|any) payment)", "\\b(?:don'?t|do not|dont) have (?:the |any |enough )?(?:money|cash|funds)",
  '\\bshort on (?:cash|money|funds)\\b', "\\bi'?m short\\b", '\\bshort this month\\b', '\\b(?:money is )?tight\\b', '\\bstruggling\\b', '\\bhard times?\\b', '\\b(?:lost|lose) (?:my|our) (?:job|income)\\b', '\\bunemployed\\b', '\\blaid off\\b', '\\bjobless\\b', '\\bout of work\\b',
  '\\bsick\\b', '\\bhospital', '\\bmedical (?:bills|emergency)\\b', '\\bdisabled\\b', '\\bdisability\\b', '\\bbankrupt', '\\bhardship\\b', '\\bfinancial (?:difficult|trouble|problem)', '\\bpenniless\\b', '\\bskint\\b', '\\bnothing left\\b', '\\btapped out\\b',
  '\\btemporar', '\\btemp\\b', '\\bshort[- ]term\\b', '\\blong[- ]term\\b', '\\bpermanent', '\\buntil (?:payday|i get paid|my next pay)', '\\bpaycheck\\b', '\\bbetween jobs\\b', '\\bbills\\b', '\\bcan barely\\b',
]);
const CLARIFY_UNSURE = /^(?:不知道|不清楚|说不好|说不准|不确定|不一定|看情况|都有|都是|难说|i don'?t know|not sure|dunno|hard to say|depends|both)/;

const TEMPORARY = re([
  '暂时', '临时', '一时', '短期', '周转', '发(?:了)?(?:工资|薪水|薪)', '(?:工资|薪水).{0,8}发了就', '(?:工资|薪水)(?:还)?没(?:发|到)', '没发(?:工资|薪水)', '(?:工资|薪水)(?:到|下来)', '下个?月就好', '过(?:段|阵|一段)(?:时间|子)?就好', '很快就好', '钱还没到', '回款', '年底(?:就)?(?:有|发)',
  '\\btemporar', '\\btemp\\b', '\\bshort[- ]term\\b', '\\buntil (?:payday|i get paid|my next pay)', '\\bpay ?day\\b', '\\bnext pay ?check\\b', '\\b(?:when|after|once|till|until) i get paid\\b', '\\bi get paid\\b', '(?:工资|薪水).{0,8}到账', '\\bwaiting (?:for|on) my (?:pay|salary|check|wages)', '\\bbetween jobs\\b', '\\bback (?:to work|on my feet) (?:soon|next)',
]);
const LONG_TERM = re([
  '失业', '下岗', '裁员', '被辞', '辞退', '没(?:有)?工作', '找不到工作', '重病', '大病', '绝症', '癌', '残疾', '瘫痪', '长期', '破产', '倒闭', '一直(?:没|都)', '很久', '好几个月', '没(?:有)?收入', '没有经济来源', '丧失劳动能力', '尿毒症', '透析', '化疗', '白血病', '辞职', '\\bquit my job\\b', '\\bno (?:money|income) coming in\\b', '\\bon (?:ssi|ssdi|benefits)\\b', '坐牢', '服刑', '不知道(?:要)?多久', '遥遥无期', '慢性病',
  '\\bunemployed\\b', '\\blost (?:my|our) (?:job|income)\\b', '\\blaid off\\b', '\\bjobless\\b', '\\bout of work\\b', '\\bdisabled\\b', '\\bdisability\\b', '\\bchronic', '\\blong[- ]term\\b', '\\bpermanent', '\\bbankrupt', '\\bcancer\\b', '\\bserious(?:ly)? ill', '\\bno income\\b', '\\bfor (?:a long time|months|the foreseeable)\\b', "\\bdon'?t know (?:how long|when)\\b", '\\bindefinite',
]);
const NOT_TEMPORARY = /不是暂时|不是临时|不是短期|\bnot (?:just )?temporar|\bnot short[- ]term/;
const NOT_LONG = /不是长期|\bnot long[- ]term\b/;

// --- question ------------------------------------------------------------------------------
const QUESTION = re([
  '[?]', '吗', '(?<!什)么(?:$|[,、。])', '什么', '多少', '怎么', '如何', '哪(?:个|家|里|儿)?', '谁', '为什么', '为啥', '几(?:号|天|期|点|个)', '是否', '能否', '会不会', '有没有', '是不是', '可不可以', '能不能', '啥', '咋', '征信', '影响', '利息', '罚息', '减免', '机器人', '\\b(?:ro)?bot\\b',
  '\\b(?:how|what|who|why|when|where|which|whose)\\b', '\\b(?:is|are|does|do|will|can|could|would|should) (?:this|it|i|you|my|that|there)\\b', '\\bcredit (?:score|report)\\b',
]);

const GREETING = /^(?:在吗|在不在|在么|你好|您好|喂|哈喽|嗨|hi|hello|hey|yo|hallo|有人吗|anyone there|anybody there)$/;

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
  if (temporary && longTerm) return /暂时|临时|短期|\btemporar|\bshort[- ]term/.test(text) && !/长期|long[- ]term/.test(text) ? 'temporary' : 'long_term';
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
    if ((f.amount === null || selects || agreesFirst) && !declines && ACCEPT.test(text) && !(isQuestion && /多少|怎么|什么|how|what/.test(text))) return 'accept';
    if (f.amount === null && declines && !(f.date !== null && PAY_VERB.test(text) && !isQuestion)) return 'decline';
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
