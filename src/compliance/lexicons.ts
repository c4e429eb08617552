/**
 * The compliance lexicons: the words an outbound SMS never contains, by category; the words that
 * tell a third party there is a debt; the words a lender's name never holds; and the few harmless
 * compounds that merely contain a listed word. Data only: matcher.ts says how they are matched.
 *
 * Each list is written as the words a person would type. The matcher folds both the lists and the
 * text to one skeleton (width, case, traditional characters, diacritics, look-alike letters of
 * other scripts, digits and symbols for letters, filler between letters), so a list names each
 * word once. Chinese entries match as substrings (so 死 also catches 找死 and 去死); English
 * entries match as whole words, with an optional s/es/ed/d/ing ending, so "court" never fires
 * inside "courtesy" nor "son" inside "person"; emoji match anywhere. Both languages are checked
 * whatever the conversation's locale: a reply may mix them.
 *
 * A list names what the category means, not only its commonest word: family and relations,
 * workplace, contacts, jail and arrest, visits (under threat), public exposure, posing as a court,
 * the police or the government, in both languages.
 */

/** One list per language, and the emoji that say the same. */
export interface Lexicon {
  zh: readonly string[];
  en: readonly string[];
  emoji?: readonly string[];
}

/** `'a, b, c'` → `['a', 'b', 'c']`: the lists are long, one theme per line reads better. */
const list = (s: string): string[] => s.split(',').map((w) => w.trim());

/**
 * Words an outbound SMS never contains, by category (CONTRACTS §4, DOMAIN "China: Banned").
 *
 * Legal action is treated as a threat (法律措施, 起诉, legal action, lawsuit…), although the seed
 * article offers "持续逾期将采取法律措施" as the polite alternative: whether a lender really intends
 * and is entitled to sue is a decision of its legal department, not something the bot or an
 * agent can assert in an SMS (FDCPA §807(5) and the NIFA guideline forbid threatening action that
 * is not intended or not lawful). Stating true consequences stays allowed: 影响征信, 罚息,
 * "may affect your credit".
 */
export const BANNED_LEXICON = {
  threat: {
    zh: [
      ...list('后果自负, 走着瞧, 等着瞧, 别怪我们, 别怪我, 别逼我, 你等着, 你会后悔, 最后通牒, 等着吧'),
      ...list('收拾你, 让你好看, 给你好看, 有你好看, 对你不客气, 不会放过你, 饶不了你, 跟你没完'),
      ...list('后果很严重, 后果严重, 付出代价, 吃不了兜着走, 出门小心, 小心点, 小心你的, 你死定了'),
      ...list('走路小心, 你的腿, 你的手还想'),
      // Violence and intimidation
      ...list('打你, 暴力, 弄死, 砍死, 砍你, 杀了你, 杀你, 废了你, 打断你, 打断腿, 弄残, 要你命'),
      ...list('断手断脚, 泼油漆, 喷漆, 黑社会, 道上的, 找人收拾, 跟踪你, 蹲守, 轰炸, 爆通讯录'),
      // Visits
      ...list('找上门, 上门, 登门, 家访, 拜访, 外访, 走访, 实地, 上户, 现场催收, 堵门, 堵你'),
      ...list('去你家, 到你家, 来你家, 上你家, 你家楼下, 你家门口, 门口等你, 守在你家, 当面找你'),
      ...list('找上你, 你住哪, 知道你住, 你的住址, 家庭住址'),
      ...list(
        '你们小区, 你小区, 你楼下, 你老家, 老家找你, 派人去, 派人到, 派人上门, 去你那里, 到你那里, 外勤',
      ),
      // Legal action
      ...list('起诉, 诉讼, 律师函, 法律措施, 法律行动, 法律手段, 法律程序, 起诉书, 公诉, 吃官司, 打官司'),
    ],
    en: [
      ...list(
        "or else, you'll regret, you will regret, regret it, watch your back, last warning, final warning",
      ),
      ...list("you have been warned, you've been warned, you'll be sorry, you will be sorry"),
      ...list('face the consequences, suffer the consequences, we will find you, hunt you down'),
      ...list('we know where you live, we know where you work, we know your address, watching you'),
      // Violence
      ...list(
        'hurt you, harm you, kill, kill you, beat you, shoot you, break your legs, break your neck, destroy you',
      ),
      ...list('ruin your life, ruin you'),
      // Visits
      ...list('home visit, field visit, field agent, visit you, visit your home, visit your house'),
      ...list('visit your work, visit your workplace, visit your office, pay you a visit, come to your home'),
      ...list('come to your house, come to your work, come to your office, come by your, stop by your'),
      ...list('drop by your, at your door, on your doorstep, knock on your door, door to door, show up at'),
      ...list('outside your house, outside your home'),
      ...list('come over, your place, be at your address, come to your address, at your house, at your home'),
      ...list('to your house, to your home, be outside, come knocking, will come by'),
      // Legal action
      ...list('legal action, legal proceedings, lawsuit, sue you, we will sue, sued, suing, litigation'),
      ...list('our attorney, our attorneys, our lawyer, our lawyers, our legal team, small claims'),
    ],
    emoji: list('🔪, 🗡, ⚔, 🔫, 💣, 🧨, ⚰, 🪦, 💀, ☠, 🩸, 🪓, 👊, 🤜, 🤛'),
  },
  insult: {
    zh: [
      ...list('骗子, 老赖, 穷鬼, 废物, 垃圾, 无赖, 死, 滚, 混蛋, 王八蛋, 傻逼, 傻b, 人渣, 畜生, 不要脸'),
      ...list('赖皮, 赖账, 蠢, 贱, 狗东西, 白眼狼, 败类, 脑残, 神经病, 丢人, 骗钱'),
    ],
    en: [
      ...list(
        'scum, scumbag, deadbeat, loser, idiot, liar, fraud, fraudster, scammer, cheat, thief, thieves',
      ),
      ...list('stupid, moron, worthless, pathetic, trash, bum, dumb, jerk, bastard, bitch, shit, fuck'),
      ...list('asshole, die'),
    ],
    emoji: list('🖕, 💩, 🤡'),
  },
  family: {
    zh: [
      ...list('家人, 家里人, 家里, 家属, 家长, 家中, 家庭成员, 直系亲属, 亲人, 亲友, 亲戚, 亲家'),
      ...list('你全家, 一家老小, 七大姑八大姨, 父母, 父亲, 母亲, 妈, 爸, 老爸, 老妈'),
      ...list('老婆, 老公, 丈夫, 妻子, 媳妇, 配偶, 爱人, 伴侣, 前妻, 前夫, 男朋友, 女朋友, 男友, 女友'),
      ...list('孩子, 小孩, 儿子, 女儿, 子女, 儿女, 孙子, 孙女, 外甥, 侄子, 侄女'),
      ...list('兄弟, 姐妹, 哥哥, 姐姐, 弟弟, 妹妹, 表哥, 表姐, 表弟, 表妹, 堂哥, 堂姐'),
      ...list('爷爷, 奶奶, 外公, 外婆, 岳父, 岳母, 公婆, 婆婆, 公公, 丈母娘, 老丈人, 叔叔, 阿姨, 舅舅, 姑姑'),
      // Relations in everyday words
      ...list('你对象, 你的对象, 老娘, 你娘, 亲娘, 爹, 闺女, 那口子, 家那位, 老伴, 你娃, 娘家, 婆家'),
    ],
    en: [
      ...list('family, families, relatives, loved ones, next of kin, your folks'),
      ...list('spouse, wife, wives, husband, fiance, fiancee, girlfriend, boyfriend, your partner'),
      ...list('ex-wife, ex-husband, parent, children, child, kid'),
      ...list('mother, father, mom, mum, mama, mommy, dad, daddy, papa, son, daughter'),
      ...list('stepmother, stepfather, stepson, stepdaughter, brother, sister, sibling'),
      ...list('grandparent, grandmother, grandfather, grandma, grandpa, granny, grandchildren, grandson'),
      ...list('granddaughter, aunt, uncle, cousin, nephew, niece, in-laws, in-law'),
      ...list('mother-in-law, father-in-law, son-in-law, daughter-in-law'),
      ...list('your ma, your old lady, your old man, missus, hubby, wifey, your fam, your bro, your sis'),
      ...list('grandkid, your kin'),
    ],
  },
  contacts: {
    zh: [
      ...list('通讯录, 联系人, 紧急联系人, 联络人, 紧急联络人, 朋友, 好友, 微信好友, 熟人, 亲朋'),
      ...list('邻居, 街坊, 邻里, 室友, 同学, 身边的人, 周围的人, 认识你的人, 居委会, 村委会, 物业'),
      ...list(
        '社区, 学校, 辅导员, 班主任, 担保人, 你的老师, 你老师, 村长, 全村, 村里人, 你们村, 业主群, 老乡',
      ),
    ],
    en: [
      ...list('contacts, contact list, emergency contact, friend, references, acquaintance'),
      ...list('neighbor, neighbour, roommate, classmate, landlord, people you know, everyone you know'),
      ...list('your pastor, your church, your teacher'),
    ],
  },
  employer: {
    zh: [
      ...list('单位, 工作单位, 公司领导, 单位领导, 部门领导, 领导, 同事, 工友, 老板, 上司, 主管, 雇主, 老总'),
      ...list('人事部, 人事, 人力资源, 你公司, 您公司, 你们公司, 您所在公司, 上班的地方, 工作的地方, 厂里'),
      ...list('你在哪上班, 你上班的, 去你上班, 到你上班'),
    ],
    en: [
      ...list('employer, boss, bosses, coworker, co-worker, colleague, workplace, supervisor'),
      ...list('human resources, hr department, your hr, payroll department, personnel department'),
      ...list('your job, your manager, your office, your company, where you work, place of work'),
      ...list('tell hr, call hr, email hr, contact hr, hr dept, team lead, team leader, foreman'),
      ...list(
        'call you at work, at your work, call your work, email your work, contact your work, people at work',
      ),
    ],
  },
  police_jail: {
    zh: [
      ...list('公安, 警察, 警方, 警局, 警官, 民警, 刑警, 网警, 经侦, 报警, 报案, 派出所'),
      ...list('坐牢, 蹲监狱, 吃牢饭, 牢饭, 牢房, 铁窗, 监狱, 入狱, 看守所, 进局子, 局子, 蹲号子'),
      ...list('拘留, 行政拘留, 刑拘, 拘役, 判刑, 判你, 服刑, 有期徒刑, 刑事, 刑事责任, 立案, 犯罪, 诈骗罪'),
      ...list('逮捕, 抓你, 抓捕, 被抓, 抓起来, 关起来, 关进去, 手铐, 戴手铐, 通缉, 网上追逃'),
      ...list('大牢, 班房, 铐, 抓了你, 警车, 出警'),
    ],
    en: [
      ...list('police, cops, cop, the authorities, law enforcement, fbi, detective'),
      ...list('jail, jail time, prison, penitentiary, behind bars, locked up, lock you up, locked away'),
      ...list('serve time, inmate, arrest, handcuffs, handcuff, detained, detention'),
      ...list('slammer, clink, cuffs, cuffed, trooper, troopers, deputies'),
      ...list('criminal, crime, felony, misdemeanor, criminal charges, press charges, fraud charges'),
      ...list('prosecute, prosecution, prosecutor, convicted, conviction'),
    ],
    emoji: list('🚔, 🚓, 👮, 🚨, ⛓'),
  },
  exposure: {
    zh: [
      ...list('曝光, 曝你, 公开, 公示, 公布你, 网上公布, 公之于众, 广而告之, 黑名单, 大字报, 张贴, 示众'),
      ...list('朋友圈, 发朋友圈, 微信群, 发到群里, 群里发, 发到网上, 挂到网上, 挂网上, 挂你'),
      ...list('发微博, 发抖音, 传单, 让大家知道, 让所有人知道, 人尽皆知, 身败名裂, 社死, 社会性死亡'),
      ...list('丢脸, 悬赏'),
      ...list(
        '登报, 上新闻, 媒体, 记者, 电视台, 抖音, 快手上, 发到快手, 小红书, 公众号, 贴吧, 人都知道, 全村人',
      ),
    ],
    en: [
      ...list('expose, shame, shaming, name and shame, humiliate, humiliation, disgrace'),
      ...list('publish, publicly, publicize, go public, public notice, public list, wanted poster'),
      ...list('social media, blacklist, facebook, instagram, twitter, tiktok, on the internet'),
      ...list(
        'post it online, post online, put it online, put you online, embarrass, flyers, everyone will see',
      ),
      ...list(
        'tell everyone, let everyone know, everyone will know, post your photo, post your name, post your picture',
      ),
    ],
  },
  court_government: {
    zh: [
      ...list('法院, 法庭, 法官, 传票, 开庭, 判决, 执行局, 执行庭, 强制执行, 被执行人, 失信被执行人'),
      ...list('失信, 限制高消费, 限高, 查封, 扣押, 拍卖, 冻结你, 冻结资产, 冻结财产, 冻结银行卡'),
      ...list('检察院, 检察, 公检法, 司法, 司法局, 政府, 执法, 公函, 法务, 法务部, 仲裁, 仲裁委'),
      ...list('律所, 律师, 律师事务所, 调解中心, 公证处, 纪委'),
    ],
    en: [
      ...list('court, magistrate, tribunal, bailiff, summons, subpoena, warrant, judgment, judgement'),
      ...list('sheriff, marshal, attorney general, district attorney, department of justice, irs'),
      ...list('government, federal agent, official notice, internal revenue, treasury, feds'),
      ...list('a judge, the judge, before a judge'),
      ...list('garnish, garnishment, seize, seizure, lien, repossess, repossession'),
      ...list('freeze your assets, freeze your account, asset freeze'),
    ],
    emoji: list('⚖, 🏛'),
  },
} as const satisfies Record<string, Lexicon>;
export type BannedCategory = keyof typeof BANNED_LEXICON;
export const BANNED_CATEGORIES = Object.keys(BANNED_LEXICON) as BannedCategory[];

/**
 * The categories whose Chinese words are also caught typed in sound-alike characters (包警 for
 * 报警, 坐劳 for 坐牢, 法阮 for 法院: a pinyin input method offers every character of a syllable).
 * Only the threats: jail and arrest, the police, courts and legal action, visits, exposure,
 * posing as an authority. Family and workplace words stay literal: everyday words sound like
 * them (同时 like 同事, 加重 like 家中), and the guard cannot tell a slip from a word there.
 */
export const SOUND_ALIKE_CATEGORIES = [
  'threat',
  'police_jail',
  'court_government',
  'exposure',
] as const satisfies readonly BannedCategory[];

/**
 * Words that tell a third party there is a debt (CONTRACTS §4 Dialogue: wrong_party). Stricter
 * than the contract's list: 欠 alone also catches 欠钱/拖欠, 债 catches 债务/欠债.
 */
export const DISCLOSURE_LEXICON: Lexicon = {
  zh: [
    ...list('欠, 债, 逾期, 贷款, 借款, 还款, 还钱, 借钱, 催收, 账单, 分期, 征信, 罚息, 本金, 利息'),
    ...list('金额, 结清, 未还, 应还, 待还'),
  ],
  en: [
    ...list('debt, loan, owe, owing, payment, repay, repayment, pay back, overdue, past due, balance'),
    ...list('collection, collector, installment, instalment, credit report, arrears, delinquent'),
    ...list('amount, amount due'),
  ],
};

/**
 * Words that make a lender's name pose as an authority: a court, the police, a prosecutor, a
 * government body or regulator. The name signs every SMS, so 人民法院, 公安局催收, County Court or
 * Police Dept would sign as one. Regulators are named here but not in BANNED_LEXICON: an agent may
 * point a complaining debtor to the regulator's hotline, a lender may not call itself one.
 */
export const AUTHORITY_LEXICON: Lexicon = {
  zh: [
    ...list('法院, 法庭, 公安, 警, 派出所, 检察, 司法, 政府, 执法, 仲裁, 公检法, 执行局, 法务, 律师'),
    ...list('国务院, 人民银行, 央行, 银保监, 银监, 证监, 金融监管, 监管局, 税务, 海关, 纪委, 公证'),
    ...list('市场监管, 市监局, 工商局'),
  ],
  en: [
    ...list('court, police, sheriff, marshal, government, attorney general, district attorney, attorney'),
    ...list(
      'prosecutor, magistrate, tribunal, judiciary, judicial, justice department, department of justice',
    ),
    ...list('doj, irs, fbi, ftc, cfpb, law enforcement, bailiff, official, regulator, regulatory'),
    ...list('gov, govt, internal revenue, treasury, judge, dept of justice, feds, police officer'),
  ],
};

/**
 * Harmless compounds that contain a listed word: 滚动 (scrolling) is not 滚, 死机 (a frozen phone)
 * is not 死, 线上门店 (an online shop) holds no 上门, 公开透明 (transparent fees) exposes no one,
 * "lost your job" is the debtor's news, not a threat to call their job. Masked, as written, before
 * the banned words are looked for; every other form of the word still counts.
 */
export const HARMLESS_COMPOUNDS: Lexicon = {
  zh: list('滚动, 死机, 线上门店, 线上门户, 公开透明'),
  en: list('lost your job'),
};
