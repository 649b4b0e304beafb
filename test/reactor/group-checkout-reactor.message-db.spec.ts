import { GroupCheckoutService, GuestStayService, groupCheckoutStreamName, guestStayStreamName } from '@app/domain';
import { MessageDbStore, createPool } from '@app/store';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { RunningGroupCheckoutReactor, startGroupCheckoutReactor } from '../../apps/reactor/src/group-checkout-reactor';
import { createTestDatabase, TestDatabase } from '../support/database';
import { runCheckoutScenario, scenarioInput } from './checkout-scenario';

describe('GroupCheckout reactor on Message DB', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let store: MessageDbStore;
  let stays: GuestStayService;
  let groups: GroupCheckoutService;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = createPool(db.url, { max: 8 });
    store = new MessageDbStore({ writePool: pool });
    stays = new GuestStayService(store);
    groups = new GroupCheckoutService(store);
  });

  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  const startReactor = (overrides: Partial<Parameters<typeof startGroupCheckoutReactor>[0]> = {}) =>
    startGroupCheckoutReactor({ writeUrl: db.url, processorName: `test-${randomUUID()}`, statsIntervalMs: 0, ...overrides });

  it('merges in the background while the clerk retries confirm (the template MessageDbProperties)', async () => {
    const reactor = await startReactor({ maxConcurrentStreams: 4, batchSize: 100, tailSleepMs: 50 });
    try {
      const rig = { stays, groups, wait: () => reactor.handle.awaitCompletion(), retry: { backoffMs: 100, timeoutMs: 60_000 } };
      await fc.assert(
        fc.asyncProperty(scenarioInput(40), (input) => runCheckoutScenario(rig, input)),
        { numRuns: 4 },
      );
    } finally {
      await reactor.stop();
    }
  });

  it('resumes from its checkpoint after a stop mid-backlog, and ends in the same state', async () => {
    const groupIds = await writeBacklog(40, 3);
    const processorName = `restart-${randomUUID()}`;
    const settings = { processorName, maxConcurrentStreams: 2, batchSize: 5, checkpointIntervalMs: 20 };

    const first = await startReactor(settings);
    await until(() => mergedCount(first) >= 10);
    await first.stop();
    const stoppedAt = first.handle.status();
    expect(stoppedAt.committedPosition).toBeGreaterThan(0);
    expect(mergedCount(first)).toBeLessThan(groupIds.length);

    const second = await startReactor(settings);
    await second.handle.awaitCompletion();
    await second.stop();

    expect(mergedCount(first) + mergedCount(second)).toBe(groupIds.length);
    for (const groupId of groupIds) {
      const group = await groups.read(groupId);
      expect(group.pending).toEqual([]);
      expect(group.merged).toHaveLength(3);
      for (const { stayId } of group.merged) {
        const transfers = (await store.readStream(guestStayStreamName(stayId))).filter((e) => e.type === 'TransferredToGroup');
        expect(transfers).toHaveLength(1);
      }
      const events = await store.readStream(groupCheckoutStreamName(groupId));
      expect(events.map((e) => e.type)).toEqual(['StaysSelected', 'StaysMerged']);
    }
  });

  async function writeBacklog(groupCount: number, staysPerGroup: number): Promise<string[]> {
    const groupIds = Array.from({ length: groupCount }, () => randomUUID());
    for (const groupId of groupIds) {
      const stayIds = Array.from({ length: staysPerGroup }, () => randomUUID());
      for (const stayId of stayIds) {
        await stays.checkIn(stayId);
        await stays.charge(stayId, randomUUID(), 1_00);
      }
      await groups.select(groupId, stayIds);
    }
    return groupIds;
  }
});

function mergedCount(reactor: RunningGroupCheckoutReactor): number {
  return reactor.handle.status().outcomes.byOutcome['merged'] ?? 0;
}

/** Awaits a condition on the reactor's progress, which only its status tells. */
async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
