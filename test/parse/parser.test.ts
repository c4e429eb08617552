import { describe, expect, it } from 'vitest';
import { parse, parseByRules, type ParseContext } from '../../src/parse/index.ts';

const now = '2026-11-23T10:00:00+08:00'; // a Monday
const p = (text: string, context: ParseContext = 'reminder', at = now) => parse(text, { context, now: at });

describe('intent', () => {
  it.each([
    'r',
    'T',
    'td',
    'Td.',
    ' 退订 ',
    '【拒收】',
    'stop!',
    'StopAll',
    'UNSUBSCRIBE',
    'cancel',
    'End',
    'QUIT',
    'revoke',
    'optout',
    '"STOP"',
  ])('opt-out word %j in any case, with punctuation around it', (text) =>
    expect(p(text).intent).toBe('opt_out'),
  );
  it.each(['冇钱', '木有钱', '没得钱', '莫得钱', '沒錢', '我現在真的沒錢'])(
    'colloquial and traditional %s is no_money',
    (text) => expect(p(text).intent).toBe('no_money'),
  );
  it('context decides: 好的 accepts an offer but only acknowledges a reminder', () => {
    expect(p('好的', 'offer').intent).toBe('accept');
    expect(p('好的', 'reminder').intent).toBe('other');
  });
  it('a bare figure answering the clarify question is a capacity', () =>
    expect(p('300', 'clarify')).toMatchObject({ intent: 'offer_amount', amount: 300 }));
  it('a counter amount after an offer is offer_amount, not decline', () =>
    expect(p('每期600太多了,400可以吗', 'offer')).toMatchObject({ intent: 'offer_amount', amount: 400 }));
  it('a statement of a date is a promise, a question about one an extension request', () => {
    expect(p('下个月还').intent).toBe('promise_to_pay');
    expect(p('能不能下个月再还').intent).toBe('request_extension');
  });
  it('understands English and mixed text', () => {
    expect(p('I lost my job, no money')).toMatchObject({ intent: 'no_money', hardship: 'long_term' });
    expect(p('I can pay $150 next Friday')).toMatchObject({
      intent: 'promise_to_pay',
      amount: 150,
      date: '2026-12-04',
    });
    expect(p('wrong number').intent).toBe('wrong_party');
    expect(p('can I pay in 4 payments?')).toMatchObject({ intent: 'request_installment', installments: 4 });
    expect(p('我只能pay 200 per month')).toMatchObject({ intent: 'offer_amount', amount: 200 });
  });
});

describe('amount', () => {
  it.each([
    ['先还1,250', 1250],
    ['能还99.5', 99.5],
    ['五百', 500],
    ['两千五', 2500],
    ['一千二', 1200],
    ['三百五', 350],
    ['一万二', 12000],
    ['3千', 3000],
    ['1.5万', 15000],
    ['1.2w', 12000],
    ['2k', 2000],
    ['陆佰', 600],
    ['壹仟元', 1000],
    ['¥800', 800],
    ['￥８００', 800],
    ['300元', 300],
    ['200块', 200],
    ['200块钱', 200],
    ['$150', 150],
    ['150 dollars', 150],
    ['五百一个月', 500],
  ] as const)('%s → %d', (text, amount) => expect(p(text).amount).toBe(amount));

  it.each([
    '打我电话13800138000',
    '订单号2026112300123',
    '尾号5678',
    '逾期5天了',
    '12月5日',
    '分3期',
    '下午3点',
    '我借了5000',
    '我欠你们3600',
    '工资3000',
    '投诉12378',
    'I owe 2000',
    'call 555-123-4567',
    '5 days late',
    'my account # is 77812',
  ])('%s has no amount', (text) => expect(p(text).amount).toBeNull());

  it('prefers the figure the debtor offers', () => {
    expect(p('我每月工资3000,只能还500').amount).toBe(500);
    expect(p('我借了5000,现在只能先还800').amount).toBe(800);
    expect(p('my paycheck is 1,800 so 200 a month max').amount).toBe(200);
  });
  it('keeps what the debtor says was already paid', () =>
    expect(p('我昨天已经还了500')).toMatchObject({ intent: 'already_paid', amount: 500 }));
});

describe('date', () => {
  it.each([
    ['今天还', '2026-11-23'],
    ['明天还', '2026-11-24'],
    ['后天还', '2026-11-25'],
    ['大后天还', '2026-11-26'],
    ['周三还', '2026-11-25'],
    ['星期日还', '2026-11-29'],
    ['礼拜六还', '2026-11-28'],
    ['这周五还', '2026-11-27'],
    ['下周一还', '2026-11-30'],
    ['月底还', '2026-11-30'],
    ['15号还', '2026-12-15'],
    ['下个月15号还', '2026-12-15'],
    ['12月5日还', '2026-12-05'],
    ['1月10号还', '2027-01-10'],
    ['5天之内还', '2026-11-28'],
    ['三天后还', '2026-11-26'],
    ['元旦前还清', '2026-12-31'],
    ['tomorrow', '2026-11-24'],
    ['on Friday', '2026-11-27'],
    ['next Friday', '2026-12-04'],
    ['end of the month', '2026-11-30'],
    ['Dec 5', '2026-12-05'],
    ['12/5', '2026-12-05'],
    ['in 3 days', '2026-11-26'],
    ['the 15th', '2026-12-15'],
    ['day after tomorrow', '2026-11-25'],
  ] as const)('%s → %s', (text, date) => expect(p(text).date).toBe(date));

  it.each(['下个月还', '过几天', 'next week', 'soon', '昨天还了'])('%s names no payable date', (text) =>
    expect(p(text).date).toBeNull(),
  );
});

describe('installments and hardship', () => {
  it.each([
    ['分3期', 3],
    ['分六个月', 6],
    ['分两次', 2],
    ['4 payments', 4],
    ['split it into 3', 3],
    ['分成12期', 12],
  ] as const)('%s → %d installments', (text, n) => expect(p(text).installments).toBe(n));
  it.each(['暂时周转不开', '等发工资', '下个月就好了', 'just temporary'])(
    '%s is a temporary hardship',
    (text) => expect(p(text).hardship).toBe('temporary'),
  );
  it.each(['失业了', '下岗了', '得了重病', '残疾', '长期没收入', '公司破产了', "I'm disabled"])(
    '%s is a long-term hardship',
    (text) => expect(p(text).hardship).toBe('long_term'),
  );
  it('a bare 没钱 states no duration', () => expect(p('没钱').hardship).toBeNull());
});

describe('bad input', () => {
  it.each(['', ' ', '\u0000\u0001', '🙏🙏🙏', 'x'.repeat(10_000), '没钱'.repeat(5000), '\uD800', '{"id":1}'])(
    '%j gets a valid answer',
    (text) => {
      const r = p(text);
      expect(r.intent).toBeTypeOf('string');
    },
  );
  it('rejects a now without an offset with a clear error', () =>
    expect(() => parse('明天还', { now: '2026-11-23T10:00:00' })).toThrow(/now: not an ISO 8601 instant/));
});

describe('US texting English: the classes of the en-7/en-8 tuning batches', () => {
  const us = '2026-11-23T10:00:00-05:00'; // a Monday
  const e = (text: string, context: ParseContext = 'reminder') => parse(text, { context, now: us });
  it.each([
    ["I'm 58 and on disability, I can't pay", 'no_money'],
    ['my daughter is 16 and needs braces, nothing left', 'no_money'],
    ['send it to PO box 2210, zip 60614', 'other'],
    ['they cut my hours to 25 a week', 'other'],
    ['i literally have $7 in my checking', 'no_money'],
  ])('%j holds no amount', (text, intent) => {
    expect(e(text)).toMatchObject({ amount: null });
    if (intent !== 'other') expect(e(text).intent).toBe(intent);
  });
  it('a plan figure quoted back in disbelief is a refusal, not an offer', () => {
    expect(e('150 a month?? u serious. no', 'offer')).toMatchObject({ intent: 'decline', amount: null });
    expect(e('$800 upfront is insane. i have 200', 'offer')).toMatchObject({ amount: 200 });
  });
  it('a question about one offered option is a question, not its acceptance', () => {
    expect(e('if i go with B when does it start', 'offer').intent).toBe('question');
    expect(e('can i pay plan A with venmo?', 'offer').intent).toBe('question');
  });
  it('a plan named with a changed figure is a counter', () =>
    expect(e('plan A but 60 a month instead of 100', 'offer')).toMatchObject({
      intent: 'offer_amount',
      amount: 60,
    }));
  it.each(['number 2 i guess', 'the 3 payments of $90 pls', 'la B porfa'])('%j picks a plan', (text) =>
    expect(e(text, 'offer').intent).toBe('accept'),
  );
  it.each([
    ['they charged me twice on the 5th', 'dispute'],
    ['i only borrowed 300 why is it 480', 'dispute'],
    ['autopay took it out yesterday', 'already_paid'],
    ['im his girlfriend, he never checks this phone', 'wrong_party'],
    ['one sec im at work', 'other'],
    ['connect me to customer service', 'request_human'],
    ['cant this week', 'no_money'],
    ['could i do weekly payments', 'request_installment'],
    ['is there any way i can skip this month', 'request_extension'],
  ])('%j is %s', (text, intent) => expect(e(text).intent).toBe(intent));
  it('"I can pay N this week" states a capacity with no day: an offer', () =>
    expect(e('I can pay 60 this week')).toMatchObject({ intent: 'offer_amount', amount: 60 }));
  it('counts split as halves, chunks or pay-in-N are installments', () => {
    expect(e('can i pay it in 3 chunks').installments).toBe(3);
    expect(e('half now half next month?').installments).toBe(2);
    expect(e('not doing 6 payments', 'offer').installments).toBeNull();
  });
  it('hours cut are temporary only with a time bound', () => {
    expect(e('my hours got cut').hardship).toBeNull();
    expect(e('my hours got cut until january').hardship).toBe('temporary');
  });
  it('Spanish words are not read as English slips', () =>
    expect(e('puedo pagar en partes?').intent).toBe('request_installment'));
});

describe('Chinese debtor text: the classes of the zh-5 tuning batch', () => {
  it.each(['选B的话能不能提前还清?', '揀C嘅话几时扣第一期?', 'A方案每期是多少', '三期那个加起来总共多少钱'])(
    'a question about one offered plan (%s) is a question, not its acceptance',
    (text) => expect(p(text, 'offer').intent).toBe('question'),
  );
  it.each(['就选B吧', '我要每期2,000的那个', 'ok、12 months那个'])('%s picks a plan', (text) =>
    expect(p(text, 'offer').intent).toBe('accept'),
  );
  it('a plan picked by its length in mixed text carries its count', () =>
    expect(p('ok, 12 months那个', 'offer').installments).toBe(12));
  it.each(['短信说欠6500,这6500是哪来的?', '你们写的3200是怎么算出来的', '我借的是2000不是3500'])(
    'the lender’s figure quoted to challenge it (%s) is a dispute with no amount',
    (text) => expect(p(text)).toMatchObject({ intent: 'dispute', amount: null }),
  );
  it('asking how a charge is computed, with no figure quoted, stays a question', () =>
    expect(p('罚息怎么算的').intent).toBe('question'));
  it('a day to answer by is no day to pay on', () => {
    expect(p('我想一下 明天答复你', 'offer').intent).toBe('other');
    expect(p('明天还', 'offer').intent).toBe('promise_to_pay');
  });
  it.each(['回了TD还在发', '回过R了还发?? R R R'])('%s says the opt-out was sent: opt-out', (text) =>
    expect(p(text).intent).toBe('opt_out'),
  );
  it('the number’s new owner is a wrong party', () =>
    expect(p('这号我去年刚办的,你们找谁我不知道').intent).toBe('wrong_party'));
  it.each([
    ['早上已经把这个月的800还上了', 'already_paid'],
    ['房贷刚还完,你们这笔我五天之内给你还了', 'promise_to_pay'],
    ['孩子住院交了一大笔钱,能不能推到下个月', 'request_extension'],
    ['你们算个屁', 'abusive'],
    ['再催我就去报案', 'complaint'],
    ['等多我几日得唔得', 'request_extension'],
  ])('%s is %s', (text, intent) => expect(p(text).intent).toBe(intent));
  it('a hotline dialled to report is no amount', () =>
    expect(p('我要打165报案')).toMatchObject({ intent: 'complaint', amount: null }));
  it.each([
    ['被资遣了', 'long_term'],
    ['上个月被layoff', 'long_term'],
    ['失咗业', 'long_term'],
    ['等salary到了就还', 'temporary'],
  ])('%s is a %s hardship', (text, hardship) => expect(p(text).hardship).toBe(hardship));
  it('Cantonese 日 after a deferral counts days, and 千零 is a thousand', () => {
    expect(p('宽限我五日得唔得')).toMatchObject({ intent: 'request_extension', date: '2026-11-28' });
    expect(p('一个月千零蚊', 'clarify').amount).toBe(1000);
  });
  it('periods paid, missed or the loan’s own terms are no installments asked for', () => {
    expect(p('借了3000,分6期,缴过两期了,金额不对').installments).toBeNull();
    expect(p('我就差一期,凭啥').installments).toBeNull();
    expect(p('能不能分6期').installments).toBe(6);
  });
  it('mainland-2 and yue-tw-2 classes: waits for pay, 被裁, 好耐; refused and take-home figures', () => {
    expect(p('等工钱结了就还').hardship).toBe('temporary');
    expect(p('要等领薪水', 'clarify').hardship).toBe('temporary');
    expect(p('不是暂时的 上个月被裁了', 'clarify').hardship).toBe('long_term');
    expect(p('我老婆病咗好耐', 'clarify').hardship).toBe('long_term');
    expect(p('每期900我真系俾唔起', 'offer').amount).toBeNull();
    expect(p('首期要2千咁多?做唔到', 'offer').amount).toBeNull();
    expect(p('一个月到手四千五,每个月能还500').amount).toBe(500);
  });
  it('a bare 不是 answers the last question and names no one: no wrong party', () => {
    expect(p('不是').intent).toBe('other');
    expect(p('不是我', 'reminder').intent).toBe('wrong_party');
  });
  it('a plan figure quoted back to refuse it is no offer', () =>
    expect(p('每期900?我哪来那么多,不要', 'offer')).toMatchObject({ intent: 'decline', amount: null }));
  it('the day of an answer is no day to pay', () => {
    expect(p('我考虑一下,明天回你', 'offer').date).toBeNull();
    expect(p("let me think, I'll get back to you tomorrow", 'offer').date).toBeNull();
    expect(p('明天还你500').date).not.toBeNull();
  });
});

describe('the night rounds (yue-tw-9 to yue-tw-13, en-17 to en-21): classes and their limits', () => {
  it('reads 半萬 as five thousand and refuses a plan figure said to be impossible', () => {
    expect(p('半萬先,餘數慢慢嚟', 'clarify').amount).toBe(5000);
    expect(p('每期三千我真的沒辦法,兩千可以嗎', 'offer').amount).toBe(2000);
    // …but "at most 300, really no other way" offers the 300
    expect(p('一個月頂多俾到三舊水,真係冇辦法', 'clarify').amount).toBe(300);
  });
  it('a student has no hardship by being one; a child at school leaves the parent’s hardship', () => {
    expect(p('學生啦 還沒畢業 沒收入').hardship).toBeNull();
    expect(p('我失业了,孩子还在读书').hardship).toBe('long_term');
  });
  it('"this one is not mine" disputes a debt, not a number or a fault', () => {
    expect(p('这笔不是我的').intent).toBe('dispute');
    expect(p('这不是我的号码').intent).not.toBe('dispute');
  });
  it('别催 after a payment claims the payment; alone it asks for quiet', () => {
    expect(p('已经还了 别催').intent).toBe('already_paid');
    expect(p('别再催了').intent).toBe('opt_out');
  });
  it('a figure after 要我 is the plan quoted; after 让我 it is the debtor’s own ask', () => {
    expect(p('你個plan A要我今個禮拜俾$2000，我邊度有？不過C嗰個可以', 'offer').amount).toBeNull();
    expect(p('让我先还500吧').amount).toBe(500);
    expect(p('能不能让我每个月还800').amount).toBe(800);
  });
  it('"lose this number" opts out; the rules read news about losing a number as no request', () => {
    expect(p('lose this number').intent).toBe('opt_out');
    // (the classifier, trained on "lose this number", still calls it opt_out at p 0.68: a stop is
    // honoured at any confidence, so the cost of that reading is one lost contact, never a breach)
    expect(parseByRules('I might lose my number next month', { now }).intent).not.toBe('opt_out');
  });
  it('reads Friday week, 15/12 and a delay by N days', () => {
    expect(p('ill pay 30 bucks friday week', 'reminder', '2027-02-17T10:00:00-05:00').date).toBe(
      '2027-02-26',
    );
    expect(p('100 on 15/12, then more after christmas', 'clarify', '2026-12-10T10:00:00-05:00').date).toBe(
      '2026-12-15',
    );
    expect(
      p('Is it possible to delay the payment by 10 days?', 'reminder', '2026-11-08T10:00:00-05:00').date,
    ).toBe('2026-11-18');
  });
});

describe('the tenth round (en-24, English as a second language): classes and their limits', () => {
  const en = (text: string, context: 'reminder' | 'offer' | 'clarify' = 'reminder') =>
    parseByRules(text, { context, now: '2027-02-10T10:00:00-08:00' });
  it('an EMI, part by part and "allow me time" ask for a plan or for time', () => {
    expect(en('can you convert it into EMIs please').intent).toBe('request_installment');
    expect(en('can I clear it part by part?').intent).toBe('request_installment');
    expect(en('kindly allow me time, salary is late').intent).toBe('request_extension');
    expect(en('my EMI is due on the 5th for the car').intent).not.toBe('request_installment');
  });
  it('reads a day of the month written without "the"', () => {
    expect(en('I will pay on 18th').date).toBe('2027-02-18');
    expect(en('give me till 3rd').date).toBe('2027-03-03');
    expect(en('the 2nd option please', 'offer').date).toBeNull();
  });
  it('a tag "can?" after paying later asks for time', () =>
    expect(en('I pay full next month can?').intent).toBe('request_extension'));
  it('deleting the number opts out; an advocate is a complaint; never collecting a loan disputes it', () => {
    expect(en('pls delete this number from your list').intent).toBe('opt_out');
    expect(en('I will take this to my advocate').intent).toBe('complaint');
    expect(en('I never collected any loan from you people').intent).toBe('dispute');
  });
  it('a wage coming in or money sent home is no payment of the debt', () => {
    expect(en('can you wait till the 14th? I get paid that day').intent).toBe('request_extension');
    const payday = en('no paycheck yet, they pay us on the 25th');
    expect([payday.intent, payday.hardship, payday.date]).toEqual(['no_money', 'temporary', '2027-02-25']);
    expect(en('out of money, sending cash home to my mother this month').intent).toBe('no_money');
    expect(en('they pay me friday and I will pay you 200 the same day').intent).toBe('promise_to_pay');
  });
  it('a figure promised without a day is an offer (the conventions), a day without a figure a promise', () => {
    expect(en("I'll send maybe 40, that's all I have").intent).toBe('offer_amount');
    expect(en('I will pay tomorrow').intent).toBe('promise_to_pay');
  });
  it('asking for the balance and the account is a question about paying', () =>
    expect(en('kindly revert with the balance and your bank details').intent).toBe('question'));
});
