import { GroupCheckoutService, GuestStayService, groupCheckoutStreamName, guestStayStreamName } from '@app/domain';
import { MessageDbStore, createPool } from '@app/store';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { RunningGroupCheckoutReactor, startGroupCheckoutReactor } from '../../../apps/reactor/src/group-checkout-reactor';
import { checkWithRetry } from '../../support/check';
import { TestDatabase, createTestDatabase } from '../../support/database';

const RETRY = { backoffMs: 20, timeoutMs: 30_000 };

describe('GroupCheckout reactor on Message DB with a poisoned stay', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let store: MessageDbStore;
  let stays: GuestStayService;
  let groups: GroupCheckoutService;
  let reactor: RunningGroupCheckoutReactor | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = createPool(db.url, { max: 4 });
    store = new MessageDbStore({ writePool: pool });
    stays = new GuestStayService(store);
    groups = new GroupCheckoutService(store);
  });

  afterAll(async () => {
    await reactor?.stop();
    await pool.end();
    await db.drop();
  });

  async function stayCharged(cents: number): Promise<string> {
    const stayId = randomUUID();
    await stays.checkIn(stayId);
    await stays.charge(stayId, randomUUID(), cents);
    return stayId;
  }

  /** The Charged row of the stay, as an operator would find it. */
  async function chargedRow(stayId: string): Promise<{ id: string; data: string }> {
    const { rows } = await pool.query<{ id: string; data: string }>(
      `SELECT id, data::text AS data FROM message_store.messages WHERE stream_name = $1 AND type = 'Charged'`,
      [guestStayStreamName(stayId)],
    );
    return rows[0];
  }

  const rewriteRow = (id: string, data: string) =>
    pool.query('UPDATE message_store.messages SET data = $1::jsonb WHERE id = $2', [data, id]);

  it('merges the good stays, keeps only the poisoned one pending and stuck, and completes once the row is repaired', async () => {
    const good = [await stayCharged(100_00), await stayCharged(20_50), await stayCharged(3_25)];
    const poisoned = await stayCharged(7_00);
    const row = await chargedRow(poisoned);
    await rewriteRow(row.id, JSON.stringify({ ...JSON.parse(row.data), chargeId: 'not-a-uuid' }));
    const groupId = randomUUID();
    await groups.select(groupId, [good[0], poisoned, good[1], good[2]]);

    reactor = await startGroupCheckoutReactor({
      writeUrl: db.url,
      processorName: `poisoned-${randomUUID()}`,
      statsIntervalMs: 0,
      source: { tailSleepMs: 50 },
      sink: { retry: { baseMs: 10, maxMs: 50 }, stuckThreshold: 2 },
    });

    const stuck = await checkWithRetry('the group reported stuck', RETRY, async () => {
      const [first] = reactor!.handle.status().stuck;
      if (first === undefined) throw new Error('nothing stuck yet');
      return first;
    });
    expect(stuck.streamName).toBe(groupCheckoutStreamName(groupId));
    expect(stuck.lastError).toContain(`Cannot decode event 1`);
    expect(stuck.lastError).toContain(guestStayStreamName(poisoned));
    await expect(reactor.handle.awaitCompletion()).rejects.toThrow(guestStayStreamName(poisoned));

    const limbo = await groups.read(groupId);
    expect(limbo.pending).toEqual([poisoned]);
    expect(limbo.merged.map((m) => m.stayId)).toEqual(good);
    expect(limbo.balance).toBe(100_00 + 20_50 + 3_25);
    for (const stayId of good) expect(await stays.read(stayId)).toMatchObject({ kind: 'transferred', groupId });
    expect((await groups.confirm(groupId)).result).toEqual({ kind: 'processing' });

    await rewriteRow(row.id, row.data);
    const repaired = await checkWithRetry('the poisoned stay merged after the repair', RETRY, async () => {
      const state = await groups.read(groupId);
      if (state.pending.length > 0) throw new Error(`still pending: ${state.pending.join(', ')}`);
      return state;
    });
    expect(repaired).toMatchObject({ failed: [], balance: 100_00 + 20_50 + 3_25 + 7_00 });
    expect(repaired.merged.map((m) => m.stayId)).toEqual([...good, poisoned]);
    const groupEvents = (await store.readStream(groupCheckoutStreamName(groupId))).map((e) => e.type);
    expect(groupEvents).toEqual(['StaysSelected', 'StaysMerged', 'StaysMerged']);
    await reactor.handle.awaitCompletion();
    expect(reactor.handle.status().stuck).toEqual([]);

    await groups.pay(groupId, randomUUID(), repaired.balance);
    expect((await groups.confirm(groupId)).result).toEqual({ kind: 'ok' });
  });
});
