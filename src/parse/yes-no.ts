import { normalize } from './normalize.ts';

/**
 * The answer to a yes/no question the bot asked (您是想选择方案B吗? / Just to check: …?): a
 * bare yes, a bare no, or neither. Only a message that says nothing else counts: "是的,选C" or
 * "no, I meant the 20th" says something new, and the dialogue reads it as a message of its own.
 */
export type YesNo = 'yes' | 'no';

const YES = [
  // Mandarin, Cantonese, Taiwanese
  '是的',
  '是啊',
  '是呀',
  '是',
  '对的',
  '对啊',
  '对',
  '没错',
  '确认',
  '确定',
  '嗯嗯',
  '嗯',
  '恩',
  '好的',
  '好',
  '可以',
  '行',
  '系',
  '系呀',
  '冇错',
  '啱',
  '同意',
  '👍',
  '👌',
  // English
  'yes',
  'yeah',
  'yep',
  'yup',
  'ya',
  'y',
  'ok',
  'okay',
  'sure',
  'correct',
  'right',
  'confirm',
  'confirmed',
  'that is right',
  "that's right",
  'thats right',
  'exactly',
];
const NO = [
  '不是的',
  '不是',
  '不对',
  '不',
  '否',
  '没有',
  '错了',
  '搞错了',
  '不用',
  '不要',
  '唔系',
  '唔啱',
  '唔',
  'no',
  'nope',
  'nah',
  'n',
  'wrong',
  'not right',
  "that's wrong",
  'thats wrong',
  'not really',
];
/** Words that may stand beside the answer without adding anything to it. */
const FILLERS = [
  '啊',
  '呀',
  '吧',
  '呢',
  '哦',
  '喔',
  '啦',
  '的',
  '了',
  '谢谢',
  '麻烦了',
  'thanks',
  'thank you',
  'thx',
  'please',
  'pls',
];

const escape = (w: string): string => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (words: readonly string[]): string =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');
const FILLER = `(?:${alternation(FILLERS)})`;
const SEP = String.raw`[\s,.!?~。,!?、…]*`;
const whole = (words: readonly string[]): RegExp =>
  new RegExp(`^${SEP}(?:${alternation(words)})(?:${SEP}(?:${alternation(words)}|${FILLER}))*${SEP}$`, 'u');
const YES_ONLY = whole(YES);
const NO_ONLY = whole(NO);

/** A message longer than this is never a bare answer (and is not scanned). */
const MAX_ANSWER_CHARS = 40;

export function yesNoOf(text: string): YesNo | null {
  if (text.length > MAX_ANSWER_CHARS) return null;
  const s = normalize(text).trim();
  if (s === '') return null;
  // "不是" before "是": the longest word wins inside the alternation, and a no is checked first
  // so that "不对" is never read as 对.
  if (NO_ONLY.test(s)) return 'no';
  if (YES_ONLY.test(s)) return 'yes';
  return null;
}
