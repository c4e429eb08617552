import { describe, expect, it } from 'vitest';
import { MAX_SMS_CHARS, guard, type GuardInput } from '../../src/compliance/guard.ts';
import { at, en, enProactive, expectBlocked, expectSent, reasons, zh, zhProactive } from './inputs.ts';

/**
 * The guard's content rules as a specification: every content rule of CONTRACTS §4 with a
 * message that passes and one that fails, in Chinese and in English.
 */

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

describe('stray_brackets: the look-alike brackets a fake authority signs in', () => {
  it.each(['〖人民法院〗', '〔法务中心〕', '〘执行通知〙', '［重要］'])('blocks %s in the body', (tag) => {
    const v = expectBlocked(zh({ text: `【安心贷】${tag}张伟您好,请尽快还款。` }));
    expect(reasons(v, 'stray_brackets')).toContain(tag[0]!);
  });

  it('blocks them in an English SMS too', () => {
    expectBlocked(en({ text: 'QuickCash: 〖Notice〗 your balance is $3,600.00.' }), 'stray_brackets');
  });
});

describe('signature: a lender never signs as a court, the police or a government body', () => {
  it.each([
    ['人民法院', '【人民法院】张伟您好,您的借款已逾期5天。'],
    ['公安局催收', '【公安局催收】张伟您好,您的借款已逾期5天。'],
  ])('blocks a Chinese SMS signed 【%s】', (lender, text) => {
    const v = expectBlocked(zh({ lender, text }), 'signature');
    expect(reasons(v, 'signature')).toContain('signs as a court, the police or a government body');
  });

  it.each([
    ['County Court', 'County Court: Hi John, your balance is $3,600.00.'],
    ['Police Dept', 'Hi John, your balance is $3,600.00. Police Dept'],
  ])('blocks an English SMS signed %s', (lender, text) => {
    expectBlocked(en({ lender, text }), 'signature');
  });
});

describe('the lender’s name is exempt at the signature position only', () => {
  it('exempts 【家人贷】, not 家人 in the body, however the body runs into the name', () => {
    expectSent(zh({ lender: '家人贷', text: '【家人贷】张伟您好,您当前待还金额为3600元。' }));
    const v = expectBlocked(
      zh({ lender: '家人贷', text: '【家人贷】我们会告诉你家人贷款的事。' }),
      'banned_lexicon',
    );
    expect(reasons(v, 'banned_lexicon')).toContain('family "家人"');
  });

  it('exempts the English name where it signs, first or last, not in the middle of the text', () => {
    const lender = 'Family Credit Union';
    expectSent(en({ lender, text: 'Family Credit Union: Hi John, your balance is $3,600.00.' }));
    expectSent(en({ lender, text: 'Hi John, your balance is $3,600.00. — Family Credit Union' }));
    expectBlocked(
      en({ lender, text: 'Hi John, this is Family Credit Union about your balance.' }),
      'banned_lexicon',
    );
  });

  it('holds for the disclosure words to a wrong party as well', () => {
    const wrong = { lender: '安心贷款', wrongParty: true, acts: ['apology' as const] };
    expectSent(zh({ ...wrong, text: '【安心贷款】抱歉打扰,我们不会再向您发送短信。' }));
    expectBlocked(
      zh({ ...wrong, text: '【安心贷款】您好,这里是安心贷款,抱歉打扰。' }),
      'wrong_party_disclosure',
    );
  });
});

describe('banned_lexicon: disguises, synonyms, emoji', () => {
  it.each([
    ['filler between characters', '【安心贷】再不还就报*警'],
    ['filler between letters', 'QuickCash: we will call the p.o.l.i.c.e'],
    ['letters spaced out', 'QuickCash: we will call the p o l i c e'],
    ['look-alike letters', 'QuickCash: we will call the роlісе'],
    ['digits for letters', 'QuickCash: we will call the p0l1ce'],
    ['symbols for letters', 'QuickCash: you $hit'],
    ['pinyin in a Chinese SMS', '【安心贷】再不还就 bào jǐng'],
    ['pinyin with tone digits', '【安心贷】再不还就bao4jing3'],
    ['a synonym of family', '【安心贷】我们会联系你媳妇'],
    ['a synonym of employer', 'QuickCash: we will call your manager'],
    ['jail in other words', 'QuickCash: you will end up behind bars'],
    ['a visit in other words', 'QuickCash: our field agent will pay you a visit'],
    ['exposure in other words', '【安心贷】把你挂到网上'],
    ['an emoji threat', 'QuickCash: pay today 🔪'],
  ])('blocks %s', (_what, text) => {
    expectBlocked(text.startsWith('【') ? zh({ text }) : en({ text }), 'banned_lexicon');
  });

  it('reads pinyin as Chinese in a Chinese SMS only: Jia Li and Dan Wei are names in English', () => {
    expectBlocked(zh({ text: '【安心贷】我们会告诉你的 jia li' }), 'banned_lexicon');
    expectSent(en({ text: 'QuickCash: Hi Jia Li, your balance is $3,600.00.' }));
    expectSent(en({ text: 'QuickCash: Hi Dan Wei, your balance is $3,600.00.' }));
  });

  it('lets the harmless compounds through, and nothing else of the word', () => {
    expectSent(zh({ text: '【安心贷】您好,如果App页面无法滚动,请更新到最新版本。' }));
    expectSent(zh({ text: '【安心贷】您好,如手机死机导致还款失败,可稍后重试。' }));
    expectSent(zh({ text: '【安心贷】您好,您也可以通过线上门店小程序办理还款。' }));
    expectSent(zh({ text: '【安心贷】您好,我们的收费标准公开透明。' }));
    expectSent(en({ text: 'QuickCash: Sorry to hear you lost your job. We can pause payments.' }));
    expectBlocked(zh({ text: '【安心贷】滚!' }), 'banned_lexicon');
    expectBlocked(zh({ text: '【安心贷】我们会上门。' }), 'banned_lexicon');
    expectBlocked(en({ text: 'QuickCash: We will call your job.' }), 'banned_lexicon');
  });

  it('does not read sentence punctuation between Chinese characters as filler', () => {
    expectSent(zh({ text: '【安心贷】您好,还款后请回家。人工客服随时在线。' }));
  });
});
