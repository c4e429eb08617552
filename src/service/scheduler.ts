import type { Store } from '../store/store.ts';
import type { Committed, UnitOfWork } from './unit-of-work.ts';

/**
 * The scheduler's beat: every conversation with a deadline due now (follow-ups, reminders,
 * promise checks, deferred replies) runs it in its own unit of work. Returns how many fired.
 *
 * Several instances beat at once on a shared store: each conversation is claimed by a try-lock
 * (another instance working it now is skipped, as FOR UPDATE SKIP LOCKED skips a locked row) and
 * its jobs are read back under the lock, so a job one instance ran is gone for the next.
 */
export async function runDueJobs({
  store,
  units,
  clock,
}: {
  store: Store;
  units: UnitOfWork;
  clock: () => number;
}): Promise<number> {
  const at = clock();
  const done: Committed<number>[] = [];
  for (const id of await store.dueConversations(at, 200)) {
    done.push(
      await units.run(
        async () => {
          if (!(await store.lockConversation(id, false))) return { none: 0 };
          const found = await units.find(id);
          if (found) return found;
          // The conversation or its account is gone: its deadlines with it.
          await store.replaceSchedule(id, []);
          return { none: 0 };
        },
        (w) => w.conv.runDue(at).length,
      ),
    );
  }
  // One wake-up for the whole beat, after every conversation is committed.
  units.announce(done);
  return done.reduce((n, d) => n + d.value, 0);
}
