import { describe, expect, it } from 'vitest';
import { splitClauses, views } from '../../src/parse/clauses.ts';
import { parse } from '../../src/parse/index.ts';

const now = '2026-11-23T10:00:00+08:00'; // a Monday
const p = (text: string, context: 'reminder' | 'offer' | 'clarify' = 'reminder') =>
  parse(text, { context, now });

describe('splitClauses', () => {
  it('ends a clause at punctuation and keeps the punctuation with it', () =>
    expect(splitClauses('没钱,下周还。谢谢').map((c) => c.text)).toEqual(['没钱,', '下周还。', '谢谢']));
  it('starts a clause at a contrast or consequence conjunction', () =>
    expect(splitClauses('我想还但是没钱所以晚点').map((c) => c.text)).toEqual([
      '我想还',
      '但是没钱',
      '所以晚点',
    ]));
  it('does not cut a figure at its thousands comma or decimal point', () =>
    expect(splitClauses('paid $1,350.50 today').map((c) => c.text)).toEqual(['paid $1,350.50 today']));
  it('records where each clause starts', () =>
    expect(splitClauses('a,b').map((c) => c.start)).toEqual([0, 2]));
});

describe('views: which clauses each reader sees', () => {
  it('a cause the debtor denies (不是X,是Y) is not asserted', () => {
    const v = views('不是失业,是这个月周转不开');
    expect(v.asserted).toBe('是这个月周转不开');
  });
  it('a denial of identity (我不是他) is the message itself and stays', () =>
    expect(views('我不是他,是他老婆').asserted).toBe('我不是他,是他老婆'));
  it('clauses about other obligations are out of focus, unless they name this debt', () => {
    expect(views('房租15号要交,所以只能先还700').focus).toBe('所以只能先还700');
    expect(views('还完信用卡就还你们500').focus).toBe('还完信用卡就还你们500');
    expect(views('My car payment is due the 20th, but I will send $150 on the 25th').focus).toBe(
      'but I will send $150 on the 25th',
    );
  });
  it('a question whether the message is a scam is no insult', () =>
    expect(views('最近骗子多,这是真的还是诈骗?').insult).toBe('最近骗子多,'));
});

describe('the parser combines clauses with the §2 precedence', () => {
  it('a denied cause gives no hardship: 不是失业,是周转 is temporary', () =>
    expect(p('不是失业,是这个月周转不开', 'clarify').hardship).toBe('temporary'));
  it('不是不想还 is no refusal: the next clause decides', () =>
    expect(p('不是不想还,是真的没有').intent).toBe('no_money'));
  it("another bill's day is not a pay day and its figure is no offer", () => {
    expect(p('房租15号要交,所以只能先还700')).toMatchObject({
      intent: 'offer_amount',
      amount: 700,
      date: null,
    });
    expect(p('网贷还欠两万,真的一点钱都没有了')).toMatchObject({ intent: 'no_money', amount: null });
    expect(p("Rent is due on the 1st, so I'll pay you $200 on the 8th")).toMatchObject({
      intent: 'promise_to_pay',
      amount: 200,
      date: '2026-12-08',
    });
  });
  it('the clause that names the day decides a promise; a deferral of the rest does not undo it', () =>
    expect(p('后天还500,剩下的下个月再补')).toMatchObject({
      intent: 'promise_to_pay',
      amount: 500,
      date: '2026-11-25',
    }));
  it('an opt-out anywhere in a long story wins over the hardship around it', () =>
    expect(p('我失业快半年了,家里全靠爸妈接济,真的拿不出来。你们发再多也没用,回复R').intent).toBe('opt_out'));
  it('a complaint in a later clause wins over the promise in the first', () =>
    expect(p('我下周五发工资就还2000。但是你们昨天打给我领导的事,我已经报警了。').intent).toBe('complaint'));
  it('police reached about a theft is no complaint', () =>
    expect(p('手机上个月被人偷了,报了警,所以没回复,明天还1000').intent).toBe('promise_to_pay'));
  it('picking one plan while faulting the others is agreement', () => {
    expect(p('前两个第一期都太高,还是第三个适合我。行,就按第三个来', 'offer').intent).toBe('accept');
    expect(p('就A啦 第二三個太長', 'offer').intent).toBe('accept');
  });
  it('quoting the offered figure back to refuse it is a refusal without an amount', () =>
    expect(p('算了,这个方案我接受不了,每期还是要一千多', 'offer')).toMatchObject({
      intent: 'decline',
      amount: null,
    }));
  it('a counter without a figure (每期再少点) declines; with a count it asks for installments', () => {
    expect(p('每期再少点', 'offer').intent).toBe('decline');
    expect(p('可不可以分12期 每期少点', 'offer')).toMatchObject({
      intent: 'request_installment',
      installments: 12,
    });
  });
});
