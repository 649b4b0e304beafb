import { GroupCheckoutService, GuestStayService, groupCheckoutStreamName, guestStayStreamName } from '@app/domain';
import { MessageDbStore, createPool } from '@app/store';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { RunningGroupCheckoutReactor, startGroupCheckoutReactor } from '../../../apps/reactor/src/group-checkout-reactor';
import { checkWithRetry } from '../../support/check';
import { chargedStay, poisonCharge } from './poisoned-stay';
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

  const stayCharged = (cents: number) => chargedStay(stays, cents);

  it('merges the good stays, keeps only the poisoned one pending and stuck, and completes once the row is repaired', async () => {
    const good = [await stayCharged(100_00), await stayCharged(20_50), await stayCharged(3_25)];
    const poisoned = await stayCharged(7_00);
    const repair = await poisonCharge(pool, poisoned);
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

    await repair();
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
