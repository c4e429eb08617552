/**
 * `npm run compare:libs`: measures the number and date libraries made for this field against our
 * own rules on the labelled dev set (accuracy on the `amount` and `date` fields, messages/s), so
 * the choice in docs/decisions.md can be re-checked. Each library is used the way its docs say.
 */
import { createRequire } from 'node:module';
import { parseInstant, type LocalDate } from '../src/time/calendar.ts';
import { evaluate, loadLabelled, type LabelledMessage } from '../src/parse/evaluate.ts';
import { parse } from '../src/parse/index.ts';

const require = createRequire(import.meta.url);
const Recognizers = require('@microsoft/recognizers-text-suite');
const chrono = require('chrono-node');
const nzh = require('nzh/cn');
const { chineseToNumber } = require('chinese-number-format');

const path = process.argv[2] ?? 'test/fixtures/parse-dev.jsonl';
const set = loadLabelled(path);
const culture = (m: LabelledMessage) =>
  /[\u4e00-\u9fff]/.test(m.text) ? Recognizers.Culture.Chinese : Recognizers.Culture.English;

function recognizersAmount(m: LabelledMessage): number | null {
  const cur = Recognizers.recognizeCurrency(m.text, culture(m));
  const v =
    cur[0]?.resolution?.value ?? Recognizers.recognizeNumber(m.text, culture(m))[0]?.resolution?.value;
  return v === undefined ? null : Number(v);
}

function recognizersDate(m: LabelledMessage): LocalDate | null {
  const today = parseInstant(m.now)!.localDate;
  // Recognizers reads the reference as a local Date of this machine: pass the local wall time.
  const [y, mo, d] = today.split('-').map(Number) as [number, number, number];
  const res = Recognizers.recognizeDateTime(m.text, culture(m), undefined, new Date(y, mo - 1, d, 12));
  for (const r of res) {
    for (const v of r.resolution?.values ?? []) {
      const s = String(v.value ?? v.start ?? '').slice(0, 10);
      if (/^\d{4}-\d{2}-\d{2}$/.test(s) && s >= today) return s;
    }
  }
  return null;
}

function chronoDate(m: LabelledMessage): LocalDate | null {
  const now = parseInstant(m.now)!;
  const parser = /[\u4e00-\u9fff]/.test(m.text) ? chrono.zh.hans : chrono.en.casual;
  const r = parser.parse(
    m.text,
    { instant: new Date(now.epochMs), timezone: now.offsetMinutes },
    { forwardDate: true },
  )[0];
  if (!r) return null;
  const y = r.start.get('year');
  const mo = r.start.get('month');
  const d = r.start.get('day');
  const s = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return s >= now.localDate ? s : null;
}

const ZH_NUM = /[零〇一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟]{2,}|\d+(?:\.\d+)?/;
/** A numeral converter alone: the first numeral token, converted (what a naive pipeline does). */
const converterAmount =
  (convert: (s: string) => number) =>
  (m: LabelledMessage): number | null => {
    const tok = ZH_NUM.exec(m.text)?.[0];
    if (!tok) return null;
    const v = /^\d/.test(tok) ? Number(tok) : convert(tok);
    return Number.isFinite(v) && v > 0 ? v : null;
  };

function score(
  name: string,
  field: 'amount' | 'date',
  f: (m: LabelledMessage) => unknown,
): { name: string; field: string; accuracy: number; invented: number; perSec: number } {
  const t0 = process.hrtime.bigint();
  let right = 0;
  let invented = 0;
  for (const m of set) {
    let got: unknown;
    try {
      got = f(m);
    } catch {
      got = null;
    }
    const want = m.expect[field];
    if (got === want || (typeof got === 'number' && typeof want === 'number' && Math.abs(got - want) < 0.005))
      right++;
    else if (want === null && got !== null) invented++;
  }
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  return { name, field, accuracy: right / set.length, invented, perSec: set.length / secs };
}

const ours = evaluate(set);
const warm = process.hrtime.bigint();
Recognizers.recognizeCurrency('先还500元', Recognizers.Culture.Chinese);
const warmMs = Number(process.hrtime.bigint() - warm) / 1e6;
const rows = [
  score(
    'ours (rules + chinese-number-format + chrono en)',
    'amount',
    (m) => parse(m.text, { context: m.context, now: m.now }).amount,
  ),
  score('@microsoft/recognizers-text-suite (currency, else number)', 'amount', recognizersAmount),
  score('chinese-number-format alone (first numeral)', 'amount', converterAmount(chineseToNumber)),
  score(
    'nzh alone (first numeral)',
    'amount',
    converterAmount((s) => nzh.decodeS(s)),
  ),
  score('ours', 'date', (m) => parse(m.text, { context: m.context, now: m.now }).date),
  score('chrono-node (zh.hans / en.casual, forwardDate)', 'date', chronoDate),
  score('@microsoft/recognizers-text-suite (datetime)', 'date', recognizersDate),
];
console.log(
  `${path}: ${set.length} messages (${set.filter((m) => m.expect.amount === null).length} without an amount, ${set.filter((m) => m.expect.date === null).length} without a date)`,
);
console.log(`recognizers-text first call (warm-up): ${warmMs.toFixed(0)} ms\n`);
console.log('field   accuracy  invented  msgs/s     library');
for (const r of rows)
  console.log(
    `${r.field.padEnd(7)} ${(100 * r.accuracy).toFixed(1).padStart(7)}%  ${String(r.invented).padStart(8)}  ${Math.round(r.perSec).toString().padStart(8)}   ${r.name}`,
  );
console.log(`\nour intent accuracy on the same set: ${(100 * ours.accuracy.intent).toFixed(1)}%`);
