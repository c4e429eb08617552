import { PARTICLE_THEN_SPACE, toMandarin } from './dialect.ts';
import { ENGLISH_KEYWORDS } from './lexicon/english-keywords.ts';
import { expandShorthand } from './spelling.ts';
import { normalize } from './normalize.ts';

/**
 * The text every lexicon of the parser reads, built in layers: normalize() (full-width → half,
 * traditional → simplified, lower case, spacing), then emoji, spelled-out letters, and regional
 * words → Mandarin (dialect.ts). normalize() stays as it was because the compliance guard and
 * the option readers share it; the layers here are the parser's own.
 */

// Emoji that carry a meaning the lexicons know (👍 accepts, 👎 declines, 🖕 insults); every other pictograph
// is tone (🙏, 😤, 🙄) and is removed so that anchored patterns see the words alone.
const MEANINGFUL_EMOJI = /[👍👎👌🤡💩🖕]/u;
const PICTOGRAPH = /\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}]|\u{FE0F}|\u{200D}|\u{20E3}/gu;

// Between two runs of three or more Chinese characters a space is the texter's comma (月尾出糧一定還你
// 唔使擔心); inside a word (没 钱) or beside a figure (还 500) it is only a space.
const CLAUSE_SPACE = /(?<=\p{Script=Han}{3})[ \t\u3000]+(?=\p{Script=Han}{3})/gu;
const NOT_ASCII = /[\u0080-\uffff]/;
const AGREE_THEN_SPACE = /^\s*(好的?|好吧|行|可以|嗯|同意|ok|okay)\s+(?=\p{Script=Han})/iu;

// "s t o p" / "S.T.O.P": a keyword typed letter by letter ("r u a bot" is three words).
const SPELLED = /\b[a-z](?:[ .][a-z]){2,}\b\.?/g;
const SPELLABLE = new Set([...ENGLISH_KEYWORDS, 'stop', 'quit', 'end', 'td', 'optout']);

// Cheap gates: most messages have no space to reinterpret, no pictograph, no spelled letters.
const MAY_HAVE_PICTOGRAPH = /[\ud800-\udfff\u2000-\u2bff\u3030\u303d\u3297\u3299\u00a9\u00ae]/;

export function canonical(text: string): string {
  return layers(text).canonical;
}

/**
 * The canonical text, and normalize(text) when it was computed on the way (a text without white
 * space is normalised as it is): parse() hands that to the classifier instead of normalising twice.
 */
export function layers(text: string): { canonical: string; normalized: string | null } {
  // normalize() joins Chinese across a space; after a tone particle that space ended a clause.
  // An agreement word then a space opens the reply (好 那就月底还第一笔) the way a comma would.
  // (each of the three needs a Chinese character: a text in ASCII alone is left as it is)
  const spaced =
    /\s/.test(text) && NOT_ASCII.test(text)
      ? text.replace(PARTICLE_THEN_SPACE, '$1,').replace(AGREE_THEN_SPACE, '$1,').replace(CLAUSE_SPACE, ',')
      : text;
  const normalized = normalize(spaced);
  let s = normalized;
  if (MAY_HAVE_PICTOGRAPH.test(s) && PICTOGRAPH.test(s)) {
    PICTOGRAPH.lastIndex = 0;
    s = s
      .replace(PICTOGRAPH, (e) => (MEANINGFUL_EMOJI.test(e) ? e : ' '))
      .replace(/\s+/g, ' ')
      .replace(/(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])/g, '')
      .trim();
  }
  PICTOGRAPH.lastIndex = 0;
  if (/\b[a-z][ .][a-z][ .][a-z]\b/.test(s))
    s = s.replace(SPELLED, (w) => {
      const joined = w.replace(/[ .]/g, '');
      return SPELLABLE.has(joined) ? joined : w;
    });
  return { canonical: expandShorthand(toMandarin(s)), normalized: spaced === text ? normalized : null };
}
