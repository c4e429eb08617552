import { RegExpParser, type AST } from '@eslint-community/regexpp';
import { passes, registerGate } from './literal-scan.ts';

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

/** The characters one element that consumes one unit can be, or null when too many to name. */
function charsOf(e: AST.Character | AST.CharacterClass | AST.CharacterSet, ignoreCase: boolean): Chars {
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

// --- required literals -------------------------------------------------------------------------
/**
 * Strings one of which every match contains (转人工, 没钱, 还了
 * or 付了 for 已(?:还|付)了), read off the same tree. Adjacent elements whose every match is one of
 * a few strings (a character, a small class, a group of literal alternatives, an optional one)
 * are multiplied out into longer literals; zero-width assertions consume nothing and are skipped.
 */

/** A set of literals larger than this is cut (the run it belongs to ends there). */
const MAX_LITERALS = 48;

type Strings = Set<string>;
interface Reading {
  /** Every string the node can match, when there are few (may hold ''); null when unknown. */
  exact: Strings | null;
  /** Strings one of which every match contains (none of them ''); null when none is known. */
  need: Strings | null;
}
const UNKNOWN: Reading = { exact: null, need: null };
const NOTHING: Reading = { exact: new Set(['']), need: null };

/**
 * Literals one of which every match of `re` contains, or null when a match may hold none of any
 * literal set found (a `.` or `\p{…}` alternative, case-insensitive letters).
 */
export function requiredLiterals(re: RegExp): string[] | null {
  const ast = parser.parseLiteral(`/${re.source}/${re.flags}`);
  const need = needOf(ofDisjunction(ast.pattern.alternatives, ast.flags.ignoreCase));
  return need === null ? null : [...need];
}

const needOf = (r: Reading): Strings | null => r.need ?? (r.exact && !r.exact.has('') ? r.exact : null);

function ofDisjunction(alternatives: AST.Alternative[], ignoreCase: boolean): Reading {
  const readings = alternatives.map((a) => ofElements(a.elements, ignoreCase));
  let exact: Strings | null = new Set();
  let need: Strings | null = new Set();
  for (const r of readings) {
    if (exact && r.exact && exact.size + r.exact.size <= MAX_LITERALS) for (const x of r.exact) exact.add(x);
    else exact = null;
    const n = needOf(r);
    if (need && n) for (const x of n) need.add(x);
    else need = null;
  }
  return { exact, need };
}

function ofElements(elements: AST.Element[], ignoreCase: boolean): Reading {
  const candidates: Strings[] = [];
  let run: Strings = new Set(['']);
  let whole = true;
  for (const e of elements) {
    const r = ofLiteralElement(e, ignoreCase);
    if (r.exact) {
      const joined = product(run, r.exact);
      if (joined) run = joined;
      else {
        candidates.push(run);
        run = r.exact;
        whole = false;
      }
      continue;
    }
    candidates.push(run);
    if (r.need) candidates.push(r.need);
    run = new Set(['']);
    whole = false;
  }
  candidates.push(run);
  let best: Strings | null = null;
  let bestCost = Infinity;
  for (const c of candidates) {
    if (c.has('')) continue;
    const cost = costOf(c);
    if (cost < bestCost) {
      best = c;
      bestCost = cost;
    }
  }
  return { exact: whole ? run : null, need: best };
}

function product(a: Strings, b: Strings): Strings | null {
  if (a.size * b.size > MAX_LITERALS) return null;
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return out;
}

function ofLiteralElement(e: AST.Element, ignoreCase: boolean): Reading {
  switch (e.type) {
    case 'Character':
    case 'CharacterClass':
    case 'CharacterSet': {
      const chars = charsOf(e, ignoreCase);
      return chars ? { exact: chars, need: chars } : UNKNOWN;
    }
    case 'Group':
    case 'CapturingGroup':
      return ofDisjunction(e.alternatives, ignoreCase);
    case 'Quantifier': {
      if (e.max === 0) return NOTHING;
      const r = ofLiteralElement(e.element, ignoreCase);
      if (e.min === 0)
        return { exact: e.max === 1 && r.exact ? new Set(['', ...r.exact]) : null, need: null };
      let exact: Strings | null = null;
      if (e.min === e.max && r.exact) {
        exact = new Set(['']);
        for (let i = 0; i < e.min && exact; i++) exact = product(exact, r.exact);
      }
      return { exact, need: needOf(r) };
    }
    case 'Assertion':
      return NOTHING;
    default:
      // A backreference repeats text another element already required.
      return UNKNOWN;
  }
}

/**
 * How often a literal set lets a text through, roughly: a lone character (还, e) often, two in a
 * row rarely, three rarer still. The scan keys on up to three units of each literal (keyOf).
 */
function costOf(literals: Strings): number {
  let cost = 0;
  for (const l of literals) cost += l.length === 1 ? 20 + commonness(l) : l.length === 2 ? 2 : 1;
  return cost;
}

/** The units of a literal the scan looks for: all of a short one, else its least common three in a row. */
export function keyOf(literal: string): string {
  if (literal.length <= 3) return literal;
  let best = literal.slice(0, 3);
  let bestScore = Infinity;
  for (let i = 0; i + 3 <= literal.length; i++) {
    const part = literal.slice(i, i + 3);
    let score = part.includes(' ') ? 40 : 0;
    for (const c of part) score += commonness(c);
    if (score < bestScore) {
      best = part;
      bestScore = score;
    }
  }
  return best;
}

/** Whether `re` can match `text`: false only when it cannot. */
export type MayMatch = (text: string) => boolean;

const always: MayMatch = () => true;

/**
 * The gate of one pattern, built once where the pattern is defined: the text must hold a key
 * (keyOf) of one of its required literals, answered by one shared scan per text
 * (literal-scan.ts). A pattern with no literal to require gets no gate.
 */
export function gateOf(re: RegExp): MayMatch {
  const literals = requiredLiterals(re);
  if (literals === null || literals.length === 0) return always;
  const id = registerGate(literals.map(keyOf));
  return (t) => passes(id, t);
}

// --- whole matches after deletions ---------------------------------------------------------------
/**
 * The gate of a whole-text pattern (^…$) read after `deleted` patterns' matches are removed from
 * the text: deleting only removes units, and every unit the deletions can remove and every unit a
 * whole match can hold is in the union of the patterns' alphabets, so a text holding any unit
 * outside it can never become a match (我现在真的没钱 is no 退订 however it is stripped). Exact.
 * Always open when an alphabet cannot be read (a `.`, a `\p{…}` or negated class, a
 * case-insensitive letter).
 */
export function wholeMatchGateOf(whole: RegExp, deleted: RegExp[]): MayMatch {
  if (!isWhole(whole)) throw new Error(`wholeMatchGateOf: /${whole.source}/ is not anchored at both ends`);
  const units = new Uint8Array(0x10000);
  for (const re of [whole, ...deleted]) if (!addAlphabet(re, units)) return always;
  return (t) => {
    for (let i = 0; i < t.length; i++) if (units[t.charCodeAt(i)] === 0) return false;
    return true;
  };
}

function isWhole(re: RegExp): boolean {
  if (re.multiline) return false;
  const ast = parser.parseLiteral(`/${re.source}/${re.flags}`);
  return ast.pattern.alternatives.every((a) => {
    const first = a.elements[0];
    const last = a.elements[a.elements.length - 1];
    return (
      first?.type === 'Assertion' &&
      first.kind === 'start' &&
      last?.type === 'Assertion' &&
      last.kind === 'end'
    );
  });
}

// ECMAScript's \s, unit by unit.
const WHITE_SPACE = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
  0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
];

/** Marks every unit a match of `re` can hold (lookarounds included: more is safe); false when unknown. */
function addAlphabet(re: RegExp, units: Uint8Array): boolean {
  const ast = parser.parseLiteral(`/${re.source}/${re.flags}`);
  const ignoreCase = ast.flags.ignoreCase;
  const add = (p: number): boolean => {
    if (p > 0xffff) return false;
    const c = String.fromCharCode(p);
    if (ignoreCase && c.toLowerCase() !== c.toUpperCase()) return false;
    units[p] = 1;
    return true;
  };
  const addSet = (e: AST.CharacterSet): boolean => {
    if (e.kind === 'digit' && !e.negate) {
      for (let p = 0x30; p <= 0x39; p++) add(p);
      return true;
    }
    if (e.kind === 'space' && !e.negate) return WHITE_SPACE.every(add);
    return false;
  };
  const visit = (n: AST.Alternative | AST.Element): boolean => {
    switch (n.type) {
      case 'Alternative':
        return n.elements.every(visit);
      case 'Character':
        return add(n.value);
      case 'CharacterSet':
        return addSet(n);
      case 'CharacterClass':
        if (n.negate) return false;
        return n.elements.every((el) => {
          if (el.type === 'Character') return add(el.value);
          if (el.type === 'CharacterClassRange') {
            for (let p = el.min.value; p <= el.max.value; p++) if (!add(p)) return false;
            return true;
          }
          return el.type === 'CharacterSet' && addSet(el);
        });
      case 'Group':
      case 'CapturingGroup':
        return n.alternatives.every(visit);
      case 'Assertion':
        return n.kind === 'lookahead' || n.kind === 'lookbehind' ? n.alternatives.every(visit) : true;
      case 'Quantifier':
        return visit(n.element);
      case 'Backreference':
        // repeats units a group already holds
        return true;
      default:
        return false;
    }
  };
  return ast.pattern.alternatives.every(visit);
}

/** A pattern's `test` behind its gate: what `re.test(text)` says, without running it where it cannot match. */
export interface GatedTest {
  test(text: string): boolean;
  readonly pattern: RegExp;
}

export function gated(re: RegExp): GatedTest {
  const may = gateOf(re);
  // test() that fails resets a global or sticky pattern's lastIndex; a skipped one must too.
  const resets = re.global || re.sticky;
  return {
    pattern: re,
    test(text: string): boolean {
      if (may(text)) return re.test(text);
      if (resets) re.lastIndex = 0;
      return false;
    },
  };
}

/** Every pattern a lexicon module exports, gated, under its own name. */
export type GatedLexicon<T> = { [K in keyof T as T[K] extends RegExp ? K : never]: GatedTest };

export function gatedLexicon<T extends object>(lexicon: T): GatedLexicon<T> {
  const out: Record<string, GatedTest> = {};
  for (const [name, value] of Object.entries(lexicon)) if (value instanceof RegExp) out[name] = gated(value);
  return out as unknown as GatedLexicon<T>;
}
