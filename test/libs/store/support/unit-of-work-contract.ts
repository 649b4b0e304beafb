import { EventStore, WrongExpectedVersionError } from '@app/store';
import { SMALL_BATCH, events, newStreamName } from './event-store-contract';

/**
 * The multi-stream part of the EventStore contract (readStreams, appendToStreams), run by describeEventStoreContract on
 * its store (which reads SMALL_BATCH events per round trip where it pages).
 */
export function describeUnitOfWorkContract(storeUnderTest: () => EventStore): void {
  describe('several streams at once', () => {
    let store: EventStore;
    beforeAll(() => (store = storeUnderTest()));

    it('reads each stream as readStream does, from its own version, in the order asked (unknown ones empty)', async () => {
      const [long, short, unknown] = [newStreamName(), newStreamName(), newStreamName()];
      await store.appendToStream(long, 0, events(SMALL_BATCH * 2 + 1));
      await store.appendToStream(short, 0, events(2));

      const read = await store.readStreams([
        { streamName: short, fromVersion: 1 },
        { streamName: unknown },
        { streamName: long },
        { streamName: long, fromVersion: SMALL_BATCH + 1 },
      ]);

      expect(read).toEqual([
        await store.readStream(short, 1),
        [],
        await store.readStream(long),
        await store.readStream(long, SMALL_BATCH + 1),
      ]);
      expect(read[2].map((e) => e.position)).toEqual([0, 1, 2, 3, 4, 5, 6]);
      expect(await store.readStreams([])).toEqual([]);
    });

    it('appends to several streams, of several categories, at their expected versions and answers each new version', async () => {
      const [a, b, c] = [newStreamName('Alpha'), newStreamName('Beta'), newStreamName('Alpha')];
      await store.appendToStream(b, 0, events(2));

      const written = await store.appendToStreams([
        { streamName: b, expectedVersion: 2, events: events(1) },
        { streamName: a, expectedVersion: 0, events: events(3) },
        { streamName: c, expectedVersion: 0, events: events(1) },
      ]);

      expect(written.map((w) => w.version)).toEqual([3, 3, 1]);
      const lastOf = async (stream: string) => (await store.readStream(stream)).at(-1)?.globalPosition;
      expect(written.map((w) => w.globalPosition)).toEqual([await lastOf(b), await lastOf(a), await lastOf(c)]);
      expect((await store.readStream(a)).map((e) => e.position)).toEqual([0, 1, 2]);
      expect(await store.readStream(b)).toHaveLength(3);
    });

    it('writes nothing when one stream is not at its expected version, and names that stream', async () => {
      const [fresh, moved] = [newStreamName(), newStreamName()];
      await store.appendToStream(moved, 0, events(2));

      const refusal = await store
        .appendToStreams([
          { streamName: fresh, expectedVersion: 0, events: events(2) },
          { streamName: moved, expectedVersion: 1, events: events(1) },
        ])
        .catch((e: unknown) => e);

      expect(refusal).toBeInstanceOf(WrongExpectedVersionError);
      expect(refusal).toMatchObject({ streamName: moved, expectedVersion: 1, actualVersion: 2 });
      expect(await store.readStream(fresh)).toEqual([]);
      expect(await store.readStream(moved)).toHaveLength(2);
    });

    it('lets exactly one of two concurrent units of work over a shared stream win', async () => {
      const [shared, first, second] = [newStreamName(), newStreamName(), newStreamName()];
      const unit = (own: string) => [
        { streamName: own, expectedVersion: 0, events: events(1) },
        { streamName: shared, expectedVersion: 0, events: events(1) },
      ];

      const outcomes = await Promise.allSettled([store.appendToStreams(unit(first)), store.appendToStreams(unit(second))]);

      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const written = [(await store.readStream(first)).length, (await store.readStream(second)).length];
      expect(written.sort()).toEqual([0, 1]);
      expect(await store.readStream(shared)).toHaveLength(1);
    });

    it('refuses a stream named twice, or one without events', async () => {
      const stream = newStreamName();
      await expect(
        store.appendToStreams([
          { streamName: stream, expectedVersion: 0, events: events(1) },
          { streamName: stream, expectedVersion: 1, events: events(1) },
        ]),
      ).rejects.toThrow(RangeError);
      await expect(store.appendToStreams([{ streamName: stream, expectedVersion: 0, events: [] }])).rejects.toThrow(RangeError);
      expect(await store.readStream(stream)).toEqual([]);
    });
  });
}
