import { parseInstant } from '../src/time/calendar.ts';
import { parse, type ParseContext } from '../src/parse/index.ts';
import { answerLine } from '../scripts/parse-line.ts';
import { percentile, prng, summarize } from './stats.ts';

/** Generated debtor replies: every intent family, both languages, amounts, dates, noise. */
const TEMPLATES = [
  '我现在真的没钱',
  '没钱,别发了',
  '现在没钱,只能先还{n}',
  '没钱,周五发工资就还',
  '我只能先还{n}',
  '每月最多{n}',
  '{zh}一个月可以',
  '月底先还{n}',
  '下周五还{n}块',
  '能不能分{k}期',
  '分三期可以吗',
  '宽限几天吧',
  '推到下个月{d}号',
  '打错了',
  '我不是他本人',
  '我没借过,金额不对',
  '已经还了{n}',
  '昨天转过去了',
  '我要投诉你们 12378',
  '骗子!!',
  '转人工',
  '好的',
  '第二个方案',
  '不行,太多了',
  '你们是哪个平台?',
  '欠多少',
  '收到',
  '👍',
  '暂时周转不开',
  '失业了,长期没收入',
  '我借了5000,逾期5天,电话13800138000',
  'STOP',
  'R',
  '退订',
  'I can pay ${n} next Friday',
  'no money right now, lost my job',
  'can I split it into {k} payments?',
  'wrong number',
  'I already paid',
  'give me until the end of the month',
  'how much do I owe?',
  'ok',
  'too much, I can do {n} a month',
  'I will pay tomorrow',
  'Stop texting me',
];
const ZH = ['五百', '两千五', '一千二', '三百五', '一万二', '陆佰', '八百'];

export function generateMessages(n: number, seed = 42): { text: string; context: ParseContext }[] {
  const rand = prng(seed);
  const contexts: ParseContext[] = ['reminder', 'clarify', 'offer'];
  const out: { text: string; context: ParseContext }[] = [];
  for (let i = 0; i < n; i++) {
    const t = TEMPLATES[Math.floor(rand() * TEMPLATES.length)]!;
    const text = t
      .replace('{n}', String(100 + Math.floor(rand() * 5000)))
      .replace('{zh}', ZH[Math.floor(rand() * ZH.length)]!)
      .replace('{k}', String(2 + Math.floor(rand() * 10)))
      .replace('{d}', String(1 + Math.floor(rand() * 28)));
    out.push({
      text: rand() < 0.1 ? `${text}${'!?。 '[Math.floor(rand() * 4)]}` : text,
      context: contexts[Math.floor(rand() * 3)]!,
    });
  }
  return out;
}

export interface ParseBench {
  messages: number;
  /** parse() alone, one message at a time. */
  msgsPerSec: { median: number; min: number; max: number; runs: number };
  p50us: number;
  p99us: number;
  /** The CLI's per-line work (JSON.parse, zod, parse(), JSON.stringify) over the same JSONL. */
  cliLinesPerSec: { median: number; min: number; max: number; runs: number };
  /** The I/O floor: JSON.parse of each line and JSON.stringify of an answer-sized object, nothing else. */
  floorLinesPerSec: { median: number; min: number; max: number; runs: number };
  /** parse() msg/s ÷ floor lines/s, per run (median): 1 would mean parsing is free. */
  parseOverFloor: { median: number; min: number; max: number; runs: number };
  /** CLI lines/s ÷ floor lines/s, per run (median). */
  cliOverFloor: { median: number; min: number; max: number; runs: number };
}

const NOW = '2026-11-23T10:00:00+08:00';

/** The generated messages as the CLI reads them: one CONTRACTS §2 JSON object per line. */
export function toJsonl(msgs: { text: string; context: ParseContext }[]): string[] {
  return msgs.map((m, i) =>
    JSON.stringify({
      id: `n${i}`,
      text: m.text,
      context: m.context,
      locale: /[a-z]{3}/i.test(m.text) ? 'en-US' : 'zh-CN',
      now: NOW,
    }),
  );
}

/** Read every line, write an answer of the same size and shape, parse nothing: the floor. */
function floorPass(lines: string[]): string {
  const out: string[] = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const o = JSON.parse(lines[i]!) as { id: string };
    out[i] = JSON.stringify({
      id: o.id,
      intent: 'promise_to_pay',
      hardship: 'temporary',
      amount: 500,
      installments: null,
      date: '2026-11-27',
    });
  }
  return out.join('\n');
}

function cliPass(lines: string[]): string {
  const out: string[] = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) out[i] = answerLine(lines[i]!);
  return out.join('\n');
}

/**
 * Parse throughput on one core (this process), median over `runs` rounds after a warm-up. Each
 * round measures, back to back, the I/O floor, the CLI's per-line pipeline and parse() alone on
 * the same messages, so the ratios compare figures taken under the same machine load.
 */
export function benchParse(n = 100_000, runs = 5): ParseBench {
  const msgs = generateMessages(n);
  const lines = toJsonl(msgs);
  const now = parseInstant(NOW)!;
  for (let i = 0; i < Math.min(n, 20_000); i++) parse(msgs[i]!.text, { context: msgs[i]!.context, now });
  floorPass(lines.slice(0, 20_000));
  cliPass(lines.slice(0, 5_000));
  const rates: number[] = [];
  const floor: number[] = [];
  const cli: number[] = [];
  const lat = new Float64Array(n);
  let sink = 0;
  for (let r = 0; r < runs; r++) {
    let t = process.hrtime.bigint();
    sink += floorPass(lines).length;
    floor.push(n / (Number(process.hrtime.bigint() - t) / 1e9));
    t = process.hrtime.bigint();
    sink += cliPass(lines).length;
    cli.push(n / (Number(process.hrtime.bigint() - t) / 1e9));
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) {
      const t0 = process.hrtime.bigint();
      parse(msgs[i]!.text, { context: msgs[i]!.context, now });
      lat[i] = Number(process.hrtime.bigint() - t0) / 1000;
    }
    rates.push(n / (Number(process.hrtime.bigint() - start) / 1e9));
  }
  if (sink === 0) throw new Error('unreachable: keeps the passes from being optimised away');
  lat.sort();
  return {
    messages: n,
    msgsPerSec: summarize(rates),
    p50us: percentile(lat, 0.5),
    p99us: percentile(lat, 0.99),
    cliLinesPerSec: summarize(cli),
    floorLinesPerSec: summarize(floor),
    parseOverFloor: summarize(rates.map((x, i) => x / floor[i]!)),
    cliOverFloor: summarize(cli.map((x, i) => x / floor[i]!)),
  };
}
