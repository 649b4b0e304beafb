import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import {
  AppendResult,
  ConcurrencyExhaustedError,
  MultiStreamUnit,
  RecordedEvent,
  StoreUnavailableError,
  StreamAppend,
  StreamRead,
  UnitStream,
} from '@app/store/core';
import { MemoryStore } from '@app/store/memory/memory-store';
import { claim, ledger, noise } from '../support/claims';

/** A MemoryStore that records its multi-stream reads and writes, and can act just before each write reaches it. */
class RecordingStore extends MemoryStore {
  readonly reads: StreamRead[][] = [];
  readonly writes: string[][] = [];
  beforeAppends: (appends: readonly StreamAppend[]) => Promise<void> | void = () => undefined;

  override async readStreams(reads: readonly StreamRead[]): Promise<RecordedEvent[][]> {
    this.reads.push([...reads]);
    return super.readStreams(reads);
  }

  override async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    await this.beforeAppends(appends);
    this.writes.push(appends.map((a) => a.streamName));
    return super.appendToStreams(appends);
  }
}

describe('MultiStreamUnit (one unit of work over streams of several categories)', () => {
  it('loads the streams it does not know in one read and writes every stream in one append', async () => {
    const store = new RecordingStore();
    expect(await claim(store, 'ann', ['x', 'y'])).toEqual(['x', 'y']);
    expect(store.reads).toEqual([[
      { streamName: 'Ledger-ann', fromVersion: 0 },
      { streamName: 'Item-x', fromVersion: 0 },
      { streamName: 'Item-y', fromVersion: 0 },
    ]]);
    expect(store.writes).toEqual([['Ledger-ann', 'Item-x', 'Item-y']]);
  });

  it('reads nothing for a stream it was handed as known, and holds each stream as written afterwards', async () => {
    const store = new RecordingStore();
    const known = UnitStream.fromStart(ledger, 'Ledger-bob', []);
    expect(known.isLoaded).toBe(false); // no events seen: nothing is known
    const book = new UnitStream(ledger, 'Ledger-bob', { state: [], version: 0 });
    const unit = new MultiStreamUnit(store);
    unit.add(book);
    await unit.transact(() => book.append([{ type: 'Recorded', items: ['z'] }]));
    expect(store.reads).toEqual([]);
    expect(book.view).toEqual({ state: ['z'], version: 1 });

    const seen = await store.readStream('Ledger-bob');
    expect(UnitStream.fromStart(ledger, 'Ledger-bob', seen).view).toEqual({ state: ['z'], version: 1 });
    expect(UnitStream.fromStart(ledger, 'Ledger-bob', [{ ...seen[0], position: 1 }]).isLoaded).toBe(false); // not the start
  });

  it('on a conflict on any stream writes nothing, reads only what moved since, and decides again', async () => {
    const store = new RecordingStore();
    await claim(store, 'ann', ['y']);
    let rivalWrote = false;
    store.beforeAppends = async () => {
      if (rivalWrote) return;
      rivalWrote = true;
      await store.appendToStream('Item-x', 0, [{ id: randomUUID(), type: 'Claimed', data: { by: 'eve' } }]);
    };

    expect(await claim(store, 'bob', ['x', 'y', 'z'])).toEqual(['z']);
    expect(store.reads.at(-1)).toEqual([
      { streamName: 'Ledger-bob', fromVersion: 0 },
      { streamName: 'Item-x', fromVersion: 0 },
      { streamName: 'Item-y', fromVersion: 1 },
      { streamName: 'Item-z', fromVersion: 0 },
    ]);
    expect((await store.readStream('Ledger-bob')).map((e) => e.data)).toEqual([{ items: ['z'] }]);
    expect((await store.readStream('Item-x')).map((e) => e.data)).toEqual([{ by: 'eve' }]);
  });

  it('throws a failed write with nothing written, and gives up on conflicts past the retry budget', async () => {
    const store = new RecordingStore();
    const outage = new StoreUnavailableError('down');
    store.beforeAppends = () => {
      throw outage;
    };
    await expect(claim(store, 'ann', ['x'])).rejects.toBe(outage);
    expect(await store.readStream('Item-x')).toEqual([]);

    store.beforeAppends = async () => {
      await store.appendToStream('Item-x', (await store.readStream('Item-x')).length, noise());
    };
    await expect(claim(store, 'ann', ['x'], { maxAttempts: 3 })).rejects.toBeInstanceOf(ConcurrencyExhaustedError);
    expect(store.writes).toHaveLength(3);
    expect(await store.readStream('Ledger-ann')).toEqual([]);
  });

  it('property: racing owners and injected conflicts, each item is claimed once and recorded on its owner\'s ledger alone', async () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    const wants = fc.array(fc.subarray(items, { minLength: 1 }), { minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(wants, fc.array(fc.nat({ max: 4 }), { maxLength: 6 }), async (owners, conflicts) => {
        const store = new RecordingStore();
        const injected = [...conflicts];
        store.beforeAppends = async (appends) => {
          const victim = injected.shift();
          if (victim === undefined) return;
          const { streamName } = appends[victim % appends.length];
          await store.appendToStream(streamName, (await store.readStream(streamName)).length, noise());
        };

        const claimed = await Promise.all(owners.map((wanted, n) => claim(store, `o${n}`, wanted)));

        for (const id of new Set(owners.flat())) {
          const claims = (await store.readStream(`Item-${id}`)).filter((e) => e.type === 'Claimed');
          expect(claims).toHaveLength(1); // one claim per item, whoever won
          const owner = (claims[0].data as { by: string }).by;
          expect(claimed[Number(owner.slice(1))]).toContain(id);
        }
        for (const [n, won] of claimed.entries()) {
          const records = (await store.readStream(`Ledger-o${n}`)).filter((e) => e.type === 'Recorded');
          const recorded = records.flatMap((e) => (e.data as { items: string[] }).items);
          expect(recorded).toEqual(won); // a claim and its record were written together, or neither
        }
      }),
      { numRuns: 100 },
    );
  });
});
