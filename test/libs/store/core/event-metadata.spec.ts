import { Category, EventStore, MultiStreamUnit, RecordedEvent, UnitStream, causedBy, currentEventMetadata, reportConflictsTo, withEventMetadata } from '@app/store/core';
import { LogFields, MemoryStore } from '@app/store';
import { startMemoryReactor } from '@app/store/reactor';
import { randomUUID } from 'node:crypto';
import { counter } from '../support/counter';
import { MessageDbFixture, messageDbFixture } from '../support/message-db';

const request = { correlationId: 'request-1', causationId: 'request-1', userId: 'clerk-7' };

function writesCarryMetadata(name: string, setUp: () => Promise<{ store: EventStore; close(): Promise<void> }>) {
  describe(`event metadata on ${name}`, () => {
    let store: EventStore;
    let close: () => Promise<void>;

    beforeAll(async () => ({ store, close } = await setUp()));
    afterAll(() => close());

    it('puts the ambient metadata on what a Decider writes, and none outside of it', async () => {
      const counters = new Category(store, counter);
      const [inside, outside] = [randomUUID(), randomUUID()];
      await withEventMetadata(request, () => counters.decider(inside).transactResult(() => [null, [{ type: 'Counted', by: 1 }]]));
      await counters.decider(outside).transactResult(() => [null, [{ type: 'Counted', by: 1 }]]);
      expect((await store.readStream(`Counter-${inside}`))[0].metadata).toEqual(request);
      expect((await store.readStream(`Counter-${outside}`))[0].metadata).toBeNull();
    });

    it('puts it on every stream of a unit of work', async () => {
      const ids = [randomUUID(), randomUUID()];
      const unit = new MultiStreamUnit(store);
      const streams = ids.map((id) => unit.add(new UnitStream(counter, `Counter-${id}`)));
      await withEventMetadata(request, () => unit.transact(() => streams.forEach((s) => s.append([{ type: 'Counted', by: 2 }]))));
      const written = await store.readStreams(ids.map((id) => ({ streamName: `Counter-${id}` })));
      expect(written.map((events) => events[0].metadata)).toEqual([request, request]);
    });
  });
}

writesCarryMetadata('the memory store', async () => ({ store: new MemoryStore(), close: async () => undefined }));
writesCarryMetadata('Message DB (the metadata column)', async () => {
  const fixture: MessageDbFixture = await messageDbFixture();
  return { store: fixture.store, close: () => fixture.close() };
});

describe('ambient metadata', () => {
  it('keeps each queued command on one stream to its own metadata', async () => {
    const store = new MemoryStore();
    const decider = new Category(store, counter).decider('1');
    const slow = () => new Promise<void>((resolve) => setTimeout(resolve, 5));
    await Promise.all(
      ['a', 'b', 'c'].map((id) =>
        withEventMetadata({ correlationId: id }, () =>
          decider.transactResult(async () => {
            await slow();
            return [null, [{ type: 'Counted', by: 1 }]];
          }),
        ),
      ),
    );
    expect((await store.readStream('Counter-1')).map((e) => e.metadata)).toEqual([{ correlationId: 'a' }, { correlationId: 'b' }, { correlationId: 'c' }]);
    expect(currentEventMetadata()).toBeUndefined();
  });

  it('makes a reaction carry the correlation of its cause, or the cause itself when it has none', () => {
    const event = (metadata: unknown): RecordedEvent =>
      ({ id: 'event-9', streamName: 'Counter-1', type: 'Counted', data: {}, metadata, position: 0, globalPosition: 0, time: new Date() });
    expect(causedBy(event({ correlationId: 'request-1', causationId: 'request-1' }))).toEqual({ correlationId: 'request-1', causationId: 'event-9' });
    expect(causedBy(event(null))).toEqual({ correlationId: 'event-9', causationId: 'event-9' });
    expect(causedBy(event({ correlationId: 42 }))).toEqual({ correlationId: 'event-9', causationId: 'event-9' });
  });

  it('reports the conflicts a Decider meets to the listener of the work under way', async () => {
    const store = new MemoryStore();
    const conflicts: string[] = [];
    const decider = new Category(store, counter).decider('1');
    let interfered = false;
    await reportConflictsTo(
      (streamName) => conflicts.push(streamName),
      () =>
        decider.transactResult(async () => {
          if (!interfered) {
            interfered = true;
            await store.appendToStream('Counter-1', 0, [{ id: randomUUID(), type: 'Counted', data: { by: 5 } }]);
          }
          return [null, [{ type: 'Counted', by: 1 }]];
        }),
    );
    expect(conflicts).toEqual(['Counter-1']);
  });
});

describe('a reactor', () => {
  it('writes with the correlation id of the event that triggered them and its id as the causation id', async () => {
    const store = new MemoryStore();
    const counters = new Category(store, counter);
    const echoes = new Category(store, { ...counter, name: 'Echo' });
    const reactor = startMemoryReactor(store, {
      category: 'Counter',
      statsIntervalMs: 0,
      sink: {
        handler: async (streamName, events) => {
          await echoes.decider(streamName.slice('Counter-'.length)).transactResult(() => [null, [{ type: 'Counted', by: 1 }]]);
          return { outcome: 'echoed', version: events[events.length - 1].position + 1 };
        },
      },
    });
    try {
      await withEventMetadata(request, () => counters.decider('1').transactResult(() => [null, [{ type: 'Counted', by: 1 }]]));
      await counters.decider('2').transactResult(() => [null, [{ type: 'Counted', by: 1 }]]);
      await reactor.awaitCompletion();
      const [[cause1], [cause2]] = await store.readStreams([{ streamName: 'Counter-1' }, { streamName: 'Counter-2' }]);
      expect((await store.readStream('Echo-1'))[0].metadata).toEqual({ correlationId: 'request-1', causationId: cause1.id });
      expect((await store.readStream('Echo-2'))[0].metadata).toEqual({ correlationId: cause2.id, causationId: cause2.id });
    } finally {
      await reactor.stop();
    }
  });

  it('names the stream and the correlation of the event it handled in its log lines about a failing stream', async () => {
    const store = new MemoryStore();
    const lines: { message: string; fields?: LogFields }[] = [];
    const record = (message: string, fields?: LogFields) => lines.push({ message, fields });
    const reactor = startMemoryReactor(store, {
      category: 'Counter',
      statsIntervalMs: 0,
      logger: { log: record, warn: record, error: record },
      sink: {
        handler: async () => {
          throw new Error('the handler fails');
        },
        stuckThreshold: 1,
        retry: { baseMs: 1, maxMs: 1, jitter: 0 },
      },
    });
    try {
      await withEventMetadata(request, () => new Category(store, counter).decider('1').transactResult(() => [null, [{ type: 'Counted', by: 1 }]]));
      const [cause] = await store.readStream('Counter-1');
      while (!lines.some((line) => line.message.includes('is stuck'))) await new Promise((resolve) => setTimeout(resolve, 5));
      const expected = { streamName: 'Counter-1', correlationId: 'request-1', causationId: cause.id };
      expect(lines.find((line) => line.message.includes('attempt 1 failed'))?.fields).toEqual(expected);
      expect(lines.find((line) => line.message.includes('is stuck'))?.fields).toEqual(expected);
    } finally {
      await reactor.stop();
    }
  });
});
