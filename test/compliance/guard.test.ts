import { describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/time/calendar.ts';
import {
  BANNED_LEXICON,
  GUARD_RULES,
  GuardInputSchema,
  MAX_SMS_CHARS,
  guard,
  type GuardInput,
  type GuardRule,
  type GuardVerdict,
} from '../../src/compliance/guard.ts';

/**
 * The compliance guard as a specification: every rule of CONTRACTS §4 with a message that
 * passes and one that fails, in Chinese and in English.
 */

const at = (iso: string): number => {
  const i = parseInstant(iso);
  if (!i) throw new Error(`bad instant ${iso}`);
  return i.epochMs;
};

const ZH_REMINDER =
  '【安心贷】张伟您好,您的借款3600元已逾期5天,持续逾期将影响个人征信。如有困难可回复协商分期方案。回复R拒收';
const EN_REMINDER =
  'QuickCash: Hi John, your payment of $120.00 is 5 days late. If money is tight, reply and we can set up a plan that fits. Reply STOP to opt out.';

/** A Chinese reply from 安心贷 at 10:00 Beijing time, nothing wrong with it. */
const zh = (over: Partial<GuardInput> = {}): GuardInput => ({
  text: '【安心贷】张伟您好,您当前待还金额为3600元,可通过App首页的还款入口还款。',
  kind: 'reply',
  acts: ['answer'],
  locale: 'zh-CN',
  lender: '安心贷',
  timezone: 'Asia/Shanghai',
  quietHours: { start: '21:00', end: '08:00' },
  maxProactivePerDay: 3,
  now: at('2026-11-23T10:00:00+08:00'),
  optedOut: false,
  optOutConfirmationSent: false,
  wrongParty: false,
  proactiveSentAt: [],
  repliesToThisInbound: 0,
  ...over,
});

/** An English reply from QuickCash at 10:00 in New York, nothing wrong with it. */
const en = (over: Partial<GuardInput> = {}): GuardInput =>
  zh({
    text: 'QuickCash: Hi John, your balance is $3,600.00. You can pay in the app under Payments.',
    locale: 'en-US',
    lender: 'QuickCash',
    timezone: 'America/New_York',
    now: at('2026-11-23T10:00:00-05:00'),
    ...over,
  });

const zhProactive = (over: Partial<GuardInput> = {}): GuardInput =>
  zh({ text: ZH_REMINDER, kind: 'proactive', acts: ['reminder'], ...over });
const enProactive = (over: Partial<GuardInput> = {}): GuardInput =>
  en({ text: EN_REMINDER, kind: 'proactive', acts: ['reminder'], ...over });

const rules = (v: GuardVerdict): GuardRule[] => v.violations.map((x) => x.rule);
const reasons = (v: GuardVerdict, rule: GuardRule): string =>
  v.violations
    .filter((x) => x.rule === rule)
    .map((x) => x.reason)
    .join(' | ');

function expectSent(input: GuardInput): void {
  const v = guard(input);
  expect(v.violations).toEqual([]);
  expect(v).toEqual({ action: 'send', violations: [] });
}
function expectBlocked(input: GuardInput, ...only: GuardRule[]): GuardVerdict {
  const v = guard(input);
  expect(v.action).toBe('block');
  expect(v.until).toBeUndefined();
  if (only.length > 0) expect(rules(v)).toEqual(only);
  for (const x of v.violations) expect(x.reason.length).toBeGreaterThan(10);
  return v;
}

describe('the guard’s shape', () => {
  it('names its rules', () => {
    expect(GUARD_RULES).toEqual([
      'signature',
      'stray_brackets',
      'quiet_hours',
      'daily_cap',
      'opt_out_hint',
      'after_opt_out',
      'wrong_party_disclosure',
      'banned_lexicon',
      'template_debris',
      'max_length',
      'one_reply_per_inbound',
    ]);
  });

  it('sends the plain examples as they are', () => {
    expectSent(zh());
    expectSent(en());
    expectSent(zhProactive());
    expectSent(enProactive());
  });

  it('validates its input with zod at the boundary', () => {
    expect(GuardInputSchema.parse(zh())).toEqual(zh());
    expect(GuardInputSchema.safeParse({ ...zh(), timezone: 'Mars/Base' }).success).toBe(false);
    expect(
      GuardInputSchema.safeParse({ ...zh(), quietHours: { start: '25:00', end: '08:00' } }).success,
    ).toBe(false);
    expect(GuardInputSchema.safeParse({ ...zh(), acts: ['threaten'] }).success).toBe(false);
  });

  it('lists every violation in rule order, and a content violation blocks even when timing would defer', () => {
    const v = guard(zhProactive({ text: '张伟,你这个老赖', now: at('2026-11-23T22:00:00+08:00') }));
    expect(v.action).toBe('block');
    expect(rules(v)).toEqual(['signature', 'quiet_hours', 'opt_out_hint', 'banned_lexicon']);
  });
});

describe('signature: Chinese opens with 【lender】, English names the lender', () => {
  it('passes a Chinese SMS that opens with 【安心贷】', () => expectSent(zh()));

  it('blocks a Chinese SMS without the signature, or with it anywhere but the start', () => {
    const v = expectBlocked(zh({ text: '张伟您好,您当前待还金额为3600元。' }), 'signature');
    expect(reasons(v, 'signature')).toContain('【安心贷】');
    expectBlocked(zh({ text: ' 【安心贷】张伟您好。' }), 'signature', 'stray_brackets');
    expectBlocked(zh({ text: '张伟您好。【安心贷】' }), 'signature', 'stray_brackets');
  });

  it('blocks a Chinese SMS signed by another lender', () => {
    expectBlocked(zh({ text: '【好借】张伟您好,您当前待还金额为3600元。' }), 'signature', 'stray_brackets');
  });

  it('passes an English SMS that names the lender anywhere', () => {
    expectSent(en({ text: 'Hi John, your balance is $3,600.00. Thank you, QuickCash' }));
    expectSent(en({ text: 'Hi John, this is QUICKCASH about your balance of $3,600.00.' }));
  });

  it('blocks an English SMS that does not name the lender (a longer word containing it does not count)', () => {
    const v = expectBlocked(en({ text: 'Hi John, your balance is $3,600.00.' }), 'signature');
    expect(reasons(v, 'signature')).toContain('QuickCash');
    expectBlocked(en({ text: 'QuickCashier: Hi John, your balance is $3,600.00.' }), 'signature');
  });
});

describe('stray_brackets: no 【】 but the signature', () => {
  it('blocks a second 【】 in a Chinese body and names it', () => {
    const v = expectBlocked(zh({ text: '【安心贷】【重要通知】张伟您好,请尽快还款。' }), 'stray_brackets');
    expect(reasons(v, 'stray_brackets')).toContain('【');
    expectBlocked(zh({ text: '【安心贷】张伟您好,请尽快还款】' }), 'stray_brackets');
  });

  it('blocks 【】 in an English SMS, but lets it open with 【QuickCash】', () => {
    expectBlocked(en({ text: 'QuickCash: 【Notice】 your balance is $3,600.00.' }), 'stray_brackets');
    expectSent(en({ text: '【QuickCash】Hi John, your balance is $3,600.00.' }));
  });
});

describe('quiet_hours: sent between 08:00 and 21:00 in the debtor’s local time, deferred (never dropped) otherwise', () => {
  it('a reminder at 21:30 Beijing time is deferred to 08:00 the next morning', () => {
    const v = guard(zhProactive({ now: at('2026-11-23T21:30:00+08:00') }));
    expect(v.action).toBe('defer');
    expect(v.until).toBe(at('2026-11-24T08:00:00+08:00'));
    expect(rules(v)).toEqual(['quiet_hours']);
    expect(reasons(v, 'quiet_hours')).toContain('2026-11-23T21:30:00+08:00');
    expect(reasons(v, 'quiet_hours')).toContain('2026-11-24T08:00:00+08:00');
  });

  it('a reply arriving at 07:59 waits one minute; at 08:00 and 20:59 it goes at once; at 21:00 it waits', () => {
    expect(guard(zh({ now: at('2026-11-23T07:59:00+08:00') })).until).toBe(at('2026-11-23T08:00:00+08:00'));
    expectSent(zh({ now: at('2026-11-23T08:00:00+08:00') }));
    expectSent(zh({ now: at('2026-11-23T20:59:59+08:00') }));
    expect(guard(zh({ now: at('2026-11-23T21:00:00+08:00') })).action).toBe('defer');
  });

  it('a reply at 22:15 in New York on the eve of the spring-forward goes at 08:00 EDT', () => {
    const v = guard(en({ now: at('2026-03-07T22:15:00-05:00') }));
    expect(v.action).toBe('defer');
    expect(v.until).toBe(at('2026-03-08T08:00:00-04:00'));
  });

  it('a deferred message re-checked at its `until` is sent', () => {
    const first = guard(enProactive({ now: at('2026-10-31T23:00:00-04:00') }));
    expect(first.until).toBe(at('2026-11-01T08:00:00-05:00'));
    expectSent(enProactive({ now: first.until! }));
  });

  it('uses the debtor’s zone: 09:00 in New York is 22:00 in Beijing', () => {
    const now = at('2026-11-23T09:00:00-05:00');
    expectSent(en({ now }));
    expect(guard(en({ now, timezone: 'Asia/Shanghai' })).action).toBe('defer');
  });

  it('respects a lender’s own quiet hours, including none at all', () => {
    const strict = { start: '20:00', end: '09:00' };
    expect(guard(zh({ now: at('2026-11-23T08:30:00+08:00'), quietHours: strict })).until).toBe(
      at('2026-11-23T09:00:00+08:00'),
    );
    expectSent(zh({ now: at('2026-11-23T03:00:00+08:00'), quietHours: { start: '00:00', end: '00:00' } }));
  });
});

describe('daily_cap: at most maxProactivePerDay proactive messages per local day', () => {
  const today = (hhmm: string) => at(`2026-11-23T${hhmm}:00+08:00`);

  it('a second proactive message beyond a cap of one is deferred to tomorrow at 08:00', () => {
    const v = guard(
      zhProactive({ maxProactivePerDay: 1, proactiveSentAt: [today('10:00')], now: today('15:00') }),
    );
    expect(v.action).toBe('defer');
    expect(v.until).toBe(at('2026-11-24T08:00:00+08:00'));
    expect(rules(v)).toEqual(['daily_cap']);
    expect(reasons(v, 'daily_cap')).toContain('2026-11-23');
  });

  it('a fourth proactive message beyond the default cap of three is deferred to tomorrow (English, New York)', () => {
    const sent = ['09:00', '12:00', '15:00'].map((h) => at(`2026-11-23T${h}:00-05:00`));
    const v = guard(enProactive({ proactiveSentAt: sent, now: at('2026-11-23T18:00:00-05:00') }));
    expect(v.until).toBe(at('2026-11-24T08:00:00-05:00'));
    expectSent(enProactive({ proactiveSentAt: sent, now: v.until! }));
  });

  it('the third of three goes out', () => {
    expectSent(zhProactive({ proactiveSentAt: [today('09:00'), today('12:00')], now: today('15:00') }));
  });

  it('counts local days, not UTC days', () => {
    // 20:00 EST on the 23rd is 01:00Z on the 24th, the same UTC day as 10:00 EST on the 24th.
    expectSent(
      enProactive({
        maxProactivePerDay: 1,
        proactiveSentAt: [at('2026-11-23T20:00:00-05:00')],
        now: at('2026-11-24T10:00:00-05:00'),
      }),
    );
  });

  it('counts messages already scheduled later today', () => {
    const v = guard(
      zhProactive({ maxProactivePerDay: 1, proactiveSentAt: [today('18:00')], now: today('10:00') }),
    );
    expect(v.until).toBe(at('2026-11-24T08:00:00+08:00'));
  });

  it('skips days that are already full', () => {
    const v = guard(
      zhProactive({
        maxProactivePerDay: 1,
        proactiveSentAt: [today('09:00'), at('2026-11-24T09:00:00+08:00')],
        now: today('15:00'),
      }),
    );
    expect(v.until).toBe(at('2026-11-25T08:00:00+08:00'));
    expect(reasons(v, 'daily_cap')).toContain('2026-11-24');
  });

  it('a proactive message in quiet hours whose next morning is full waits for the morning after', () => {
    const v = guard(
      zhProactive({
        maxProactivePerDay: 1,
        proactiveSentAt: [at('2026-11-24T09:00:00+08:00')],
        now: today('22:00'),
      }),
    );
    expect(v.until).toBe(at('2026-11-25T08:00:00+08:00'));
    expect(rules(v)).toEqual(['quiet_hours', 'daily_cap']);
  });

  it('does not cap replies', () => {
    expectSent(
      zh({ proactiveSentAt: [today('09:00'), today('09:30'), today('09:45')], now: today('15:00') }),
    );
  });

  it('blocks every proactive message when the cap is 0', () => {
    expectBlocked(zhProactive({ maxProactivePerDay: 0 }), 'daily_cap');
    expectSent(zh({ maxProactivePerDay: 0 }));
  });
});

describe('opt_out_hint: every proactive message says how to opt out', () => {
  it('passes 回复R拒收, the market’s 拒收请回复R, and full-width or lower-case forms', () => {
    expectSent(zhProactive());
    expectSent(zhProactive({ text: '【安心贷】张伟您好,您的借款3600元已逾期5天。拒收请回复R' }));
    expectSent(zhProactive({ text: '【安心贷】张伟您好,您的借款3600元已逾期5天。回复ｒ拒收' }));
  });

  it('blocks a Chinese reminder without it', () => {
    const v = expectBlocked(
      zhProactive({ text: '【安心贷】张伟您好,您的借款3600元已逾期5天。' }),
      'opt_out_hint',
    );
    expect(reasons(v, 'opt_out_hint')).toContain('回复R拒收');
  });

  it('passes "Reply STOP" in any case, blocks an English reminder without it', () => {
    expectSent(
      enProactive({ text: 'QuickCash: Hi John, your payment is 5 days late. reply stop to opt out' }),
    );
    const v = expectBlocked(
      enProactive({ text: 'QuickCash: Hi John, your payment is 5 days late.' }),
      'opt_out_hint',
    );
    expect(reasons(v, 'opt_out_hint')).toContain('Reply STOP');
    expectBlocked(
      enProactive({ text: 'QuickCash: Hi John, your payment is 5 days late. Reply STOPPING' }),
      'opt_out_hint',
    );
  });

  it('does not require it in a reply', () => {
    expectSent(zh());
    expectSent(en());
  });
});

describe('after_opt_out: nothing but one confirmation', () => {
  const zhConfirm = (over: Partial<GuardInput> = {}) =>
    zh({
      text: '【安心贷】您已退订,我们不会再向您发送短信。',
      acts: ['opt_out_confirm'],
      optedOut: true,
      ...over,
    });
  const enConfirm = (over: Partial<GuardInput> = {}) =>
    en({
      text: 'QuickCash: You are unsubscribed and will get no more texts from us.',
      acts: ['opt_out_confirm'],
      optedOut: true,
      ...over,
    });

  it('lets the one confirmation through', () => {
    expectSent(zhConfirm());
    expectSent(enConfirm());
  });

  it('blocks a reminder or an answer after opt-out', () => {
    const v = expectBlocked(zhProactive({ optedOut: true }), 'after_opt_out');
    expect(reasons(v, 'after_opt_out')).toContain('reminder');
    expectBlocked(en({ optedOut: true }), 'after_opt_out');
  });

  it('blocks a second confirmation', () => {
    expectBlocked(zhConfirm({ optOutConfirmationSent: true }), 'after_opt_out');
    expectBlocked(enConfirm({ optOutConfirmationSent: true }), 'after_opt_out');
  });

  it('blocks a confirmation that carries anything else (an offer, a reminder)', () => {
    const v = expectBlocked(zhConfirm({ acts: ['opt_out_confirm', 'offer'] }), 'after_opt_out');
    expect(reasons(v, 'after_opt_out')).toContain('offer');
    expectSent(enConfirm({ acts: ['opt_out_confirm', 'ack'] }));
  });

  it('still waits for the end of quiet hours', () => {
    expect(guard(zhConfirm({ now: at('2026-11-23T23:00:00+08:00') })).until).toBe(
      at('2026-11-24T08:00:00+08:00'),
    );
  });
});

describe('wrong_party_disclosure: an SMS to a wrong party never mentions the debt', () => {
  const wrongZh = (text: string, over: Partial<GuardInput> = {}) =>
    zh({ text, wrongParty: true, acts: ['apology'], ...over });
  const wrongEn = (text: string, over: Partial<GuardInput> = {}) =>
    en({ text, wrongParty: true, acts: ['apology'], ...over });

  it('passes a plain apology', () => {
    expectSent(wrongZh('【安心贷】抱歉打扰,我们已记录此号码,不会再向您发送短信。'));
    expectSent(
      wrongEn('QuickCash: Sorry for the trouble. We have noted this number and will not text it again.'),
    );
  });

  it('blocks an apology that asks to pass on a debt, and names what gave it away', () => {
    const v = expectBlocked(
      wrongZh('【安心贷】抱歉打扰,请转告张伟尽快处理欠款3600元。'),
      'wrong_party_disclosure',
    );
    expect(reasons(v, 'wrong_party_disclosure')).toContain('欠');
    expect(reasons(v, 'wrong_party_disclosure')).toContain('3600元');
    const w = expectBlocked(
      wrongEn('QuickCash: Sorry, please ask John to call us about his overdue loan of $3,600.'),
      'wrong_party_disclosure',
    );
    for (const word of ['overdue', 'loan', '$3'])
      expect(reasons(w, 'wrong_party_disclosure')).toContain(word);
  });

  it.each([
    ['逾期', '【安心贷】您好,张伟的账户已逾期。'],
    ['贷款', '【安心贷】您好,这是一条贷款提醒。'],
    ['还款', '【安心贷】请提醒机主尽快还款。'],
    ['催收', '【安心贷】本短信来自催收部门。'],
    ['债', '【安心贷】请告知机主处理债务。'],
    ['账单', '【安心贷】机主有一笔账单未处理。'],
    ['分期', '【安心贷】机主的分期已到期。'],
    ['三千元', '【安心贷】请转告机主准备三千元。'],
  ])('blocks 《%s》 to a wrong party', (_word, text) => {
    expectBlocked(wrongZh(text), 'wrong_party_disclosure');
  });

  it.each([
    'QuickCash: Please tell John about his debt.',
    'QuickCash: John owes us.',
    'QuickCash: John missed a payment.',
    'QuickCash: This is about a balance.',
    'QuickCash: Our collections team needs John.',
    'QuickCash: An installment is due.',
    'QuickCash: Please ask John to send 120 dollars.',
    'QuickCash: Please ask John to send USD 120.',
  ])('blocks %j to a wrong party', (text) => {
    expectBlocked(wrongEn(text), 'wrong_party_disclosure');
  });

  it('holds for the opt-out confirmation to a wrong party too', () => {
    const v = expectBlocked(
      wrongZh('【安心贷】您已退订贷款提醒。', { acts: ['opt_out_confirm'], optedOut: true }),
      'wrong_party_disclosure',
    );
    expect(reasons(v, 'wrong_party_disclosure')).toContain('贷款');
    expectSent(
      wrongZh('【安心贷】您已退订,不会再收到我们的短信。', { acts: ['opt_out_confirm'], optedOut: true }),
    );
  });

  it('exempts the mandatory signature: a lender whose name says 贷款 may still apologise, but says nothing else of a debt', () => {
    expectSent(wrongZh('【XX贷款】抱歉打扰,不会再向您发送短信。', { lender: 'XX贷款' }));
    expectBlocked(
      wrongZh('【XX贷款】抱歉打扰,请转告他尽快还款。', { lender: 'XX贷款' }),
      'wrong_party_disclosure',
    );
  });

  it('is silent when the recipient is the debtor', () => {
    expectSent(zh({ text: '【安心贷】张伟您好,您的贷款已逾期3天,欠款3600元。' }));
  });
});

describe('banned_lexicon: threats, insults, family, contacts, employer, police, exposure, posing as a court or government', () => {
  it('blocks the seeds’ bad example "XXX,再不还钱我报警了!" (police, no signature, a placeholder)', () => {
    const v = expectBlocked(
      zh({ text: 'XXX,再不还钱我报警了!' }),
      'signature',
      'banned_lexicon',
      'template_debris',
    );
    expect(reasons(v, 'banned_lexicon')).toContain('报警');
    expect(reasons(v, 'banned_lexicon')).toContain('police');
    expect(reasons(v, 'template_debris')).toContain('XXX');
  });

  it('blocks the seeds’ bad example "你妈知道你欠钱不还吗?" (family)', () => {
    const v = expectBlocked(zh({ text: '你妈知道你欠钱不还吗?' }), 'signature', 'banned_lexicon');
    expect(reasons(v, 'banned_lexicon')).toMatch(/family.*妈/);
  });

  it('blocks the seeds’ bad example "你欠的钱赶紧还,别逼我!" (threat), signed or not', () => {
    expect(
      reasons(
        expectBlocked(zh({ text: '【安心贷】你欠的钱赶紧还,别逼我!' }), 'banned_lexicon'),
        'banned_lexicon',
      ),
    ).toContain('别逼我');
  });

  it('passes the seeds’ good example apart from its placeholder XXX', () => {
    const seed =
      '【XX贷款】您好!您的贷款已逾期3天,金额XXX元。持续逾期将影响个人征信并产生罚息。如有困难请联系我们协商分期方案。祝您生活愉快!';
    const v = expectBlocked(zh({ text: seed, lender: 'XX贷款' }), 'template_debris');
    expect(reasons(v, 'template_debris')).toContain('XXX');
    expectSent(zh({ text: seed.replace('XXX', '3600'), lender: 'XX贷款' }));
  });

  it.each([
    ['threat', '【安心贷】再不还款后果自负。'],
    ['threat', '【安心贷】我们将派人上门。'],
    ['insult', '【安心贷】你这个骗子,快还钱。'],
    ['insult', '【安心贷】别当老赖。'],
    ['insult', '【安心贷】穷鬼也得还钱。'],
    ['family', '【安心贷】我们会联系您的家人。'],
    ['family', '【安心贷】您父母知道吗?'],
    ['contacts', '【安心贷】我们将通知您通讯录里的人。'],
    ['contacts', '【安心贷】已联系您的紧急联系人。'],
    ['employer', '【安心贷】我们将联系您的单位。'],
    ['employer', '【安心贷】您的同事会知道的。'],
    ['police/jail', '【安心贷】恶意拖欠可能坐牢。'],
    ['police/jail', '【安心贷】已移交公安处理。'],
    ['exposure', '【安心贷】我们会在朋友圈曝光。'],
    ['court/government', '【安心贷】法院传票已寄出。'],
    ['court/government', '【安心贷】已提交执行局。'],
  ])('blocks a Chinese %s: %s', (category, text) => {
    const v = expectBlocked(zh({ text }), 'banned_lexicon');
    expect(reasons(v, 'banned_lexicon')).toContain(category);
  });

  it.each([
    ['threat', 'QuickCash: Pay now or else.'],
    ['threat', 'QuickCash: We will take legal action against you.'],
    ['insult', 'QuickCash: Pay up, deadbeat.'],
    ['insult', 'QuickCash: Stop acting like a LOSER.'],
    ['family', 'QuickCash: We will call your wife about this.'],
    ['family', 'QuickCash: Your parents will hear from us.'],
    ['contacts', 'QuickCash: We will text your contacts.'],
    ['contacts', 'QuickCash: We reached your references.'],
    ['employer', 'QuickCash: We will call your employer.'],
    ['employer', 'QuickCash: Your boss will be told.'],
    ['police/jail', 'QuickCash: You could go to jail.'],
    ['police/jail', 'QuickCash: The police will be informed.'],
    ['exposure', 'QuickCash: We will expose you online.'],
    ['exposure', 'QuickCash: We will publish your name.'],
    ['court/government', 'QuickCash: A court date has been set.'],
    ['court/government', 'QuickCash: A warrant may be issued.'],
  ])('blocks an English %s: %s', (category, text) => {
    const v = expectBlocked(en({ text }), 'banned_lexicon');
    expect(reasons(v, 'banned_lexicon')).toContain(category);
  });

  it('reads full-width, traditional, spaced and zero-width-split forms', () => {
    expectBlocked(zh({ text: '【安心贷】你這個騙子' }), 'banned_lexicon');
    expectBlocked(zh({ text: '【安心贷】走著瞧' }), 'banned_lexicon');
    expectBlocked(zh({ text: '【安心贷】老 赖' }), 'banned_lexicon');
    expectBlocked(zh({ text: '【安心贷】骗\u200b子' }), 'banned_lexicon');
    expectBlocked(en({ text: 'QuickCash: ＤＥＡＤＢＥＡＴ' }), 'banned_lexicon');
    expectBlocked(en({ text: 'QuickCash: you li\u200bar' }), 'banned_lexicon');
    expectBlocked(en({ text: 'QuickCash: Pay now ór élse' }), 'banned_lexicon');
  });

  it('matches English as words: no false hits inside courtesy, person, Sue, warranty, assistance', () => {
    expectSent(
      en({
        text: 'QuickCash: As a courtesy, a person from our team (Sue) can explain the warranty. Thanks for your assistance.',
      }),
    );
    expectSent(en({ text: 'QuickCash: Please contact us when convenient; we are happy to help.' }));
    expectBlocked(en({ text: 'QuickCash: Pay up, deadbeats.' }), 'banned_lexicon');
  });

  it('checks English words in a Chinese message and Chinese words in an English one', () => {
    expectBlocked(zh({ text: '【安心贷】you deadbeat' }), 'banned_lexicon');
    expectBlocked(en({ text: 'QuickCash: 老赖' }), 'banned_lexicon');
  });

  it('treats a threat of legal action as a threat (decision: see BANNED_LEXICON), while true consequences pass', () => {
    expectBlocked(zh({ text: '【安心贷】持续逾期将采取法律措施。' }), 'banned_lexicon');
    expectBlocked(en({ text: 'QuickCash: We may file a lawsuit.' }), 'banned_lexicon');
    expectSent(zh({ text: '【安心贷】持续逾期将影响个人征信并产生罚息。' }));
    expectSent(en({ text: 'QuickCash: Paying late may affect your credit score.' }));
  });

  it('does not read the lender’s own name as a banned word', () => {
    expectSent(
      en({ lender: 'Family Credit Union', text: 'Family Credit Union: Hi John, your balance is $3,600.00.' }),
    );
    expectBlocked(
      en({ lender: 'Family Credit Union', text: 'Family Credit Union: we will tell your family.' }),
      'banned_lexicon',
    );
  });

  it('keeps the lists in one object by category, both languages each', () => {
    expect(Object.keys(BANNED_LEXICON)).toEqual([
      'threat',
      'insult',
      'family',
      'contacts',
      'employer',
      'police_jail',
      'exposure',
      'court_government',
    ]);
    for (const lex of Object.values(BANNED_LEXICON)) {
      expect(lex.zh.length).toBeGreaterThan(5);
      expect(lex.en.length).toBeGreaterThan(5);
    }
  });
});

describe('template_debris: no rendering left-overs', () => {
  it.each([
    ['undefined', '【安心贷】张伟您好,您的待还金额为undefined元。'],
    ['null', '【安心贷】null您好,请尽快处理。'],
    ['NaN', '【安心贷】张伟您好,您的待还金额为NaN元。'],
    ['[object', '【安心贷】张伟您好,[object Object]'],
    ['{{', '【安心贷】{{name}}您好。'],
    ['${', '【安心贷】${name}您好。'],
    ['%s', '【安心贷】%s您好。'],
    ['placeholder {…}', '【安心贷】{debtorName}您好。'],
    ['placeholder […]', '【安心贷】[发送日期]前请还款。'],
  ])('blocks %s', (label, text) => {
    const v = expectBlocked(zh({ text }), 'template_debris');
    expect(reasons(v, 'template_debris')).toContain(label);
  });

  it('blocks English debris', () => {
    expectBlocked(en({ text: 'QuickCash: Hi undefined, your balance is $NaN.' }), 'template_debris');
    expectBlocked(en({ text: 'QuickCash: Hi {{name}}.' }), 'template_debris');
  });

  it('passes words that merely contain the letters: annulled, Nancy, nullify', () => {
    expectSent(en({ text: 'QuickCash: Hi Nancy, the old fee was annulled; nothing to nullify.' }));
  });
});

describe('max_length: at most 350 characters', () => {
  it('passes 350 and blocks 351, counting an emoji as one character', () => {
    const pad = (n: number) => '【安心贷】' + '好'.repeat(n - 5);
    expectSent(zh({ text: pad(MAX_SMS_CHARS) }));
    expectBlocked(zh({ text: pad(MAX_SMS_CHARS + 1) }), 'max_length');
    expectSent(zh({ text: pad(MAX_SMS_CHARS - 1) + '👍' }));
    const v = expectBlocked(en({ text: `QuickCash: ${'a'.repeat(340)}` }), 'max_length');
    expect(reasons(v, 'max_length')).toContain('351');
  });
});

describe('one_reply_per_inbound', () => {
  it('passes the first reply, blocks a second, and leaves proactive messages alone', () => {
    expectSent(zh({ repliesToThisInbound: 0 }));
    expectBlocked(zh({ repliesToThisInbound: 1 }), 'one_reply_per_inbound');
    expectBlocked(en({ repliesToThisInbound: 2 }), 'one_reply_per_inbound');
    expectSent(zhProactive({ repliesToThisInbound: 1 }));
  });
});

describe('a lender whose name carries a debt word', () => {
  it('may still apologise to a wrong party: its own name is exempt, the rest of the text is not', () => {
    const base = {
      kind: 'reply' as const,
      acts: ['apology' as const],
      locale: 'en-US' as const,
      lender: 'QuickLoans',
      timezone: 'Asia/Shanghai',
      quietHours: { start: '21:00', end: '08:00' },
      maxProactivePerDay: 3,
      now: Date.UTC(2026, 10, 23, 2),
      optedOut: false,
      optOutConfirmationSent: false,
      wrongParty: true,
      proactiveSentAt: [],
      repliesToThisInbound: 0,
    };
    expect(
      guard({
        ...base,
        text: "QuickLoans: Sorry to bother you, we'll correct our records and won't text this number again.",
      }).action,
    ).toBe('send');
    const leak = guard({ ...base, text: 'QuickLoans: Sorry, please tell him his loan is overdue.' });
    expect(leak.action).toBe('block');
    expect(leak.violations.map((v) => v.rule)).toContain('wrong_party_disclosure');
  });
});
