import { randomUUID } from 'node:crypto';
import { EventStore, EventToWrite, WrongExpectedVersionError } from '@app/store';
import { describeUnitOfWorkContract } from './unit-of-work-contract';

export interface StoreUnderTest {
  readonly store: EventStore;
  dispose(): Promise<void>;
}

/** `batchSize`: how many events a store reads per round trip, where it pages (a store that does not ignores it). */
export type CreateStore = (options: { batchSize: number }) => Promise<StoreUnderTest>;

export const SMALL_BATCH = 3;
const CLOCK_SKEW_MARGIN_MILLIS = 5_000;

export function event(type = 'Happened', data: unknown = { n: 1 }, metadata?: unknown): EventToWrite {
  return { id: randomUUID(), type, data, metadata };
}

export function events(count: number, type = 'Happened'): EventToWrite[] {
  return Array.from({ length: count }, (_, n) => event(type, { n }));
}

export function newStreamName(category = 'Contract'): string {
  return `${category}-${randomUUID()}`;
}

/** The EventStore contract: the same suite for every store. */
export function describeEventStoreContract(storeName: string, createStore: CreateStore): void {
  describe(`${storeName} fulfils the EventStore contract`, () => {
    let subject: StoreUnderTest;
    let store: EventStore;

    beforeAll(async () => {
      subject = await createStore({ batchSize: SMALL_BATCH });
      store = subject.store;
    });
    afterAll(() => subject?.dispose());

    it('reads an unknown stream as empty (version 0)', async () => {
      expect(await store.readStream(newStreamName())).toEqual([]);
    });

    it('appends to an empty stream at version 0 and resolves to the new version', async () => {
      const stream = newStreamName();
      expect(await store.appendToStream(stream, 0, events(2))).toMatchObject({ version: 2 });
      expect(await store.appendToStream(stream, 2, events(3))).toMatchObject({ version: 5 });
    });

    it('resolves to the global position of the last event written, as read back', async () => {
      const stream = newStreamName();
      const first = await store.appendToStream(stream, 0, events(3));
      const second = await store.appendToStream(stream, 3, events(1));
      const recorded = await store.readStream(stream);
      expect(first.globalPosition).toBe(recorded[2].globalPosition);
      expect(second.globalPosition).toBe(recorded[3].globalPosition);
    });

    it("with nothing to append, resolves to the global position of the stream's last event (-1 when empty)", async () => {
      const stream = newStreamName();
      expect(await store.appendToStream(stream, 0, [])).toEqual({ version: 0, globalPosition: -1 });
      const written = await store.appendToStream(stream, 0, events(2));
      expect(await store.appendToStream(stream, 2, [])).toEqual(written);
    });

    it('records several events of one append in order, with their ids, types, bodies and positions', async () => {
      const stream = newStreamName();
      const written = [event('First', { a: 1 }), event('Second', { b: 2 }, { by: 'me' }), event('Third', [3])];
      await store.appendToStream(stream, 0, written);

      const recorded = await store.readStream(stream);
      expect(recorded.map(({ id, type, data, streamName, position }) => ({ id, type, data, streamName, position }))).toEqual(
        written.map(({ id, type, data }, position) => ({ id, type, data, streamName: stream, position })),
      );
      expect(recorded[1].metadata).toEqual({ by: 'me' });
    });

    it('gives positions and global positions as increasing numbers', async () => {
      const stream = newStreamName();
      await store.appendToStream(stream, 0, events(2));
      await store.appendToStream(stream, 2, events(2));

      const recorded = await store.readStream(stream);
      for (const e of recorded) {
        expect(typeof e.position).toBe('number');
        expect(typeof e.globalPosition).toBe('number');
      }
      const globals = recorded.map((e) => e.globalPosition);
      expect([...globals].sort((x, y) => x - y)).toEqual(globals);
      expect(new Set(globals).size).toBe(globals.length);
    });

    it('refuses a stale expected version, reports the actual one and writes nothing', async () => {
      const stream = newStreamName();
      await store.appendToStream(stream, 0, events(3));

      const refusal = await store.appendToStream(stream, 1, events(2)).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(WrongExpectedVersionError);
      expect(refusal).toMatchObject({ streamName: stream, expectedVersion: 1, actualVersion: 3 });
      expect(await store.readStream(stream)).toHaveLength(3);
    });

    it('refuses an expected version ahead of the stream, empty or not', async () => {
      const empty = newStreamName();
      await expect(store.appendToStream(empty, 2, events(1))).rejects.toMatchObject({ expectedVersion: 2, actualVersion: 0 });
      await expect(store.appendToStream(empty, 0, events(1))).resolves.toMatchObject({ version: 1 });
      await expect(store.appendToStream(empty, 0, events(1))).rejects.toMatchObject({ expectedVersion: 0, actualVersion: 1 });
      expect(await store.readStream(empty)).toHaveLength(1);
    });

    it('lets exactly one of several concurrent appenders at the same version win, its events unmixed', async () => {
      const stream = newStreamName();
      await store.appendToStream(stream, 0, events(1));
      const batches = Array.from({ length: 6 }, (_, appender) => events(4, `By${appender}`));

      const outcomes = await Promise.allSettled(batches.map((batch) => store.appendToStream(stream, 1, batch)));

      const winners = outcomes.filter((o) => o.status === 'fulfilled');
      expect(winners).toMatchObject([{ status: 'fulfilled', value: { version: 5 } }]);
      for (const o of outcomes) {
        if (o.status === 'rejected') expect(o.reason).toMatchObject({ name: 'WrongExpectedVersionError', actualVersion: 5 });
      }
      const winner = batches[outcomes.findIndex((o) => o.status === 'fulfilled')];
      const recorded = await store.readStream(stream);
      expect(recorded.slice(1).map((e) => e.id)).toEqual(winner.map((e) => e.id));
    });

    it('appends nothing at the right version as a no-op, and still checks the version', async () => {
      const stream = newStreamName();
      await store.appendToStream(stream, 0, events(2));
      await expect(store.appendToStream(stream, 2, [])).resolves.toMatchObject({ version: 2 });
      await expect(store.appendToStream(stream, 1, [])).rejects.toMatchObject({ actualVersion: 2 });
    });

    it('reads the same events whichever consistency is asked for (nothing here lags)', async () => {
      const stream = newStreamName();
      await store.appendToStream(stream, 0, events(4));
      const leader = await store.readStream(stream, 1, 'leader');

      expect(leader.map((e) => e.position)).toEqual([1, 2, 3]);
      expect(await store.readStream(stream, 1)).toEqual(leader);
      expect(await store.readStream(stream, 1, 'replica')).toEqual(leader);
    });

    it('reads from a version on', async () => {
      const stream = newStreamName();
      const written = events(5);
      await store.appendToStream(stream, 0, written);

      expect((await store.readStream(stream, 2)).map((e) => [e.position, e.id])).toEqual(
        written.slice(2).map((e, i) => [i + 2, e.id]),
      );
      expect(await store.readStream(stream, 5)).toEqual([]);
      expect(await store.readStream(stream, 9)).toEqual([]);
    });

    it.each([
      ['a multiple of the batch size', SMALL_BATCH * 3],
      ['across batch boundaries', SMALL_BATCH * 3 + 2],
    ])('reads a stream whose length is %s, whole and from a version inside a batch', async (_, length) => {
      const stream = newStreamName();
      const written = events(length);
      await store.appendToStream(stream, 0, written.slice(0, 4));
      await store.appendToStream(stream, 4, written.slice(4));

      expect((await store.readStream(stream)).map((e) => e.id)).toEqual(written.map((e) => e.id));
      expect((await store.readStream(stream, SMALL_BATCH + 1)).map((e) => e.position)).toEqual(
        written.slice(SMALL_BATCH + 1).map((_, i) => SMALL_BATCH + 1 + i),
      );
    });

    it('round-trips JSON bodies and metadata', async () => {
      const stream = newStreamName();
      const data = {
        text: 'quote " backslash \\ newline \n tab \t unicode é 漢字 🏨',
        numbers: [0, -1, 1.5, 12345678901234, 1e-7],
        flags: { yes: true, no: false, nothing: null },
        nested: { deeper: { list: [{ a: [] }, {}] } },
        empty: '',
      };
      const written = [event('Rich', data, { correlationId: randomUUID(), causation: ['x'] }), event('Bare', {}), event('Array', [1, 'two'])];
      await store.appendToStream(stream, 0, written);

      const recorded = await store.readStream(stream);
      expect(recorded.map((e) => e.data)).toEqual([data, {}, [1, 'two']]);
      expect(recorded.map((e) => e.metadata)).toEqual([written[0].metadata, null, null]);
    });

    it('stamps events with the time of the append, in UTC', async () => {
      const stream = newStreamName();
      const before = Date.now();
      await store.appendToStream(stream, 0, events(1));
      const after = Date.now();

      const [recorded] = await store.readStream(stream);
      expect(recorded.time).toBeInstanceOf(Date);
      // The margin allows for a remote database server's clock; a time read in the wrong zone is off by hours.
      expect(recorded.time.getTime()).toBeGreaterThanOrEqual(before - CLOCK_SKEW_MARGIN_MILLIS);
      expect(recorded.time.getTime()).toBeLessThanOrEqual(after + CLOCK_SKEW_MARGIN_MILLIS);
    });

    describeUnitOfWorkContract(() => store);
  });
}
