import { createPool, MessageDbStore } from '@app/store/message-db';
import { createTestDatabase } from '../../../support/database';
import { describeEventStoreContract } from '../support/event-store-contract';

describeEventStoreContract('MessageDbStore', async ({ batchSize }) => {
  const database = await createTestDatabase();
  const pool = createPool(database.url, { max: 8 });
  return {
    store: new MessageDbStore({ writePool: pool, batchSize }),
    dispose: async () => {
      await pool.end();
      await database.drop();
    },
  };
});
