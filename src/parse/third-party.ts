import { z } from 'zod';
import { OPT_OUT, OPT_OUT_WHOLE } from './lexicon/handoff-intents.ts';
import { normalize } from './normalize.ts';

/**
 * Who is writing when it is not the debtor, and whether an opted-out debtor is asking to be
 * heard again. Both read normalised text (simplified, lower case, half-width).
 *
 * A third party names their tie to the debtor from the debtor's side (我是他爱人, "I'm his
 * wife", 这是他妈妈) or from their own (他是我儿子, "she's my mom", 替我老公还). A debtor speaking
 * of their own family (我老婆生病了, "my wife lost her job", 我爸会帮我还) names no tie to anyone
 * on the account, so is no third party: every pattern below needs the tie itself, never a
 * family word alone.
 */

export const ThirdPartyRoleSchema = z.enum([
  'spouse',
  'parent',
  'child',
  'sibling',
  'relative',
  'friend',
  'colleague',
  'other',
]);
export type ThirdPartyRole = z.infer<typeof ThirdPartyRoleSchema>;

export const ThirdPartySchema = z.object({
  /** What the writer is to the debtor. */
  role: ThirdPartyRoleSchema,
  /** The writer offers to pay the debt (钱我来还, "I can pay it"). */
  offersToPay: z.boolean(),
});
export type ThirdParty = z.infer<typeof ThirdPartySchema>;

/** Words for a person, by what that person is to whoever is named before them. */
const ROLE_WORDS: Record<ThirdPartyRole, { zh: string[]; en: string[] }> = {
  // A partner, married or not.
  spouse: {
    zh: [
      '老婆',
      '老公',
      '妻子',
      '丈夫',
      '爱人',
      '媳妇',
      '太太',
      '先生',
      '夫人',
      '对象',
      '男朋友',
      '女朋友',
      '男友',
      '女友',
      '未婚妻',
      '未婚夫',
      '另一半',
    ],
    en: ['wife', 'husband', 'spouse', 'partner', 'fiance', 'fiancee', 'girlfriend', 'boyfriend', 'hubby'],
  },
  parent: {
    zh: [
      '妈妈',
      '爸爸',
      '母亲',
      '父亲',
      '老妈',
      '老爸',
      '老豆',
      '老窦',
      '阿妈',
      '阿爸',
      '妈咪',
      '家长',
      '老母',
      '妈',
      '爸',
      '爹',
      '娘',
    ],
    en: [
      'mother',
      'father',
      'mom',
      'mum',
      'mommy',
      'mama',
      'dad',
      'daddy',
      'papa',
      'parent',
      'stepmom',
      'stepmother',
      'stepdad',
      'stepfather',
    ],
  },
  child: {
    zh: ['儿子', '女儿', '孩子', '小孩', '闺女', '个仔', '个女', '仔'],
    en: ['son', 'daughter', 'kid', 'child', 'stepson', 'stepdaughter'],
  },
  sibling: {
    zh: [
      '哥哥',
      '姐姐',
      '弟弟',
      '妹妹',
      '兄弟',
      '姐妹',
      '家姐',
      '细佬',
      '细妹',
      '阿哥',
      '大哥',
      '大姐',
      '二哥',
      '二姐',
      '哥',
      '姐',
      '弟',
      '妹',
    ],
    en: ['brother', 'sister', 'sibling', 'bro', 'sis'],
  },
  relative: {
    zh: [
      '亲戚',
      '家人',
      '家属',
      '家里人',
      '亲人',
      '舅舅',
      '姑姑',
      '姨妈',
      '小姨',
      '叔叔',
      '婶婶',
      '伯伯',
      '表哥',
      '表姐',
      '表弟',
      '表妹',
      '堂哥',
      '堂姐',
      '堂弟',
      '堂妹',
      '侄子',
      '侄女',
      '外甥女',
      '外甥',
      '外婆',
      '外公',
      '奶奶',
      '爷爷',
      '姥姥',
      '姥爷',
      '孙子',
      '孙女',
      '儿媳妇',
      '儿媳',
      '女婿',
      '公公',
      '婆婆',
      '岳父',
      '岳母',
      '丈母娘',
      '嫂子',
      '姐夫',
      '妹夫',
      '弟媳',
      '舅',
      '姑',
      '姨',
      '叔',
      '婶',
      '伯',
    ],
    en: [
      'relative',
      'family',
      'cousin',
      'uncle',
      'aunt',
      'auntie',
      'grandma',
      'grandmother',
      'grandpa',
      'grandfather',
      'grandson',
      'granddaughter',
      'nephew',
      'niece',
      'in-law',
      'mother-in-law',
      'father-in-law',
      'son-in-law',
      'daughter-in-law',
      'brother-in-law',
      'sister-in-law',
    ],
  },
  friend: {
    zh: ['朋友', '好友', '同学', '室友', '舍友', '哥们', '闺蜜', '老乡', '发小', '死党'],
    en: ['friend', 'buddy', 'roommate', 'flatmate', 'classmate', 'pal', 'mate'],
  },
  colleague: {
    zh: ['同事', '老板', '领导', '上司', '员工', '下属', '经理', '主管', '工友', '雇主', '老细'],
    en: ['colleague', 'coworker', 'co-worker', 'boss', 'employer', 'manager', 'supervisor', 'employee'],
  },
  other: {
    zh: [
      '房东',
      '租客',
      '邻居',
      '前夫',
      '前妻',
      '前男友',
      '前女友',
      '前任',
      '保姆',
      '担保人',
      '紧急联系人',
      '联系人',
    ],
    en: [
      'landlord',
      'landlady',
      'tenant',
      'neighbor',
      'neighbour',
      'ex',
      'ex-wife',
      'ex-husband',
      'emergency contact',
      'reference',
      'guarantor',
      'caregiver',
    ],
  },
};

/** The writer's role when the named person is `role` to them (他是我儿子: the writer is the parent). */
const INVERSE: Record<ThirdPartyRole, ThirdPartyRole> = {
  spouse: 'spouse',
  parent: 'child',
  child: 'parent',
  sibling: 'sibling',
  relative: 'relative',
  friend: 'friend',
  colleague: 'colleague',
  other: 'other',
};

const ROLES = ThirdPartyRoleSchema.options;
const byLength = (a: string, b: string): number => b.length - a.length;
const ZH_WORDS = ROLES.flatMap((r) => ROLE_WORDS[r].zh).sort(byLength);
const EN_WORDS = ROLES.flatMap((r) => ROLE_WORDS[r].en).sort(byLength);
const ZH_ROLE = `(${ZH_WORDS.join('|')})`;
const EN_ROLE = `(${EN_WORDS.join('|')})s?\\b`;

function roleOf(word: string): ThirdPartyRole {
  return ROLES.find((r) => ROLE_WORDS[r].zh.includes(word) || ROLE_WORDS[r].en.includes(word)) ?? 'other';
}

/** Him, her: the debtor the message was about. */
const HIM = '(?:他|她|佢|ta|其|机主|借款人|欠款人|这个人)';
/** Common nouns that stand where a name would (我是孩子的妈 is a mother speaking of herself). */
const NOT_A_NAME = '(?!孩子|小孩|娃|家里|单亲|一个|个|两个|三个|公司|单位|工厂|学校|医院|这里|这边|店里)';

/** Patterns naming the tie from the debtor's side: the role is the writer's. */
const SELF = [
  new RegExp(`(?:我|我们|本人)(?:是|系|就是)${HIM}(?:的|嘅)?${ZH_ROLE}`),
  new RegExp(`(?:我|我们)(?:是|系)${NOT_A_NAME}\\p{Script=Han}{2,3}(?:的|嘅)${ZH_ROLE}`, 'u'),
  new RegExp(`(?:这|这边|这里|我这边)(?:是|系)${HIM}(?:的|嘅)?${ZH_ROLE}`),
  new RegExp(
    `\\b(?:i'?m|i am|im|this is|it'?s|here is) (?:his|her|their|the (?:borrower|debtor|account holder)'?s|(?!(?:that|what|there|let|he|she|it)'s)[a-z]+'s) ${EN_ROLE}`,
  ),
];

/** Patterns naming the tie from the writer's side: the role named is the debtor's, so invert it. */
const OTHER_SIDE = [
  new RegExp(`${HIM}(?:是|系)我(?:的|嘅)?${ZH_ROLE}`),
  new RegExp(`这(?:个)?(?:是|系)我(?:的|嘅)?${ZH_ROLE}(?:的|嘅)?(?:号码?|手机|电话)`),
  new RegExp(`我(?:来|可以|能|会|想)?(?:帮|替|代)我(?:的)?${ZH_ROLE}(?:还|付|交|缴|垫|出|俾|畀)`),
  new RegExp(`我(?:的)?${ZH_ROLE}(?:是|系)(?:你们的)?(?:客户|借款人|用户|欠款人|机主)`),
  new RegExp(`(?:你们?|请|去)(?:直接)?(?:找|联系|问|打给)我(?:的)?${ZH_ROLE}`),
  new RegExp(`\\b(?:he|she)(?:'s| is) my ${EN_ROLE}`),
  new RegExp(`\\b(?:this is|it'?s) my ${EN_ROLE}'?s? (?:phone|number|cell)`),
  new RegExp(`\\bmy ${EN_ROLE}'s (?:loan|debt|account|bill|balance)`),
  new RegExp(
    `\\bmy ${EN_ROLE} (?:is the (?:borrower|account holder|one)|took out (?:this|the|that) loan|borrowed)`,
  ),
  new RegExp(`\\bon behalf of my ${EN_ROLE}`),
  new RegExp(`\\b(?:texting|writing|replying|messaging|answering|responding|paying) for my ${EN_ROLE}`),
];
/** A debt of the writer's kin that the writer takes on (我儿子欠的钱我来还). */
const KIN_DEBT = new RegExp(
  `我(?:的)?${ZH_ROLE}(?:欠|借)(?:的|了)[^,、;。!?]{0,6}[,、 ]?我(?:来|帮(?:他|她)|替(?:他|她))(?:还|付|出)`,
);

/** Paying for the debtor with no tie named (我帮他还, "I can pay it for him"). */
const PAYS_FOR_HIM = [
  new RegExp(`我(?:来|可以|能|会|想)?(?:帮|替|代|给)${HIM}(?:还|付|交|缴|垫|出|俾|畀)`),
  /\b(?:pay|cover|settle|take care of)(?: it| this| the (?:debt|loan|balance|bill))? (?:for|on behalf of) (?:him|her|them)\b/,
  /\b(?:pay|cover|settle) (?:his|her|their) (?:debt|loan|bill|balance)/,
];

/** The writer says they are the debtor after all (这是我老婆的手机,我就是本人). */
const IS_THE_DEBTOR =
  /我(?:就)?是(?:本人|借款人|机主本人|欠款人)|本人(?:就是我|是我)|\bi'?m the (?:borrower|account holder)\b(?!'s)|\bthis is (?:him|her)self\b/;

/**
 * The writer's own family, named before a "his/her" (我妈住院了,我是她儿子): the pronoun is that
 * relative, so the writer is the debtor. Not when the relative is named with the debt itself
 * (我老公欠的钱,我是他老婆).
 */
const OWN_FAMILY_BEFORE = new RegExp(
  `(?:我|\\bmy )(?:的)?(?:${ZH_WORDS.join('|')}|(?:${EN_WORDS.join('|')})\\b)(?!.{0,3}(?:欠|借|的钱|的债|的账|'s (?:loan|debt)| owes| borrowed| took out))`,
);

const OFFER = [
  new RegExp(`(?:我|我们)(?:来|嚟|帮${HIM}|替${HIM}|代${HIM}?|给${HIM})(?:还|付|出|交|缴|俾|畀|垫)`),
  /(?:我|我们)(?:可以|能|会|愿意|想|打算)(?:先)?(?:帮(?:他|她|佢)|替(?:他|她|佢)|代(?:他|她)|给(?:他|她))?(?:先)?(?:还|付|出|交|缴|垫|俾|畀)(?!不|没|有|是|要|在|欠|剩|得起)/,
  new RegExp(`我(?:来|可以|能|会|想)?(?:先)?(?:帮|替|代)我(?:的)?${ZH_ROLE}(?:还|付|交|缴|垫|出|俾|畀)`),
  /\b(?:i|we) (?:can|could|will|would|want to|wanna|am going to|'m going to|'d like to|am able to|'ll)(?: help)? (?:pay|cover|settle|take care of|clear|handle)\b/,
  /\b(?:i'll|we'll) (?:pay|cover|settle|take care of|clear|handle)\b/,
  /\blet me (?:pay|cover|settle|take care of)\b/,
  /\bhow (?:do|can) i pay (?:for )?(?:his|her|it for)/,
];
const REFUSES = [
  /(?:我|我们)(?:也|才|可)?(?:不|不会|不想|不可能|不打算|唔会|唔)(?:会|想|要|能)?(?:帮|替|给|代)?(?:他|她|佢)?(?:还|付|出|俾)/,
  /凭什么(?:要)?(?:我|让我)|为什么要我/,
  /(?:别|不要|唔好)找我|(?:跟|和|与)我(?:没|无)(?:有)?关|没(?:钱|能力|办法)(?:帮|替)/,
  /\b(?:i|we) (?:can'?t|cannot|won'?t|will not|am not|'m not|refuse to|don'?t|do not)(?: going to)? (?:pay|paying|cover|covering|settle|be paying)\b/,
  /\bnot (?:my|our) (?:debt|problem|responsibility|loan)\b/,
];

/** Normalised text with phones' curly apostrophes (I’m) made straight, as the patterns spell them. */
const prepare = (text: string): string => normalize(String(text).slice(0, 2000)).replace(/[‘’]/g, "'");

/** Who is writing, when the message says it is someone on the debtor's side; else null. */
export function thirdPartyOf(text: string): ThirdParty | null {
  const t = prepare(text);
  if (IS_THE_DEBTOR.test(t)) return null;
  let role: ThirdPartyRole | null = null;
  for (const p of SELF) {
    const m = p.exec(t);
    if (m && !OWN_FAMILY_BEFORE.test(t.slice(0, m.index))) {
      role = roleOf(m[1]!);
      break;
    }
  }
  if (role === null) {
    for (const p of [...OTHER_SIDE, KIN_DEBT]) {
      const m = p.exec(t);
      if (m) {
        role = INVERSE[roleOf(m[1]!)];
        break;
      }
    }
  }
  const paysForHim = PAYS_FOR_HIM.some((p) => p.test(t));
  if (role === null && !paysForHim) return null;
  const offersToPay =
    !REFUSES.some((p) => p.test(t)) && (paysForHim || KIN_DEBT.test(t) || OFFER.some((p) => p.test(t)));
  return { role: role ?? 'other', offersToPay };
}

/** Earlier opt-outs the debtor mentions (之前退订了, "I opted out before"): history, not a request. */
const PAST_OPT_OUT = [
  /(?:之前|以前|上次|前面|刚才|早前|先前|上回|前几天|已经)(?:我)?(?:已经)?(?:(?:回复了?|回了?|发了?)(?:r|td|t|stop)(?![a-z])(?:退订)?|(?:回复了?)?(?:退订|拒收|取消订阅|说了?(?:不要|别)(?:再)?(?:发|联系)))(?:了|过|的|咗)?/g,
  /\bi (?:had |have |'ve |already )?(?:opted out|unsubscribed|texted stop|replied stop|said stop|sent stop|asked you to stop)(?: (?:before|earlier|previously|last time|already))?/g,
  /\b(?:opted out|unsubscribed) (?:before|earlier|previously)\b/g,
  /取消退订|\bunstop\b/g,
];
const RESUBSCRIBE = [
  /取消退订|重新订阅|恢复(?:联系|发送|短信|通知|订阅|接收)|重新(?:联系|发|接收|开通)/,
  /(?:可以|请|你们可以|麻烦)(?:再|重新)?(?:联系|联络|打给|发(?:短信|信息|消息)?给)我/,
  /^(?:start|unstop|resume|yes start)$/,
  /\b(?:you can|please|feel free to|ok to|okay to|you may) (?:contact|text|message|call|reach|email) me\b/,
  /\b(?:start|resume) (?:texting|messaging|sending|contacting)\b|\bcontact me again\b|\bopt (?:back )?in\b|\bresubscribe\b/,
];
const WANTS_TO_PAY_OR_TALK = [
  /(?<!不|没)想(?:要)?(?:还|还款|还钱|付|付款|结清|处理|协商|谈|聊|沟通|了解|分期|解决)/,
  /(?<!不)要(?:还款|还钱)|(?:准备|打算|决定)(?:好)?(?:还|付|处理|结清)|(?:可以|能)(?:还|付)(?:款|钱)?了|有钱(?:了)?/,
  /怎么还|如何还|还款方式|分期|方案|商量|谈谈|打给我|联系我/,
  /(?<!n't |not |never )\b(?:want|wanna|would like|'d like|ready|prepared) to (?:pay|talk|settle|make (?:a|the) payment|set up|discuss|work (?:this|it|something) out|resolve|sort (?:this|it) out|clear)/,
  /\b(?:can|could) (?:we|i) (?:talk|discuss|set up|work (?:this|it|something) out|make a payment|pay)\b/,
  /\bhow (?:do|can) i pay\b|\bpayment plan\b|\binstall?ments?\b|\bcall me\b|\bi can pay\b|\bi'?ll pay\b/,
];
const STILL_UNWILLING = [
  /(?:不想|不要|别|不会|不打算)(?:再)?(?:还|付|联系|谈|聊)/,
  /\b(?:don'?t|do not|won'?t|will not|not going to) (?:want to )?(?:pay|talk)\b/,
];

/**
 * Whether an opted-out debtor who writes again wants to pay or talk (之前退订了,现在想还款;
 * "you can contact me again"), so a person can pick the conversation up. A fresh opt-out, a
 * refusal or a bare greeting is no such wish.
 */
export function reopensAfterOptOut(text: string): boolean {
  const t = prepare(text);
  if (RESUBSCRIBE.some((p) => p.test(t))) return true;
  const rest = PAST_OPT_OUT.reduce((s, p) => s.replace(p, ' '), t).trim();
  const bare = rest.replace(/[\s!.,?。!?、;~…'"]+/g, '');
  if (OPT_OUT_WHOLE.test(bare) || OPT_OUT.test(rest)) return false;
  if (STILL_UNWILLING.some((p) => p.test(rest))) return false;
  return WANTS_TO_PAY_OR_TALK.some((p) => p.test(rest));
}
