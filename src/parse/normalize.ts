import * as OpenCC from 'opencc-js/t2cn';

/**
 * Text normalisation before any matching: full-width to half-width (NFKC), traditional to
 * simplified Chinese, lower case, control characters and runs of white space to one space.
 *
 * The traditional→simplified table comes from OpenCC's dictionaries (opencc-js), flattened to
 * single characters: our lexicons match short keywords, so phrase-level conversion buys nothing
 * while a per-character table is ~10x faster than OpenCC's trie converter (docs/decisions.md).
 */
function buildCharTable(): Map<string, string> {
  const pairs = (dict: unknown): [string, string][] => {
    const out: [string, string][] = [];
    const visit = (x: unknown): void => {
      if (Array.isArray(x)) x.forEach(visit);
      else if (typeof x === 'string') {
        for (const entry of x.split('|')) {
          const [from, to] = entry.split(' ');
          if (from && to && [...from].length === 1 && [...to].length === 1) out.push([from, to]);
        }
      }
    };
    visit(dict);
    return out;
  };
  // Only OpenCC's traditional→simplified characters: its regional "variant" tables map to
  // OpenCC's own traditional standard (么→幺, 才→纔) and would corrupt simplified text.
  const table = new Map<string, string>();
  for (const [trad, simp] of pairs(OpenCC.Locale.to.cn)) if (trad !== simp) table.set(trad, simp);
  return table;
}

const CHAR_TABLE = buildCharTable();
// One pass of the regex engine finds the traditional characters (most texts have none), instead
// of a per-character Map look-up in JavaScript.
const TRADITIONAL = new RegExp(`[${[...CHAR_TABLE.keys()].join('').replace(/[\\\]^-]/g, '\\$&')}]`, 'gu');

// U+FF0C (，) and U+FF1A (：) would become ASCII under NFKC; a Chinese comma between two numbers
// ("600，400") separates figures, so it must not turn into a thousands separator.
const PROTECT = /[\uFF0C\uFF1A]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028\u2029\uFEFF]+/g;
// Printable ASCII is its own NFKC form and has no Chinese: most of the work below is skipped.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const NEGATION_VARIANT = /[木冇莫么]/;

// Per UTF-16 unit, what the replaces below could act on: a text with none is left as it is
// without running them (a class of thousands of characters costs the engine a range search per
// character; a table look-up is one read). A traditional character outside the BMP marks its
// high surrogate, so a text holding it still goes through the replace.
const TRADITIONAL_UNIT = 1;
const CONTROL_UNIT = 2;
/**
 * A unit NFKC leaves as it is wherever it stands (NFKC_STABLE_RANGES): its own normal form, with
 * no decomposition and no combining class, never composed with a neighbour (composition needs a
 * combining mark or a conjoining jamo, which are not marked). A text of these alone skips
 * normalize('NFKC') (a fifth of normalising a Chinese reply).
 */
const NFKC_STABLE_UNIT = 4;
/** Printable ASCII, 、 and 。, curly quotes, the ideographs of Extension A and the unified block. */
export const NFKC_STABLE_RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e],
  [0x2018, 0x201d],
  [0x3001, 0x3002],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
];
const UNITS = new Uint8Array(0x10000);
for (const c of CHAR_TABLE.keys()) UNITS[c.charCodeAt(0)]! |= TRADITIONAL_UNIT;
const CONTROL_CHAR = new RegExp(`^${CONTROL.source}$`);
for (let c = 0; c < 0x10000; c++) if (CONTROL_CHAR.test(String.fromCharCode(c))) UNITS[c]! |= CONTROL_UNIT;
for (const [from, to] of NFKC_STABLE_RANGES)
  for (let c = from; c <= to; c++)
    if (String.fromCharCode(c).normalize('NFKC') === String.fromCharCode(c)) UNITS[c]! |= NFKC_STABLE_UNIT;

/** A unit lower-casing leaves as it is (no case, or lower case already); surrogates never. */
const CASELESS_UNIT = 8;
for (let c = 0; c < 0x10000; c++)
  if ((c < 0xd800 || c > 0xdfff) && String.fromCharCode(c).toLowerCase() === String.fromCharCode(c))
    UNITS[c]! |= CASELESS_UNIT;

function allOf(s: string, kind: number): boolean {
  for (let i = 0; i < s.length; i++) if ((UNITS[s.charCodeAt(i)]! & kind) === 0) return false;
  return true;
}

function holds(s: string, kind: number): boolean {
  for (let i = 0; i < s.length; i++) if (UNITS[s.charCodeAt(i)]! & kind) return true;
  return false;
}

export function normalize(text: string): string {
  if (PRINTABLE_ASCII.test(text)) {
    const lower = text.toLowerCase();
    return (lower.includes('  ') ? lower.replace(/ {2,}/g, ' ') : lower).trim();
  }
  const protectedText =
    text.includes('\uFF0C') || text.includes('\uFF1A')
      ? text.replace(PROTECT, (c) => (c === '\uFF0C' ? '、' : '；'))
      : text;
  let s = allOf(protectedText, NFKC_STABLE_UNIT) ? protectedText : protectedText.normalize('NFKC');
  if (holds(s, CONTROL_UNIT)) s = s.replace(CONTROL, ' ');
  // (ICU lower-cases any text beyond Latin-1: a Chinese text is skipped when it has no case)
  if (!allOf(s, CASELESS_UNIT)) s = s.toLowerCase();
  if (holds(s, TRADITIONAL_UNIT)) s = s.replace(TRADITIONAL, (c) => CHAR_TABLE.get(c)!);
  // 没 钱 / 还 500: spaces between Chinese characters carry no meaning. Colloquial and regional
  // negations (木有, 冇, 莫得, 么得) mean 没有: one form for every lexicon.
  if (/\s/.test(s)) s = s.replace(/\s+/g, ' ').replace(/(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])/g, '');
  if (NEGATION_VARIANT.test(s)) s = s.replace(/木有|冇有|莫得|么得/g, '没有').replace(/冇/g, '没');
  return s.trim();
}

export const charTableSize = (): number => CHAR_TABLE.size;
