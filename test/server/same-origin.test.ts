import { describe, expect, it } from 'vitest';
import { allowedFor } from '../../src/server/same-origin.ts';

describe('allowedFor: the names and origins the server answers to', () => {
  it('is the loopback names on the port the request came in on, by default', async () => {
    const a = allowedFor({ HOST: '127.0.0.1', PUBLIC_URL: undefined }, 3000);
    expect([...a.hosts].sort()).toEqual(['127.0.0.1:3000', '[::1]:3000', 'localhost:3000']);
    expect([...a.origins].sort()).toEqual([
      'http://127.0.0.1:3000',
      'http://[::1]:3000',
      'http://localhost:3000',
    ]);
  });

  it('adds PUBLIC_URL’s host, with and without its default port, and its origin', async () => {
    const a = allowedFor({ HOST: '127.0.0.1', PUBLIC_URL: 'https://SMS.Example.com/base' }, 3000);
    expect(a.hosts).toContain('sms.example.com');
    expect(a.hosts).toContain('sms.example.com:443');
    expect(a.origins).toContain('https://sms.example.com');
    const b = allowedFor({ HOST: '127.0.0.1', PUBLIC_URL: 'http://10.0.0.5:8080' }, 3000);
    expect(b.hosts).toContain('10.0.0.5:8080');
    expect(b.origins).toContain('http://10.0.0.5:8080');
  });

  it('adds the address HOST binds, unless it is every interface', async () => {
    expect(allowedFor({ HOST: '192.168.1.20', PUBLIC_URL: undefined }, 3000).hosts).toContain(
      '192.168.1.20:3000',
    );
    expect(allowedFor({ HOST: 'fd00::1', PUBLIC_URL: undefined }, 3000).hosts).toContain('[fd00::1]:3000');
    expect(allowedFor({ HOST: '0.0.0.0', PUBLIC_URL: undefined }, 3000).hosts.size).toBe(3);
    expect(allowedFor({ HOST: '::', PUBLIC_URL: undefined }, 3000).hosts.size).toBe(3);
  });

  it('also takes a loopback name without a port on port 80', async () => {
    const a = allowedFor({ HOST: '127.0.0.1', PUBLIC_URL: undefined }, 80);
    expect(a.hosts).toContain('localhost');
    expect(a.origins).toContain('http://localhost');
  });
});
