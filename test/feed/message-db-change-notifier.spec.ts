import { FeedLogger } from '@app/store/feed';
import { MessageDbChangeNotifier } from '@app/store/message-db/change-notifier';
import { AsyncQueue, settle } from '../reactor-core/support/async';
import { messageDbFixture, MessageDbFixture } from '../reactor-core/support/message-db';

const APPLICATION_NAME = 'notifier-under-test';

describe('MessageDbChangeNotifier', () => {
  let mdb: MessageDbFixture;
  let notifier: MessageDbChangeNotifier;
  const warnings: string[] = [];
  const logger: FeedLogger = { log: () => undefined, warn: (m) => warnings.push(m), error: () => undefined };

  beforeAll(async () => {
    mdb = await messageDbFixture();
    notifier = new MessageDbChangeNotifier({
      connectionString: mdb.db.url,
      applicationName: APPLICATION_NAME,
      reconnect: { baseMs: 20, maxMs: 100 },
      logger,
    });
    await notifier.start();
  });
  afterAll(async () => {
    await notifier.stop();
    await mdb.close();
  });

  it('hints the listeners of a category written to from another connection, and only those', async () => {
    const woken = new AsyncQueue<string>();
    const unsubscribeWritten = notifier.subscribe('Written', () => woken.push('Written'));
    const unsubscribeQuiet = notifier.subscribe('Quiet', () => woken.push('Quiet'));
    try {
      await mdb.append('Written-1');
      expect(await woken.next()).toBe('Written');
      await settle();
      expect(woken.size).toBe(0);
    } finally {
      unsubscribeWritten();
      unsubscribeQuiet();
    }
  });

  it('reconnects after its connection is killed, wakes every listener, and hints again', async () => {
    const woken = new AsyncQueue<void>();
    const unsubscribe = notifier.subscribe('Revived', () => woken.push());
    try {
      const { rows } = await mdb.pool.query(
        `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
         WHERE application_name = $1 AND datname = current_database()`,
        [APPLICATION_NAME],
      );
      expect(rows).toEqual([{ terminated: true }]);

      await woken.next();
      expect(notifier.status()).toMatchObject({ listening: true, reconnects: 1 });
      expect(warnings.some((w) => w.includes('reconnecting'))).toBe(true);

      await mdb.append('Revived-1');
      await woken.next();
    } finally {
      unsubscribe();
    }
  });
});
