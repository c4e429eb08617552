import { RegExpParser, type AST } from '@eslint-community/regexpp';

/**
 * A cheap question before an expensive one: can this pattern match this text at all? Every
 * match of most rules must contain one of a few characters (号, 月, 周 or 礼 for the Chinese
 * date rules; a digit for the figures), so a text that holds none of them is answered without
 * running the rule. A parse runs about a hundred patterns over one short text and most of them
 * fail; running a failing pattern still costs the regex engine's fixed price (issue 14's speed,
 * docs/decisions.md).
 *
 * The characters are read off the pattern's syntax tree (regexpp, the parser ESLint's regex rules
 * use), never written by hand, so a pattern that changes keeps a true gate. A pattern whose
 * matches need no particular character (a lone `.`, a `\p{…}` class, a case-insensitive letter)
 * gets no gate and always runs. Skipping is exact: a gated pattern is skipped only on texts where
 * it cannot match, so `exec`, `test` and `replace` give what they gave without the gate.
 */

/** More characters than this and the gate is one character-class test instead of `includes` calls. */
const MAX_INCLUDES = 4;
/** A class wider than this (a range of letters, [^…]) says too little to gate on. */
const MAX_CLASS = 64;

// English letters from most to least frequent: of several letters a match must hold, the rarest
// is the one to look for.
const LETTER_FREQUENCY = 'etaoinsrhldcumfpgwybvkxjqz';
const commonness = (c: string): number => {
  const i = LETTER_FREQUENCY.indexOf(c.toLowerCase());
  return i === -1 ? 0 : LETTER_FREQUENCY.length - i;
};

type Chars = Set<string> | null;

const parser = new RegExpParser();

/**
 * The characters of which every match of `re` holds at least one, or null when there are none
 * to name. Exported for the tests, which check the claim against the regex engine itself.
 */
export function requiredChars(re: RegExp): string[] | null {
  const ast = parser.parseLiteral(`/${re.source}/${re.flags}`);
  const set = ofAlternatives(ast.pattern.alternatives, ast.flags.ignoreCase);
  return set === null ? null : [...set];
}

function ofAlternatives(alternatives: AST.Alternative[], ignoreCase: boolean): Chars {
  const out = new Set<string>();
  for (const a of alternatives) {
    const s = ofSequence(a.elements, ignoreCase);
    if (s === null) return null;
    for (const c of s) out.add(c);
  }
  return out;
}

/** A sequence needs what any one of its mandatory elements needs: the most telling one is kept. */
function ofSequence(elements: AST.Element[], ignoreCase: boolean): Chars {
  let best: Set<string> | null = null;
  let bestScore = Infinity;
  for (const e of elements) {
    const s = ofElement(e, ignoreCase);
    if (s === null || s.size === 0) continue;
    let score = s.size * 100;
    for (const c of s) score += commonness(c);
    if (score < bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best;
}

function ofElement(e: AST.Element, ignoreCase: boolean): Chars {
  switch (e.type) {
    case 'Character':
      return ofCodePoints([e.value], ignoreCase);
    case 'CharacterClass': {
      if (e.negate) return null;
      const points: number[] = [];
      for (const el of e.elements) {
        if (el.type === 'Character') points.push(el.value);
        else if (el.type === 'CharacterClassRange') {
          if (el.max.value - el.min.value >= MAX_CLASS) return null;
          for (let p = el.min.value; p <= el.max.value; p++) points.push(p);
        } else if (el.type === 'CharacterSet' && el.kind === 'digit' && !el.negate) {
          for (let p = 0x30; p <= 0x39; p++) points.push(p);
        } else return null;
        if (points.length > MAX_CLASS) return null;
      }
      return ofCodePoints(points, ignoreCase);
    }
    case 'CharacterSet':
      if (e.kind === 'digit' && !e.negate)
        return ofCodePoints(
          Array.from({ length: 10 }, (_, i) => 0x30 + i),
          false,
        );
      return null;
    case 'Group':
    case 'CapturingGroup':
      return ofAlternatives(e.alternatives, ignoreCase);
    case 'Quantifier':
      return e.min >= 1 ? ofElement(e.element, ignoreCase) : null;
    default:
      // Assertions (^, $, \b, lookarounds) consume nothing; a backreference repeats text that
      // another element already required.
      return null;
  }
}

function ofCodePoints(points: number[], ignoreCase: boolean): Chars {
  const out = new Set<string>();
  for (const p of points) {
    const c = String.fromCodePoint(p);
    // Case-insensitive letters fold in ways a set of characters would miss (/s/iu matches ſ).
    if (ignoreCase && c.toLowerCase() !== c.toUpperCase()) return null;
    out.add(c);
  }
  return out;
}

const escapeClass = (c: string): string => c.replace(/[\\\]^-]/g, '\\$&');

/** Whether `re` can match `text`: false only when it cannot. */
export type MayMatch = (text: string) => boolean;

const always: MayMatch = () => true;

/** The gate of one pattern, built once where the pattern is defined. */
export function gateOf(re: RegExp): MayMatch {
  const chars = requiredChars(re);
  if (chars === null || chars.length === 0) return always;
  if (chars.length <= MAX_INCLUDES) {
    const [a, b, c, d] = chars as [string, string?, string?, string?];
    if (b === undefined) return (t) => t.includes(a);
    if (c === undefined) return (t) => t.includes(a) || t.includes(b);
    if (d === undefined) return (t) => t.includes(a) || t.includes(b) || t.includes(c);
    return (t) => t.includes(a) || t.includes(b) || t.includes(c) || t.includes(d);
  }
  // Without the u flag the class reads UTF-16 units: a pattern without it names a surrogate of an
  // emoji (👍 is two units there), and one with it an astral character, whose units the class
  // then holds both of. Either way a text holding the character passes.
  const any = new RegExp(`[${chars.map(escapeClass).join('')}]`);
  return (t) => any.test(t);
}
