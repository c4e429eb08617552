import { createRequire } from 'node:module';
import { ENGLISH_KEYWORDS, SHORTHAND } from './lexicon/english-keywords.ts';
import { REAL_NEAR_KEYWORDS } from './lexicon/english-near-words.ts';
import { gateOf } from './regex-gate.ts';

/**
 * English typing slips and SMS shorthand. Shorthand (nxt wk, pymt, u, ur) is always expanded: no
 * entry is an English word of its own. A slip (alredy, tomorow, instalmnt, stpo) is rewritten to
 * the one keyword of the lexicons it is a single edit from (a letter added, dropped, changed or
 * two swapped; two edits for words of 8 letters or more), keeping its first letter, unless the
 * token is a real word itself (REAL_NEAR_KEYWORDS: mouth stays mouth; everyday words are never
 * looked at). Letters held down (stooop, pleeease) are let go first. Unknown tokens are rare in
 * SMS, so the correction costs little and runs on every message (a confident reading of a slip,
 * "nither works for me", is still wrong).
 */

const require = createRequire(import.meta.url);
const KEYWORDS = new Set(ENGLISH_KEYWORDS);
const REAL = new Set(REAL_NEAR_KEYWORDS);
/** Everyday English words (SCOWL sizes 10 and 20) that are neither keywords nor near one: no slip. */
const COMMON = new Set(require('./lexicon/common-english.json') as string[]);
const BY_FIRST = new Map<string, string[]>();
for (const k of KEYWORDS) BY_FIRST.set(k[0]!, [...(BY_FIRST.get(k[0]!) ?? []), k]);
/** Contractions typed without the apostrophe (dont, thats): words, not slips. */
const CONTRACTIONS = new Set(
  'dont cant wont isnt didnt doesnt ive ill youre thats whats theres wouldnt couldnt shouldnt arent wasnt werent hasnt havent hadnt lets theyre were hes shes its ur im id youll youd wed theyll'.split(
    ' ',
  ),
);
/** Short words a held-down key stretches (noooo, okkk, yesss). */
const SHORT = new Set(['no', 'yes', 'ok', 'stop', 'pay', 'now', 'too', 'so', 'soon', 'good', 'please']);

/** A word's letters in order: the key two swapped letters share (jbo and job are both bjo). */
function sortedLetters(w: string): string {
  // Three units below the surrogates (every token here): sorted without an array, as sort() would.
  if (w.length !== 3 || w.charCodeAt(0) >= 0xd800 || w.charCodeAt(1) >= 0xd800 || w.charCodeAt(2) >= 0xd800)
    return [...w].sort().join('');
  let a = w[0]!;
  let b = w[1]!;
  let c = w[2]!;
  let t: string;
  if (a > b) {
    t = a;
    a = b;
    b = t;
  }
  if (b > c) {
    t = b;
    b = c;
    c = t;
  }
  if (a > b) {
    t = a;
    a = b;
    b = t;
  }
  return a + b + c;
}
const SHORT_SWAPS = new Map(['job', 'pay', 'owe', 'bot'].map((w) => [sortedLetters(w), w]));

const SHORTHAND_RE = new RegExp(`(?<![a-z'])(?:${Object.keys(SHORTHAND).join('|')})(?![a-z'])`, 'g');
// Its gate: a shorthand of letters alone, bounded by no letter or apostrophe either side, is a
// whole run of [a-z'] (u, ur, nxt); those with a digit (b4, 2day) are few and literal-gated. The
// literal gate of the whole pattern opened on every text with a u.
const LETTER_SHORTHAND = new Set(Object.keys(SHORTHAND).filter((k) => /^[a-z]+$/.test(k)));
const LONGEST_LETTER_SHORTHAND = Math.max(...[...LETTER_SHORTHAND].map((k) => k.length));
const MAY_DIGIT_SHORTHAND = gateOf(
  new RegExp(
    Object.keys(SHORTHAND)
      .filter((k) => !LETTER_SHORTHAND.has(k))
      .join('|'),
  ),
);
const isWordUnit = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || c === 0x27;
/** Whether `holds` is true of one whole run of letters and apostrophes in `text`, given its bounds. */
function anyWordRun(text: string, holds: (text: string, start: number, end: number) => boolean): boolean {
  for (let i = 0; i < text.length;) {
    if (!isWordUnit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < text.length && isWordUnit(text.charCodeAt(j))) j++;
    if (holds(text, i, j)) return true;
    i = j;
  }
  return false;
}
const isLetterShorthand = (text: string, start: number, end: number): boolean =>
  end - start <= LONGEST_LETTER_SHORTHAND && LETTER_SHORTHAND.has(text.slice(start, end));
const mayHaveShorthand = (text: string): boolean =>
  MAY_DIGIT_SHORTHAND(text) || anyWordRun(text, isLetterShorthand);

/** Function words the everyday list leaves out (it keeps the words a slip could be mistaken for). */
const FUNCTION_WORDS = new Set(
  'a an the i you he she it we they me him her us them my your his our their not no yes ok hi hey is are was were be been am do does did can could will would should to of in on at for with and or but so if this that these those what when where why how who which please thanks thank'.split(
    ' ',
  ),
);

/**
 * Whether a text has anything a reader could read: a Chinese character, a digit, or one word that
 * is English (an everyday word, a keyword, a contraction). "zzz", "asdfgh" and a pocket-dialled
 * string of x are not: the classifier would only find hash collisions in them (parse()).
 */
export function hasReadableWords(text: string): boolean {
  if (/[\p{Script=Han}\d]/u.test(text)) return true;
  // Each run of letters and apostrophes, read without its apostrophes, until one is a word.
  return anyWordRun(text, isReadableRun);
}
function isReadableRun(text: string, start: number, end: number): boolean {
  const run = text.slice(start, end);
  const t = run.includes("'") ? run.replace(/'/g, '') : run;
  return (
    t.length > 0 &&
    (COMMON.has(t) ||
      FUNCTION_WORDS.has(t) ||
      KEYWORDS.has(t) ||
      REAL.has(t) ||
      CONTRACTIONS.has(t) ||
      SHORT.has(t))
  );
}

/** Shorthand expanded; `r u` is "are you" (a lone R stays the opt-out keyword). */
export function expandShorthand(text: string): string {
  if (!/[a-z]/.test(text)) return text;
  // A message that is one token is a keyword (U, TD): shorthand needs words around it.
  if (!/[a-z0-9]\s+[a-z0-9]/.test(text)) return text;
  // Each replace runs only where its literal gate (regex-gate.ts) says it can match.
  const spelledOut = text.includes('r u') ? text.replace(/\br u\b/g, 'are you') : text;
  return mayHaveShorthand(spelledOut)
    ? spelledOut.replace(SHORTHAND_RE, (w) => SHORTHAND[w] ?? w)
    : spelledOut;
}

// editDistance's rows, reused from call to call (grown for a longer word).
const rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Optimal-string-alignment distance, giving up above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const width = b.length + 1;
  if (width > rows[0]!.length) for (let r = 0; r < 3; r++) rows[r] = new Int32Array(2 * width);
  // The row before last (for a swap), the last, this one.
  let prev2 = rows[0]!;
  let prev = rows[1]!;
  let cur = rows[2]!;
  for (let j = 0; j < width; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const spare = prev2;
    prev2 = prev;
    prev = cur;
    cur = spare;
  }
  return prev[b.length]!;
}
/**
 * Everyday Spanish of US borrowers' Spanglish ("puedo pagar en partes", "opción B está bien"): words
 * of their own, never English slips (partes is not "parts", bien is not "been").
 */
const SPANISH = new Set(
  'bien partes pagar pago pague paguen pagos puedo tengo dinero plata nada ahorita hasta cuando donde porfa favor gracias semana mes quincena viernes lunes martes jueves sabado domingo mañana manana luego ahora necesito tiempo numero equivocado opcion opciones ninguna esas esta estas deuda prestamo queja mensajes manden'.split(
    ' ',
  ),
);

function correct(token: string): string | null {
  if (KEYWORDS.has(token) || REAL.has(token) || COMMON.has(token) || CONTRACTIONS.has(token)) return null;
  if (SPANISH.has(token)) return null;
  if (/(.)\1\1/.test(token)) {
    for (const squeezed of [token.replace(/(.)\1+/g, '$1$1'), token.replace(/(.)\1+/g, '$1')])
      if (KEYWORDS.has(squeezed) || SHORT.has(squeezed)) return squeezed;
  }
  // Three letters: only two swapped (jbo, pya), to the short keywords.
  if (token.length === 3) {
    const swapped = SHORT_SWAPS.get(sortedLetters(token));
    return swapped !== undefined && editDistance(token, swapped, 1) === 1 && !REAL.has(token)
      ? swapped
      : null;
  }
  if (token.length < 4) return null;
  const max = token.length >= 8 ? 2 : 1;
  // A slip keeps the first letter, or swaps the first two (tpay is rare, but "yuo" happens).
  const candidates = [...(BY_FIRST.get(token[0]!) ?? []), ...(BY_FIRST.get(token[1]!) ?? [])].filter(
    (k) => k[0] === token[0] || (k[0] === token[1] && k[1] === token[0]),
  );
  let bestD = max + 1;
  let tied: string[] = [];
  for (const k of candidates) {
    const d = editDistance(token, k, max);
    if (d < bestD) {
      bestD = d;
      tied = [k];
    } else if (d === bestD && d <= max) tied.push(k);
  }
  if (tied.length <= 1) return tied[0] ?? null;
  // Ties go to the likelier slip: a letter left out (lawer: lawyer, not later), then two swapped
  // (instalmlents: installments), then one changed, then one added.
  const rank = (k: string): number =>
    k.length > token.length
      ? 0
      : k.length < token.length
        ? 3
        : [...k].sort().join('') === [...token].sort().join('')
          ? 1
          : 2;
  const top = Math.min(...tied.map(rank));
  const likeliest = tied.filter((k) => rank(k) === top);
  if (likeliest.length === 1) return likeliest[0]!;
  // A word and its inflection (idios: idiot, idiots) are that word.
  const stem = likeliest.reduce((x, y) => (y.length < x.length ? y : x));
  return likeliest.every((k) => k.startsWith(stem)) ? stem : null;
}

export interface Correction {
  from: string;
  to: string;
}

/** Text with each English slip rewritten to its keyword, and the corrections made. */
export function correctSpelling(text: string): { text: string; corrections: Correction[] } {
  const corrections: Correction[] = [];
  if (!/[a-z]{3}/.test(text)) return { text, corrections };
  // The tokens of /(?<![a-z0-9'])[a-z]{3,20}(?![a-z0-9'])/g: whole runs of 3 to 20 letters with
  // no digit or apostrophe against them, found by a loop (a replace with a callback cost more
  // than the corrections; the text is rebuilt only when one is made).
  let out = '';
  let copied = 0;
  const n = text.length;
  for (let i = 0; i < n;) {
    if (!isLetter(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && isLetter(text.charCodeAt(j))) j++;
    const length = j - i;
    if (
      length >= 3 &&
      length <= 20 &&
      !isDigitOrQuote(text.charCodeAt(i - 1)) &&
      !isDigitOrQuote(text.charCodeAt(j))
    ) {
      const w = text.slice(i, j);
      const to = correct(w);
      if (to !== null && to !== w) {
        corrections.push({ from: w, to });
        out += text.slice(copied, i) + to;
        copied = j;
      }
    }
    i = j;
  }
  return { text: corrections.length ? out + text.slice(copied) : text, corrections };
}

const isLetter = (c: number): boolean => c >= 0x61 && c <= 0x7a;
// charCodeAt outside the text is NaN: neither.
const isDigitOrQuote = (c: number): boolean => (c >= 0x30 && c <= 0x39) || c === 0x27;
