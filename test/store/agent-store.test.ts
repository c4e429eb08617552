import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentStore } from '../../src/store/agent-store.ts';
import type { Store } from '../../src/store/store.ts';
import { STORE_KINDS } from '../support/stores.ts';

/**
 * The team's store on a real database, beside the main store on the same data (SQLite: its own
 * connection to the file; PostgreSQL: the main store's pool), on both engines alike.
 */

for (const kind of STORE_KINDS) {
  describe.skipIf(kind.skip)(`the agent store ${kind.title}`, () => {
    let main: Store;
    let team: AgentStore;
    let close: () => Promise<void>;
    beforeEach(async () => {
      const opened = await kind.open();
      ({ store: main, close } = opened);
      team = opened.agents();
    });
    afterEach(async () => close());

    it('creates an agent once: a second one with the same username is refused', async () => {
      const a = {
        username: 'li',
        role: 'agent' as const,
        passwordHash: 'scrypt$x',
        createdAt: 1,
        createdBy: 'admin',
      };
      expect(await team.createAgent(a)).toEqual({ created: true });
      expect(await team.createAgent({ ...a, role: 'supervisor' })).toEqual({ created: false });
      expect(await team.getAgent('li')).toEqual(a);
      expect(await team.countAgents()).toBe(1);
    });

    it('keeps sessions by token hash and removes those past either limit', async () => {
      await team.createAgent({
        username: 'li',
        role: 'agent',
        passwordHash: 'h',
        createdAt: 0,
        createdBy: 'admin',
      });
      await team.createSession({ tokenHash: 'old', username: 'li', createdAt: 0, lastSeenAt: 0 });
      await team.createSession({ tokenHash: 'new', username: 'li', createdAt: 100, lastSeenAt: 100 });
      await team.touchSession('new', 200);
      expect((await team.getSession('new'))!.lastSeenAt).toBe(200);
      expect(await team.deleteSessionsBefore(50, 50)).toBe(1);
      expect(await team.getSession('old')).toBeNull();
    });

    it('counts login failures per username inside a window, and clears them', async () => {
      for (const at of [1, 5, 9]) await team.recordLoginFailure('li', at);
      await team.recordLoginFailure('wu', 5);
      expect(await team.loginFailures('li', 4)).toEqual([5, 9]);
      await team.clearLoginFailures('li');
      expect(await team.loginFailures('li', 0)).toEqual([]);
      expect(await team.loginFailures('wu', 0)).toEqual([5]);
    });

    it('assigns, reassigns and releases a conversation', async () => {
      await team.assign('c1', 'li', 10);
      await team.assign('c1', 'wu', 20);
      expect(await team.assignment('c1')).toEqual({ conversationId: 'c1', agent: 'wu', at: 20 });
      await team.assign('c1', null, 30);
      expect(await team.listAssignments()).toEqual([]);
    });

    it('lists every conversation one agent holds', async () => {
      await team.assign('c2', 'li', 10);
      await team.assign('c1', 'li', 11);
      await team.assign('c3', 'wu', 12);
      expect(await team.heldBy('li')).toEqual(['c1', 'c2']);
      expect(await team.heldBy('nobody')).toEqual([]);
    });

    it('keeps notes, canned replies and the audit, the audit newest first', async () => {
      await team.addNote({ conversationId: 'c1', at: 5, agent: 'li', text: 'n1' });
      expect((await team.listNotes('c1')).map((n) => n.text)).toEqual(['n1']);
      expect(await team.notesBetween(6, 10)).toEqual([]);
      const saved = await team.saveCannedReply({
        title: 't',
        text: '{name}',
        updatedAt: 1,
        updatedBy: 'lead',
      });
      expect(await team.saveCannedReply({ ...saved!, text: 'x' })).toMatchObject({
        id: saved!.id,
        text: 'x',
      });
      expect(
        await team.saveCannedReply({ id: 999, title: 't', text: 'x', updatedAt: 1, updatedBy: 'lead' }),
      ).toBeNull();
      expect(await team.deleteCannedReply(saved!.id)).toBe(true);
      for (const at of [1, 3, 2])
        await team.audit({ at, agent: 'li', action: 'send', conversationId: 'c1', detail: { at } });
      await team.audit({ at: 4, agent: 'li', action: 'login', conversationId: null, detail: {} });
      expect((await team.listAudit({ limit: 10 })).map((e) => e.at)).toEqual([4, 3, 2, 1]);
      expect(
        (await team.listAudit({ conversationId: 'c1', from: 2, limit: 10 })).map((e) => e.detail),
      ).toEqual([{ at: 3 }, { at: 2 }]);
    });

    it('reads the main store’s archive of a period and who is waiting', async () => {
      await main.transaction(async () => {
        await main.upsertAccount({
          id: 'a1',
          phone: '+8613800138000',
          debtorName: '张伟',
          lender: '安心贷',
          balance: 100_00,
          currency: 'CNY',
          overdueDays: 5,
          locale: 'zh-CN',
          timezone: 'Asia/Shanghai',
          demo: false,
          createdAt: 0,
          policy: { handoffResponseHours: 4 },
        });
        await main.saveConversation({
          id: 'c1',
          accountId: 'a1',
          channel: 'sim',
          state: 'handoff',
          data: { snapshot: null, jobs: [], nextJobId: 1 },
          paused: false,
          updatedAt: 0,
        });
        await main.insertInbound({
          conversationId: 'c1',
          message: { seq: 1, direction: 'in', at: 1000, text: '我要投诉', status: 'received' } as never,
          status: 'received',
          channel: 'sim',
          providerMessageId: 'p1',
          phone: '+8613800138000',
          reason: null,
        });
      });
      const waiting = await team.waiting(['c1', 'missing']);
      expect(waiting.get('c1')).toEqual({ since: 1000 });
      expect(waiting.has('missing')).toBe(false);
      const rows = await team.archiveBetween(0, 2000);
      expect(rows).toEqual([
        expect.objectContaining({
          conversationId: 'c1',
          direction: 'in',
          text: '我要投诉',
          phone: '+8613800138000',
          author: null,
        }),
      ]);
      expect(await team.archiveBetween(1001, 2000)).toEqual([]);
    });
  });
}
