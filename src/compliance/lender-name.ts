/**
 * Whether a lender's name may go out in an SMS. The name opens every Chinese message (【lender】)
 * and is named in every English one, and the guard leaves the lender's own name out of its word
 * checks (a lender called 安心贷 must be able to sign), so a name such as 人民法院执行局 or
 * "County Sheriff Recovery" would carry an authority or a threat past the guard into every text.
 * The import refuses such a name instead.
 */

/** Words that pose as an authority, or threaten the debtor's family, workplace or freedom. */
const LENDER_NAME_WORDS = {
  authority: {
    zh: [
      '法院',
      '人民法院',
      '公安',
      '警',
      '检察',
      '檢察',
      '政府',
      '司法',
      '律师事务所',
      '律師事務所',
      '仲裁',
      '监管',
      '監管',
    ],
    en: [
      'court',
      'police',
      'sheriff',
      'marshal',
      'government',
      'federal',
      'attorney',
      'law office',
      'bureau',
    ],
  },
  threat: {
    zh: ['家人', '亲属', '親屬', '家属', '家屬', '单位', '單位', '曝光', '上门', '上門', '坐牢', '拘留'],
    en: ['jail', 'prison', 'family'],
  },
} as const;

type Category = keyof typeof LENDER_NAME_WORDS;

const REASON: Readonly<Record<Category, string>> = {
  authority: 'poses as an authority',
  threat: 'threatens the debtor',
};

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** English words whole, with an optional plural ("courts"), a space in a phrase matching any run of spaces. */
const ENGLISH = Object.fromEntries(
  (Object.keys(LENDER_NAME_WORDS) as Category[]).map((c) => [
    c,
    new RegExp(
      `(?<![\\p{L}\\p{N}])(?:${LENDER_NAME_WORDS[c].en.map((w) => escapeRe(w).replace(/ /g, '\\s+')).join('|')})(?:s|es)?(?![\\p{L}\\p{N}])`,
      'u',
    ),
  ]),
) as Record<Category, RegExp>;

/**
 * The name as the check reads it: NFKC (full-width ＣＯＵＲＴ → court), lower case, format
 * characters (zero-width spaces, bidi controls) dropped so they cannot split a word, and for
 * Chinese every space dropped too (法 院).
 */
function fold(name: string): { latin: string; cjk: string } {
  const latin = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\p{Cf}/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  return { latin, cjk: latin.replace(/\s/g, '') };
}

/**
 * Null when `name` may be a lender's name; otherwise why not, naming the word:
 * `names "法院": a lender's name poses as an authority`.
 */
export function checkLenderName(name: string): string | null {
  const { latin, cjk } = fold(name);
  for (const category of Object.keys(LENDER_NAME_WORDS) as Category[]) {
    const word =
      LENDER_NAME_WORDS[category].zh.find((w) => cjk.includes(w)) ?? ENGLISH[category].exec(latin)?.[0];
    if (word !== undefined) return `names ${JSON.stringify(word)}: a lender's name ${REASON[category]}`;
  }
  return null;
}
