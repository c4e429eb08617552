import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadLenderConfig } from '../../src/lenders/load.ts';
import { ConversationFileSchema } from '../../src/replay/file.ts';
import { runConversation } from '../../src/replay/run.ts';

const lenders = loadLenderConfig('config/lenders.example.yaml');

/** 安心贷's debtor, 5 days overdue: the consequences reminder, a capacity, an offer, a yes, a question. */
const file = ConversationFileSchema.parse({
  id: 'cfg-zh',
  locale: 'zh-CN',
  timezone: 'Asia/Shanghai',
  start: '2026-11-23T10:00:00+08:00',
  account: { debtorName: '张伟', lender: '安心贷', balance: 3600, currency: 'CNY', overdueDays: 5 },
  turns: [
    { at: '2026-11-23T10:05:00+08:00', text: '每月最多能还600' },
    { at: '2026-11-23T10:10:00+08:00', text: 'A' },
    { at: '2026-11-23T10:20:00+08:00', text: '你们是哪个公司的?' },
  ],
});

const outTexts = (lb?: typeof lenders) =>
  runConversation(file, { lenders: lb }).events.filter((e) => e.direction === 'out');

describe("a replayed conversation speaks in the lender's configured wording", () => {
  it("uses the lender's reminder, offer, confirmation and who-we-are wording, and its hotline", () => {
    const out = outTexts(lenders);
    expect(out[0]!.text).toContain('您在安心贷的借款已逾期5天,待还3600元。持续逾期会产生罚息');
    expect(out[0]!.text).toMatch(/^【安心贷】.*回复R拒收$/);
    const offer = out.find((e) => e.acts.includes('offer'))!;
    expect(offer.text).toContain('根据您的情况,安心贷为您准备了以下方案:A. ');
    const confirm = out.find((e) => e.acts.includes('confirm'))!;
    expect(confirm.state).toBe('agreed');
    expect(confirm.text).toMatch(/已为您确认方案A:.*首期\d+月\d+日还\d+元,到期前我们会短信提醒您。/);
    expect(out.at(-1)!.text).toContain('我们是安心贷官方客服,客服电话400-820-8820');
  });

  it("plans follow the lender's policy (at most 6 installments, at least 200 a month)", () => {
    const offer = outTexts(lenders).find((e) => e.acts.includes('offer'))!;
    for (const o of offer.offers as { installments: { amount: number }[] }[]) {
      expect(o.installments.length).toBeLessThanOrEqual(6);
      expect(o.installments.every((i) => i.amount >= 200)).toBe(true);
    }
  });

  it('without a configuration the same file is worded by the catalogue', () => {
    const out = outTexts();
    expect(out[0]!.text).not.toContain('您在安心贷的借款');
    expect(out.at(-1)!.text).not.toContain('400-820-8820');
  });

  it('the replay CLI reads HUIKUAN_CONFIG, as npm start does', () => {
    const r = spawnSync(
      'npx',
      ['tsx', 'scripts/replay.ts', '--format', 'jsonl', 'test/conversations/contract-c01.json'],
      {
        encoding: 'utf8',
        env: { ...process.env, HUIKUAN_CONFIG: 'config/lenders.example.yaml' },
      },
    );
    expect(JSON.parse(r.stdout.split('\n')[0]!).text).toContain('您在安心贷的借款已逾期5天');
  });
});
