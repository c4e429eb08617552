import type { Store } from '../store/store.ts';
import type { Committed, UnitOfWork } from './unit-of-work.ts';

/**
 * The scheduler's beat: every conversation with a deadline due now (follow-ups, reminders,
 * promise checks, deferred replies) runs it in its own unit of work. Returns how many fired.
 */
export function runDueJobs({
  store,
  units,
  clock,
}: {
  store: Store;
  units: UnitOfWork;
  clock: () => number;
}): number {
  const at = clock();
  const done: Committed<number>[] = [];
  for (const id of store.dueConversations(at, 200)) {
    done.push(
      units.run(
        () => {
          const found = units.find(id);
          if (found) return found;
          // The conversation or its account is gone: its deadlines with it.
          store.replaceSchedule(id, []);
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
