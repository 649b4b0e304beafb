import { randomUUID } from 'node:crypto';
import { FeedLogger } from '@app/store/runtime';
import { MESSAGE_STORE_WRITE_CHANNEL, NOTIFIED_CATEGORIES_TABLE, withTransaction } from '@app/store/message-db';
import { MessageDbChangeNotifier } from '@app/store/message-db/change-notifier';
import { AsyncQueue, settle } from '../support/async';
import { messageDbFixture, MessageDbFixture } from '../support/message-db';

const APPLICATION_NAME = 'notifier-under-test';

/** Warnings logged so far, and the first one (past or future) that matches. */
class Warnings implements FeedLogger {
  private readonly lines: string[] = [];
  private readonly waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];

  log(): void {}
  error(): void {}

  warn(line: string): void {
    this.lines.push(line);
    for (const waiter of this.waiters.filter((w) => w.pattern.test(line))) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  }

  matching(pattern: RegExp): Promise<string> {
    const line = this.lines.find((l) => pattern.test(l));
    if (line !== undefined) return Promise.resolve(line);
    return new Promise((resolve) => this.waiters.push({ pattern, resolve }));
  }
}

describe('MessageDbChangeNotifier', () => {
  let mdb: MessageDbFixture;
  let notifier: MessageDbChangeNotifier;
  let warnings: Warnings;

  const newNotifier = (applicationName: string) =>
    new MessageDbChangeNotifier({
      connectionString: mdb.db.url,
      applicationName,
      reconnect: { baseMs: 20, maxMs: 100 },
      logger: warnings,
    });

  const registered = async (): Promise<string[]> =>
    (await mdb.pool.query<{ category: string }>(`SELECT category FROM ${NOTIFIED_CATEGORIES_TABLE} ORDER BY 1`)).rows.map(
      (r) => r.category,
    );

  /**
   * Subscribes to a category nobody registered yet; returns once registered (the notifier then wakes its listeners
   * without a stream name: anything written before may have gone unheard).
   */
  const subscribeRegistered = async (category: string) => {
    const woken = new AsyncQueue<string | undefined>();
    const unsubscribe = notifier.subscribe(category, (streamName) => woken.push(streamName));
    expect(await woken.next()).toBeUndefined();
    return { woken, unsubscribe };
  };

  beforeAll(async () => {
    mdb = await messageDbFixture();
    // Registrations of these categories fail, as they would on a database without the table or the grant.
    await mdb.pool.query(`ALTER TABLE ${NOTIFIED_CATEGORIES_TABLE} ADD CHECK (category NOT LIKE 'Refused%')`);
    warnings = new Warnings();
    notifier = newNotifier(APPLICATION_NAME);
    await notifier.start();
  });
  afterAll(async () => {
    await notifier.stop();
    await mdb.close();
  });

  it('hints the listeners of a category written to from another connection, and only those, with the stream name', async () => {
    const written = await subscribeRegistered('Written');
    const quiet = await subscribeRegistered('Quiet');
    try {
      await mdb.append('Written-1');
      expect(await written.woken.next()).toBe('Written-1');
      await settle();
      expect(written.woken.size).toBe(0);
      expect(quiet.woken.size).toBe(0);
    } finally {
      written.unsubscribe();
      quiet.unsubscribe();
    }
  });

  it('hints once per stream a transaction wrote to', async () => {
    const both = await subscribeRegistered('Both');
    try {
      await withTransaction(mdb.pool, async (client) => {
        for (const stream of ['Both-1', 'Both-2', 'Both-1']) {
          await client.query(`SELECT write_message($1, $2, 'Happened', '{}')`, [randomUUID(), stream]);
        }
      });
      expect([await both.woken.next(), await both.woken.next()]).toEqual(['Both-1', 'Both-2']);
      await mdb.append('Both-3');
      expect(await both.woken.next()).toBe('Both-3');
    } finally {
      both.unsubscribe();
    }
  });

  it("takes a payload without a stream id (the earlier trigger's category) as a hint for the whole category", async () => {
    const legacy = await subscribeRegistered('Legacy');
    try {
      await mdb.pool.query(`SELECT pg_notify($1, 'Legacy')`, [MESSAGE_STORE_WRITE_CHANNEL]);
      expect(await legacy.woken.next()).toBeUndefined();
    } finally {
      legacy.unsubscribe();
    }
  });

  it('registers the categories it has listeners for when it starts, before start() resolves', async () => {
    const starting = newNotifier('notifier-starting');
    const woken = new AsyncQueue<string | undefined>();
    const unsubscribe = starting.subscribe('Early', (streamName) => woken.push(streamName));
    starting.subscribe('RefusedEarly', () => undefined);
    try {
      await starting.start();

      expect(await registered()).toContain('Early');
      await warnings.matching(/Could not register category RefusedEarly/);
      expect(starting.status()).toMatchObject({ listening: true, reconnects: 0 });
      await mdb.append('Early-1');
      expect(await woken.next()).toBe('Early-1');
    } finally {
      unsubscribe();
      await starting.stop();
    }
  });

  it('registers a category on its first subscribe, and wakes its listeners once it is registered', async () => {
    expect(await registered()).not.toContain('Later');

    const later = await subscribeRegistered('Later');
    try {
      expect(await registered()).toContain('Later');
      await mdb.append('Later-1');
      expect(await later.woken.next()).toBe('Later-1');
    } finally {
      later.unsubscribe();
    }
  });

  it('keeps listening when a registration fails, with a warning', async () => {
    const refused = notifier.subscribe('RefusedLater', () => undefined);
    try {
      expect(await warnings.matching(/Could not register category RefusedLater/)).toMatch(/its readers rely on polling/);
      expect(notifier.status()).toMatchObject({ listening: true, reconnects: 0 });
      const heard = await subscribeRegistered('StillHeard');
      await mdb.append('StillHeard-1');
      expect(await heard.woken.next()).toBe('StillHeard-1');
      heard.unsubscribe();
    } finally {
      refused();
    }
  });

  it('reconnects after its connection is killed, registers again, wakes every listener, and hints again', async () => {
    const revived = await subscribeRegistered('Revived');
    try {
      // As if someone pruned the table: the new connection must register the category again.
      await mdb.pool.query(`DELETE FROM ${NOTIFIED_CATEGORIES_TABLE} WHERE category = 'Revived'`);
      const { rows } = await mdb.pool.query(
        `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
         WHERE application_name = $1 AND datname = current_database()`,
        [APPLICATION_NAME],
      );
      expect(rows).toEqual([{ terminated: true }]);

      expect(await revived.woken.next()).toBeUndefined();
      expect(notifier.status()).toMatchObject({ listening: true, reconnects: 1 });
      await warnings.matching(/reconnecting/);
      expect(await registered()).toContain('Revived');

      await mdb.append('Revived-1');
      expect(await revived.woken.next()).toBe('Revived-1');
    } finally {
      revived.unsubscribe();
    }
  });
});
