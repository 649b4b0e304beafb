import { MemoryStore } from '@app/store';
import { ConcurrencyExhaustedError } from '@app/store/core';
import {
  GroupCheckoutProcess,
  GroupCheckoutService,
  GuestStayService,
  groupCheckoutStreamName,
  guestStayStreamName,
  nextAction,
} from '@app/domain';
import { HookedStore, hotel, newId, stayWithBalance, storedEvents, storedTypes } from './support';

describe('GroupCheckoutProcess', () => {
  it('merges A and B, fails the checked-out C, then the group pays and confirms', async () => {
    const h = hotel();
    const [a, b, c] = [await stayWithBalance(h, 1000), await stayWithBalance(h, 500), await stayWithBalance(h, 0)];
    await h.stays.checkOut(c);
    const groupId = newId();

    const selected = await h.groups.select(groupId, [a, b, c]);
    expect(selected.result).toEqual({ kind: 'ok' });
    expect(nextAction(selected.state)).toEqual({ kind: 'mergeStays', pending: [a, b, c] });
    expect(await h.process.react(groupId)).toEqual({ outcome: { kind: 'merged', ok: 2, failed: 1 }, version: 3 });
    expect((await storedEvents(h.store, groupCheckoutStreamName(groupId))).slice(1)).toEqual([
      {
        type: 'StaysMerged',
        data: {
          residuals: [
            { residual: 10, stay: a },
            { residual: 5, stay: b },
          ],
        },
      },
      { type: 'MergesFailed', data: { stays: [c] } },
    ]);
    expect(await h.stays.read(a)).toMatchObject({ kind: 'transferred', groupId, residual: 1000 });
    expect(await h.stays.read(c)).toMatchObject({ kind: 'checkedOut' });

    expect((await h.groups.confirm(groupId)).result).toEqual({ kind: 'balanceOutstanding', amount: 1500 });
    await h.groups.pay(groupId, newId(), 1500);
    expect((await h.groups.confirm(groupId)).result).toEqual({ kind: 'ok' });
    expect(await storedTypes(h.store, groupCheckoutStreamName(groupId))).toEqual([
      'StaysSelected',
      'StaysMerged',
      'MergesFailed',
      'Paid',
      'Confirmed',
    ]);
  });

  it('a reaction that died after transferring A writes the same events when retried', async () => {
    const h = hotel();
    const [a, b] = [await stayWithBalance(h, 1000), await stayWithBalance(h, 500)];
    const groupId = newId();
    await h.groups.select(groupId, [a, b]);
    await h.stays.transferToGroup(a, groupId); // the crashed attempt got this far

    expect(await h.process.react(groupId)).toEqual({ outcome: { kind: 'merged', ok: 2, failed: 0 }, version: 2 });
    expect((await h.groups.read(groupId)).merged).toEqual([
      { stayId: a, residual: 1000 },
      { stayId: b, residual: 500 },
    ]);
    expect(await storedTypes(h.store, guestStayStreamName(a))).toEqual(['CheckedIn', 'Charged', 'TransferredToGroup']);
  });

  it('records a stay already transferred to another group, or never checked in, as failed', async () => {
    const h = hotel();
    const taken = await stayWithBalance(h, 300);
    await h.stays.transferToGroup(taken, newId());
    const unknown = newId();
    const groupId = newId();
    await h.groups.select(groupId, [taken, unknown]);

    expect(await h.process.react(groupId)).toEqual({ outcome: { kind: 'merged', ok: 0, failed: 2 }, version: 2 });
    expect(await h.groups.read(groupId)).toMatchObject({ pending: [], merged: [], failed: [taken, unknown] });
    expect(await storedTypes(h.store, guestStayStreamName(unknown))).toEqual([]); // no stream created for it
  });

  it('does nothing for a ready or finished group, answering the version as loaded', async () => {
    const h = hotel();
    const groupId = newId();
    expect(await h.process.react(groupId)).toEqual({ outcome: { kind: 'noop' }, version: 0 });
    await h.groups.select(groupId, [await stayWithBalance(h, 0)]);
    await h.process.react(groupId);
    expect(await h.process.react(groupId)).toEqual({ outcome: { kind: 'noop' }, version: 2 });
    await h.groups.confirm(groupId);
    expect(await h.process.react(groupId)).toEqual({ outcome: { kind: 'noop' }, version: 3 });
  });

  it('per batch of `parallelism` stays: one read of its stays, one write of their transfers with their record on the group', async () => {
    const store = new MemoryStore();
    const h = hotel(store, 2);
    const stayIds = [];
    for (let i = 0; i < 5; i++) stayIds.push(await stayWithBalance(h, 100));
    const groupId = newId();
    await h.groups.select(groupId, stayIds);
    const reads = jest.spyOn(store, 'readStreams');
    const writes = jest.spyOn(store, 'appendToStreams');

    expect(await h.process.react(groupId)).toEqual({ outcome: { kind: 'merged', ok: 5, failed: 0 }, version: 4 });
    const [group, ...stays] = [groupCheckoutStreamName(groupId), ...stayIds.map(guestStayStreamName)];
    expect(reads.mock.calls.map(([r]) => r.map((read) => read.streamName))).toEqual([[group], stays.slice(0, 2), stays.slice(2, 4), stays.slice(4)]);
    expect(writes.mock.calls.map(([w]) => w.map((append) => append.streamName))).toEqual([
      [group, ...stays.slice(0, 2)],
      [group, ...stays.slice(2, 4)],
      [group, stays[4]],
    ]);
    expect((await h.groups.read(groupId)).merged.map((m) => m.stayId)).toEqual(stayIds);
    expect(await storedTypes(store, group)).toEqual(['StaysSelected', 'StaysMerged', 'StaysMerged', 'StaysMerged']);
  });

  it('given the group\'s events from its start (as the feed hands them over), does not load the group', async () => {
    const store = new MemoryStore();
    const h = hotel(store);
    const stayId = await stayWithBalance(h, 700);
    const groupId = newId();
    await h.groups.select(groupId, [stayId]);
    const group = groupCheckoutStreamName(groupId);
    const reads = jest.spyOn(store, 'readStreams');

    const seen = await store.readStream(group);
    reads.mockClear();
    expect(await h.process.react(groupId, seen)).toEqual({ outcome: { kind: 'merged', ok: 1, failed: 0 }, version: 2 });
    expect(reads.mock.calls.map(([r]) => r.map((read) => read.streamName))).toEqual([[guestStayStreamName(stayId)]]);

    await h.groups.pay(groupId, newId(), 700);
    await h.groups.confirm(groupId);
    const finished = await store.readStream(group);
    reads.mockClear();
    expect(await h.process.react(groupId, finished)).toEqual({ outcome: { kind: 'noop' }, version: 4 });
    expect(reads).not.toHaveBeenCalled(); // a finished group costs no query
  });

  it('events that do not start the stream, or that it has outgrown, are no stale basis for a decision', async () => {
    const h = hotel();
    const [a, b] = [await stayWithBalance(h, 100), await stayWithBalance(h, 200)];
    const groupId = newId();
    await h.groups.select(groupId, [a]);
    const firstSelection = await h.store.readStream(groupCheckoutStreamName(groupId));
    await h.groups.select(groupId, [b]);
    const secondSelection = (await h.store.readStream(groupCheckoutStreamName(groupId))).slice(1);

    // Seen only up to the first selection: the write at that version conflicts, the reaction catches up, merges its
    // batch (a) and then the stay it had not seen (b).
    expect(await h.process.react(groupId, firstSelection)).toEqual({ outcome: { kind: 'merged', ok: 2, failed: 0 }, version: 4 });
    expect(await h.process.react(groupId, secondSelection)).toEqual({ outcome: { kind: 'noop' }, version: 4 });
    // Redelivered from the start after the merge (a checkpoint behind it): the stale pending stays are found merged.
    expect(await h.process.react(groupId, firstSelection)).toEqual({ outcome: { kind: 'noop' }, version: 4 });
    expect(await h.groups.read(groupId)).toMatchObject({ pending: [], balance: 300 });
    expect(await storedTypes(h.store, guestStayStreamName(a))).toEqual(['CheckedIn', 'Charged', 'TransferredToGroup']);
  });

  it('refuses a non-positive parallelism', () => {
    const h = hotel();
    expect(() => new GroupCheckoutProcess(h.stays, h.groups, { parallelism: 0 })).toThrow(RangeError);
  });

  describe('under concurrency (MemoryStore)', () => {
    it('two groups racing for one stay: exactly one transfer; one group merged it, the other failed it', async () => {
      const store = new HookedStore();
      const setup = hotel(store.inner);
      const stayId = await stayWithBalance(setup, 800);
      const [g1, g2] = [newId(), newId()];
      await setup.groups.select(g1, [stayId]);
      await setup.groups.select(g2, [stayId]);

      // Both reactions read the stay before either may write it, so one of them must lose on the version check.
      const stream = guestStayStreamName(stayId);
      let reads = 0;
      let bothRead!: () => void;
      const bothHaveRead = new Promise<void>((resolve) => (bothRead = resolve));
      store.beforeRead = (name) => {
        if (name === stream && ++reads === 2) bothRead();
      };
      store.beforeAppend = (name) => (name === stream ? bothHaveRead : undefined);
      // Two reactors (processes): within one, commands on the stay are queued and could not race.
      const [reactor1, reactor2] = [hotel(store).process, hotel(store).process];

      const outcomes = await Promise.all([reactor1.react(g1), reactor2.react(g2)]);

      expect(reads).toBe(3); // the loser re-read the stay after its conflict
      expect(await storedTypes(store.inner, stream)).toEqual(['CheckedIn', 'Charged', 'TransferredToGroup']);
      const winner = (await setup.stays.read(stayId)) as { kind: string; groupId: string };
      expect(winner.kind).toBe('transferred');
      const [won, lost] = winner.groupId === g1 ? [0, 1] : [1, 0];
      expect(outcomes[won]).toEqual({ outcome: { kind: 'merged', ok: 1, failed: 0 }, version: 2 });
      expect(outcomes[lost]).toEqual({ outcome: { kind: 'merged', ok: 0, failed: 1 }, version: 2 });
      const [wonState, lostState] = [await setup.groups.read([g1, g2][won]), await setup.groups.read([g1, g2][lost])];
      expect(wonState).toMatchObject({ merged: [{ stayId, residual: 800 }], failed: [], balance: 800 });
      expect(lostState).toMatchObject({ merged: [], failed: [stayId], balance: 0 });
    });

    it('a clerk paying while the reaction runs: conflict, the reaction re-runs, both events land', async () => {
      const store = new HookedStore();
      const setup = hotel(store.inner);
      const [a, b] = [await stayWithBalance(setup, 1000), await stayWithBalance(setup, 500)];
      const groupId = newId();
      await setup.groups.select(groupId, [a, b]);
      const groupStream = groupCheckoutStreamName(groupId);
      let clerkPaid = false;
      store.beforeAppend = async (name) => {
        if (name !== groupStream || clerkPaid) return;
        clerkPaid = true;
        expect((await setup.groups.pay(groupId, newId(), 1500)).result).toEqual({ kind: 'ok' });
      };
      const { process } = hotel(store);
      const writes = jest.spyOn(store.inner, 'appendToStreams');

      expect(await process.react(groupId)).toEqual({ outcome: { kind: 'merged', ok: 2, failed: 0 }, version: 3 });
      expect(writes).toHaveBeenCalledTimes(2); // the first attempt's unit of work (transfers included) was refused whole
      expect(await storedTypes(store.inner, groupStream)).toEqual(['StaysSelected', 'Paid', 'StaysMerged']);
      for (const stayId of [a, b]) {
        expect(await storedTypes(store.inner, guestStayStreamName(stayId))).toEqual([
          'CheckedIn',
          'Charged',
          'TransferredToGroup',
        ]);
      }
      expect((await setup.groups.confirm(groupId)).result).toEqual({ kind: 'ok' });
    });

    it('a clerk checking a stay out mid-reaction: the batch is refused whole, re-decided, and the stay recorded as failed', async () => {
      const store = new HookedStore();
      const setup = hotel(store.inner);
      const [a, leaving] = [await stayWithBalance(setup, 1000), await stayWithBalance(setup, 0)];
      const groupId = newId();
      await setup.groups.select(groupId, [a, leaving]);
      let clerkDone = false;
      store.beforeAppend = async (name) => {
        if (name !== guestStayStreamName(leaving) || clerkDone) return;
        clerkDone = true;
        expect((await setup.stays.checkOut(leaving)).result).toEqual({ kind: 'ok' });
      };

      expect(await hotel(store).process.react(groupId)).toEqual({ outcome: { kind: 'merged', ok: 1, failed: 1 }, version: 3 });
      expect(await storedTypes(store.inner, guestStayStreamName(leaving))).toEqual(['CheckedIn', 'CheckedOut']);
      expect(await storedTypes(store.inner, guestStayStreamName(a))).toEqual(['CheckedIn', 'Charged', 'TransferredToGroup']);
      expect(await setup.groups.read(groupId)).toMatchObject({ merged: [{ stayId: a, residual: 1000 }], failed: [leaving] });
    });

    it('gives up with ConcurrencyExhaustedError after 3 attempts, and a later reaction completes', async () => {
      const store = new HookedStore();
      const setup = hotel(store.inner);
      const stayId = await stayWithBalance(setup, 1000);
      const groupId = newId();
      await setup.groups.select(groupId, [stayId]);
      const groupStream = groupCheckoutStreamName(groupId);
      store.beforeAppend = async (name) => {
        if (name === groupStream) await setup.groups.pay(groupId, newId(), 1);
      };
      const process = new GroupCheckoutProcess(new GuestStayService(store), new GroupCheckoutService(store, { maxAttempts: 3 }));

      await expect(process.react(groupId)).rejects.toBeInstanceOf(ConcurrencyExhaustedError);
      expect(await storedTypes(store.inner, groupStream)).toEqual(['StaysSelected', 'Paid', 'Paid', 'Paid']);

      store.beforeAppend = () => {};
      expect(await process.react(groupId)).toEqual({ outcome: { kind: 'merged', ok: 1, failed: 0 }, version: 5 });
    });
  });
});
