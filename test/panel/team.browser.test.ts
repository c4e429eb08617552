/**
 * The team in a real browser (CONTRACTS §10): Debian's Chromium, headless, driven by
 * playwright-core against the real server. Two agents sign in in two browser contexts; one takes
 * a conversation over and the other sees it held; a note stays internal; a canned reply is filled
 * in and goes out through the guard; a supervisor reassigns it to the other agent.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHuikuan, type Running } from '../../src/server/huikuan-server.ts';

const CHROMIUM = '/usr/bin/chromium';
const ADMIN_TOKEN = 'team-admin-token-0123456789';
const START = Date.parse('2026-11-23T10:00:00+08:00');
const tid = (id: string) => `[data-testid="${id}"]`;

let browser: Browser;
let r: Running;

const admin = (path: string, body: unknown) =>
  fetch(`${r.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install it with \`apt-get install chromium\``);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  const real = Date.now();
  r = await startHuikuan(
    {
      PORT: '0',
      HUIKUAN_DB: join(mkdtempSync(join(tmpdir(), 'huikuan-team-')), 'huikuan.db'),
      LOG_LEVEL: 'silent',
      HUIKUAN_TICK_MS: '200',
      HUIKUAN_ADMIN_TOKEN: ADMIN_TOKEN,
    },
    { clock: () => START + (Date.now() - real) },
  );
  for (const username of ['li', 'wu'])
    await admin('/api/agents', { username, password: `${username}-password-123`, role: 'agent' });
  await admin('/api/agents', { username: 'lead', password: 'lead-password-123', role: 'supervisor' });
  await admin('/api/canned-replies', {
    title: '已记录',
    text: '【安心贷】{name}您好,您的欠款{amount}我们已记录,专员今天会联系您。回复R拒收',
  });
  await admin('/sim/inbound', { from: '+8613800138000', text: '我要投诉' });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await r?.close();
});

async function signIn(username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(r.url);
  await page.locator(tid('login-screen')).waitFor();
  await page.fill(tid('login-username'), username);
  await page.fill(tid('login-password'), `${username}-password-123`);
  await page.click(tid('login-submit'));
  await page.locator(tid('inbox-list')).waitFor();
  await expect.poll(() => page.textContent(tid('whoami'))).toContain(username);
  return page;
}

async function openZhangwei(page: Page): Promise<void> {
  await page.locator(`${tid('inbox-row')}[data-id="demo-zhangwei"]`).click();
  await page.locator(tid('team-pane')).waitFor();
}

describe('two agents in two browsers', () => {
  let li: Page;
  let wu: Page;
  let lead: Page;

  it('sign in with a username and password and see who they are', async () => {
    li = await signIn('li');
    wu = await signIn('wu');
    const cookies = await li.context().cookies();
    expect(cookies.find((c) => c.name === 'huikuan_session')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
    });
  }, 60_000);

  it('one takes over; the other sees it held and is not offered the takeover', async () => {
    await openZhangwei(li);
    await li.click(tid('takeover'));
    await expect.poll(() => li.getAttribute(tid('conv-owner'), 'data-owner')).toBe('li');
    await openZhangwei(wu);
    await expect.poll(() => wu.textContent(tid('conv-owner'))).toContain('li');
    expect(await wu.isVisible(tid('takeover'))).toBe(false);
    await wu.click(tid('filter-mine'));
    await expect.poll(() => wu.locator(tid('inbox-row')).count()).toBe(0);
    await li.click(tid('filter-mine'));
    await expect.poll(() => li.locator(tid('inbox-row')).count()).toBe(1);
  }, 60_000);

  it('a note stays internal: shown to the team, never in the thread or the outbox', async () => {
    await li.fill(tid('note-input'), '债务人说周五发工资');
    await li.click(tid('note-add'));
    await expect.poll(() => li.textContent(tid('notes-list'))).toContain('周五发工资');
    await wu.reload();
    await openZhangwei(wu);
    await expect.poll(() => wu.textContent(tid('notes-list'))).toContain('周五发工资');
    expect(await wu.textContent('#conv-body')).not.toContain('周五发工资');
    const outbox = (await r.store.listMessages('demo-zhangwei')).filter((m) => m.message.direction === 'out');
    expect(outbox.some((m) => m.message.text.includes('周五发工资'))).toBe(false);
  }, 60_000);

  it('a canned reply is filled in for the debtor and passes the guard when sent', async () => {
    await li.selectOption(tid('canned-select'), { label: '已记录' });
    await expect
      .poll(() => li.inputValue(tid('composer')))
      .toMatch(/^【安心贷】张伟您好,您的欠款\d+(\.\d+)?元我们已记录/);
    await li.click(tid('composer-send'));
    await expect
      .poll(async () =>
        (await r.store.listMessages('demo-zhangwei'))
          .filter((m) => m.message.author === 'agent')
          .map((m) => m.status),
      )
      .toEqual([expect.stringMatching(/queued|sent/)]);
    const view = (await (
      await fetch(`${r.url}/api/conversations/demo-zhangwei`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      })
    ).json()) as { messages: { author?: string; agent?: string }[] };
    expect(view.messages.filter((m) => m.author === 'agent').map((m) => m.agent)).toEqual(['li']);
  }, 60_000);

  it('a supervisor reassigns from li to wu, who then has it under "mine"; agents never see the control', async () => {
    expect(await li.isVisible(tid('assign-form'))).toBe(false);
    expect(await wu.isVisible(tid('assign-form'))).toBe(false);
    lead = await signIn('lead');
    await openZhangwei(lead);
    await lead.locator(tid('assign-form')).waitFor();
    await expect.poll(() => lead.locator(`${tid('assign-select')} option[value="wu"]`).count()).toBe(1);
    expect(await lead.inputValue(tid('assign-select'))).toBe('li');
    await lead.selectOption(tid('assign-select'), 'wu');
    await lead.click(tid('assign-submit'));
    await expect.poll(() => lead.getAttribute(tid('conv-owner'), 'data-owner')).toBe('wu');
    await wu.reload();
    await wu.locator(tid('inbox-list')).waitFor();
    await wu.click(tid('filter-mine'));
    await expect
      .poll(() =>
        wu.locator(tid('inbox-row')).evaluateAll((rows) => rows.map((x) => x.getAttribute('data-id'))),
      )
      .toEqual(['demo-zhangwei']);
    await li.reload();
    await li.locator(tid('inbox-list')).waitFor();
    await li.click(tid('filter-mine'));
    await expect.poll(() => li.locator(tid('inbox-row')).count()).toBe(0);
    const audit = (await (
      await fetch(`${r.url}/api/audit`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    ).json()) as { agent: string; action: string; detail: { from?: string; to?: string } }[];
    expect(audit.find((e) => e.action === 'reassign')).toMatchObject({
      agent: 'lead',
      detail: { from: 'li', to: 'wu' },
    });
  }, 60_000);

  it("the metrics tab shows a supervisor the team's figures per agent; an agent never sees them", async () => {
    await lead.click(tid('tab-metrics'));
    await lead.locator(tid('team-metrics')).waitFor();
    const cell = (agent: string, col: string) =>
      lead.textContent(`${tid('team-metrics-row')}[data-agent="${agent}"] td[data-col="${col}"]`);
    await expect.poll(() => cell('wu', 'holding')).toBe('1');
    expect(await cell('li', 'holding')).toBe('0');
    expect(await cell('li', 'send')).toBe('1');
    expect(await cell('li', 'takeover')).toBe('1');
    expect(await cell('lead', 'reassign')).toBe('1');
    await li.click(tid('tab-metrics'));
    await li.locator(tid('rate-reply')).waitFor();
    expect(await li.locator(tid('team-metrics')).count()).toBe(0);
  }, 60_000);

  it('signing out ends the session', async () => {
    await li.click(tid('logout'));
    await li.locator(tid('login-screen')).waitFor();
    const res = await li.evaluate(() => fetch('/api/me').then((x) => x.status));
    expect(res).toBe(401);
  }, 60_000);
});
