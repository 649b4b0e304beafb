import { FeedLogger } from '@app/store/feed';
import { NOTIFIED_CATEGORIES_TABLE } from '@app/store/message-db';
import { MessageDbChangeNotifier } from '@app/store/message-db/change-notifier';
import { AsyncQueue, settle } from '../reactor-core/support/async';
import { messageDbFixture, MessageDbFixture } from '../reactor-core/support/message-db';

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

  /** Subscribes to a category nobody registered yet; returns once registered (the notifier wakes its listeners then). */
  const subscribeRegistered = async (category: string) => {
    const woken = new AsyncQueue<void>();
    const unsubscribe = notifier.subscribe(category, () => woken.push());
    await woken.next();
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

  it('hints the listeners of a category written to from another connection, and only those', async () => {
    const written = await subscribeRegistered('Written');
    const quiet = await subscribeRegistered('Quiet');
    try {
      await mdb.append('Written-1');
      await written.woken.next();
      await settle();
      expect(written.woken.size).toBe(0);
      expect(quiet.woken.size).toBe(0);
    } finally {
      written.unsubscribe();
      quiet.unsubscribe();
    }
  });

  it('registers the categories it has listeners for when it starts, before start() resolves', async () => {
    const starting = newNotifier('notifier-starting');
    const woken = new AsyncQueue<void>();
    const unsubscribe = starting.subscribe('Early', () => woken.push());
    starting.subscribe('RefusedEarly', () => undefined);
    try {
      await starting.start();

      expect(await registered()).toContain('Early');
      await warnings.matching(/Could not register category RefusedEarly/);
      expect(starting.status()).toMatchObject({ listening: true, reconnects: 0 });
      await mdb.append('Early-1');
      await woken.next();
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
      await later.woken.next();
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
      await heard.woken.next();
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

      await revived.woken.next();
      expect(notifier.status()).toMatchObject({ listening: true, reconnects: 1 });
      await warnings.matching(/reconnecting/);
      expect(await registered()).toContain('Revived');

      await mdb.append('Revived-1');
      await revived.woken.next();
    } finally {
      revived.unsubscribe();
    }
  });
});
