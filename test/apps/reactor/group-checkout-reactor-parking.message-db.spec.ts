import { GROUP_CHECKOUT_CATEGORY, GroupCheckoutService, GuestStayService, groupCheckoutStreamName } from '@app/domain';
import { MessageDbStore, PostgresCheckpointStore, createPool } from '@app/store';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { RunningGroupCheckoutReactor, startGroupCheckoutReactor } from '../../../apps/reactor/src/group-checkout-reactor';
import { checkWithRetry } from '../../support/check';
import { TestDatabase, createTestDatabase } from '../../support/database';
import { adminOn } from '../../scripts/admin/run-admin';
import { chargedStay, poisonCharge } from './poisoned-stay';

const RETRY = { backoffMs: 20, timeoutMs: 30_000 };

describe('GroupCheckout reactor on Message DB parking a poisoned group', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let stays: GuestStayService;
  let groups: GroupCheckoutService;
  let reactor: RunningGroupCheckoutReactor | undefined;
  const processorName = `parking-${randomUUID()}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = createPool(db.url, { max: 4 });
    const store = new MessageDbStore({ writePool: pool });
    stays = new GuestStayService(store);
    groups = new GroupCheckoutService(store);
  });

  afterAll(async () => {
    await reactor?.stop();
    await pool.end();
    await db.drop();
  });

  const stayCharged = (cents: number) => chargedStay(stays, cents);

  async function checkpoint(): Promise<number | undefined> {
    return new PostgresCheckpointStore(pool).load({ source: 'messageDb', tranche: GROUP_CHECKOUT_CATEGORY, consumerGroup: processorName });
  }

  it('parks the poisoned group, completes the others past it, and merges it on `parked retry` after the repair', async () => {
    const poisoned = await stayCharged(7_00);
    const repair = await poisonCharge(pool, poisoned);
    const badGroup = randomUUID();
    await groups.select(badGroup, [poisoned]);
    const goodGroups = [randomUUID(), randomUUID()];
    for (const groupId of goodGroups) await groups.select(groupId, [await stayCharged(10_00), await stayCharged(2_50)]);
    const badStream = groupCheckoutStreamName(badGroup);

    reactor = await startGroupCheckoutReactor({
      writeUrl: db.url,
      processorName,
      statsIntervalMs: 0,
      source: { tailSleepMs: 50 },
      sink: { retry: { baseMs: 10, maxMs: 50 }, stuckThreshold: 2, parkAfter: 4 },
      checkpoints: { intervalMs: 100 },
    });

    const [parked] = await checkWithRetry('the poisoned group parked', RETRY, async () => {
      const { parked } = reactor!.handle.status();
      if (parked.length === 0) throw new Error('nothing parked yet');
      return parked;
    });
    expect(parked).toMatchObject({ streamName: badStream, attempts: 4, fromVersion: 0, toVersion: 0 });
    expect(parked.lastError).toContain(`Cannot decode event 1`);
    await reactor.handle.awaitCompletion();
    expect(reactor.handle.status().stuck).toEqual([]);
    for (const groupId of goodGroups) expect((await groups.read(groupId)).merged).toHaveLength(2);
    expect((await groups.read(badGroup)).pending).toEqual([poisoned]);

    await checkWithRetry('the checkpoint committed past the parked group', RETRY, async () => {
      const committed = await checkpoint();
      if (committed === undefined || committed <= parked.lastGlobalPosition) throw new Error(`checkpoint at ${committed}`);
    });

    const admin = adminOn(db.url, { PROCESSOR_NAME: processorName });
    const listed = await admin('parked', 'list', '--json');
    expect(listed.json()).toEqual([expect.objectContaining({ processorName, streamName: badStream, consumerGroup: processorName, attempts: 4 })]);

    const stillPoisoned = await admin('parked', 'retry', badStream);
    expect(stillPoisoned.code).toBe(1);
    expect(stillPoisoned.out).toContain('0 of 1 parked stream(s) handled; the others stay parked');
    expect((await admin('parked', 'list', '--json')).json()).toEqual([expect.objectContaining({ attempts: 5 })]);

    await repair();
    const retried = await admin('parked', 'retry', '--all', '--json');
    expect(retried.code).toBe(0);
    expect(retried.json()).toEqual([{ processorName, streamName: badStream }]);
    const merged = await groups.read(badGroup);
    expect(merged).toMatchObject({ pending: [], failed: [], balance: 7_00 });
    expect((await admin('parked', 'list', '--json')).json()).toEqual([]);
    await checkWithRetry('the reactor no longer reports it parked', RETRY, async () => {
      if (reactor!.handle.status().parked.length > 0) throw new Error('still reported parked');
    });
  });
});
