import { GuestStayService, guestStayStreamName } from '@app/domain';
import { AppendResult, EventStore, EventToWrite, StreamAppend, StreamRead, ReadConsistency, WrongExpectedVersionError } from '@app/store/core';
import { MessageDbStore, createPool } from '@app/store/message-db';
import { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createApiApp, silentNotifier } from '../../support/api-app';
import { TestDatabase, createTestDatabase } from '../../support/database';
import { HotelClient } from './hotel-client';

/** Counts the conflicts the store reports; `beforeFirstAppend` can hold the first append back. */
class ObservedStore implements EventStore {
  conflicts = 0;
  private firstAppend = true;

  constructor(
    private readonly inner: EventStore,
    private readonly beforeFirstAppend: () => Promise<void> = async () => undefined,
  ) {}

  readStream(streamName: string, fromVersion?: number, consistency?: ReadConsistency) {
    return this.inner.readStream(streamName, fromVersion, consistency);
  }

  /** Unit-of-work reads and appends pass through unobserved: these tests are about single-stream commands. */
  readStreams(reads: readonly StreamRead[], consistency?: ReadConsistency) {
    return this.inner.readStreams(reads, consistency);
  }

  appendToStreams(appends: readonly StreamAppend[]) {
    return this.inner.appendToStreams(appends);
  }

  async appendToStream(streamName: string, expectedVersion: number, events: readonly EventToWrite[]): Promise<AppendResult> {
    if (this.firstAppend) {
      this.firstAppend = false;
      await this.beforeFirstAppend();
    }
    try {
      return await this.inner.appendToStream(streamName, expectedVersion, events);
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) this.conflicts++;
      throw error;
    }
  }
}

/** Resolves for every caller once `parties` callers are waiting. */
function barrier(parties: number): () => Promise<void> {
  let waiting = 0;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return () => {
    if (++waiting === parties) release();
    return released;
  };
}

/** n distinct amounts in whole cents, with their sum. */
function amounts(n: number): { amounts: number[]; sum: number } {
  const list = Array.from({ length: n }, (_, i) => (i + 1) * 1.25);
  return { amounts: list, sum: list.reduce((a, b) => a + b, 0) };
}

describe('concurrent commands on one stay (Message DB)', () => {
  let database: TestDatabase;
  const pools: pg.Pool[] = [];
  const pool = () => {
    const created = createPool(database.url, { max: 10, applicationName: 'concurrent-commands-test' });
    pools.push(created);
    return created;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await database?.drop();
  });

  describe('through one API instance', () => {
    let app: NestExpressApplication;
    let client: HotelClient;
    let store: ObservedStore;

    beforeAll(async () => {
      const writePool = pool();
      store = new ObservedStore(new MessageDbStore({ writePool }));
      app = await createApiApp({ store, notifier: silentNotifier });
      client = new HotelClient(app.getHttpServer());
    });
    afterAll(() => app?.close());

    it('answers 20 concurrent distinct charges 200 without a conflict, and the balance is their sum', async () => {
      const stayId = randomUUID();
      await client.checkIn(stayId).expect(200);
      const charges = amounts(20);

      const responses = await Promise.all(charges.amounts.map((amount) => client.charge(stayId, amount)));

      expect(responses.map((r) => r.status)).toEqual(charges.amounts.map(() => 200));
      expect(store.conflicts).toBe(0);
      expect((await client.stay(stayId).expect(200)).body.balance).toBe(charges.sum);
    });
  });

  it('retries the conflicts between two store instances (two processes) within the budget: nothing is refused', async () => {
    const bothReady = barrier(2);
    // Each instance's first append waits for the other's, so both decide on the same version and one must conflict.
    const instances = [0, 1].map(() => new ObservedStore(new MessageDbStore({ writePool: pool() }), bothReady));
    const stays = instances.map((s) => new GuestStayService(s));
    const stayId = randomUUID();
    const desk = new MessageDbStore({ writePool: pool() });
    await new GuestStayService(desk).checkIn(stayId);
    const charges = amounts(20);

    const results = await Promise.all(
      charges.amounts.map(async (amount, i) => {
        return (await stays[i % 2].charge(stayId, randomUUID(), Math.round(amount * 100))).result;
      }),
    );

    expect(results).toEqual(charges.amounts.map(() => ({ kind: 'ok' })));
    expect(instances[0].conflicts + instances[1].conflicts).toBeGreaterThan(0);
    expect(await stays[1].read(stayId, 'leader')).toMatchObject({ kind: 'open', balance: Math.round(charges.sum * 100) });
    expect(await desk.readStream(guestStayStreamName(stayId))).toHaveLength(21);
  });
});
