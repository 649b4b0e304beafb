import { MemoryParkedStreamStore, ParkedStreamStore, StoredParkedStream } from '@app/store/checkpoints';
import { PostgresParkedStreamStore, createPool } from '@app/store/message-db';
import pg from 'pg';
import { TestDatabase, createTestDatabase } from '../../../support/database';

const key = { source: 'messageDb', tranche: 'Ledger', processorName: 'Poster' };

function parkedStream(streamName: string, overrides: Partial<StoredParkedStream> = {}): StoredParkedStream {
  return {
    ...key,
    consumerGroup: 'Poster/0of2',
    streamName,
    attempts: 3,
    lastError: 'Error: boom',
    parkedAt: new Date('2026-12-02T10:00:00.000Z'),
    fromVersion: 4,
    toVersion: 6,
    lastGlobalPosition: 90,
    ...overrides,
  };
}

function describeStore(name: string, open: () => Promise<{ store: ParkedStreamStore; close(): Promise<void> }>) {
  describe(name, () => {
    let store: ParkedStreamStore;
    let close: () => Promise<void>;
    beforeEach(async () => ({ store, close } = await open()));
    afterEach(() => close());

    it('keeps a parked stream until removed, listing it under its processor', async () => {
      await store.park(parkedStream('Ledger-1'));
      await store.park({ ...parkedStream('Ledger-2'), processorName: 'Other' });
      expect(await store.list(key)).toEqual([parkedStream('Ledger-1')]);
      expect((await store.list()).map((p) => p.streamName).sort()).toEqual(['Ledger-1', 'Ledger-2']);
      expect(await store.remove(key, 'Ledger-1')).toBe(true);
      expect(await store.remove(key, 'Ledger-1')).toBe(false);
      expect(await store.list(key)).toEqual([]);
    });

    it('parked again, adds the attempts and keeps the earliest skipped version, the rest from the latest', async () => {
      await store.park(parkedStream('Ledger-1'));
      const later = parkedStream('Ledger-1', {
        attempts: 2,
        lastError: 'Error: again',
        parkedAt: new Date('2026-12-02T11:00:00.000Z'),
        fromVersion: 7,
        toVersion: 9,
        lastGlobalPosition: 120,
        consumerGroup: 'Poster/1of2',
      });
      await store.park(later);
      expect(await store.list(key)).toEqual([{ ...later, attempts: 5, fromVersion: 4 }]);
    });
  });
}

describe('parked stream stores', () => {
  describeStore('in memory', async () => ({ store: new MemoryParkedStreamStore(), close: async () => undefined }));

  describeStore('on Postgres', async () => {
    const db: TestDatabase = await createTestDatabase();
    const pool: pg.Pool = createPool(db.url, { max: 2 });
    return {
      store: new PostgresParkedStreamStore(pool),
      close: async () => {
        await pool.end();
        await db.drop();
      },
    };
  });
});
