import { GroupCheckoutService, GroupState, groupCheckoutStreamName } from '@app/domain';
import { ChangeNotifier, MemoryStore, ReadConsistency, RecordedEvent } from '@app/store';
import { randomUUID } from 'node:crypto';
import { GroupCheckoutWaiter } from '../../../apps/api/src/group-checkouts/group-checkout-waiter';

/** Its hints are sent by the test, synchronously. */
class ManualNotifier implements ChangeNotifier {
  private readonly listeners = new Set<(streamName: string | undefined) => void>();

  subscribe(_category: string, listener: (streamName: string | undefined) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  hint(streamName: string | undefined): void {
    for (const listener of [...this.listeners]) listener(streamName);
  }
}

/** Counts the replica reads; while they are held, each waits for releaseReads() and then reads the store as it is. */
class GatedReplicaStore extends MemoryStore {
  replicaReads = 0;
  private gate: Promise<void> | undefined;
  private openGate = () => {};
  private readonly readWatchers = new Set<() => void>();

  holdReads(): void {
    this.gate = new Promise<void>((resolve) => (this.openGate = resolve));
  }

  releaseReads(): void {
    this.gate = undefined;
    this.openGate();
  }

  /** Resolves once `count` replica reads have started. */
  untilReplicaReads(count: number): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.replicaReads < count) return;
        this.readWatchers.delete(check);
        resolve();
      };
      this.readWatchers.add(check);
      check();
    });
  }

  override async readStream(
    streamName: string,
    fromVersion?: number,
    consistency: ReadConsistency = 'leader',
  ): Promise<RecordedEvent[]> {
    if (consistency === 'replica') {
      this.replicaReads++;
      for (const watcher of [...this.readWatchers]) watcher();
      if (this.gate) await this.gate;
    }
    return super.readStream(streamName, fromVersion);
  }
}

describe('GroupCheckoutWaiter', () => {
  const TEN_SECONDS = 10_000;
  let store: GatedReplicaStore;
  let groups: GroupCheckoutService;
  let notifier: ManualNotifier;
  let waiter: GroupCheckoutWaiter;
  let groupId: string;
  let stayId: string;

  beforeEach(async () => {
    store = new GatedReplicaStore();
    groups = new GroupCheckoutService(store);
    notifier = new ManualNotifier();
    // No fallback re-reads within a test's time: every re-read below was caused by a hint.
    waiter = new GroupCheckoutWaiter(groups, notifier, { fallbackIntervalMs: 60_000 });
    groupId = randomUUID();
    stayId = randomUUID();
    await groups.select(groupId, [stayId]);
  });

  const waitForMerge = async (): Promise<GroupState> =>
    (await waiter.readWhenSettled(groupId, TEN_SECONDS, new AbortController().signal)).state;

  const merge = () => {
    const unit = groups.unitOfWork();
    const group = unit.add(groups.unitStream(groupId));
    return unit.transact(() => group.append([{ type: 'MergesFailed', stays: [stayId] }]));
  };

  it.each([
    ["its group's stream", () => groupCheckoutStreamName(groupId)],
    ['no stream (an unspecific wake)', () => undefined],
  ])('answers as soon as a hint naming %s follows the merge', async (_, hintedStream) => {
    const waiting = waitForMerge();
    await store.untilReplicaReads(1);
    await merge();
    notifier.hint(hintedStream());
    expect(await waiting).toMatchObject({ pending: [], failed: [stayId] });
  }, TEN_SECONDS / 2); // without the re-read the answer would come only when the wait runs out

  it("does not re-read for hints naming other groups' streams", async () => {
    store.holdReads();
    const waiting = waitForMerge();
    await store.untilReplicaReads(1);
    for (let i = 0; i < 20; i++) notifier.hint(groupCheckoutStreamName(randomUUID()));
    await merge();
    store.releaseReads();
    expect(await waiting).toMatchObject({ pending: [] });
    expect(store.replicaReads).toBe(1);
  });

  it('coalesces the hints arriving during a read into one re-read', async () => {
    store.holdReads();
    const waiting = waitForMerge();
    await store.untilReplicaReads(1);
    for (let i = 0; i < 20; i++) notifier.hint(i % 2 === 0 ? groupCheckoutStreamName(groupId) : undefined);
    await merge();
    store.releaseReads();
    expect(await waiting).toMatchObject({ pending: [] });
    expect(store.replicaReads).toBe(2);
  });

  it('watches: hands over each read with its version, re-reads on hints, and unsubscribes when stopped', async () => {
    const reads: [number, number][] = [];
    let readsSeen = () => {};
    const stop = waiter.watch(
      groupId,
      ({ state, version }) => {
        reads.push([version, state.pending.length]);
        readsSeen();
      },
      (error) => fail(error),
    );
    const nextRead = () => new Promise<void>((resolve) => (readsSeen = resolve));
    await nextRead();
    await merge();
    const afterHint = nextRead();
    notifier.hint(groupCheckoutStreamName(groupId));
    await afterHint;
    expect(reads).toEqual([
      [1, 1],
      [2, 0],
    ]);
    expect(notifier.subscribers).toBe(1);
    stop();
    expect(notifier.subscribers).toBe(0);
    notifier.hint(undefined);
    expect(store.replicaReads).toBe(2);
  });
});
