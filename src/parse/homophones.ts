import { pinyin } from 'pinyin-pro';
import * as H from './lexicon/handoff-intents.ts';
import * as D from './lexicon/hardship.ts';
import * as N from './lexicon/negotiation-intents.ts';

/**
 * Homophone typing slips (沒前 for 没钱, 工姿 for 工资, 宽现 for 宽限, 转任工 for 转人工): a
 * pinyin input method offers every character of a syllable, and a slip keeps the sound while the
 * lexicons miss the characters. Each keyword below is indexed by its toneless pinyin (every
 * reading of a polyphonic character: 还 is hai and huan); a run of Chinese whose pinyin equals a
 * keyword's is rewritten to the keyword. A two-syllable run must share one character with its
 * keyword (沒前/没钱 share 没), because many real two-character words sound alike (分歧/分期);
 * longer runs are distinctive enough on sound alone.
 *
 * Costly next to a keyword test (one table look-up per character), so parse() calls this only
 * when the cheap lexicons found nothing or were unsure.
 */

/** Keywords of the lexicons worth repairing: specific to this domain, two or more syllables. */
const KEYWORDS = [
  // no money, hardship
  '没钱',
  '没有钱',
  '工资',
  '发工资',
  '周转',
  '暂时',
  '失业',
  '下岗',
  '裁员',
  '住院',
  '生病',
  '困难',
  '手头紧',
  '还不起',
  '还不上',
  '收入',
  // paying, extension, installments
  '还款',
  '还清',
  '宽限',
  '延期',
  '推迟',
  '分期',
  '分几期',
  '月底',
  '明天',
  '后天',
  '下周',
  '这周',
  '星期',
  '礼拜',
  '下个月',
  '转账',
  '只能还',
  '每个月',
  // handoff intents
  '退订',
  '拒收',
  '别发了',
  '不要发',
  '打错',
  '发错',
  '不认识',
  '不是本人',
  '换号',
  '没借过',
  '不是我借的',
  '金额不对',
  '已经还了',
  '还过了',
  '投诉',
  '举报',
  '报警',
  '律师',
  '起诉',
  '骗子',
  '诈骗',
  '转人工',
  '人工客服',
  '真人',
  // who is answering
  '同事',
  '朋友',
  '亲戚',
  '室友',
  // questions
  '怎么办',
  '怎么还',
  '什么时候',
  '多少钱',
  '利息',
  '征信',
  '账号',
] as const;

// Real words that sound like a keyword and must never be rewritten to it.
// (出生 is born, not the insult 畜生: 宝宝刚出生)
const SOUND_ALIKE_WORDS = new Set([
  '分歧',
  '公子',
  '后台',
  '没欠',
  '没有欠',
  '没签',
  '还欠',
  '汇款',
  '出生',
  '初生',
]);

// Grammatical characters are typed on purpose, never as a slip for a content word (三个月的工资
// is no 月底 although 的 can be read di).
const FUNCTION_CHARS = new Set([
  ...'的了得地着过么吗呢吧啊呀个是在和就都也又很太把被给让对从向跟与',
  // pronouns, demonstratives, negation and numerals are chosen, not slipped (哪个 is no 那个)
  ...'我你您他她它们这那哪谁不没别一二两三四五六七八九十百千万',
]);

const HAN = /\p{Script=Han}/u;
const CACHE_LIMIT = 50_000;
const cache = new Map<string, readonly string[]>();

/**
 * The fuzzy pinyin most input methods offer (and southern speakers type): zh/z, ch/c, sh/s and
 * the -ng/-n finals are one sound, so 多扫 (duo sao) is heard as 多少 (duo shao).
 */
const fuzzy = (syllable: string): string => syllable.replace(/^([zcs])h/, '$1').replace(/(?<=[aei])ng$/, 'n');

// pinyin-pro reads a lone character by its dictionary order (了 liao); these are read as SMS use them.
const COMMON_READING: Record<string, readonly string[]> = {
  还: ['hai', 'huan'],
  了: ['le'],
  的: ['de'],
  得: ['de'],
  地: ['de'],
  着: ['zhe'],
  都: ['dou'],
  会: ['hui'],
  没: ['mei'],
  行: ['xing'],
  长: ['chang'],
  重: ['zhong'],
  只: ['zhi'],
  和: ['he'],
  为: ['wei'],
  给: ['gei'],
  说: ['shuo'],
  发: ['fa'],
  期: ['qi'],
  转: ['zhuan'],
};

/**
 * The toneless reading a slip is typed by: a character's first (most common) reading, and both of
 * 还 (hai, huan). Rare readings (的 di, 责 zhai) would make real words sound like keywords
 * (三个月的 like 月底, 负责 like 负债).
 */
export function readings(ch: string): readonly string[] {
  // A character of the BMP is looked up by its unit (a Map keyed by one-character strings hashed
  // each string, about a tenth of the walk).
  const unit = ch.length === 1 ? ch.charCodeAt(0) : -1;
  const hit = unit >= 0 ? readingsOfUnit[unit] : cache.get(ch);
  if (hit) return hit;
  const out = (COMMON_READING[ch] ?? [pinyin(ch, { toneType: 'none', type: 'array' })[0] ?? ch]).map(fuzzy);
  if (unit >= 0) readingsOfUnit[unit] = out;
  else if (cache.size < CACHE_LIMIT) cache.set(ch, out);
  return out;
}
const readingsOfUnit: (readonly string[] | undefined)[] = new Array<readonly string[] | undefined>(
  0x10000,
).fill(undefined);

/**
 * A keyword's own reading in context (分期 is fen qi, never the rare fen ji), except 还, which
 * pinyin-pro reads hai where these keywords mean huan (还款, 还清).
 */
function keywordKey(kw: string): string {
  const syllables = pinyin(kw, { toneType: 'none', type: 'array' });
  return [...kw].map((ch, i) => (ch === '还' ? 'huan' : syllables[i])).join(' ');
}

// Cantonese keywords of the lexicons are read after dialect.ts has made them Mandarin.
const CANTONESE_ONLY = /[唔冇佢嘅咗啲嗰哋喺嚟畀俾搵揾嘢睇攞谂乜咩咁噉啱]/;

/**
 * The lexicons' own Chinese keywords (a whole alternative of 2 to 4 characters, 还不起, 转人工)
 * join the list, so a word added to a lexicon is repaired too.
 */
function lexiconKeywords(): string[] {
  const out: string[] = [];
  for (const lexicon of [H, N, D])
    for (const v of Object.values(lexicon)) {
      if (!(v instanceof RegExp)) continue;
      let depth = 0;
      let part = '';
      const parts: string[] = [];
      for (let i = 0; i < v.source.length; i++) {
        const c = v.source[i]!;
        if (c === '\\') {
          part += c + (v.source[i + 1] ?? '');
          i++;
          continue;
        }
        if (c === '(') depth++;
        if (c === ')') depth--;
        if (c === '|' && depth === 0) {
          parts.push(part);
          part = '';
        } else part += c;
      }
      parts.push(part);
      for (const p of parts) if (/^[\u3400-\u9fff]{2,4}$/.test(p) && !CANTONESE_ONLY.test(p)) out.push(p);
    }
  return out;
}

const ALL_KEYWORDS = [...new Set([...KEYWORDS, ...lexiconKeywords()])];
const INDEX = new Map<string, string>();
for (const kw of ALL_KEYWORDS) {
  const k = keywordKey(kw);
  if (!INDEX.has(k)) INDEX.set(k, kw);
}
const KEYWORD_SET = new Set<string>(ALL_KEYWORDS);
const MAX_LEN = Math.max(...ALL_KEYWORDS.map((k) => [...k].length));

export interface Repair {
  from: string;
  to: string;
}

/**
 * Text with every homophone slip of a keyword rewritten to the keyword, and the repairs made.
 * Text without Chinese, or without a slip, comes back unchanged.
 */
/** The keywords' pinyin as a trie of syllables: a run is walked once, with no key strings built. */
interface TrieNode {
  next: Map<string, TrieNode>;
  words: string[];
}
const ROOT: TrieNode = { next: new Map(), words: [] };
for (const [key, kw] of INDEX) {
  let node = ROOT;
  for (const syllable of key.split(' ').map(fuzzy)) {
    let child = node.next.get(syllable);
    if (!child) node.next.set(syllable, (child = { next: new Map(), words: [] }));
    node = child;
  }
  node.words.push(kw);
}

// Per UTF-16 unit, learnt on first sight: 1 for a Chinese character one of whose readings begins
// a keyword, 2 for one whose readings begin none, 3 for anything that is not Chinese (0: not yet
// seen). Most characters begin no keyword; the walk is answered with one read. Characters outside
// the BMP are looked up each time.
const BEGINS = 1;
const BEGINS_NONE = 2;
const NOT_HAN = 3;
const unitKind = new Uint8Array(0x10000);

function kindOf(ch: string): number {
  const single = ch.length === 1;
  if (single) {
    const k = unitKind[ch.charCodeAt(0)]!;
    if (k !== 0) return k;
  }
  let k = NOT_HAN;
  if (HAN.test(ch)) {
    k = BEGINS_NONE;
    for (const r of readings(ch)) if (ROOT.next.has(r)) k = BEGINS;
  }
  if (single) unitKind[ch.charCodeAt(0)] = k;
  return k;
}

/**
 * The keyword the run of Chinese at `i` is (length ≥ 2), itself or as a slip, longest first; null
 * when none. A keyword typed right comes back as itself, so its characters are not reread.
 */
function slipAt(chars: readonly string[], i: number): { word: string; kw: string; length: number } | null {
  // Most characters begin no keyword's reading: answered without building the walk.
  if (kindOf(chars[i]!) !== BEGINS) return null;
  let nodes: TrieNode[] = [ROOT];
  // The walk's nodes after each length that ends a keyword (their words are read only if needed).
  const foundLength: number[] = [];
  const foundNodes: TrieNode[][] = [];
  for (let j = i; j < chars.length && j - i < MAX_LEN && kindOf(chars[j]!) !== NOT_HAN; j++) {
    const next: TrieNode[] = [];
    const rs = readings(chars[j]!);
    let ends = false;
    for (const node of nodes)
      for (const r of rs) {
        const child = node.next.get(r);
        if (child) {
          next.push(child);
          if (child.words.length > 0) ends = true;
        }
      }
    if (next.length === 0) break;
    nodes = next;
    if (j > i && ends) {
      foundLength.push(j - i + 1);
      foundNodes.push(next);
    }
  }
  for (let f = foundLength.length - 1; f >= 0; f--) {
    const length = foundLength[f]!;
    const run = chars.slice(i, i + length);
    const word = run.join('');
    if (KEYWORD_SET.has(word)) return { word, kw: word, length };
    if (SOUND_ALIKE_WORDS.has(word)) continue;
    for (const node of foundNodes[f]!)
      for (const kw of node.words) {
        const k = [...kw];
        if (length === 2 && !run.some((c) => k.includes(c))) continue;
        if (run.some((c, j) => c !== k[j] && FUNCTION_CHARS.has(c))) continue;
        return { word, kw, length };
      }
  }
  return null;
}

// A unit typed by its sound after a count or a day (分三七 for 分三期, 25好还 for 25号还).
const COUNT_UNIT = /([分拆](?:成|开)?)(\d{1,3}|[一二两三四五六七八九十]{1,4})(\p{Script=Han})?/gu;
const UNIT_AFTER_COUNT = /[个期次笔份批回月天年周]/;
const DAY_UNIT = /(\d{1,2})(\p{Script=Han})(?=还|付|转|给|交|打|前|之前|以前|[,.!?。]|$)/gu;

/** Records a repair and gives its replacement (a module function: a closure made per call cost more). */
function fixed(repairs: Repair[], from: string, to: string): string {
  repairs.push({ from, to });
  return to;
}

function repairUnits(text: string, repairs: Repair[]): string {
  let s = text;
  if (/[分拆]/.test(s))
    s = s.replace(COUNT_UNIT, (all: string, verb: string, count: string, ch: string | undefined) => {
      if (ch !== undefined && ch !== '期' && readings(ch).includes('qi'))
        return verb + count + fixed(repairs, ch, '期');
      // 分三七: the count's last 七 was the unit (分十七个月 keeps it)
      if (count.length >= 2 && count.endsWith('七') && (ch === undefined || !UNIT_AFTER_COUNT.test(ch)))
        return verb + count.slice(0, -1) + fixed(repairs, '七', '期') + (ch ?? '');
      return all;
    });
  if (/\d\p{Script=Han}/u.test(s))
    s = s.replace(DAY_UNIT, (all: string, day: string, ch: string, at: number) =>
      // one or two digits make a day (125好 is none)
      ch !== '号' && readings(ch).includes('hao') && !/\d/.test(s[at - 1] ?? '')
        ? day + fixed(repairs, ch, '号')
        : all,
    );
  return s;
}

export function repairHomophones(text: string): { text: string; repairs: Repair[] } {
  const chars = [...text];
  const repairs: Repair[] = [];
  // The repaired text is built from the first repair on (most texts have none).
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < chars.length) {
    const hit = kindOf(chars[i]!) === BEGINS ? slipAt(chars, i) : null;
    if (hit === null) {
      i++;
      continue;
    }
    if (hit.kw !== hit.word) {
      repairs.push({ from: hit.word, to: hit.kw });
      out += chars.slice(copied, i).join('') + hit.kw;
      copied = i + hit.length;
    }
    i += hit.length;
  }
  if (repairs.length) out += chars.slice(copied).join('');
  const withUnits = repairUnits(repairs.length ? out : text, repairs);
  return { text: repairs.length ? withUnits : text, repairs };
}
