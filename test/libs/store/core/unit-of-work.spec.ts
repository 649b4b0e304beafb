import {
  AppendResult,
  Category,
  ConcurrencyExhaustedError,
  RecordedEvent,
  StoreUnavailableError,
  StreamAppend,
  StreamRead,
  UndecodableEventError,
} from '@app/store/core';
import { MemoryStore } from '@app/store/memory/memory-store';
import { randomUUID } from 'node:crypto';
import { Counted, counter } from '../support/counter';

/** A MemoryStore that records the reads and unit-of-work appends it serves, and can act just before each append. */
class RecordingStore extends MemoryStore {
  readonly reads: StreamRead[][] = [];
  appends = 0;
  beforeAppends: () => Promise<void> | void = () => undefined;

  override async readStreams(reads: readonly StreamRead[]): Promise<RecordedEvent[][]> {
    this.reads.push([...reads]);
    return super.readStreams(reads);
  }

  override async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    this.appends++;
    await this.beforeAppends();
    return super.appendToStreams(appends);
  }
}

const add =
  (by: number) =>
  (total: number): readonly [number, Counted[]] =>
    by === 0 ? [total, []] : [total + by, [{ type: 'Counted', by }]];

const noRetryDelay = { random: () => 0 };

describe('Category.transactEach (a unit of work over several streams)', () => {
  it('loads every stream in one read, decides each, and writes all in one append', async () => {
    const store = new RecordingStore();
    const category = new Category(store, counter);
    await category.decider('b').transactResult(add(10));

    const outcomes = await category.transactEach(['a', 'b', 'c'], (total, i) => add([1, 2, 0][i])(total));

    expect(outcomes).toEqual([
      { ok: true, result: 1 },
      { ok: true, result: 12 },
      { ok: true, result: 0 },
    ]);
    expect(store.reads).toEqual([[{ streamName: 'Counter-a' }, { streamName: 'Counter-b' }, { streamName: 'Counter-c' }]]);
    expect(store.appends).toBe(1);
    expect(await store.readStream('Counter-c')).toEqual([]);
  });

  it('on a conflict reads only what was written since, decides again and writes once more', async () => {
    const store = new RecordingStore();
    const category = new Category(store, counter, noRetryDelay);
    await category.decider('b').transactResult(add(10));
    let rivalWrote = false;
    store.beforeAppends = async () => {
      if (rivalWrote) return;
      rivalWrote = true;
      await store.appendToStream('Counter-b', 1, [{ id: randomUUID(), type: 'Counted', data: { by: 100 } }]);
    };

    const outcomes = await category.transactEach(['a', 'b'], (total) => add(1)(total));

    expect(outcomes).toEqual([
      { ok: true, result: 1 },
      { ok: true, result: 111 },
    ]);
    // The catch-up read asks only for what came after the first load.
    expect(store.reads[1]).toEqual([
      { streamName: 'Counter-a', fromVersion: 0 },
      { streamName: 'Counter-b', fromVersion: 1 },
    ]);
    expect((await store.readStream('Counter-b')).map((e) => e.data)).toEqual([{ by: 10 }, { by: 100 }, { by: 1 }]);
    expect(await store.readStream('Counter-a')).toHaveLength(1);
  });

  it('answers an unreadable stream with its error and still writes the others', async () => {
    const store = new RecordingStore();
    await store.appendToStream('Counter-bad', 0, [{ id: randomUUID(), type: 'Counted', data: { by: 'x' } }]);
    const strict = { ...counter, codec: { ...counter.codec, tryDecode: strictDecode } };
    const category = new Category(store, strict);

    const [good, bad] = await category.transactEach(['good', 'bad'], (total) => add(1)(total));

    expect(good).toEqual({ ok: true, result: 1 });
    expect(bad).toMatchObject({ ok: false, error: expect.any(UndecodableEventError) });
    expect(await store.readStream('Counter-good')).toHaveLength(1);
  });

  it('answers the write failure for the streams that wrote, and keeps the decisions that wrote nothing', async () => {
    const store = new RecordingStore();
    const outage = new StoreUnavailableError('down');
    store.beforeAppends = () => {
      throw outage;
    };
    const category = new Category(store, counter);

    const outcomes = await category.transactEach(['a', 'b'], (total, i) => add(i)(total));

    expect(outcomes).toEqual([
      { ok: true, result: 0 },
      { ok: false, error: outage },
    ]);
  });

  it('gives up with ConcurrencyExhaustedError when the streams keep moving, having written nothing', async () => {
    const store = new RecordingStore();
    const category = new Category(store, counter, { ...noRetryDelay, maxAttempts: 3 });
    store.beforeAppends = async () => {
      await store.appendToStream('Counter-a', (await store.readStream('Counter-a')).length, [
        { id: randomUUID(), type: 'Counted', data: { by: 100 } },
      ]);
    };

    await expect(category.transactEach(['a', 'b'], (total) => add(1)(total))).rejects.toBeInstanceOf(ConcurrencyExhaustedError);
    expect(store.appends).toBe(3);
    expect(await store.readStream('Counter-b')).toEqual([]);
  });
});

function strictDecode(e: { type: string; data: unknown }): Counted | undefined {
  const by = (e.data as { by: unknown }).by;
  if (typeof by !== 'number') throw new Error(`by is not a number: ${String(by)}`);
  return { type: 'Counted', by };
}
