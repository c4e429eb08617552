import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parse } from './index.ts';
import {
  ContextSchema,
  HardshipSchema,
  IntentSchema,
  INTENTS,
  LocaleSchema,
  type Intent,
  type ParseResult,
} from './schema.ts';

/** One labelled message of a development or test set (test/fixtures/parse-dev.jsonl). */
export const LabelledMessageSchema = z.object({
  id: z.string(),
  text: z.string(),
  context: ContextSchema.default('reminder'),
  locale: LocaleSchema.default('zh-CN'),
  now: z.string(),
  expect: z.object({
    intent: IntentSchema,
    amount: z.number().nullable(),
    date: z.string().nullable(),
    installments: z.number().int().nullable(),
    hardship: HardshipSchema.nullable(),
  }),
});
export type LabelledMessage = z.infer<typeof LabelledMessageSchema>;

export function loadLabelled(path: string): LabelledMessage[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line, i) => ({ line, n: i + 1 }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ line, n }) => {
      const r = LabelledMessageSchema.safeParse(JSON.parse(line));
      if (!r.success)
        throw new Error(`${path}:${n}: ${r.error.issues[0]!.path.join('.')}: ${r.error.issues[0]!.message}`);
      return r.data;
    });
}

export const FIELDS = ['intent', 'amount', 'date', 'installments', 'hardship'] as const;
type Field = (typeof FIELDS)[number];

export interface Miss {
  id: string;
  text: string;
  context: string;
  field: Field;
  expected: unknown;
  got: unknown;
}

export interface Evaluation {
  total: number;
  accuracy: Record<Field | 'all', number>;
  perIntent: Record<Intent, { support: number; precision: number; recall: number; f1: number }>;
  confusions: { expected: Intent; got: Intent; count: number }[];
  misses: Miss[];
}

export type Parser = (m: LabelledMessage) => ParseResult;
export const ourParser: Parser = (m) => parse(m.text, { context: m.context, locale: m.locale, now: m.now });

const same = (a: unknown, b: unknown): boolean =>
  typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) < 0.005 : a === b;

export function evaluate(set: LabelledMessage[], parser: Parser = ourParser): Evaluation {
  const correct: Record<Field | 'all', number> = {
    intent: 0,
    amount: 0,
    date: 0,
    installments: 0,
    hardship: 0,
    all: 0,
  };
  const tp = new Map<Intent, number>();
  const predicted = new Map<Intent, number>();
  const support = new Map<Intent, number>();
  const confusion = new Map<string, number>();
  const misses: Miss[] = [];
  for (const m of set) {
    const got = parser(m);
    let allRight = true;
    for (const field of FIELDS) {
      if (same(got[field], m.expect[field])) correct[field]++;
      else {
        allRight = false;
        misses.push({
          id: m.id,
          text: m.text,
          context: m.context,
          field,
          expected: m.expect[field],
          got: got[field],
        });
      }
    }
    if (allRight) correct.all++;
    support.set(m.expect.intent, (support.get(m.expect.intent) ?? 0) + 1);
    predicted.set(got.intent, (predicted.get(got.intent) ?? 0) + 1);
    if (got.intent === m.expect.intent) tp.set(got.intent, (tp.get(got.intent) ?? 0) + 1);
    else {
      const key = `${m.expect.intent}\u0000${got.intent}`;
      confusion.set(key, (confusion.get(key) ?? 0) + 1);
    }
  }
  const n = set.length || 1;
  const accuracy = Object.fromEntries(
    Object.entries(correct).map(([k, v]) => [k, v / n]),
  ) as Evaluation['accuracy'];
  const perIntent = Object.fromEntries(
    INTENTS.map((intent) => {
      const t = tp.get(intent) ?? 0;
      const p = predicted.get(intent) ? t / predicted.get(intent)! : 0;
      const r = support.get(intent) ? t / support.get(intent)! : 0;
      return [
        intent,
        { support: support.get(intent) ?? 0, precision: p, recall: r, f1: p + r ? (2 * p * r) / (p + r) : 0 },
      ];
    }),
  ) as Evaluation['perIntent'];
  const confusions = [...confusion.entries()]
    .map(([k, count]) => {
      const [expected, got] = k.split('\u0000') as [Intent, Intent];
      return { expected, got, count };
    })
    .sort((a, b) => b.count - a.count || a.expected.localeCompare(b.expected));
  return { total: set.length, accuracy, perIntent, confusions, misses };
}
