import { describe, expect, it } from 'vitest';
import { withoutEcho } from '../../src/channels/channel.ts';

const SMS = '【安心贷】张伟您好,您在安心贷的借款3600.00元已逾期5天。回复"还款"了解方案,回复TD退订。';

describe('withoutEcho: a provider error without the message it refused', () => {
  it('replaces the whole message echoed in the error', () => {
    expect(withoutEcho(`content '${SMS}' contains a blocked word`, SMS)).toBe(
      "content '[message text]' contains a blocked word",
    );
  });

  it('replaces a part of it, as short as four Chinese characters', () => {
    expect(withoutEcho('敏感词: 借款3600.00元已逾期', SMS)).toBe('敏感词: [message text]');
    expect(withoutEcho('blocked: 张伟您好', SMS)).toBe('blocked: [message text]');
  });

  it('keeps what the error has of its own, even words the message also has', () => {
    const en = 'QuickCash: Maria, your payment of $1,250.50 is 3 days overdue. Reply STOP to opt out.';
    expect(withoutEcho('Attempt to send to unsubscribed recipient', en)).toBe(
      'Attempt to send to unsubscribed recipient',
    );
    expect(withoutEcho('Message body is too long (1700 characters, the limit is 1600)', en)).toBe(
      'Message body is too long (1700 characters, the limit is 1600)',
    );
    expect(withoutEcho(`The message '${en}' was filtered`, en)).toBe(
      "The message '[message text]' was filtered",
    );
  });

  it('also finds the message URL-encoded, as a form echo shows it', () => {
    expect(withoutEcho(`bad request: Body=${encodeURIComponent(SMS)}&To=x`, SMS)).toBe(
      'bad request: Body=[message text]&To=x',
    );
    const form = new URLSearchParams({ Body: SMS }).toString();
    expect(withoutEcho(`bad request: ${form}`, SMS)).toBe('bad request: Body=[message text]');
  });

  it('cuts a long error, and stays fast on a 1 MB answer', () => {
    const started = performance.now();
    const out = withoutEcho(`${'x'.repeat(1 << 20)}${SMS}`, SMS);
    expect(performance.now() - started).toBeLessThan(500);
    expect(out).toBe(`${'x'.repeat(300)}…`);
    expect(withoutEcho('', SMS)).toBe('');
    expect(withoutEcho('anything', '')).toBe('anything');
  });
});
