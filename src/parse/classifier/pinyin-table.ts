import { z } from 'zod';
import { hashString } from './features.ts';

/**
 * Toneless pinyin of every CJK character, one reading each, frozen into the model file.
 *
 * The table is made at training time by pinyin-pro (scripts/train-intent.ts) and shipped with the
 * weights, so that inference never loads pinyin-pro (0.3–0.7 s to import, ~26 µs a call) and can
 * never read a character differently from the model's training. One reading per character (还 →
 * hai, whatever the word): the character n-grams already carry the word; the syllable is there to
 * bridge homophones and regional characters.
 */

/** CJK Extension A and the Unified Ideographs: the characters pinyin-pro knows. */
export const PINYIN_FIRST = 0x3400;
export const PINYIN_END = 0xa000;

export const PinyinTableDataSchema = z.object({
  first: z.literal(PINYIN_FIRST),
  end: z.literal(PINYIN_END),
  /** Syllable 1.. (0 = no reading), joined by spaces. */
  syllables: z.string(),
  /** Base64 of one little-endian uint16 syllable number per code point in [first, end). */
  ids: z.string(),
});
export type PinyinTableData = z.infer<typeof PinyinTableDataSchema>;

export interface PinyinTable {
  /** The hash of the character's syllable, or undefined for anything that is not Chinese. */
  syllableHash(codePoint: number): number | undefined;
}

export function decodePinyinTable(data: PinyinTableData): PinyinTable {
  const syllables = data.syllables.split(' ');
  const hashes = [0, ...syllables.map(hashString)];
  const bytes = Buffer.from(data.ids, 'base64');
  const ids = new Uint16Array(PINYIN_END - PINYIN_FIRST);
  for (let i = 0; i < ids.length; i++) ids[i] = bytes.readUInt16LE(2 * i);
  return {
    syllableHash(cp: number): number | undefined {
      if (cp < PINYIN_FIRST || cp >= PINYIN_END) return undefined;
      const id = ids[cp - PINYIN_FIRST]!;
      return id === 0 ? undefined : hashes[id];
    },
  };
}

/**
 * Freezes a reading function (pinyin-pro at training time) into table data. `readingOf` returns
 * the toneless syllable of one character, or undefined when it has none.
 */
export function encodePinyinTable(readingOf: (char: string) => string | undefined): PinyinTableData {
  const readings: (string | undefined)[] = [];
  for (let cp = PINYIN_FIRST; cp < PINYIN_END; cp++) readings.push(readingOf(String.fromCodePoint(cp)));
  const syllables = [...new Set(readings.filter((r): r is string => r !== undefined))].sort();
  const idOf = new Map(syllables.map((s, i) => [s, i + 1]));
  const bytes = Buffer.alloc(2 * readings.length);
  readings.forEach((r, i) => bytes.writeUInt16LE(r === undefined ? 0 : idOf.get(r)!, 2 * i));
  return {
    first: PINYIN_FIRST,
    end: PINYIN_END,
    syllables: syllables.join(' '),
    ids: bytes.toString('base64'),
  };
}

/** For tests and tiny trainings: a table that knows no Chinese at all. */
export const NO_PINYIN: PinyinTable = { syllableHash: () => undefined };
