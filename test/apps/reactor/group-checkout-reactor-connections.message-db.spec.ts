import { GroupCheckoutService, GuestStayService } from '@app/domain';
import { MessageDbStore, createPool } from '@app/store';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { startGroupCheckoutReactor } from '../../../apps/reactor/src/group-checkout-reactor';
import { createTestDatabase, TestDatabase } from '../../support/database';

const GROUPS = 120;
const STAYS_PER_GROUP = 5;
const BUDGET = 6;

describe('GroupCheckout reactor connection budget', () => {
  let db: TestDatabase;
  let pool: pg.Pool;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = createPool(db.url, { max: 4 });
  });

  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('never holds more connections than its budget, at 32 streams × 5 stays at once, and still converges', async () => {
    const groupIds = await writeBacklog(new MessageDbStore({ writePool: pool }));
    const processorName = `budget-${randomUUID()}`;
    const reactor = await startGroupCheckoutReactor({
      writeUrl: db.url,
      processorName,
      connections: BUDGET,
      checkoutParallelism: STAYS_PER_GROUP,
      sink: { maxConcurrentStreams: 32 },
      source: { tailSleepMs: 50 },
      statsIntervalMs: 0,
    });
    const held: number[] = [];
    let draining = true;
    const sampling = (async () => {
      while (draining) held.push(await connectionsOf(processorName));
    })();
    try {
      await reactor.handle.awaitCompletion();
    } finally {
      draining = false;
      await sampling;
      await reactor.stop();
    }

    expect(held.length).toBeGreaterThan(0);
    expect(Math.max(...held)).toBeLessThanOrEqual(BUDGET);
    expect(reactor.handle.status().outcomes.byOutcome['merged']).toBe(GROUPS);
    const groups = new GroupCheckoutService(new MessageDbStore({ writePool: pool }));
    for (const groupId of groupIds) expect((await groups.read(groupId)).merged).toHaveLength(STAYS_PER_GROUP);
  });

  async function connectionsOf(processorName: string): Promise<number> {
    const { rows } = await pool.query<{ held: number }>(
      `SELECT count(*)::int AS held FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE $1`,
      [`${processorName}-%`],
    );
    return rows[0].held;
  }

  async function writeBacklog(store: MessageDbStore): Promise<string[]> {
    const stays = new GuestStayService(store);
    const groups = new GroupCheckoutService(store);
    const groupIds = Array.from({ length: GROUPS }, () => randomUUID());
    await Promise.all(
      groupIds.map(async (groupId) => {
        const stayIds = Array.from({ length: STAYS_PER_GROUP }, () => randomUUID());
        for (const stayId of stayIds) {
          await stays.checkIn(stayId);
          await stays.charge(stayId, randomUUID(), 1_00);
        }
        await groups.select(groupId, stayIds);
      }),
    );
    return groupIds;
  }
});
