import type { ParseContext } from '../schema.ts';
import type { PinyinTable } from './pinyin-table.ts';

/**
 * The intent classifier's featuriser, shared by training and inference: normalised text and the
 * bot's last context → hashed feature indices. Pure and deterministic: the same text, context and
 * pinyin table always give the same indices in the same order.
 *
 * Feature hashing keeps the model a fixed size whatever the vocabulary (no dictionary to ship or
 * keep in sync); collisions at 2^18 buckets over a few thousand messages cost nothing measurable.
 */

export const FEATURE_BITS = 18;
export const FEATURE_DIM = 1 << FEATURE_BITS;

/**
 * An SMS is a few hundred characters; a pasted essay is cut so that it costs a bounded time.
 * The labelled sets' longest message is 112 characters.
 */
export const MAX_FEATURISED_CHARS = 600;

/** One namespace per feature family, so that the character "a" and the word "a" never share a hash. */
const NS = {
  char1: 1,
  char2: 2,
  char3: 3,
  word1: 4,
  word2: 5,
  pinyin1: 6,
  pinyin2: 7,
  context: 8,
  length: 9,
} as const;

const CONTEXT_ID: Record<ParseContext, number> = { reminder: 0, clarify: 1, offer: 2 };

// Boundary markers: "r" alone (an opt-out) and "r u there" must not look the same.
const START = 0x02;
const END = 0x03;
const DIGIT = 0x30; // every digit run becomes one "0": 还500 and 还300 are the same cue

const FNV_PRIME = 0x01000193;

function mix(h: number, v: number): number {
  return Math.imul(h ^ v, FNV_PRIME) >>> 0;
}

/** Murmur3's finaliser: FNV's low bits are weak, and the index is the low bits. */
function bucket(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) & (FEATURE_DIM - 1);
}

/** The FNV-1a hash of a string's UTF-16 code units: a pinyin syllable's identity. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = mix(h, s.charCodeAt(i));
  return h;
}

const seed = (ns: number, ctx: number): number => mix(mix(0x811c9dc5, ns), ctx);

const isLatin = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || c === 0x27; // a-z and '
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isSpace = (c: number): boolean => c === 0x20;

// Scratch buffers: featurising allocates nothing but its answer (inference reuses even that).
// JavaScript runs one featurisation at a time, so sharing them cannot mix two messages.
const CPS = new Int32Array(MAX_FEATURISED_CHARS + 3);
/** At most 2 + 11 features per character: char 1–3-grams (crossed), a word's three, pinyin's two. */
export const MAX_FEATURES = 2 + 11 * CPS.length;

/** Code points of the text with digit runs collapsed to one "0", framed by START and END, into CPS. */
function codePoints(text: string): number {
  let n = 0;
  CPS[n++] = START;
  let prevDigit = false;
  for (let i = 0; i < text.length && n <= MAX_FEATURISED_CHARS; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        c = ((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
        i++;
      }
    }
    const digit = isDigit(c);
    if (digit && prevDigit) continue;
    prevDigit = digit;
    CPS[n++] = digit ? DIGIT : c;
  }
  CPS[n++] = END;
  return n;
}

/**
 * Hashed feature indices of one message, duplicates kept (a repeated n-gram counts twice). The
 * feature value of each index is `1 / sqrt(indices.length)`, so long stories and one-word replies
 * weigh the same.
 *
 * - character 1–3-grams over the whole text (Chinese and Latin alike);
 * - word unigrams and bigrams of the Latin text;
 * - toneless pinyin unigrams and bigrams of the Chinese characters (a homophone or a regional
 *   character shares the syllable of the standard one: 冇/mao, 係/xi);
 * - the context, alone and crossed with character 1–2-grams and words outside `reminder` (好的
 *   accepts after an offer and is noise after a reminder: a linear model needs the cross).
 */
export function featureIndices(normText: string, context: ParseContext, pinyin: PinyinTable): Uint32Array {
  const out = new Uint32Array(MAX_FEATURES);
  return out.slice(0, writeFeatures(normText, context, pinyin, out));
}

/** featureIndices into a caller's buffer of at least MAX_FEATURES entries; returns how many. */
export function writeFeatures(
  normText: string,
  context: ParseContext,
  pinyin: PinyinTable,
  out: Uint32Array,
): number {
  const n = codePoints(normText);
  const ctx = CONTEXT_ID[context] ?? 0;
  const crossed = ctx !== 0;
  const c1 = seed(NS.char1, 0);
  const c1x = seed(NS.char1, ctx);
  const c2 = seed(NS.char2, 0);
  const c2x = seed(NS.char2, ctx);
  const c3 = seed(NS.char3, 0);
  let m = 0;

  out[m++] = bucket(seed(NS.context, ctx));
  out[m++] = bucket(mix(seed(NS.length, 0), Math.min(8, Math.floor(Math.log2(n)))));

  for (let i = 0; i < n; i++) {
    const a = CPS[i]!;
    if (a !== START && a !== END && !isSpace(a)) {
      out[m++] = bucket(mix(c1, a));
      if (crossed) out[m++] = bucket(mix(c1x, a));
    }
    if (i + 1 < n) {
      const b = CPS[i + 1]!;
      out[m++] = bucket(mix(mix(c2, a), b));
      if (crossed) out[m++] = bucket(mix(mix(c2x, a), b));
      if (i + 2 < n) out[m++] = bucket(mix(mix(mix(c3, a), b), CPS[i + 2]!));
    }
  }

  // Latin words: runs of a-z and apostrophes; digit runs are the word "0".
  const w1 = seed(NS.word1, 0);
  const w2 = seed(NS.word2, 0);
  let prevWord = -1;
  for (let i = 1; i < n - 1;) {
    const c0 = CPS[i]!;
    if (isLatin(c0) || c0 === DIGIT) {
      let h = w1;
      let j = i;
      while (j < n - 1 && (isLatin(CPS[j]!) || CPS[j] === DIGIT)) h = mix(h, CPS[j++]!);
      out[m++] = bucket(h);
      if (crossed) out[m++] = bucket(mix(h, 0x100 + ctx));
      if (prevWord >= 0) out[m++] = bucket(mix(mix(w2, prevWord), h));
      prevWord = h;
      i = j;
    } else {
      // A space keeps the bigram (pay tomorrow); anything else (Chinese, punctuation) breaks it.
      if (!isSpace(c0)) prevWord = -1;
      i++;
    }
  }

  const p1 = seed(NS.pinyin1, 0);
  const p2 = seed(NS.pinyin2, 0);
  let prevSyllable = -1;
  for (let i = 1; i < n - 1; i++) {
    const s = pinyin.syllableHash(CPS[i]!);
    if (s === undefined) {
      prevSyllable = -1;
      continue;
    }
    out[m++] = bucket(mix(p1, s));
    if (prevSyllable >= 0) out[m++] = bucket(mix(mix(p2, prevSyllable), s));
    prevSyllable = s;
  }

  return m;
}
