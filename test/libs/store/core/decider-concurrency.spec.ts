import { AppendResult, Category, ConcurrencyExhaustedError, EventStore, EventToWrite, StreamAppend, StreamRead, WrongExpectedVersionError } from '@app/store/core';
import { MemoryStore } from '@app/store/memory/memory-store';
import { Counted, counter } from '../support/counter';
import { ManualTimers } from '../support/manual-timers';

/** A MemoryStore that counts the conflicts it reports, and can let a rival write just before each append. */
class ContendedStore implements EventStore {
  readonly inner = new MemoryStore();
  conflicts = 0;
  beforeAppend: (streamName: string) => Promise<void> = async () => undefined;

  readStream(streamName: string, fromVersion?: number) {
    return this.inner.readStream(streamName, fromVersion);
  }

  /** Unit-of-work reads and appends pass through unobserved: these tests are about single-stream commands. */
  readStreams(reads: readonly StreamRead[]) {
    return this.inner.readStreams(reads);
  }

  appendToStreams(appends: readonly StreamAppend[]) {
    return this.inner.appendToStreams(appends);
  }

  async appendToStream(streamName: string, expectedVersion: number, events: readonly EventToWrite[]): Promise<AppendResult> {
    await this.beforeAppend(streamName);
    try {
      return await this.inner.appendToStream(streamName, expectedVersion, events);
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) this.conflicts++;
      throw error;
    }
  }
}

const count = (by: number) => (total: number) => [total + by, [{ type: 'Counted', by } as Counted]] as const;

/** Fires the timers the command sets (its backoffs) until it settles; resolves to their delays. */
async function driveBackoffs(timers: ManualTimers, work: Promise<unknown>): Promise<number[]> {
  const delays: number[] = [];
  let settled = false;
  const done = work.then(
    () => (settled = true),
    () => (settled = true),
  );
  while (!settled) {
    await Promise.race([timers.untilPending(), done]);
    if (settled) break;
    delays.push(...timers.pendingDelays());
    timers.fireNext();
  }
  return delays;
}

describe('Category commands on one stream', () => {
  it('run one after another in a process: 20 at once never conflict', async () => {
    const store = new ContendedStore();
    const category = new Category(store, counter);

    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => category.decider('one').transactResult(count(i + 1))));

    expect(store.conflicts).toBe(0);
    // Each decided on the state its predecessor left: the running totals 1, 1+2, 1+2+3, …
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => ((i + 1) * (i + 2)) / 2));
    expect(await store.readStream('Counter-one')).toHaveLength(20);
  });

  it('on different streams still run at once', async () => {
    const store = new ContendedStore();
    const category = new Category(store, counter);
    let inDecision = 0;
    let most = 0;
    const slow = async (total: number) => {
      most = Math.max(most, ++inDecision);
      await new Promise((resolve) => setImmediate(resolve));
      inDecision--;
      return count(1)(total);
    };
    await Promise.all(['a', 'b', 'c'].map((id) => category.decider(id).transactResult(slow)));
    expect(most).toBe(3);
  });

  it('retry a conflict with a writer elsewhere after a jittered backoff, and then succeed', async () => {
    const store = new ContendedStore();
    const timers = new ManualTimers();
    const rival = new Category(store.inner, counter).decider('one');
    let rivalWrites = 3;
    store.beforeAppend = async () => {
      if (rivalWrites-- > 0) await rival.transactResult(count(100));
    };
    const decider = new Category(store, counter, { timers, random: () => 1 }).decider('one');

    const result = decider.transactResult(count(1));
    const delays = await driveBackoffs(timers, result);

    expect(await result).toBe(301);
    expect(store.conflicts).toBe(3);
    expect(delays).toEqual([5, 10, 20]);
  });

  it('give up with ConcurrencyExhaustedError once the next retry would overrun the budget', async () => {
    const store = new ContendedStore();
    const timers = new ManualTimers();
    const rival = new Category(store.inner, counter).decider('one');
    store.beforeAppend = () => rival.transactResult(count(100)).then(() => undefined);
    const decider = new Category(store, counter, { timers, random: () => 1, conflictBudgetMs: 100 }).decider('one');

    const giveUp = decider.transactResult(count(1));
    const delays = await driveBackoffs(timers, giveUp);

    // Retries after 5, 10, 20 and 40 ms (75 ms in all); the next, after 80 ms, would end past 100 ms.
    expect(delays).toEqual([5, 10, 20, 40]);
    await expect(giveUp).rejects.toThrow(ConcurrencyExhaustedError);
    await expect(giveUp).rejects.toMatchObject({ attempts: 5, streamName: 'Counter-one' });
    expect(timers.now()).toBe(75);
  });
});
