import {
  GROUP_CHECKOUT_CATEGORY,
  GroupCheckoutProcess,
  GroupCheckoutService,
  GuestStayService,
  ReactionOutcome,
  groupCheckoutStreamName,
  guestStayStreamName,
} from '@app/domain';
import {
  MessageDbCategoryReader,
  MessageDbStore,
  PostgresCheckpointStore,
  ReactorHandle,
  StreamHandler,
  createPool,
  startReactor,
} from '@app/store';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createGroupCheckoutHandler } from '../../../apps/reactor/src/group-checkout-handler';
import { describeReactionOutcome, startGroupCheckoutReactor } from '../../../apps/reactor/src/group-checkout-reactor';
import { createTestDatabase, TestDatabase } from '../../support/database';
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

  const startWiredReactor = (overrides: Partial<Parameters<typeof startGroupCheckoutReactor>[0]> = {}) =>
    startGroupCheckoutReactor({ writeUrl: db.url, processorName: `test-${randomUUID()}`, statsIntervalMs: 0, ...overrides });

  it('merges in the background while the clerk retries confirm (the template MessageDbProperties)', async () => {
    const reactor = await startWiredReactor({ sink: { maxConcurrentStreams: 4 }, source: { batchSize: 100, tailSleepMs: 50 } });
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
    const checkpointPool = createPool(db.url, { max: 2 });
    const process = new GroupCheckoutProcess(stays, groups);
    const start = (handler: StreamHandler<ReactionOutcome>) =>
      startReactor<ReactionOutcome>({
        source: { reader: new MessageDbCategoryReader(pool), batchSize: 5 },
        checkpoints: { store: new PostgresCheckpointStore(checkpointPool), intervalMs: 20 },
        category: GROUP_CHECKOUT_CATEGORY,
        processorName,
        sink: { handler, describeOutcome: describeReactionOutcome, maxConcurrentStreams: 2 },
        statsIntervalMs: 0,
      });
    const merged = (reactor: ReactorHandle) => reactor.status().outcomes.byOutcome['merged'] ?? 0;
    try {
      const gate = holdAfter(10, createGroupCheckoutHandler(process));
      const first = await start(gate.handler);
      await gate.reached;
      const stopping = first.stop();
      gate.release();
      await stopping;
      const checkpoint = first.status().committedPosition!;
      expect(checkpoint).toBeGreaterThan(0);
      expect(merged(first)).toBeLessThan(groupIds.length);

      const secondSeen: number[] = [];
      const second = await start(spyOn(createGroupCheckoutHandler(process), secondSeen));
      await second.awaitCompletion();
      await second.stop();

      expect(secondSeen.length).toBeGreaterThan(0);
      expect(Math.min(...secondSeen)).toBeGreaterThanOrEqual(checkpoint);
      expect(merged(first) + merged(second)).toBe(groupIds.length);
    } finally {
      await checkpointPool.end();
    }
    for (const groupId of groupIds) await expectMergedOnce(groupId, 3);
  });

  async function expectMergedOnce(groupId: string, stayCount: number): Promise<void> {
    const group = await groups.read(groupId);
    expect(group.pending).toEqual([]);
    expect(group.merged).toHaveLength(stayCount);
    for (const { stayId } of group.merged) {
      const transfers = (await store.readStream(guestStayStreamName(stayId))).filter((e) => e.type === 'TransferredToGroup');
      expect(transfers).toHaveLength(1);
    }
    const events = await store.readStream(groupCheckoutStreamName(groupId));
    expect(events.map((e) => e.type)).toEqual(['StaysSelected', 'StaysMerged']);
  }

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

/** Records the global positions of the events each handler call was given. */
function spyOn<O>(handler: StreamHandler<O>, seen: number[]): StreamHandler<O> {
  return (streamName, events) => {
    seen.push(...events.map((e) => e.globalPosition));
    return handler(streamName, events);
  };
}

/**
 * Lets `count` handler calls through, then holds every later call until release(): the reactor is caught mid-backlog
 * with handlers in flight, whatever the machine's speed.
 */
function holdAfter<O>(count: number, handler: StreamHandler<O>) {
  let calls = 0;
  let reached!: () => void;
  let release!: () => void;
  const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const held: StreamHandler<O> = async (streamName, events) => {
    if (++calls > count) {
      reached();
      await released;
    }
    return handler(streamName, events);
  };
  return { handler: held, reached: reachedPromise, release };
}
