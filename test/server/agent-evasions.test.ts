import { afterEach, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server/huikuan-server.ts';
import { cleanCorpus, evasionCorpus } from '../compliance/corpora.ts';
import { closeAll, postJson, startAt } from './support.ts';

/**
 * Issue 12, finding 3, on a real server: what an agent types into the panel's composer meets the
 * same guard as the bot's templates. Every line of the committed evasion corpus written for the
 * demo debtors' lenders is refused with the rule that must stop it, and never reaches the
 * channel; the clean corpus for those lenders goes out. (The guard itself is held to both
 * corpora, and to every generated disguise, in test/compliance.)
 */

afterEach(closeAll);

// 09:00 in Beijing, 20:00 the evening before in New York: outside quiet hours for both.
const T0 = Date.parse('2026-11-23T09:00:00+08:00');

/** The demo debtor each corpus lender signs to. */
const DEBTOR: Readonly<Record<string, string>> = { 安心贷: 'demo-zhangwei', QuickCash: 'demo-maria' };

type Sent = { status: number; body: { status?: string; violations?: { rule: string; reason: string }[] } };
const send = async (r: Running, id: string, text: string): Promise<Sent> => {
  const res = await postJson(`${r.url}/api/conversations/${id}/messages`, { text });
  return { status: res.status, body: (await res.json()) as Sent['body'] };
};

const agentMessages = async (r: Running, id: string) =>
  (await r.store.listMessages(id)).filter((m) => m.message.author === 'agent');

describe('the agent composer', () => {
  it('refuses every evasion of the committed corpus with its rule, and none is sent', async () => {
    const r = await startAt(T0);
    const lines = evasionCorpus().filter((e) => DEBTOR[e.lender] !== undefined);
    expect(lines.length).toBeGreaterThanOrEqual(120);
    for (const e of lines) {
      const { status, body } = await send(r, DEBTOR[e.lender]!, e.text);
      expect(status, e.text).toBe(422);
      const hit = body.violations?.find((v) => v.rule === e.rule);
      expect(hit, `${e.text}: ${JSON.stringify(body.violations)}`).toBeDefined();
      if (e.category !== undefined) expect(hit!.reason, e.text).toContain(e.category.replace('_', '/'));
    }
    await r.service.drain();
    for (const id of Object.values(DEBTOR)) {
      const mine = await agentMessages(r, id);
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((m) => m.status === 'blocked')).toBe(true);
    }
  });

  it('refuses a threat split by a comma or typed in sound-alike characters, naming it as typed', async () => {
    const r = await startAt(T0);
    for (const [text, reason] of [
      ['【安心贷】张伟,再不还就报，警', 'police/jail "报警 (as 报、警)"'],
      ['【安心贷】张伟,你等着坐。牢吧', 'police/jail "坐牢 (as 坐。牢)"'],
      ['【安心贷】张伟,再不还就包警', 'police/jail "报警 (as 包警)"'],
      ['【安心贷】张伟,不还钱就等着座牢', 'police/jail "坐牢 (as 座牢)"'],
      ['【安心贷】张伟,我们已经向法阮提交材料', 'court/government "法院 (as 法阮)"'],
    ] as const) {
      const { status, body } = await send(r, 'demo-zhangwei', text);
      expect(status, text).toBe(422);
      expect(body.violations?.find((v) => v.rule === 'banned_lexicon')?.reason, text).toContain(reason);
    }
    await r.service.drain();
    const mine = await agentMessages(r, 'demo-zhangwei');
    expect(mine).toHaveLength(5);
    expect(mine.every((m) => m.status === 'blocked')).toBe(true);
  });

  it('sends a clause break between two ordinary words, and ordinary words that sound like a threat', async () => {
    const r = await startAt(T0);
    for (const text of [
      '【安心贷】张伟您好,节日期间祝您顺利回家,人在路上也可以通过App还款。',
      '【安心贷】张伟您好,还款可以选择线上,门店也可以办理。',
      '【安心贷】张伟您好,经查,您本月的还款已到账,感谢配合。',
      '【安心贷】张伟您好,请检查您的银行卡余额是否充足。',
      '【安心贷】张伟您好,等您领到工资后再还也可以,我们先记下。',
    ]) {
      const { status, body } = await send(r, 'demo-zhangwei', text);
      expect([status, body.violations ?? []], text).toEqual([200, []]);
    }
  });

  it('sends the clean corpus of the same lenders', async () => {
    const r = await startAt(T0);
    const lines = cleanCorpus().filter((c) => DEBTOR[c.lender] !== undefined && !c.wrongParty);
    expect(lines.length).toBeGreaterThanOrEqual(40);
    for (const c of lines) {
      const { status, body } = await send(r, DEBTOR[c.lender]!, c.text);
      // Queued, or deferred to tomorrow once the day's three proactive messages are used.
      expect([status, body.violations ?? []], c.text).toEqual([200, []]);
      expect(['queued', 'deferred'], c.text).toContain(body.status);
    }
  });
});
