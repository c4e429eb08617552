import { CANTONESE, NET_SLANG, TAIWANESE } from './lexicon/dialect-words.ts';
import { gated } from './regex-gate.ts';

/**
 * Regional Chinese → the Mandarin the lexicons are written in, over normalised text (simplified,
 * lower case, half-width). Three layers, in this order:
 *
 * 1. a word map (Cantonese, Taiwanese and internet forms, lexicon/dialect-words.ts), longest key
 *    first, in one pass;
 * 2. context rules for the single characters that are Cantonese words but also parts of Mandarin
 *    words (系 in 系统, 同 in 同意, 仲 in 仲裁): each maps only where the Mandarin word cannot be;
 * 3. tone-only final particles (㗎, 喎, 啦, 呀) dropped where a clause ends, so that anchored
 *    patterns (还了$, ^好$) read 还咗啦 and 好呀 as Mandarin does.
 *
 * English verbs that Hong Kong and Taiwan writers put inside Chinese (仲send, pay咗) become the
 * Chinese verb, so 唔使再send reads as 不用再发.
 */

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const WORDS = new Map<string, string>(Object.entries({ ...CANTONESE, ...TAIWANESE, ...NET_SLANG }));
const WORD_RE = new RegExp(
  [...WORDS.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|'),
  'gu',
);

/** Characters and words that only regional text contains: text with none of them is skipped. */
const REGIONAL = gated(
  new RegExp(
    `[唔冇佢嘅咗啲嗰哋喺嚟畀俾搵揾拣嘢睇攞谂乜咩咁噉啱㗎喎噃啩嘞喇囉吖呢系仲同未晒揸𠮶黐蚊偶嘸ㄇ]|` +
      [...WORDS.keys()]
        .filter((k) => [...k].length >= 2)
        .map(escape)
        .join('|'),
    'u',
  ),
);

const HAN = '\\p{Script=Han}';

type Rule = [RegExp, string];

/** Before the word map: forms the map would otherwise take apart. */
const BEFORE_WORDS: Rule[] = [
  // d, the texter's 啲, after a Chinese character (遲d先還, 俾d時間); ㄧ, the 注音 letter i, typed for 一.
  [new RegExp(`(?<=${HAN})d(?![a-z])`, 'gu'), '啲'],
  [/ㄧ/gu, '一'],
  // 嚟 ends "is a …" (我係佢室友嚟㗎): no meaning of its own before a particle.
  [/嚟(?=㗎|喎|架)/gu, ''],
];

/** After the word map, which has already taken the words these characters are part of (唔該, 係咪). */
const AFTER_WORDS: Rule[] = [
  // 係 (normalised to 系) is Cantonese "to be", except inside Mandarin words that hold 系.
  [/(?<![关联体派院直维干世谱水星母父旁嫡家])系(?![统列数谱])/gu, '是'],
  // 唔 negates the character it stands before; alone it is an interjection (嗯).
  [new RegExp(`唔(?=${HAN}|[a-z])`, 'gu'), '不'],
  [/唔/gu, '嗯'],
  // 呢 is "this" before a measure word, a sentence particle otherwise.
  [/呢(?=[个笔条度次排啲间张位期两几单部种份边月些])/gu, '这'],
  // 啲 is "a little" after an adjective (少啲, 遲啲), "some" elsewhere.
  [/(?<=[少多快慢迟早平贵好大细高低松紧])啲/gu, '点'],
  [/啲/gu, '些'],
  // 晒 after a verb is "all of it" (還晒, 俾晒); 唔該晒 / 多謝晒 are thanks.
  [/(?<=[还付给畀俾交清用搞做讲食卖])晒/gu, '完'],
  [/(?<=唔该|多谢)晒/gu, ''],
  // 仲 is "still / also", except in 仲裁 (arbitration) and 仲介.
  [/仲(?![裁介夏秋春冬])/gu, '还'],
  // 同 before a person is "with / to" (同我講); 同意, 合同, 同事 keep it.
  [/(?<![合相共协如陪不赞认])同(?=我|你|他|她|佢)/gu, '跟'],
  // 未 before a verb is "not yet"; 未來, 未必, 尚未 stay Mandarin.
  [/(?<!尚|从|前|并)未(?=[有还出发到收入找做开])/gu, '没'],
  [/(?<=[了到完收])未(?=[?\s]|$)/gu, '没'],
  // 千五 / 萬二: a leading 千 or 萬 with one digit after it is 一千五百 / 一萬二千 (千萬 is an idiom).
  [/(?<![零一二两三四五六七八九十百\d])([千万])(?=[一二两三四五六七八九](?![十百千万]))/gu, '一$1'],
  // 日 counts days after a deferral (宽限我十日, 迟几日, 多畀我三日): 十日 there is no 10th.
  [/(?<=(?:宽限|延期|延长|推迟|推|迟|等|缓|多)(?:我|多)?(?:[一二两三四五六七八九十几\d]{1,3}))日/gu, '天'],
  // 千零 / 百零 alone is "a thousand-odd" (一個月千零蚊): the round figure.
  [/(?<![零一二两三四五六七八九十百千万\d])([千百])零(?=蚊|块|元)/gu, '一$1'],
  // Taiwanese internet 偶 is 我 (偶不是陳小姐), except in the words that hold 偶 (偶尔, 配偶, 玩偶).
  [/(?<![配木玩佳对])偶(?![尔然像遇数发而])/gu, '我'],
  // Taiwanese 嘸 is 没 (嘸錢); ㄇ, the 注音 of 沒, too before 有 (我ㄇ有辦過).
  [/嘸|ㄇ(?=有)/gu, '没'],
  // 拜一 … 拜日 are the days of the week (礼拜一); 崇拜 and 参拜 are worship.
  [/(?<![礼崇参朝膜])拜(?=[一二三四五六日天])/gu, '礼拜'],
  // 分半年 is six installments.
  [/(?<=分(?:成|开|返)?)半年/gu, '六个月'],
  // 半萬 is five thousand (半萬先, 還了半萬).
  [/(?<![零一二两三四五六七八九十百千万\d])半万/gu, '五千'],
  // jor, the romanised 咗, after a Chinese verb (還清jor).
  [new RegExp(`(?<=${HAN})\\s*jor\\b`, 'gu'), '了'],
  // English verbs inside Chinese.
  [new RegExp(`(?<=${HAN})\\s*send\\b|\\bsend\\s*(?=${HAN})`, 'gu'), '发'],
  [new RegExp(`(?<=${HAN})\\s*pay\\b|\\bpay\\s*(?=咗|了|完|晒)`, 'gu'), '付'],
  [new RegExp(`\\bcheck\\s*(?=${HAN})`, 'gu'), '查'],
  [new RegExp(`\\bcancel\\s*(?=${HAN})`, 'gu'), '取消'],
];

// Tone-only particles where a clause ends, or after 了 (还咗啦 有收据); 吗, 吧, 呢 and 的 carry
// meaning and stay.
const PARTICLE = '㗎|喎|㖞|噃|啩|嘞|喇|囉|啰|吖|喔|ㄟ|啦|呀|啊|哇|嘛|咧|捏|欸|诶|哦|噢|咯|囖';
const FINAL_PARTICLES = new RegExp(
  `(?:${PARTICLE})+(?=[\\s,.!?。!?、;；~～…:：)）]|$)|(?<=了)(?:${PARTICLE})+`,
  'gu',
);
/** A particle that a space follows closes a clause (好呀 唔該, 就A啦 第二個太長). */
export const PARTICLE_THEN_SPACE = new RegExp(`(${PARTICLE})\\s+`, 'gu');

const ANY_PARTICLE = gated(new RegExp(PARTICLE, 'u'));
const MIXED_OR_SHORT_FIGURE = gated(
  /\b(?:send|pay|check|cancel|jor)\b|[千万][一二两三四五六七八九]|半万|拜[一二三四五六日天]|分(?:成|开|返)?半年|[\u3400-\u9fff]d(?![a-z])|ㄧ/,
);
const HAS_HAN = /[\u3400-\u9fff]/;

/** Regional words and particles → Mandarin. Pure; text without regional forms comes back as it is. */
export function toMandarin(text: string): string {
  if (!HAS_HAN.test(text)) return text;
  if (!REGIONAL.test(text) && !ANY_PARTICLE.test(text) && !MIXED_OR_SHORT_FIGURE.test(text)) return text;
  let s = text;
  for (const [re, to] of BEFORE_WORDS) s = s.replace(re, to);
  s = s.replace(WORD_RE, (w) => WORDS.get(w) ?? w);
  for (const [re, to] of AFTER_WORDS) s = s.replace(re, to);
  return s.replace(FINAL_PARTICLES, '');
}
