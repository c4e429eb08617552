import { describe, expect, it } from 'vitest';
import { checkLenderName } from '../../src/compliance/lender-name.ts';
import { cleanCorpus } from './corpora.ts';

describe('checkLenderName: whether a name may sign SMS', () => {
  it('lets every lender of the clean corpus sign', () => {
    for (const lender of new Set(cleanCorpus().map((c) => c.lender)))
      expect(checkLenderName(lender)).toBeNull();
    for (const lender of [
      '安心贷',
      '好借',
      'XX贷款',
      'QuickLoans',
      'Acme Lending',
      'BlueSky Credit',
      'Navy Federal Credit Union',
      '国家开发银行',
    ])
      expect(checkLenderName(lender)).toBeNull();
  });

  it.each([
    ['人民法院', '法院'],
    ['公安局催收', '公安'],
    ['XX市中级法院', '法院'],
    ['人民银行贷', '人民银行'],
    ['County Court', 'court'],
    ['Police Dept', 'police'],
    ['Sheriff Finance', 'sheriff'],
    ['C0unty C0urt', 'court'],
    ['Роlісе Loans', 'police'],
    ['Dept. of Justice', 'dept of justice'],
    ['Gov Loans', 'gov'],
    ['Internal Revenue Cash', 'internal revenue'],
    ['US Treasury', 'treasury'],
    ['Judge Loans', 'judge'],
    ['市场监管贷', '市场监管'],
  ])('refuses %s: it would sign as an authority (%s)', (name, word) => {
    const reason = checkLenderName(name);
    expect(reason).toContain('poses as a court, the police or a government body');
    expect(reason).toContain(word);
  });

  it.each([
    ['家人贷', 'family "家人"'],
    ['Family Credit', 'family "family"'],
    ['老赖克星', 'insult "老赖"'],
    ['曝光贷', 'exposure "曝光"'],
  ])('refuses %s: it holds a banned word (%s)', (name, found) => {
    const reason = checkLenderName(name);
    expect(reason).toContain('holds banned words');
    expect(reason).toContain(found);
  });

  it('refuses brackets, which would break out of the signature', () => {
    expect(checkLenderName('【安心贷】')).toContain('brackets');
    expect(checkLenderName('安心〖贷')).toContain('brackets');
    expect(checkLenderName('[QuickCash]')).toContain('brackets');
  });
});
