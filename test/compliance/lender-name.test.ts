import { describe, expect, it } from 'vitest';
import { checkLenderName } from '../../src/compliance/lender-name.ts';

/**
 * A lender's name goes into every SMS, and the guard does not check the words of the lender's
 * own name: a name that poses as an authority or threatens the debtor is refused at import.
 */

describe('checkLenderName', () => {
  it.each([
    ['安心贷'],
    ['信和钱包'],
    ['惠民消费金融'],
    ['小橙分期'],
    ['BrightPath Lending'],
    ['Lakeshore Finance'],
    ['Courtesy Loans'],
    ['Courtney Credit'],
  ])('takes %j', (name) => {
    expect(checkLenderName(name)).toBeNull();
  });

  it.each([
    ['人民法院', '法院', 'poses as an authority'],
    ['XX公安', '公安', 'poses as an authority'],
    ['警民贷', '警', 'poses as an authority'],
    ['检察金融', '检察', 'poses as an authority'],
    ['檢察金融', '檢察', 'poses as an authority'],
    ['政府助贷', '政府', 'poses as an authority'],
    ['司法催收', '司法', 'poses as an authority'],
    ['某律师事务所', '律师事务所', 'poses as an authority'],
    ['仲裁中心', '仲裁', 'poses as an authority'],
    ['金融监管', '监管', 'poses as an authority'],
    ['County Court Loans', 'court', 'poses as an authority'],
    ['Courts Recovery', 'courts', 'poses as an authority'],
    ['POLICE Credit', 'police', 'poses as an authority'],
    ['Sheriff Finance', 'sheriff', 'poses as an authority'],
    ['US Marshal Loans', 'marshal', 'poses as an authority'],
    ['Government Credit', 'government', 'poses as an authority'],
    ['Federal Recovery', 'federal', 'poses as an authority'],
    ['Attorney Loans', 'attorney', 'poses as an authority'],
    ['Smith Law  Office', 'law office', 'poses as an authority'],
    ['Debt Bureau', 'bureau', 'poses as an authority'],
    ['家人贷', '家人', 'threatens the debtor'],
    ['亲属金融', '亲属', 'threatens the debtor'],
    ['家属金融', '家属', 'threatens the debtor'],
    ['单位通知贷', '单位', 'threatens the debtor'],
    ['曝光台', '曝光', 'threatens the debtor'],
    ['上门催收', '上门', 'threatens the debtor'],
    ['坐牢贷', '坐牢', 'threatens the debtor'],
    ['拘留贷', '拘留', 'threatens the debtor'],
    ['Jail Credit', 'jail', 'threatens the debtor'],
    ['Prison Loans', 'prison', 'threatens the debtor'],
    ['Family Credit Union', 'family', 'threatens the debtor'],
  ])('refuses %j, naming %j', (name, word, why) => {
    expect(checkLenderName(name)).toBe(`names ${JSON.stringify(word)}: a lender's name ${why}`);
  });

  it('reads through full-width letters, case, zero-width and bidi characters and spaces in Chinese', () => {
    expect(checkLenderName('ＣＯＵＲＴ Loans')).toMatch(/^names "court"/);
    expect(checkLenderName('法\u200b院')).toMatch(/^names "法院"/);
    expect(checkLenderName('法\u202e院')).toMatch(/^names "法院"/);
    expect(checkLenderName('法 院')).toMatch(/^names "法院"/);
    expect(checkLenderName('Po\u200Blice Loans')).toMatch(/^names "police"/);
  });
});
