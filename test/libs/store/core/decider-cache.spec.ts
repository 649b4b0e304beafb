import { randomUUID } from 'node:crypto';
import {
  AppendResult,
  Category,
  CategorySpec,
  Decision,
  EventToWrite,
  ReadConsistency,
  StaleVersionError,
  StateCache,
  reportConflictsTo,
} from '@app/store/core';
import { MemoryStore } from '@app/store/memory/memory-store';
import { Counted, counter } from '../support/counter';
import { ManualTimers } from '../support/manual-timers';

/** A MemoryStore that records each stream read (from which version, how consistent) and each append. */
class RecordingStore extends MemoryStore {
  readonly reads: { streamName: string; fromVersion: number; consistency: ReadConsistency }[] = [];
  readonly appends: { streamName: string; expectedVersion: number }[] = [];

  override readStream(streamName: string, fromVersion = 0, consistency: ReadConsistency = 'leader') {
    this.reads.push({ streamName, fromVersion, consistency });
    return super.readStream(streamName, fromVersion);
  }

  override appendToStream(streamName: string, expectedVersion: number, events: readonly EventToWrite[]): Promise<AppendResult> {
    this.appends.push({ streamName, expectedVersion });
    return super.appendToStream(streamName, expectedVersion, events);
  }

  /** Another process's write, straight to the store. */
  async rivalCounts(streamName: string, by: number): Promise<void> {
    const version = (await super.readStream(streamName)).length;
    await super.appendToStream(streamName, version, [{ id: randomUUID(), type: 'Counted', data: { by } }]);
  }
}

type Decide = (total: number) => Decision<number | string, Counted>;

const count = (by: number) => (total: number) => [total + by, [{ type: 'Counted', by } as Counted]] as const;
const look = (total: number) => [total, []] as const;
/** Counts only while the total is below `cap`, else answers 'full' without an event. */
const countBelow =
  (cap: number): Decide =>
  (total) =>
    total < cap ? count(1)(total) : ['full', []];

function cachedCategory(store: RecordingStore, cache = new StateCache(10), timers = new ManualTimers()) {
  return new Category(store, counter, { cache, timers });
}

describe('StateCache', () => {
  const spec = counter;
  const at = (version: number) => ({ state: version * 10, version, globalPosition: version - 1 });

  it('keeps at most maxEntries streams, dropping the least recently used', () => {
    const cache = new StateCache(2);
    cache.update(spec, 'Counter-a', at(1));
    cache.update(spec, 'Counter-b', at(1));
    expect(cache.get(spec, 'Counter-a')).toEqual(at(1));
    cache.update(spec, 'Counter-c', at(1));
    expect(cache.size).toBe(2);
    expect(cache.get(spec, 'Counter-b')).toBeUndefined();
    expect(cache.get(spec, 'Counter-a')).toEqual(at(1));
    expect(cache.get(spec, 'Counter-c')).toEqual(at(1));
  });

  it('never goes back to an earlier version of a stream', () => {
    const cache = new StateCache(2);
    cache.update(spec, 'Counter-a', at(3));
    cache.update(spec, 'Counter-a', at(2));
    expect(cache.get(spec, 'Counter-a')).toEqual(at(3));
    cache.update(spec, 'Counter-a', at(4));
    expect(cache.get(spec, 'Counter-a')).toEqual(at(4));
  });

  it('answers an entry only to the spec that folded it; keeps nothing with maxEntries 0; refuses a bad bound', () => {
    const cache = new StateCache(2);
    const other: CategorySpec<Counted, number> = { ...counter };
    cache.update(spec, 'Counter-a', at(1));
    expect(cache.get(other, 'Counter-a')).toBeUndefined();
    const none = new StateCache(0);
    none.update(spec, 'Counter-a', at(1));
    expect(none.get(spec, 'Counter-a')).toBeUndefined();
    expect(() => new StateCache(-1)).toThrow(RangeError);
    expect(() => new StateCache(1.5)).toThrow(RangeError);
  });
});

describe('A Decider with a StateCache', () => {
  it('decides on the state it wrote last without reading: one append per command', async () => {
    const store = new RecordingStore();
    const decider = cachedCategory(store).decider('a');
    await decider.transactResult(count(1));
    expect(store.reads).toHaveLength(1);
    expect(await decider.transactWithPostState(count(2))).toEqual({ result: 3, state: 3, version: 2, globalPosition: 1 });
    expect(await decider.transactWithPostState(count(3))).toEqual({ result: 6, state: 6, version: 3, globalPosition: 2 });
    expect(store.reads).toHaveLength(1);
    expect(store.appends).toEqual([0, 1, 2].map((expectedVersion) => ({ streamName: 'Counter-a', expectedVersion })));
  });

  it('on a stale cache, the write conflicts: it reads only the events since, decides again and writes, without backing off', async () => {
    const store = new RecordingStore();
    const timers = new ManualTimers();
    const decider = cachedCategory(store, new StateCache(10), timers).decider('a');
    await decider.transactResult(count(1));
    await store.rivalCounts('Counter-a', 10);
    await store.rivalCounts('Counter-a', 100);
    const conflicts: string[] = [];
    const decided: number[] = [];
    const outcome = await reportConflictsTo(
      (name) => conflicts.push(name),
      () => decider.transactWithPostState((total) => (decided.push(total), count(1)(total))),
    );
    expect(outcome).toEqual({ result: 112, state: 112, version: 4, globalPosition: 3 });
    expect(decided).toEqual([1, 111]);
    expect(store.reads.slice(1)).toEqual([{ streamName: 'Counter-a', fromVersion: 1, consistency: 'leader' }]);
    expect(timers.pendingDelays()).toEqual([]);
    expect(conflicts).toEqual([]);
  });

  it('confirms a decision that writes nothing on a cached state by reading the events since, and decides again if some came', async () => {
    const store = new RecordingStore();
    const decider = cachedCategory(store).decider('a');
    await decider.transactResult(count(1));
    await decider.transactResult(count(1));
    const reads = store.reads.length;
    // Full as cached (2 of 2)? Confirmed: nothing came since, so the decision stands without running again.
    let decisions = 0;
    const counted: Decide = (total) => (decisions++, countBelow(2)(total));
    expect(await decider.transactWithPostState(counted)).toEqual({ result: 'full', state: 2, version: 2, globalPosition: 1 });
    expect(decisions).toBe(1);
    expect(store.reads.slice(reads)).toEqual([{ streamName: 'Counter-a', fromVersion: 2, consistency: 'leader' }]);
    // "Not enough yet" on the cached total 2 is stale: the rival's 10 came since, so it decides again and writes.
    await store.rivalCounts('Counter-a', 10);
    const enough: Decide = (total) => (total >= 10 ? count(1)(total) : ['not enough', []]);
    expect(await decider.transactWithPostState(enough)).toEqual({ result: 13, state: 13, version: 4, globalPosition: 3 });
    expect(store.reads.slice(reads + 1)).toEqual([{ streamName: 'Counter-a', fromVersion: 2, consistency: 'leader' }]);
  });

  it('catches a stale cache up before refusing the version the caller saw, and refuses it once confirmed', async () => {
    const store = new RecordingStore();
    const decider = cachedCategory(store).decider('a');
    await decider.transactResult(count(1));
    await store.rivalCounts('Counter-a', 10);
    expect(await decider.transactWithPostState(count(1), { expectedVersion: 2 })).toMatchObject({ result: 12, version: 3 });
    await store.rivalCounts('Counter-a', 10);
    await expect(decider.transactResult(look, { expectedVersion: 3 })).rejects.toEqual(new StaleVersionError('Counter-a', 3, 4));
    // A cached state at the version the caller saw that writes nothing is confirmed too: a stale one is refused.
    await store.rivalCounts('Counter-a', 10);
    await expect(decider.transactResult(look, { expectedVersion: 4 })).rejects.toEqual(new StaleVersionError('Counter-a', 4, 5));
  });

  it('answers queries from the cached state and the events since, read where asked', async () => {
    const store = new RecordingStore();
    const category = cachedCategory(store);
    await category.decider('a').transactResult(count(1));
    await store.rivalCounts('Counter-a', 10);
    const reads = store.reads.length;
    expect(await category.decider('a').query((total, version) => [total, version])).toEqual([11, 2]);
    expect(await category.decider('a').query((total, version) => [total, version], 'leader')).toEqual([11, 2]);
    expect(store.reads.slice(reads)).toEqual([
      { streamName: 'Counter-a', fromVersion: 1, consistency: 'replica' },
      { streamName: 'Counter-a', fromVersion: 2, consistency: 'leader' },
    ]);
    // The query's read is kept: the next command writes without reading.
    expect(await category.decider('a').transactResult(count(1))).toBe(12);
    expect(store.reads).toHaveLength(reads + 2);
  });

  it('is shared by the Categories given it, and bounds how many streams it saves reads for', async () => {
    const store = new RecordingStore();
    const cache = new StateCache(1);
    const [first, second] = [cachedCategory(store, cache), cachedCategory(store, cache)];
    await first.decider('a').transactResult(count(1));
    await second.decider('a').transactResult(count(1));
    expect(store.reads).toHaveLength(1);
    await first.decider('b').transactResult(count(1));
    await second.decider('a').transactResult(count(1));
    expect(store.reads.map((r) => [r.streamName, r.fromVersion])).toEqual([
      ['Counter-a', 0],
      ['Counter-b', 0],
      ['Counter-a', 0],
    ]);
    expect(await second.decider('a').query((total) => total, 'leader')).toBe(3);
  });
});

describe('Assume empty', () => {
  it('writes a new stream without reading it, at version 0', async () => {
    const store = new RecordingStore();
    const decider = new Category(store, counter).decider('new');
    expect(await decider.transactWithPostState(count(5), { load: 'assumeEmpty' })).toEqual({
      result: 5,
      state: 5,
      version: 1,
      globalPosition: 0,
    });
    expect(store.reads).toEqual([]);
    expect(store.appends).toEqual([{ streamName: 'Counter-new', expectedVersion: 0 }]);
  });

  it('on a stream that exists, conflicts, reads it whole and answers as a load would have, without backing off', async () => {
    const store = new RecordingStore();
    const timers = new ManualTimers();
    await store.rivalCounts('Counter-old', 3);
    await store.rivalCounts('Counter-old', 4);
    const once: Decide = (total) => (total === 0 ? count(1)(total) : ['exists', []]);
    const assumed = await new Category(store, counter, { timers }).decider('old').transactWithPostState(once, { load: 'assumeEmpty' });
    const loaded = await new Category(store, counter).decider('old').transactWithPostState(once);
    expect(assumed).toEqual(loaded);
    expect(assumed).toEqual({ result: 'exists', state: 7, version: 2, globalPosition: 1 });
    expect(store.reads.slice(0, 1)).toEqual([{ streamName: 'Counter-old', fromVersion: 0, consistency: 'leader' }]);
    expect(timers.pendingDelays()).toEqual([]);
  });

  it('prefers a cached state to assuming the stream empty', async () => {
    const store = new RecordingStore();
    const decider = cachedCategory(store).decider('a');
    await decider.transactResult(count(1));
    expect(await decider.transactResult(count(1), { load: 'assumeEmpty' })).toBe(2);
    expect(store.appends.map((a) => a.expectedVersion)).toEqual([0, 1]);
  });
});
