import type { Option } from '../planning/planner.ts';
import { MAX_ANALYSED_CHARS } from './index.ts';
import { normalize } from './normalize.ts';
import { findMentions, minorOrNull, type Mention, type MentionKind } from './option-mentions.ts';
import type { Locale } from './schema.ts';

/**
 * Which of the options on the table a debtor's message agrees to (CONTRACTS §8 "Choosing").
 * Any name of one option (letter, position, count, amount; Simplified, Traditional, Cantonese
 * or English), also beside another option turned down (A太多了B还行, not A, the 6-month one),
 * agrees to exactly that option. A bare yes agrees to the only option, and with several it is
 * ambiguous: the bot asks which rather than guess. Pure and deterministic.
 */

export type ChosenBy = MentionKind | 'only_option';

export type OptionChoice =
  | { kind: 'chosen'; option: Option; by: ChosenBy }
  /** Several options fit what was said (好的 with three on the table, A或B都行). */
  | { kind: 'ambiguous' }
  /** Options turned down without another one named (A太多了, not A). */
  | { kind: 'rejected'; optionIds: string[] }
  | { kind: 'none' };

// Cantonese forms onto the Mandarin ones the lexicons below use (after normalize's
// traditional→simplified, which writes 嗰 as 𠮶 and 揀 as 拣), and a few phrasings onto one form.
const ONE_FORM: [RegExp, string][] = [
  [/[’‘`]/g, "'"],
  [/唔该/g, '谢谢'],
  // 得唔得 / 行不行: "is it OK?", a question rather than a refusal.
  [/(得|行|好|可以)(?:唔|不)\1|可不可以/g, '$1吗'],
  [/唔得/g, '不行'],
  [/唔(?:使|洗)/g, '不用'],
  [/唔(?=[\u4e00-\u9fff])/g, '不'],
  [/嗰|\u{20BB6}/gu, '那'],
  [/呢(?=个|种|款|套|条)/g, '这'],
  [/拣/g, '选'],
  [/嘅/g, '的'],
  [/咗/g, '了'],
  [/系咁/g, '就这样'],
  [/佢/g, '它'],
  // "not too much" is praise: it must not read as 太多.
  [/不(?:太|算|是很|很|怎么|会太|算太)?(?:多|贵|高|难|长|久|紧)|不错/g, '还行'],
  [/\bnot (?:too|that|so) (?:bad|much|high|expensive|long)\b|\bnot bad\b/g, 'not bad'],
];

function prepare(text: string): string {
  let s = normalize(String(text).slice(0, MAX_ANALYSED_CHARS));
  for (const [re, to] of ONE_FORM) s = s.replace(re, to);
  return s;
}

const EN = (words: string) => `(?<![a-z])(?:${words})(?![a-z'])`;

/** Between two names, joins them: what is said of one is said of both. */
const CONJUNCTION = new RegExp(`^\\s*(?:${EN('and|or|nor')}|&|/|和|跟|与|以及|还有|或|或者)\\s*$`);

/** Clause breaks; a decimal point or 1、200 (a normalised Chinese comma) inside a figure is none. */
const BREAK = new RegExp(
  `[,;。!?…\\n]|(?<!\\d)[.、]|[.、](?!\\d)|(?<!\\b(?:anything|everything|all|any))\\s+but\\s+|但是|不过|可是|而是`,
  'g',
);

const NEG_WORDS = `(?<!要)不要|不选|不想要|不想选|不想|不用|别选|别要|别|不考虑|不是|${EN(
  "not|no|don't want|dont want|do not want|don't like|rather not|never|neither|nor|no to|can't do|cannot do|can't afford|cannot afford|won't take|instead of|rather than",
)}`;
/** "anything but A", 除了A: turns A down and says yes to the rest. */
const EXCEPT_WORDS = `除了|${EN('anything but|anything except|anything other than|everything but|all but|any but|except(?: for)?|other than')}`;
const NEG_FILLERS = `\\s*(?:${EN('the|do|take|choose|pick|want|go with|with|option|plan|choice|that')}|选|要|那个|这个|方案|选项|用|是)`;
const NEG_BEFORE = new RegExp(`(?:${EXCEPT_WORDS}|${NEG_WORDS})(?:${NEG_FILLERS})*\\s*$`);
const EXCEPT_BEFORE = new RegExp(`(?:${EXCEPT_WORDS})(?:${NEG_FILLERS})*\\s*$`);

/** Said after an option, it turns that option down. */
const NEG_AFTER_SOURCE = `太(?:多|高|贵|大|长|久|难|紧|少|慢)|不行|不可以|不好|不要|不合适|不适合|不考虑|不想|算了|还不起|付不起|拿不出|负担不起|承担不起|做不到|办不到|吃不消|受不了|没法|没办法|不同意|不接受|接受不了|有点(?:多|贵|高)|压力(?:太)?大|吃力|${EN(
  "too (?:much|high|expensive|long|steep|big|many|hard|tight|little|slow)|way too|doesn't work|does not work|won't work|wouldn't work|not work|isn't|is not|not for me|no good|no way|nope|can't|cannot|can not|not possible|impossible|not gonna|not going to|out of the question|pass|is a lot|a lot|no thanks",
)}`;
const NEG_AFTER = new RegExp(NEG_AFTER_SOURCE);
/** A clause with no option in it that turns the previous clause's option down: "A, 太多了". */
const LEADING_NEG = new RegExp(
  `^\\s*(?:每月|每个月|感觉|觉得|我觉得|那个|这个|的话|就是|还是|${EN("it's|that's|it is|that is|is|but|though")})?\\s*(?:${NEG_AFTER_SOURCE})`,
);
/** Every option turned down: 都不行, 三个都太多, none of them. */
const ALL_REJECT = new RegExp(
  `(?:都|全都|全部|哪个都|一个都|两个都|三个都)(?:不行|不要|不可以|不合适|不适合|不好|不考虑|不满意|还不起|付不起|接受不了|太(?:多|高|贵|长))|${EN(
    'none of (?:them|these|those|the (?:options|plans))|not any of them|no to (?:all|both)|(?:all|both) (?:of them )?(?:are )?too (?:much|high|expensive|long)',
  )}|${EN('neither')}(?: one| of them| of those)?(?=\\s*(?:$|[,.;!?]|is\\b|works\\b))`,
  'g',
);

/** "The others" right before an all-reject: 其他都不行, 别的两个都太贵, the others are all too much. */
const OTHERS_BEFORE = new RegExp(
  `(?:其他|其它|别的|另外|剩下|其余)(?:的|嘅)?\\s*$|${EN('the others?|the other ones|the rest|others')}(?: of them)?(?: are| is)?\\s*$`,
);

/** Words that, with the turned-down options blanked out, say yes to what is left. */
const AFFIRM = new RegExp(
  `可以|行|好|得|要|选|${EN('ok|okay|fine|works?|please|pls|take|go with|sure|yes')}`,
);
/** "The other one": yes to whatever is left. */
const AFFIRM_REST = new RegExp(
  `另一个|另外|其他|其它|别的|剩下|${EN('the other|other one|else|the rest|remaining|anything')}`,
);

const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const wordsAt = (list: string[]) =>
  new RegExp(
    [...list]
      .sort((a, b) => b.length - a.length)
      .map(escape)
      .join('|'),
    'uy',
  );

const YES = wordsAt(
  (
    '好的 好吧 好啊 好呀 好哒 好滴 好嘞 好 行吧 行的 行啊 行 可以 可 得啦 得嘞 得 嗯嗯 嗯 恩 系 没问题 没事 同意 接受 成交 ' +
    '就这样 就这么办 就这么定了 定了 这个 那个 就它 它 都行 都可以 随便 无所谓 没所谓 中 妥 👌 👍 ' +
    'ok okay okk k yes yeah yep yup ya sure deal fine agreed agree accept accepted alright perfect great good cool either whichever works'
  )
    .split(' ')
    .concat([
      'all right',
      'sounds good',
      'sounds great',
      'sounds fine',
      'that works',
      'works for me',
      'that one',
      'this one',
      'either one',
      "let's do it",
      'do it',
      'go ahead',
      'any of them',
    ]),
);
const NO = wordsAt(
  '不行 不要 不可以 不好 不了 算了 不用了 不用 不同意 不接受 不考虑 没法 不合适 no nope nah pass'
    .split(' ')
    .concat(['no thanks', 'not really', 'no way', 'not interested', "i can't", "can't"]),
);
const FILLERS = wordsAt(
  (
    '吧 啊 呀 了 啦 嘞 喇 咯 啰 晒 哈 的 呢 嘛 哦 噢 喔 唔 就 那就 那 这 谢谢 多谢 谢了 辛苦了 麻烦了 方案 我 选 要 ' +
    "thanks thx ty please pls plz then just is it that this one i'll i we me so lets let's will oh well hmm um take with for"
  )
    .split(' ')
    .concat(['thank you', 'i will', 'go with', 'for me']),
);

/** The whole message is words from `words` (at least one) and `FILLERS`: 好的谢谢, ok thanks. */
function onlySays(s: string, words: RegExp): boolean {
  let i = 0;
  let seen = false;
  const wordAt = (re: RegExp): number => {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) return 0;
    const end = i + m[0].length;
    return /[a-z]$/.test(m[0]) && /[a-z']/.test(s[end] ?? '') ? 0 : m[0].length;
  };
  while (i < s.length) {
    let n = wordAt(words);
    if (n > 0) {
      seen = true;
      i += n;
      continue;
    }
    if ((n = wordAt(FILLERS)) > 0) {
      i += n;
      continue;
    }
    const ch = String.fromCodePoint(s.codePointAt(i)!);
    if (!/[\s\p{P}\p{S}]/u.test(ch)) return false;
    i += ch.length;
  }
  return seen;
}

interface Read {
  mention: Mention;
  negative: boolean;
  /** Turned down by "anything but" / 除了: the rest are fine. */
  except: boolean;
}

/** Whether each name is taken or turned down, from the words around it in its clause. */
function readPolarity(s: string, mentions: Mention[]): { reads: Read[]; allRejected: boolean } {
  const inside = (i: number) => mentions.some((m) => i >= m.start && i < m.end);
  const ranges: [number, number][] = [];
  let from = 0;
  BREAK.lastIndex = 0;
  for (let b = BREAK.exec(s); b !== null; b = BREAK.exec(s)) {
    if (inside(b.index)) continue;
    ranges.push([from, b.index]);
    from = b.index + b[0].length;
  }
  ranges.push([from, s.length]);

  const reads: Read[] = [];
  let previous: Read | undefined;
  for (const [a, b] of ranges) {
    const here = mentions.filter((m) => m.start >= a && m.end <= b);
    if (here.length === 0) {
      // "A, 太多了": the option is in the clause before.
      if (previous && LEADING_NEG.test(s.slice(a, b))) previous.negative = true;
      previous = undefined;
      continue;
    }
    const own: { before: string; after: string; joined: boolean }[] = [];
    let before = s.slice(a, here[0]!.start);
    here.forEach((m, k) => {
      const next = here[k + 1];
      let after = s.slice(m.end, next ? next.start : b);
      let nextBefore = '';
      const joined = next !== undefined && CONJUNCTION.test(after);
      if (next && !joined) {
        // Between two names, a trailing 不要 / not belongs to the second, the rest to the first.
        const tail = NEG_BEFORE.exec(after.slice(-48));
        if (tail) {
          nextBefore = tail[0];
          after = after.slice(0, after.length - tail[0].length);
        }
      }
      own.push({ before: before.slice(-48), after: joined ? '' : after, joined });
      before = nextBefore;
    });
    // "不要A和B" turns both down, and so does "A and B are too much".
    const local = here.map((m, k) => ({
      mention: m,
      negBefore: NEG_BEFORE.test(own[k]!.before),
      except: EXCEPT_BEFORE.test(own[k]!.before),
      negAfter: NEG_AFTER.test(own[k]!.after),
    }));
    for (let k = 1; k < local.length; k++) {
      if (!own[k - 1]!.joined) continue;
      local[k]!.negBefore ||= local[k - 1]!.negBefore;
      local[k]!.except ||= local[k - 1]!.except;
    }
    for (let k = local.length - 2; k >= 0; k--)
      if (own[k]!.joined) local[k]!.negAfter ||= local[k + 1]!.negAfter;
    for (const r of local)
      reads.push({ mention: r.mention, negative: r.except || r.negBefore || r.negAfter, except: r.except });
    previous = reads[reads.length - 1];
  }

  let allRejected = false;
  ALL_REJECT.lastIndex = 0;
  for (let m = ALL_REJECT.exec(s); m !== null; m = ALL_REJECT.exec(s)) {
    const earlier = reads.filter((r) => r.mention.end <= m!.index);
    // 选A,其他都太贵 / "B, the others are all too much": the rest are turned down, not the
    // option named before, which stays as it was read.
    if (OTHERS_BEFORE.test(s.slice(Math.max(0, m.index - 24), m.index))) continue;
    if (earlier.length === 0) allRejected = true;
    // 除了A都不行: all but A are turned down, so A is taken.
    for (const r of earlier) {
      r.negative = !r.except;
      r.except = false;
    }
  }
  return { reads, allRejected };
}

const NEG_AFTER_ALL = new RegExp(NEG_AFTER_SOURCE, 'g');
const NEG_WORDS_ALL = new RegExp(NEG_WORDS, 'g');

/** Whether a message that turns options down also says yes to what is left (除了A都行, not A, the other one). */
function affirms(s: string, mentions: Mention[], reads: Read[]): boolean {
  if (reads.some((r) => r.except) || AFFIRM_REST.test(s)) return true;
  let rest = s;
  for (const m of mentions) rest = rest.slice(0, m.start) + ' '.repeat(m.end - m.start) + rest.slice(m.end);
  rest = rest.replace(NEG_AFTER_ALL, ' ').replace(NEG_WORDS_ALL, ' ');
  return AFFIRM.test(rest);
}

const BY_PRECEDENCE: MentionKind[] = ['letter', 'ordinal', 'count', 'amount'];

/**
 * What the message does with the options on the table. `locale` is the account's; it does not
 * limit what is understood, since debtors mix languages and scripts in one SMS.
 */
export function chooseOption(text: string, offers: Option[], _locale: Locale): OptionChoice {
  if (offers.length === 0) return { kind: 'none' };
  const s = prepare(text);
  const mentions = findMentions(s, offers);
  const { reads, allRejected } = readPolarity(s, mentions);
  const byId = (id: string) => offers.find((o) => o.id === id)!;

  const refused = new Set<string>(allRejected ? offers.map((o) => o.id) : []);
  for (const r of reads) if (r.negative) for (const id of r.mention.ids) refused.add(id);
  const taken = reads.filter((r) => !r.negative).map((r) => r.mention);

  if (taken.length > 0) {
    // Every name the message takes must fit the option: "B, the 6-month one" is B only if B has 6.
    const named = taken.filter((m) => m.ids.length > 0);
    if (named.length === 0) return { kind: 'none' };
    const fits = offers
      .map((o) => o.id)
      .filter((id) => named.every((m) => m.ids.includes(id)) && !refused.has(id));
    if (fits.length !== 1) return { kind: 'ambiguous' };
    const id = fits[0]!;
    const by = BY_PRECEDENCE.find((k) => named.some((m) => m.kind === k))!;
    return { kind: 'chosen', option: byId(id), by };
  }
  if (refused.size > 0) {
    const left = offers.filter((o) => !refused.has(o.id));
    if (left.length === 1 && affirms(s, mentions, reads))
      return { kind: 'chosen', option: left[0]!, by: 'only_option' };
    return { kind: 'rejected', optionIds: offers.filter((o) => refused.has(o.id)).map((o) => o.id) };
  }
  if (reads.length > 0) return { kind: 'none' };
  if (onlySays(s, YES))
    return offers.length === 1
      ? { kind: 'chosen', option: offers[0]!, by: 'only_option' }
      : { kind: 'ambiguous' };
  if (onlySays(s, NO)) return { kind: 'rejected', optionIds: offers.map((o) => o.id) };
  return { kind: 'none' };
}

/**
 * The option an acceptance agrees to, for the negotiation machine until it reads chooseOption
 * itself: the option the message names, else (a bare yes) the one matching the parsed count or
 * amount, else the first offer not turned down.
 */
export function selectOption(
  text: string,
  offers: Option[],
  amountMajor: number | null,
  installments: number | null,
): Option | null {
  if (offers.length === 0) return null;
  // The locale does not change the reading (see chooseOption); the old signature has none.
  const choice = chooseOption(text, offers, 'zh-CN');
  if (choice.kind === 'chosen') return choice.option;
  const open = choice.kind === 'rejected' ? offers.filter((o) => !choice.optionIds.includes(o.id)) : [];
  const pool = open.length > 0 ? open : offers;
  if (installments !== null) {
    const o = pool.find((x) => x.installments.length === installments);
    if (o) return o;
  }
  const minor = amountMajor === null ? null : minorOrNull(amountMajor);
  if (minor !== null) {
    const o = pool.find((x) => x.installments.some((i) => i.amount === minor));
    if (o) return o;
  }
  return pool[0]!;
}
