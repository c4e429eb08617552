import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Conversation } from '../../src/dialogue/conversation.ts';
import { ConversationCache, type CachedConversation } from '../../src/service/conversation-cache.ts';
import { propRuns } from '../support/props.ts';
import { chineseAccount, T0 } from './support.ts';

/** A real runtime whose archive holds the first reminder and `replies` debtor messages with their answers. */
function entry(id: string, replies: number): CachedConversation {
  const conv = Conversation.create(id, chineseAccount(id));
  conv.start(T0);
  for (let i = 0; i < replies; i++) conv.receive('我现在没钱', T0 + (i + 1) * 60_000);
  const json = conv.toJSON();
  return {
    conv,
    row: {
      id,
      accountId: id,
      channel: 'gateway',
      state: conv.state,
      data: { snapshot: json.snapshot, jobs: json.jobs, nextJobId: json.nextJobId },
      paused: false,
      updatedAt: T0,
      version: 1,
    },
    statuses: new Map(),
    jobsJson: '[]',
  };
}

const synced = (c: ConversationCache): ConversationCache => {
  c.sync(1);
  return c;
};

describe('the conversation cache', () => {
  it('bounds the messages its runtimes hold, dropping the least recently used first', () => {
    const a = entry('a', 2);
    const b = entry('b', 2);
    const c = entry('c', 2);
    const budget = a.conv.archive.length * 2;
    const cache = synced(new ConversationCache(100, budget));
    cache.set(a);
    cache.set(b);
    cache.get('a'); // a is now the most recent
    cache.set(c);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(a);
    expect(cache.get('c')).toBe(c);
    expect(cache.cachedMessages).toBe(a.conv.archive.length + c.conv.archive.length);
  });

  it('keeps no runtime longer than the whole budget', () => {
    const long = entry('long', 3);
    const cache = synced(new ConversationCache(100, long.conv.archive.length - 1));
    cache.set(long);
    expect(cache.size).toBe(0);
    expect(cache.cachedMessages).toBe(0);
  });

  it('counts a conversation once however often it is put back, and nothing after clear', () => {
    const a = entry('a', 1);
    const cache = synced(new ConversationCache(100, 1000));
    cache.set(a);
    cache.set(a);
    expect(cache.cachedMessages).toBe(a.conv.archive.length);
    cache.clear();
    expect(cache.cachedMessages).toBe(0);
  });

  it('never holds more conversations or messages than allowed, whatever the order of puts and drops', () => {
    const pool = ['a', 'b', 'c', 'd', 'e'].map((id, i) => entry(id, i % 3));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 4 })), { maxLength: 40 }),
        (capacity, budget, ops) => {
          const cache = synced(new ConversationCache(capacity, budget));
          for (const [put, k] of ops) {
            if (put) cache.set(pool[k]!);
            else cache.delete(pool[k]!.row.id);
            const held = pool.filter((e) => cache.get(e.row.id) !== undefined);
            const sum = held.reduce((n, e) => n + e.conv.archive.length, 0);
            if (held.length > capacity || sum > budget || sum !== cache.cachedMessages) return false;
          }
          return true;
        },
      ),
      { numRuns: propRuns(200) },
    );
  });
});
