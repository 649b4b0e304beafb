import pg from 'pg';
import { createPool } from '@app/store/message-db/connection';
import { MessageDbStore } from '@app/store/message-db/message-db-store';
import { createTestDatabase, TestDatabase } from '../../../support/database';

export interface MessageDbFixture {
  readonly db: TestDatabase;
  readonly pool: pg.Pool;
  readonly store: MessageDbStore;
  /** Appends `count` events to the stream at its current version. */
  append(streamName: string, count?: number): Promise<void>;
  close(): Promise<void>;
}

/** A fresh database with Message DB, a pool on it and a store. */
export async function messageDbFixture(): Promise<MessageDbFixture> {
  const db = await createTestDatabase();
  const pool = createPool(db.url, { max: 4, applicationName: 'feed-tests' });
  const store = new MessageDbStore({ writePool: pool });
  return {
    db,
    pool,
    store,
    append: async (streamName, count = 1) => {
      const version = (await store.readStream(streamName)).length;
      const events = Array.from({ length: count }, (_, i) => ({
        id: crypto.randomUUID(),
        type: 'Happened',
        data: { n: version + i },
        metadata: { by: 'test' },
      }));
      await store.appendToStream(streamName, version, events);
    },
    close: async () => {
      await pool.end();
      await db.drop();
    },
  };
}
