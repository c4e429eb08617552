import { parseInstant } from '../src/calendar.ts';
import { parse, type ParseContext } from '../src/parse/index.ts';
import { percentile, prng, summarize } from './stats.ts';

/** Generated debtor replies: every intent family, both languages, amounts, dates, noise. */
const TEMPLATES = [
  '我现在真的没钱', '没钱,别发了', '现在没钱,只能先还{n}', '没钱,周五发工资就还', '我只能先还{n}', '每月最多{n}', '{zh}一个月可以',
  '月底先还{n}', '下周五还{n}块', '能不能分{k}期', '分三期可以吗', '宽限几天吧', '推到下个月{d}号', '打错了', '我不是他本人', '我没借过,金额不对',
  '已经还了{n}', '昨天转过去了', '我要投诉你们 12378', '骗子!!', '转人工', '好的', '第二个方案', '不行,太多了', '你们是哪个平台?', '欠多少',
  '收到', '👍', '暂时周转不开', '失业了,长期没收入', '我借了5000,逾期5天,电话13800138000', 'STOP', 'R', '退订',
  'I can pay ${n} next Friday', 'no money right now, lost my job', 'can I split it into {k} payments?', 'wrong number', 'I already paid',
  'give me until the end of the month', 'how much do I owe?', 'ok', 'too much, I can do {n} a month', 'I will pay tomorrow', 'Stop texting me',
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
    out.push({ text: rand() < 0.1 ? `${text}${'!?。 '[Math.floor(rand() * 4)]}` : text, context: contexts[Math.floor(rand() * 3)]! });
  }
  return out;
}

export interface ParseBench {
  messages: number;
  msgsPerSec: { median: number; min: number; max: number; runs: number };
  p50us: number;
  p99us: number;
}

/** Parse throughput on one core (this process), median over `runs` passes after a warm-up. */
export function benchParse(n = 100_000, runs = 5): ParseBench {
  const msgs = generateMessages(n);
  const now = parseInstant('2026-11-23T10:00:00+08:00')!;
  for (let i = 0; i < Math.min(n, 20_000); i++) parse(msgs[i]!.text, { context: msgs[i]!.context, now });
  const rates: number[] = [];
  const lat = new Float64Array(n);
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) {
      const t0 = process.hrtime.bigint();
      parse(msgs[i]!.text, { context: msgs[i]!.context, now });
      lat[i] = Number(process.hrtime.bigint() - t0) / 1000;
    }
    rates.push(n / (Number(process.hrtime.bigint() - start) / 1e9));
  }
  lat.sort();
  return { messages: n, msgsPerSec: summarize(rates), p50us: percentile(lat, 0.5), p99us: percentile(lat, 0.99) };
}
