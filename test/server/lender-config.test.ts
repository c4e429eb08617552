import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.ts';
import { closeAll, exited, postJson, startAt, startChild, testDb, tmpDb } from './support.ts';

afterAll(closeAll);

const EXAMPLE = 'config/lenders.example.yaml';

describe('HUIKUAN_CONFIG on the real server (CONTRACTS §10)', () => {
  it('npm start with the example file answers /healthz and gives 安心贷 hotline when asked who is writing', async () => {
    // 10:00 in Shanghai: inside the lender's own sending hours (09:00–20:30).
    const { child, url } = await startChild({
      HUIKUAN_CONFIG: EXAMPLE,
      HUIKUAN_DB: await testDb(),
      HUIKUAN_NOW: '2026-11-23T10:00:00+08:00',
    });
    try {
      expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ ok: true });
      const res = await postJson(`${url}/sim/inbound`, {
        from: '+8613800138000',
        text: '你们是哪个平台?是不是诈骗',
      });
      const body = (await res.json()) as { reply: { text: string; status: string } };
      expect(body.reply.status).toBe('sent');
      expect(body.reply.text).toMatch(/^【安心贷】/);
      expect(body.reply.text).toContain('我们是安心贷官方客服,客服电话400-820-8820');
    } finally {
      child.kill('SIGTERM');
      await exited(child);
    }
  });

  it("the English lender's hotline and wording, in process", async () => {
    // 10:00 in New York.
    const r = await startAt(Date.parse('2026-11-23T15:00:00Z'), { HUIKUAN_CONFIG: EXAMPLE });
    const res = await postJson(`${r.url}/sim/inbound`, { from: '+15555550123', text: 'Who is this?' });
    const body = (await res.json()) as { reply: { text: string } };
    expect(body.reply.text).toMatch(/^QuickCash: /);
    // The greeting lower-cases the wording's first letter: Hi Maria Lopez, this is…
    expect(body.reply.text).toContain('this is QuickCash customer service');
    expect(body.reply.text).toContain('+1 800-555-0199');
    // The lender's first-reminder wording went out with the demo debtors' first reminder (3 days overdue).
    const view = (await (await fetch(`${r.url}/api/conversations/demo-maria`)).json()) as {
      messages: { text: string; direction: string }[];
    };
    expect(view.messages[0]!.text).toContain('your QuickCash payment of $1,250.50 is 3 days late');
  });

  it('a wording the guard would block stops start-up, naming the file, the key and the rule', async () => {
    const file = join(tmpDb(), '..', 'lenders.yaml');
    writeFileSync(
      file,
      'lenders:\n  安心贷:\n    templates:\n      zh-CN:\n        handoff: 专员{hours}小时内联系您,否则我们会联系您的家人。\n',
    );
    await expect(startAt(Date.now(), { HUIKUAN_CONFIG: file })).rejects.toThrow(ConfigError);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { ...process.env, PORT: '0', HUIKUAN_DB: await testDb(), HUIKUAN_CONFIG: file },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    expect(await exited(child)).toBe(2);
    expect(err).toContain(
      `huikuan: configuration error: HUIKUAN_CONFIG: ${file}: lenders.安心贷.templates.zh-CN.handoff: blocked by the guard's rule banned_lexicon: banned words (family "家人")`,
    );
  });

  it('a file that is missing or not YAML stops start-up naming it', async () => {
    await expect(startAt(Date.now(), { HUIKUAN_CONFIG: '/nonexistent/lenders.yaml' })).rejects.toThrow(
      'HUIKUAN_CONFIG: /nonexistent/lenders.yaml: cannot be read (ENOENT)',
    );
    const file = join(tmpDb(), '..', 'broken.yaml');
    writeFileSync(file, 'lenders: [unclosed\n');
    await expect(startAt(Date.now(), { HUIKUAN_CONFIG: file })).rejects.toThrow(`${file}: not valid YAML`);
  });
});
