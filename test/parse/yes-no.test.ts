import { describe, expect, it } from 'vitest';
import { yesNoOf } from '../../src/parse/yes-no.ts';

/** A bare yes or no to the bot's yes/no question; anything that says more is neither. */
describe('yesNoOf', () => {
  it('reads a bare yes in Mandarin, Cantonese, Traditional and English', () => {
    for (const t of [
      '是',
      '是的',
      '对',
      '對啊',
      '没错',
      '确认',
      '嗯嗯',
      '係',
      '冇錯',
      'yes',
      'YES',
      'Yep!',
      'ok thanks',
      'correct',
      "that's right",
      '👍',
    ])
      expect(yesNoOf(t), t).toBe('yes');
  });

  it('reads a bare no, and a no is never read as the yes inside it (不对, 不是)', () => {
    for (const t of ['不是', '不对', '不', '不是的', '唔係', 'no', 'No.', 'nope', 'wrong', 'not really'])
      expect(yesNoOf(t), t).toBe('no');
  });

  it('anything more is a message of its own', () => {
    for (const t of [
      '是不是',
      '是的,选C',
      '不是,我是说20号',
      'yes B',
      'no, the 20th',
      'nothing',
      'yesterday',
      '',
      '   ',
      '是'.repeat(50),
    ])
      expect(yesNoOf(t), t).toBeNull();
  });
});
