/**
 * The agent-assist panel in a real browser: Debian's Chromium, driven headless by playwright-core,
 * against the real server started in-process. Screenshots go to test/artifacts/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHuikuan, type Running } from '../../src/server/huikuan-server.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const ADMIN_TOKEN = 'panel-admin-token-0123456789';
// Monday 2026-11-23 10:00 in Beijing: daytime, so nothing waits for quiet hours to end.
const START = Date.parse('2026-11-23T10:00:00+08:00');

let browser: Browser | undefined;
const servers: Running[] = [];
const contexts: BrowserContext[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: the panel's browser tests drive Debian's Chromium. Install it with \`apt-get install chromium\` (.ci/run does).`,
    );
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 30_000);

afterAll(async () => {
  for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
  await browser?.close();
  for (const r of servers.splice(0)) await r.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}, 30_000);

/** The real server on a free port, its clock at START and running at real speed. */
async function start(env: Record<string, string> = {}): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), 'huikuan-panel-'));
  dirs.push(dir);
  const real = Date.now();
  const r = await startHuikuan(
    { PORT: '0', HUIKUAN_DB: join(dir, 'huikuan.db'), LOG_LEVEL: 'silent', HUIKUAN_TICK_MS: '200', ...env },
    { clock: () => START + (Date.now() - real) },
  );
  servers.push(r);
  return r;
}

interface Opened {
  page: Page;
  /** Page errors, console errors and any request that left the server (the panel works offline). */
  problems: string[];
}

async function open(r: Running, locale = 'zh-CN'): Promise<Opened> {
  if (!browser) throw new Error('the browser did not start');
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale,
    acceptDownloads: true,
  });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(8_000);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // 401s and 422s are expected answers in these scenarios; anything else is a problem.
    if (m.type() === 'error' && !/status of (401|422)/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(r.url) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    problems.push(`external request: ${url}`);
    return route.abort();
  });
  return { page, problems };
}

const post = (r: Running, path: string, body: unknown, token?: string) =>
  fetch(`${r.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

const tid = (id: string) => `[data-testid="${id}"]`;

/** The data-testid of the element that has the keyboard focus. */
const focused = (page: Page) => page.locator(':focus').getAttribute('data-testid');

/** The policy the server is to send with the panel (issue 12): no inline script, style or handler. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * Serve the panel's page with `CSP` (added here, whatever the server sends) and collect every
 * violation the page reports, as "directive blocked-uri source:line sample".
 */
async function enforceCsp(page: Page, r: Running): Promise<string[]> {
  const violations: string[] = [];
  await page.route(
    (url) => url.origin === r.url && url.pathname === '/',
    async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CSP } });
    },
  );
  await page.exposeFunction('reportCspViolation', (v: string) => violations.push(v));
  // runs before the page's own scripts; an init script is not subject to the page's policy
  await page.addInitScript(
    "document.addEventListener('securitypolicyviolation', (e) => window.reportCspViolation([e.effectiveDirective, e.blockedURI, e.sourceFile + ':' + e.lineNumber, e.sample].join(' ')))",
  );
  return violations;
}

describe('the agent-assist panel in Chromium', () => {
  it('a debtor texts 没钱 in the simulator; the agent sees no_money and a clarify suggestion, sends an edited reply, and a banned draft is blocked', async () => {
    const r = await start();
    const { page, problems } = await open(r);
    await page.goto(r.url);

    // the inbox: the three demo debtors, in Chinese (navigator.language is zh-CN)
    await page.locator(tid('inbox-row')).first().waitFor();
    expect(await page.locator(tid('inbox-row')).count()).toBe(3);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.textContent(tid('tab-inbox'))).toBe('收件箱');
    await page.locator(`${tid('live-status')}.live-on`).waitFor();

    // the simulator: pick 张伟 (his full phone is prefilled) and text 没钱
    await page.selectOption(tid('sim-debtor'), 'demo-zhangwei');
    expect(await page.inputValue(tid('sim-phone'))).toBe('+8613800138000');
    await page.fill(tid('sim-input'), '没钱');
    await page.press(tid('sim-input'), 'Enter');
    // the phone shows the first reminder, the debtor's text and the bot's answer
    await page
      .locator(`${tid('sim-message')}[data-direction="out"]`)
      .nth(1)
      .waitFor();
    await page.locator(tid('sim-message'), { hasText: '没钱' }).waitFor();

    // the conversation: intent no_money as a chip under the inbound, and a clarify suggestion
    await page.click(`${tid('inbox-row')}[data-id="demo-zhangwei"]`);
    await page.locator(`${tid('chip-intent')}[data-value="no_money"]`).waitFor();
    expect(await page.textContent(tid('state-badge'))).toBe('了解情况');
    const clarifySuggestion = page.locator(`${tid('suggestion')}[data-acts~="clarify"]`);
    const clarifyReply = page.locator(`${tid('message')}[data-direction="out"][data-acts~="clarify"]`);
    await clarifySuggestion.first().waitFor();
    expect((await clarifySuggestion.count()) + (await clarifyReply.count())).toBeGreaterThanOrEqual(2);
    // suggestions carry their offers as small tables
    expect(await page.locator(`${tid('suggestion')} ${tid('plan-table')}`).count()).toBeGreaterThan(0);

    // the agent edits a suggestion and sends it (the bot has already answered, so the agent's
    // message goes out as a proactive SMS and carries the opt-out instruction)
    const original = (await clarifySuggestion.first().locator(tid('suggestion-text')).textContent()) ?? '';
    expect(original).toMatch(/^【安心贷】张伟您好/);
    await clarifySuggestion.first().locator(tid('suggestion-edit')).click();
    expect(await page.inputValue(tid('composer'))).toBe(original);
    expect(await focused(page)).toBe('composer');
    const edited = `${original.replace('张伟您好', '张伟先生您好')}回复R拒收`;
    await page.fill(tid('composer'), edited);
    await page.click(tid('composer-send'));
    const agentMessage = page.locator(`${tid('message')}[data-author="agent"]`, { hasText: '张伟先生您好' });
    await agentMessage.waitFor();
    expect(['queued', 'sent']).toContain(await agentMessage.getAttribute('data-status'));
    expect(await page.inputValue(tid('composer'))).toBe('');
    expect((await page.textContent(tid('guard-alert')))?.trim()).toBe('');

    // a draft with a banned word is blocked with the guard's reason, and not sent
    await page.fill(tid('composer'), '再不还钱我们就报警');
    await page.press(tid('composer'), 'Control+Enter');
    const alert = page.locator(tid('guard-alert'));
    await alert.locator('[data-rule="banned_lexicon"]').waitFor();
    expect(await alert.getAttribute('role')).toBe('alert');
    expect(await alert.textContent()).toContain('报警');
    expect(await page.inputValue(tid('composer'))).toBe('再不还钱我们就报警');
    await page
      .locator(`${tid('message')}[data-status="blocked"]`, { hasText: '再不还钱我们就报警' })
      .waitFor();
    const shown = await page
      .locator(tid('message'), { hasText: '再不还钱我们就报警' })
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(shown).toEqual(['blocked']);
    const view = (await (await fetch(`${r.url}/api/conversations/demo-zhangwei`)).json()) as {
      messages: { text: string; status: string }[];
    };
    expect(view.messages.filter((m) => m.text.includes('报警')).map((m) => m.status)).toEqual(['blocked']);
    expect(await page.locator(tid('sim-message'), { hasText: '报警' }).count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'panel.png') });

    // take over and hand back
    await page.click(tid('takeover'));
    await page.locator(tid('paused-badge')).waitFor();
    await page.locator(`${tid('inbox-row')}[data-id="demo-zhangwei"] ${tid('row-paused-badge')}`).waitFor();
    await page.click(tid('handback'));
    await page.locator(tid('paused-badge')).waitFor({ state: 'detached' });
    expect(await page.isDisabled(tid('resolve'))).toBe(true); // not in handoff

    // export: a CONTRACTS §5 file, downloaded with the token-carrying fetch
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(tid('export'))]);
    expect(download.suggestedFilename()).toBe('demo-zhangwei.json');

    // English and back: every visible string follows, the guard's alert too; the choice is remembered
    await page.click(tid('lang-toggle'));
    expect(await page.getAttribute('html', 'lang')).toBe('en-US');
    expect(await page.textContent(tid('tab-inbox'))).toBe('Inbox');
    expect(await page.textContent(tid('composer-send'))).toBe('Send');
    expect(await page.textContent(tid('filter-needs_person'))).toBe('Needs a person');
    expect(await page.textContent(tid('state-badge'))).toBe('clarifying');
    expect(await alert.textContent()).toContain('Banned wording');
    expect(
      await page
        .locator(`${tid('suggestion-send')}`)
        .first()
        .textContent(),
    ).toBe('Send as is');
    // no Chinese left in the panel's own words (debtor text, names and the product name aside)
    const chrome = await page
      .locator('button, label, h2, h3, th, dt, .badge, .chip-key, .msg-author, .msg-status, [placeholder]')
      .evaluateAll((els) =>
        els
          .filter(
            (el) =>
              !el.closest(
                '[data-testid="message-text"], [data-testid="suggestion-text"], .brand, .lang-toggle',
              ) && !el.classList.contains('row'),
          )
          .map((el) => `${el.textContent ?? ''} ${el.getAttribute('placeholder') ?? ''}`)
          .filter((text) => /[\u4e00-\u9fff]/.test(text.replace(/张伟|李娜|安心贷|快借/g, ''))),
      );
    expect(chrome).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'panel-en.png') });
    await page.click(tid('lang-toggle'));
    expect(await page.textContent(tid('tab-inbox'))).toBe('收件箱');
    expect(await page.evaluate<string | null>("localStorage.getItem('huikuan.lang')")).toBe('zh');

    // live updates: a text that arrives outside the panel shows up on its own (server-sent events)
    expect(
      (await post(r, '/sim/inbound', { from: '+15555550123', text: 'I can pay 100 on Friday' })).status,
    ).toBe(200);
    await page
      .locator(`${tid('inbox-row')}[data-id="demo-maria"]`, { hasText: 'I can pay 100 on Friday' })
      .or(page.locator(`${tid('inbox-row')}[data-id="demo-maria"][data-state="promised"]`))
      .first()
      .waitFor();

    // keyboard: `/` focuses the search, which filters by name
    await page.locator('body').click({ position: { x: 700, y: 20 } });
    await page.keyboard.press('/');
    expect(await focused(page)).toBe('inbox-search');
    await page.keyboard.type('Maria');
    await expect.poll(() => page.locator(tid('inbox-row')).count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator(tid('inbox-row')).count()).toBe(3);

    // metrics: rates, segments and the chart
    await page.click(tid('tab-metrics'));
    await page
      .locator(`${tid('metrics-chart')} canvas`)
      .first()
      .waitFor();
    expect(await page.textContent(tid('segment-prompt'))).toContain('积极还款型');
    expect(await page.textContent(tid('segment-hesitant'))).toContain('犹豫观望型');
    expect(await page.textContent(tid('segment-unreachable'))).toContain('完全失联型');
    expect(await page.textContent(`${tid('rate-reply')} .rate-value`)).toMatch(/%/);
    await page.screenshot({ path: join(ARTIFACTS, 'panel-metrics.png'), fullPage: true });

    expect(problems).toEqual([]);
  });

  it('with HUIKUAN_ADMIN_TOKEN: a login screen, a wrong token refused, the right one opens the inbox', async () => {
    const r = await start({ HUIKUAN_ADMIN_TOKEN: ADMIN_TOKEN });
    const { page, problems } = await open(r, 'en-US');
    await page.goto(r.url);

    await page.locator(tid('login-screen')).waitFor();
    expect(await page.isVisible(tid('inbox-list'))).toBe(false);
    expect(await focused(page)).toBe('login-token');

    await page.fill(tid('login-token'), 'not-the-token-0123456789');
    await page.press(tid('login-token'), 'Enter');
    await expect.poll(() => page.textContent(tid('login-error'))).toMatch(/not right/);
    expect(await page.isVisible(tid('login-screen'))).toBe(true);

    await page.fill(tid('login-token'), ADMIN_TOKEN);
    await page.click(tid('login-submit'));
    await page.locator(tid('inbox-row')).first().waitFor();
    expect(await page.locator(tid('inbox-row')).count()).toBe(3);
    expect(await page.isVisible(tid('login-screen'))).toBe(false);
    await page.locator(`${tid('live-status')}.live-on`).waitFor();

    // a new demo debtor, texted from the simulator (every call carries the token)
    await page.click(tid('sim-new-debtor'));
    await expect.poll(() => page.locator(tid('inbox-row')).count()).toBe(4);
    expect(await page.inputValue(tid('sim-phone'))).toMatch(/^\+\d{8,15}$/);
    await page.fill(tid('sim-input'), 'I can pay 50 next Friday');
    await page.click(tid('sim-send'));
    await page.locator(tid('message-text'), { hasText: 'I can pay 50 next Friday' }).waitFor();

    // kept for the session: a reload goes straight to the inbox
    await page.reload();
    await page.locator(tid('inbox-row')).first().waitFor();
    // log out: back to the login screen
    await page.click(tid('logout'));
    await page.locator(tid('login-screen')).waitFor();
    expect(await page.evaluate<string | null>("sessionStorage.getItem('huikuan.token')")).toBeNull();

    expect(problems).toEqual([]);
  });

  it('an SMS with markup in it is shown as text, never run', async () => {
    const r = await start();
    const { page, problems } = await open(r, 'en-US');
    await page.goto(r.url);
    await page.locator(tid('inbox-row')).first().waitFor();
    await page.locator(`${tid('live-status')}.live-on`).waitFor();

    const attack = '<img src=x onerror="window.__xss=1">';
    expect((await post(r, '/sim/inbound', { from: '+8613900139000', text: attack })).status).toBe(200);
    expect(
      (await post(r, '/sim/inbound', { from: '+8613900139000', text: '<script>window.__xss=2</script>' }))
        .status,
    ).toBe(200);

    // the inbox row updates live; open the conversation and the simulator on 李娜
    const row = page.locator(`${tid('inbox-row')}[data-id="demo-lina"]`);
    await row.click();
    const bubble = page.locator(tid('message-text'), { hasText: attack });
    await bubble.waitFor();
    expect(await bubble.textContent()).toBe(attack);
    await page.selectOption(tid('sim-debtor'), 'demo-lina');
    await page.locator(tid('sim-message'), { hasText: attack }).waitFor();
    await page.locator(tid('message-text'), { hasText: '<script>window.__xss=2</script>' }).waitFor();

    expect(await page.evaluate<unknown>('window.__xss')).toBeUndefined();
    expect(await page.locator('#conv-body img, #sim-thread img, #inbox-list img').count()).toBe(0);

    // keyboard: Tab reaches every control, each with a visible focus outline
    await page.locator(tid('tab-inbox')).focus();
    const reached = new Map<string, string>();
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate<[string | null, string] | null>(
        '(() => { const el = document.activeElement; return el && el !== document.body ? [el.getAttribute("data-testid"), getComputedStyle(el).outlineStyle] : null })()',
      );
      if (f?.[0] && !reached.has(f[0])) reached.set(f[0], f[1]);
    }
    for (const id of [
      'tab-metrics',
      'lang-toggle',
      'inbox-search',
      'filter-wrong_party',
      'inbox-row',
      'takeover',
      'export',
      'composer',
      'composer-send',
      'sim-debtor',
      'sim-input',
      'sim-send',
    ]) {
      expect(reached.get(id), `Tab reaches ${id} with a visible outline`).toMatch(/solid|auto/);
    }

    // a complaint with markup in it hands off: the summary card quotes the debtor's words as text
    const complaint = '我要投诉你们 <img src=x onerror="window.__xss=3">\n态度太差';
    expect((await post(r, '/sim/inbound', { from: '+8613800138000', text: complaint })).status).toBe(200);
    await page.click(`${tid('inbox-row')}[data-id="demo-zhangwei"]`);
    const card = page.locator(tid('handoff-summary'));
    await card.waitFor();
    expect(await card.locator(tid('fact-handoff-reason')).locator('dd').textContent()).toBe('complaint');
    expect(await card.locator(`${tid('handoff-said')} q`).allTextContents()).toEqual([
      '我要投诉你们 <img src=x onerror="window.__xss=3"> 态度太差',
    ]);
    expect(await card.locator('img, script').count()).toBe(0);
    expect(await page.evaluate<unknown>('window.__xss')).toBeUndefined();
    // it sits above the plan card, at the top of the conversation
    expect(
      await page.evaluate<boolean>(
        '(() => { const b = document.getElementById("conv-body"); const c = b.querySelector("[data-testid=handoff-summary]"); return c !== null && c === b.querySelector("section") })()',
      ),
    ).toBe(true);
    await page.evaluate('document.getElementById("conv-body").scrollTop = 0');
    await page.screenshot({ path: join(ARTIFACTS, 'panel-handoff.png') });
    expect(problems).toEqual([]);
  });

  it('runs under the strict Content-Security-Policy: login, inbox, a conversation, the simulator and metrics report no violation', async () => {
    const r = await start({ HUIKUAN_ADMIN_TOKEN: ADMIN_TOKEN });
    const { page, problems } = await open(r, 'en-US');
    const violations = await enforceCsp(page, r);
    const response = await page.goto(r.url);
    expect(response?.headers()['content-security-policy']).toBe(CSP);

    // login
    await page.locator(tid('login-screen')).waitFor();
    await page.fill(tid('login-token'), 'not-the-token-0123456789');
    await page.press(tid('login-token'), 'Enter');
    await expect.poll(() => page.textContent(tid('login-error'))).toMatch(/not right/);
    await page.fill(tid('login-token'), ADMIN_TOKEN);
    await page.click(tid('login-submit'));

    // the inbox, live
    await page.locator(tid('inbox-row')).first().waitFor();
    await page.locator(`${tid('live-status')}.live-on`).waitFor();
    await page.click(tid('filter-negotiating'));
    await page.click(tid('filter-all'));

    // the simulator texts as 张伟
    await page.selectOption(tid('sim-debtor'), 'demo-zhangwei');
    await page.fill(tid('sim-input'), '没钱');
    await page.click(tid('sim-send'));
    await page.locator(tid('sim-message'), { hasText: '没钱' }).waitFor();
    await page.click(tid('sim-new-debtor'));
    await expect.poll(() => page.locator(tid('inbox-row')).count()).toBe(4);

    // a conversation: chips, plan tables, suggestions, the guard's alert, take over, export
    await page.click(`${tid('inbox-row')}[data-id="demo-zhangwei"]`);
    await page.locator(`${tid('chip-intent')}[data-value="no_money"]`).waitFor();
    await page.locator(tid('suggestion')).first().waitFor();
    await page.locator(tid('suggestion-edit')).first().click();
    await page.fill(tid('composer'), '再不还钱我们就报警');
    await page.click(tid('composer-send'));
    await page.locator(`${tid('guard-alert')} [data-rule="banned_lexicon"]`).waitFor();
    await page.click(tid('takeover'));
    await page.locator(tid('paused-badge')).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(tid('export'))]);
    expect(download.suggestedFilename()).toBe('demo-zhangwei.json');
    await page.click(tid('handback'));
    await page.locator(tid('paused-badge')).waitFor({ state: 'detached' });

    // metrics: the chart is drawn, and the segment bars get their width through the CSSOM
    await page.click(tid('tab-metrics'));
    await page
      .locator(`${tid('metrics-chart')} canvas`)
      .first()
      .waitFor();
    expect(
      await page.evaluate<string>(
        'document.querySelector(\'[data-testid="segment-prompt"] .bar-fill\').style.width',
      ),
    ).toMatch(/^\d+(\.\d)?%$/);

    // the other language redraws every view
    await page.click(tid('lang-toggle'));
    await page.click(tid('tab-inbox'));
    await page.locator(tid('conv-name')).waitFor();

    expect(violations).toEqual([]);
    expect(problems).toEqual([]);

    // the net catches: an inline style attribute is refused and reported
    await page.evaluate('document.body.setAttribute("style", "outline: 1px solid red")');
    await expect.poll(() => violations.length).toBe(1);
    expect(violations[0]).toMatch(/^style-src/);
  });
});
