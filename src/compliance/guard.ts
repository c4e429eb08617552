import { z } from 'zod';
import { ActSchema, DialogueLocaleSchema, type Act } from '../dialogue/types.ts';
import { normalize } from '../parse/normalize.ts';
import { MAX_SMS_CHARS, OPT_OUT_HINT_PATTERN } from '../messages/sms-parts.ts';
import {
  formatZoned,
  isQuiet,
  isTimeZone,
  localDate,
  nextLocalDayStart,
  parseHHMM,
  quietEndAfter,
  type QuietHours,
} from '../time/timezone.ts';

/**
 * The compliance guard: the one choke point every outbound SMS passes, whoever wrote it (the
 * bot's templates, a human agent). CONTRACTS §4 ("Every outbound SMS", "Dialogue") and
 * shared/DOMAIN.md, one named check per rule, each violation with a reason that names what it
 * found. Content violations block (the caller records the reason, the message is never sent);
 * timing violations defer to the first instant the timing rules allow, never drop.
 *
 * Pure and allocation-light: the lexicons are compiled once at load, time is passed in.
 */

export const GUARD_RULES = [
  'signature',
  'stray_brackets',
  'quiet_hours',
  'daily_cap',
  'opt_out_hint',
  'after_opt_out',
  'wrong_party_disclosure',
  'banned_lexicon',
  'template_debris',
  'max_length',
  'one_reply_per_inbound',
] as const;
export const GuardRuleSchema = z.enum(GUARD_RULES);
export type GuardRule = z.infer<typeof GuardRuleSchema>;

export { MAX_SMS_CHARS };

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time HH:MM (00:00 to 23:59)');

export const QuietHoursSchema = z.object({ start: clockTime, end: clockTime });

export const GuardInputSchema = z.object({
  text: z.string(),
  kind: z.enum(['reply', 'proactive']),
  acts: z.array(ActSchema),
  locale: DialogueLocaleSchema,
  /** The lender's name as it appears in the signature: 【安心贷】. */
  lender: z.string().min(1),
  /** The debtor's IANA time zone. */
  timezone: z.string().refine(isTimeZone, 'not an IANA time zone'),
  quietHours: QuietHoursSchema,
  maxProactivePerDay: z.number().int().min(0),
  /** Epoch ms at which the message would be sent. */
  now: z.number().int(),
  /** The debtor opted out (any channel, any wording). */
  optedOut: z.boolean(),
  /** The one opt-out confirmation was already sent or is scheduled. */
  optOutConfirmationSent: z.boolean(),
  /** The number reaches someone who is not the debtor. */
  wrongParty: z.boolean(),
  /**
   * Epoch ms of the proactive messages already sent or scheduled for this debtor, not counting
   * the one being checked. Scheduled ones count for their own local day, even after `now`.
   */
  proactiveSentAt: z.array(z.number().int()),
  /** Replies already sent (or scheduled) for the inbound SMS this message answers. */
  repliesToThisInbound: z.number().int().min(0),
});
export type GuardInput = z.infer<typeof GuardInputSchema>;

export const GuardViolationSchema = z.object({ rule: GuardRuleSchema, reason: z.string() });
export type GuardViolation = z.infer<typeof GuardViolationSchema>;

export const GuardVerdictSchema = z.object({
  action: z.enum(['send', 'defer', 'block']),
  /** With `defer`: the epoch ms at which every timing rule is met. */
  until: z.number().int().optional(),
  violations: z.array(GuardViolationSchema),
});
export type GuardVerdict = z.infer<typeof GuardVerdictSchema>;

// ---------------------------------------------------------------------------------------------
// Lexicons. Matched on normalised text (NFKC full-width → half-width, traditional → simplified,
// lower case, diacritics and invisible characters removed). Chinese entries match as substrings
// (so 死 also catches 找死 and 去死); English entries match as whole words, with an optional
// s/es/ed/d/ing ending, so "court" never fires inside "courtesy" nor "son" inside "person".
//
// Both languages are checked whatever the conversation's locale: a reply may mix them.
// ---------------------------------------------------------------------------------------------

export interface Lexicon {
  zh: readonly string[];
  en: readonly string[];
}

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
      '后果自负',
      '走着瞧',
      '等着瞧',
      '别怪我们',
      '别怪我',
      '别逼我',
      '找上门',
      '上门',
      '登门',
      '家访',
      '起诉',
      '诉讼',
      '律师函',
      '法律措施',
      '法律行动',
      '法律手段',
      '法律程序',
      '收拾你',
      '让你好看',
      '给你好看',
      '对你不客气',
      '你等着',
      '你会后悔',
      '最后通牒',
      '打你',
      '暴力',
    ],
    en: [
      'or else',
      "you'll regret",
      'you will regret',
      'regret it',
      'watch your back',
      'we know where you live',
      'last warning',
      'final warning',
      'legal action',
      'legal proceedings',
      'lawsuit',
      'sue you',
      'we will sue',
      'sued',
      'suing',
      'litigation',
      'home visit',
      'visit you',
      'come to your home',
      'at your door',
      'show up at',
      'hurt you',
    ],
  },
  insult: {
    zh: [
      '骗子',
      '老赖',
      '穷鬼',
      '废物',
      '垃圾',
      '无赖',
      '死',
      '滚',
      '混蛋',
      '王八蛋',
      '傻逼',
      '傻b',
      '人渣',
      '畜生',
      '不要脸',
      '赖皮',
      '赖账',
      '蠢',
      '贱',
      '狗东西',
      '白眼狼',
      '败类',
      '脑残',
      '神经病',
      '丢人',
      '骗钱',
    ],
    en: [
      'scum',
      'scumbag',
      'deadbeat',
      'loser',
      'idiot',
      'liar',
      'fraud',
      'fraudster',
      'scammer',
      'cheat',
      'thief',
      'thieves',
      'stupid',
      'moron',
      'worthless',
      'pathetic',
      'trash',
      'bum',
      'dumb',
      'jerk',
      'bastard',
      'bitch',
      'shit',
      'fuck',
      'asshole',
      'die',
    ],
  },
  family: {
    zh: [
      '家人',
      '家里人',
      '家里',
      '家属',
      '亲人',
      '亲友',
      '亲戚',
      '父母',
      '妈',
      '爸',
      '老婆',
      '老公',
      '丈夫',
      '妻子',
      '配偶',
      '爱人',
      '孩子',
      '儿子',
      '女儿',
      '子女',
      '兄弟',
      '姐妹',
      '哥哥',
      '姐姐',
      '弟弟',
      '妹妹',
      '爷爷',
      '奶奶',
      '外公',
      '外婆',
      '岳父',
      '岳母',
      '公婆',
    ],
    en: [
      'family',
      'families',
      'relatives',
      'spouse',
      'wife',
      'wives',
      'husband',
      'parent',
      'children',
      'child',
      'kid',
      'mother',
      'father',
      'mom',
      'mum',
      'dad',
      'son',
      'daughter',
      'brother',
      'sister',
      'sibling',
      'grandparent',
      'grandmother',
      'grandfather',
      'in-laws',
    ],
  },
  contacts: {
    zh: ['通讯录', '联系人', '紧急联系人', '联络人', '朋友', '好友', '熟人', '邻居', '室友', '同学', '亲朋'],
    en: [
      'contacts',
      'contact list',
      'emergency contact',
      'friend',
      'references',
      'neighbor',
      'neighbour',
      'roommate',
      'acquaintance',
    ],
  },
  employer: {
    zh: ['单位', '公司领导', '领导', '同事', '老板', '上司', '人事部', '老总', '主管', '雇主'],
    en: [
      'employer',
      'boss',
      'bosses',
      'coworker',
      'co-worker',
      'colleague',
      'workplace',
      'supervisor',
      'human resources',
      'hr department',
      'your job',
    ],
  },
  police_jail: {
    zh: [
      '公安',
      '警察',
      '警方',
      '报警',
      '派出所',
      '坐牢',
      '拘留',
      '刑拘',
      '看守所',
      '判刑',
      '刑事',
      '监狱',
      '入狱',
      '逮捕',
      '抓你',
      '立案',
      '犯罪',
      '诈骗罪',
    ],
    en: [
      'police',
      'jail',
      'arrest',
      'prison',
      'criminal',
      'crime',
      'cops',
      'handcuffs',
      'detained',
      'detention',
      'law enforcement',
    ],
  },
  exposure: {
    zh: ['曝光', '公开', '朋友圈', '公示', '黑名单', '大字报', '张贴', '示众', '微信群'],
    en: ['expose', 'shame', 'shaming', 'publish', 'publicly', 'publicize', 'social media', 'blacklist'],
  },
  court_government: {
    zh: [
      '法院',
      '法庭',
      '法官',
      '传票',
      '执行局',
      '执行庭',
      '强制执行',
      '被执行人',
      '判决',
      '检察院',
      '公检法',
      '司法',
      '政府',
    ],
    en: [
      'court',
      'subpoena',
      'warrant',
      'government',
      'sheriff',
      'judgment',
      'judgement',
      'garnish',
      'garnishment',
      'seize',
      'seizure',
    ],
  },
} as const satisfies Record<string, Lexicon>;
export type BannedCategory = keyof typeof BANNED_LEXICON;

/**
 * Words that tell a third party there is a debt (CONTRACTS §4 Dialogue: wrong_party). Stricter
 * than the contract's list: 欠 alone also catches 欠钱/拖欠, 债 catches 债务/欠债.
 */
export const DISCLOSURE_LEXICON = {
  zh: [
    '欠',
    '债',
    '逾期',
    '贷款',
    '借款',
    '还款',
    '还钱',
    '借钱',
    '催收',
    '账单',
    '分期',
    '征信',
    '罚息',
    '本金',
    '利息',
    '金额',
    '结清',
    '未还',
    '应还',
    '待还',
  ],
  en: [
    'debt',
    'loan',
    'owe',
    'owing',
    'payment',
    'repay',
    'repayment',
    'pay back',
    'overdue',
    'past due',
    'balance',
    'collection',
    'collector',
    'installment',
    'instalment',
    'credit report',
    'arrears',
    'delinquent',
    'amount',
    'amount due',
  ],
} as const satisfies Lexicon;

/** Rendering left-overs; checked on the raw text (case matters for NaN and Infinity). */
const DEBRIS: readonly { label: string; re: RegExp }[] = [
  { label: 'undefined', re: /(?<![A-Za-z0-9_])undefined(?![A-Za-z0-9_])/i },
  { label: 'null', re: /(?<![A-Za-z0-9_])null(?![A-Za-z0-9_])/i },
  { label: 'NaN', re: /(?<![A-Za-z0-9_])NaN(?![A-Za-z0-9_])/ },
  { label: 'Infinity', re: /(?<![A-Za-z0-9_])-?Infinity(?![A-Za-z0-9_])/ },
  { label: '[object', re: /\[object/i },
  { label: '{{', re: /\{\{/ },
  { label: '}}', re: /\}\}/ },
  { label: '${', re: /\$\{/ },
  { label: '%s', re: /%s/ },
  { label: '%d', re: /%d/ },
  { label: 'U+FFFD (undecodable character)', re: /\uFFFD/ },
];
const DEBRIS_ANY = /undefined|null|nan|infinity|\[object|\{\{|\}\}|\$\{|%[sd]|\uFFFD/i;
/** Unfilled placeholders (the seeds' XXX元, [发送日期], {name}); checked with the lender's name removed. */
const PLACEHOLDERS: readonly { label: string; re: RegExp }[] = [
  { label: 'placeholder XX…', re: /(?<![A-Za-z])X{2,}(?![A-Za-z])/ },
  { label: 'placeholder {…}', re: /\{\s*[A-Za-z_][\w.]*\s*\}/ },
  { label: 'placeholder […]', re: /\[[^[\]\n]{1,40}\]/ },
];

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Finds every listed word of every category in a folded text, in one pass per language:
 * Chinese through an index on each word's first character, English through one regex with a
 * capturing group per category (whole words; a space in a phrase matches any run of spaces).
 */
class LexiconMatcher<C extends string> {
  private readonly categories: readonly C[];
  private readonly zhByFirst = new Map<string, { word: string; category: C }[]>();
  /** 1 at the UTF-16 code of each Chinese word's first character: most characters start none. */
  private readonly zhFirst = new Uint8Array(0x10000);
  private readonly en: RegExp;

  constructor(lexicons: Readonly<Record<C, Lexicon>>) {
    this.categories = Object.keys(lexicons) as C[];
    for (const category of this.categories) {
      for (const word of lexicons[category].zh) {
        const list = this.zhByFirst.get(word[0]!) ?? [];
        list.push({ word, category });
        this.zhByFirst.set(word[0]!, list);
        this.zhFirst[word.charCodeAt(0)] = 1;
      }
    }
    const groups = this.categories.map((c) => {
      const alts = [...lexicons[c].en]
        .sort((a, b) => b.length - a.length)
        .map((w) => escapeRe(w).replace(/ /g, '\\s+'));
      return `(${alts.join('|')})`;
    });
    this.en = new RegExp(`(?<![a-z0-9])(?:${groups.join('|')})(?:s|es|ed|d|ing)?(?![a-z0-9])`, 'g');
  }

  /** Category → the distinct words found, in the order found; categories without a hit are absent. */
  find(text: string): Map<C, string[]> {
    const found = new Map<C, string[]>();
    const add = (category: C, word: string): void => {
      const list = found.get(category);
      if (list === undefined) found.set(category, [word]);
      else if (!list.includes(word)) list.push(word);
    };
    for (let i = 0; i < text.length; i++) {
      if (this.zhFirst[text.charCodeAt(i)] === 0) continue;
      const candidates = this.zhByFirst.get(text[i]!);
      if (candidates === undefined) continue;
      for (const { word, category } of candidates) if (text.startsWith(word, i)) add(category, word);
    }
    if (HAS_LATIN.test(text)) {
      for (const m of text.matchAll(this.en)) {
        const g = m.findIndex((v, k) => k > 0 && v !== undefined);
        add(this.categories[g - 1]!, m[0]);
      }
    }
    return found;
  }
}
const HAS_LATIN = /[a-z]/;

const BANNED = new LexiconMatcher<BannedCategory>(BANNED_LEXICON);
const BANNED_CATEGORIES = Object.keys(BANNED_LEXICON) as BannedCategory[];
const DISCLOSURE = new LexiconMatcher<'disclosure'>({ disclosure: DISCLOSURE_LEXICON });

/** Figures with a currency, money-formatted figures, Chinese numerals with 元/块. */
const AMOUNTS: readonly RegExp[] = [
  /(?:[¥$€£]|(?<![a-z])(?:rmb|cny|usd|us\$))\s*\d/g,
  /\d[\d,.]*\s*(?:元|块|圆|万|千|角|分钱|(?:rmb|cny|usd|dollars?|bucks?|cents?)(?![a-z]))/g,
  /[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]+\s*(?:元|块)/g,
  /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d{2}(?!\d)/g,
];

/** What an opt-out confirmation may carry besides opt_out_confirm. */
const CONFIRMATION_COMPANIONS: ReadonlySet<Act> = new Set<Act>(['opt_out_confirm', 'ack', 'apology']);

// ---------------------------------------------------------------------------------------------

// Zero-width characters and the soft hyphen would split a word; they are dropped, not spaced.
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
const NEEDS_FOLD = /[^\u0020-\u007E\u3000-\u303F\u3400-\u9FFF\uFF00-\uFFEF]/;

// 著 is simplified too (显著), so normalize() keeps it; Taiwan writes 走著瞧 for 走着瞧.
const ZHE = /著/g;

/** The text as the lexicons see it. */
export function foldForMatching(text: string): string {
  const s = normalize(text.replace(INVISIBLE, '')).replace(ZHE, '着');
  return NEEDS_FOLD.test(s)
    ? s
        .normalize('NFD')
        .replace(/\p{M}+/gu, '')
        .normalize('NFC')
    : s;
}

const codePoints = (s: string): number => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
};

const quote = (s: string, max = 24): string =>
  JSON.stringify([...s].length > max ? `${[...s].slice(0, max).join('')}…` : s);

function matches(re: RegExp, text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(re)) found.add(m[0]);
  return [...found];
}

interface LenderForms {
  folded: string;
  named: RegExp;
}
const lenders = new Map<string, LenderForms>();
function lenderForms(lender: string): LenderForms {
  let f = lenders.get(lender);
  if (f === undefined) {
    if (lenders.size >= 1000) lenders.clear();
    const folded = foldForMatching(lender);
    f = { folded, named: new RegExp(`(?<![a-z0-9])${escapeRe(folded)}(?![a-z0-9])`) };
    lenders.set(lender, f);
  }
  return f;
}

/** Lender names can hold a listed word ("Family Credit Union"); they are configuration, not message. */
function withoutLender(folded: string, lender: string): string {
  const l = lenderForms(lender).folded;
  return l === '' ? folded : folded.split(l).join('|');
}

const namesLender = (folded: string, lender: string): boolean => {
  const f = lenderForms(lender);
  return f.folded !== '' && f.named.test(folded);
};

// --- content rules ---------------------------------------------------------------------------

type Check = (input: GuardInput, folded: string) => string | null;

const signature: Check = ({ text, locale, lender }, folded) => {
  if (locale === 'zh-CN') {
    return text.startsWith(`【${lender}】`)
      ? null
      : `a Chinese SMS must open with the signature 【${lender}】; this one opens with ${quote(text, 12)}`;
  }
  return namesLender(folded, lender) ? null : `an English SMS must name the lender ${JSON.stringify(lender)}`;
};

const strayBrackets: Check = ({ text, lender }) => {
  const sig = `【${lender}】`;
  const body = text.startsWith(sig) ? text.slice(sig.length) : text;
  const i = body.search(/[【】]/);
  if (i < 0) return null;
  const at = text.length - body.length + i;
  return `【】 belong to the opening signature only; found ${JSON.stringify(text[at])} at character ${at + 1}: ${quote(text.slice(Math.max(0, at - 6), at + 8), 14)}`;
};

const optOutHint: Check = ({ kind, locale }, folded) => {
  if (kind !== 'proactive') return null;
  if (OPT_OUT_HINT_PATTERN[locale].test(folded)) return null;
  return locale === 'zh-CN'
    ? 'a proactive SMS must carry the opt-out instruction 回复R拒收'
    : 'a proactive SMS must carry the opt-out instruction "Reply STOP"';
};

const afterOptOut: Check = ({ optedOut, optOutConfirmationSent, acts }) => {
  if (!optedOut) return null;
  if (!acts.includes('opt_out_confirm')) {
    return `the debtor opted out: nothing but the one opt-out confirmation may be sent (acts: ${acts.join(', ') || 'none'})`;
  }
  if (optOutConfirmationSent) return 'the debtor opted out and the one opt-out confirmation was already sent';
  const extra = acts.filter((a) => !CONFIRMATION_COMPANIONS.has(a));
  return extra.length > 0
    ? `an opt-out confirmation carries nothing else (also has: ${extra.join(', ')})`
    : null;
};

// The lender's own name is exempt: the signature is mandatory, so a brand such as 安心贷款 or
// QuickLoans cannot be left out of an apology to a wrong party; the rest of the text can.
const wrongPartyDisclosure: Check = ({ wrongParty, lender }, folded) => {
  if (!wrongParty) return null;
  const body = withoutLender(folded, lender);
  const words = DISCLOSURE.find(body).get('disclosure') ?? [];
  const amounts = AMOUNTS.flatMap((re) => matches(re, body));
  if (words.length === 0 && amounts.length === 0) return null;
  const found = [
    ...words.map((w) => JSON.stringify(w)),
    ...amounts.map((a) => `amount ${JSON.stringify(a.trim())}`),
  ];
  return `the recipient is not the debtor: an SMS to a wrong party never mentions a debt; found ${found.join(', ')}`;
};

const bannedLexicon: Check = ({ lender }, folded) => {
  const found = BANNED.find(withoutLender(folded, lender));
  if (found.size === 0) return null;
  const parts: string[] = [];
  for (const category of BANNED_CATEGORIES) {
    const words = found.get(category);
    if (words !== undefined)
      parts.push(`${category.replace('_', '/')} ${words.map((w) => JSON.stringify(w)).join(', ')}`);
  }
  return `banned words (${parts.join('; ')})`;
};

const templateDebris: Check = ({ text, lender }) => {
  const found = DEBRIS_ANY.test(text) ? DEBRIS.filter((d) => d.re.test(text)).map((d) => d.label) : [];
  const body = text.split(lender).join('|');
  for (const p of PLACEHOLDERS) {
    const m = p.re.exec(body);
    if (m) found.push(`${p.label} (${JSON.stringify(m[0])})`);
  }
  return found.length > 0 ? `template debris: ${found.join(', ')}` : null;
};

const maxLength: Check = ({ text }) => {
  const n = codePoints(text);
  return n > MAX_SMS_CHARS ? `${n} characters, more than ${MAX_SMS_CHARS}` : null;
};

const oneReplyPerInbound: Check = ({ kind, repliesToThisInbound }) =>
  kind === 'reply' && repliesToThisInbound >= 1
    ? `the inbound SMS this answers already has ${repliesToThisInbound} repl${repliesToThisInbound === 1 ? 'y' : 'ies'}`
    : null;

// --- timing rules ----------------------------------------------------------------------------

/** Proactive messages per local date. */
function countsByLocalDay(sentAt: readonly number[], tz: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of sentAt) {
    const d = localDate(t, tz);
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  return counts;
}

interface Timing {
  until: number;
  violations: GuardViolation[];
  block: boolean;
}

function timing(input: GuardInput): Timing {
  const { now, timezone: tz, quietHours, kind } = input;
  const violations: GuardViolation[] = [];
  const qh: QuietHours = quietHours;
  const quiet = isQuiet(now, tz, qh);
  let until = quietEndAfter(now, tz, qh);

  if (kind === 'proactive') {
    const cap = input.maxProactivePerDay;
    if (cap <= 0) {
      violations.push({
        rule: 'daily_cap',
        reason: 'maxProactivePerDay is 0: no proactive message may be sent',
      });
      if (quiet) violations.push({ rule: 'quiet_hours', reason: quietReason(input, until) });
      return { until, violations, block: true };
    }
    const counts = countsByLocalDay(input.proactiveSentAt, tz);
    const full: string[] = [];
    // Each pass skips a full local day, so this ends within (number of full days + 1) passes.
    for (let i = 0; i <= counts.size + 1; i++) {
      const day = localDate(until, tz);
      const n = counts.get(day) ?? 0;
      if (n < cap) break;
      full.push(`${day} (${n})`);
      until = nextLocalDayStart(until, tz, qh);
    }
    if (full.length > 0) {
      violations.push({
        rule: 'daily_cap',
        reason: `at most ${cap} proactive message${cap === 1 ? '' : 's'} per local day; already sent or scheduled on ${full.join(', ')}; deferred to ${formatZoned(until, tz)}`,
      });
    }
  }
  if (quiet) violations.unshift({ rule: 'quiet_hours', reason: quietReason(input, until) });
  return { until, violations, block: false };
}

function quietReason({ now, timezone: tz, quietHours }: GuardInput, until: number): string {
  return `due at ${formatZoned(now, tz)} (${tz}), inside quiet hours ${quietHours.start}–${quietHours.end}; deferred to ${formatZoned(until, tz)}`;
}

// --- the guard -------------------------------------------------------------------------------

/**
 * Decide whether `input.text` may go out at `input.now`. Every violation is listed, in
 * GUARD_RULES order. `block` when any content rule fails (or the daily cap is 0); else `defer`
 * with `until` when a timing rule fails (re-checked at `until` with the same history, the timing
 * rules pass); else `send`.
 *
 * The input is trusted to match GuardInputSchema (parse it at the boundary); an unknown time
 * zone or a malformed quiet-hours time throws a RangeError.
 */
export function guard(input: GuardInput): GuardVerdict {
  parseHHMM(input.quietHours.start);
  parseHHMM(input.quietHours.end);
  const folded = foldForMatching(input.text);
  const content: [GuardRule, string | null][] = [
    ['signature', signature(input, folded)],
    ['stray_brackets', strayBrackets(input, folded)],
    ['opt_out_hint', optOutHint(input, folded)],
    ['after_opt_out', afterOptOut(input, folded)],
    ['wrong_party_disclosure', wrongPartyDisclosure(input, folded)],
    ['banned_lexicon', bannedLexicon(input, folded)],
    ['template_debris', templateDebris(input, folded)],
    ['max_length', maxLength(input, folded)],
    ['one_reply_per_inbound', oneReplyPerInbound(input, folded)],
  ];
  const t = timing(input);
  const violations: GuardViolation[] = [
    ...content.flatMap(([rule, reason]) => (reason === null ? [] : [{ rule, reason }])),
    ...t.violations,
  ].sort((a, b) => GUARD_RULES.indexOf(a.rule) - GUARD_RULES.indexOf(b.rule));

  const blocked = t.block || violations.some((v) => v.rule !== 'quiet_hours' && v.rule !== 'daily_cap');
  if (blocked) return { action: 'block', violations };
  if (t.until !== input.now) return { action: 'defer', until: t.until, violations };
  return { action: 'send', violations };
}

/** The rules whose violation defers rather than blocks. */
export const TIMING_RULES: readonly GuardRule[] = ['quiet_hours', 'daily_cap'];
