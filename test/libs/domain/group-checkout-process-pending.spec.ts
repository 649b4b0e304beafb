import { StoreUnavailableError, UndecodableEventError } from '@app/store/core';
import {
  GroupCheckout,
  GuestStayService,
  StaysLeftPendingError,
  decideBatch,
  groupCheckoutStreamName,
  guestStayStreamName,
  mergeOutcome,
  moneyFromDecimal,
} from '@app/domain';
import { HookedStore, RewritableStore, T0, hotel, newId, stayWithBalance, storedEvents, storedTypes } from './support';

type Hotel = ReturnType<typeof hotel>;

/** The residual balances the stays' TransferredToGroup events carried over to `groupId`, in cents. */
async function transferredBalances({ store }: Hotel, groupId: string, stayIds: readonly string[]): Promise<number> {
  let total = 0;
  for (const stayId of stayIds) {
    for (const { type, data } of await storedEvents(store, guestStayStreamName(stayId))) {
      const body = data as { groupId: string; residualBalance: number };
      if (type === 'TransferredToGroup' && body.groupId === groupId) total += moneyFromDecimal(body.residualBalance);
    }
  }
  return total;
}

async function reactionError(h: Hotel, groupId: string): Promise<StaysLeftPendingError> {
  const error = await h.process.react(groupId).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StaysLeftPendingError);
  return error as StaysLeftPendingError;
}

describe('GroupCheckoutProcess with a stay it cannot take over', () => {
  it('merges the readable stays, leaves the unreadable one pending, names it, and merges it once repaired', async () => {
    const store = new RewritableStore();
    const h = hotel(store);
    const [a, b, poisoned] = [await stayWithBalance(h, 1000), await stayWithBalance(h, 250), await stayWithBalance(h, 75)];
    const poisonedStream = guestStayStreamName(poisoned);
    const goodCharge = (await storedEvents(store, poisonedStream))[1].data;
    store.rewrite(poisonedStream, 1, { ...(goodCharge as object), chargeId: 'not-a-uuid' });
    const groupId = newId();
    await h.groups.select(groupId, [a, poisoned, b]);

    const error = await reactionError(h, groupId);
    expect(error.message).toContain(poisonedStream);
    expect(error.message).toContain('Cannot decode event 1');
    expect(error.unresolved).toEqual([{ stayId: poisoned, error: expect.any(UndecodableEventError) }]);
    expect(error.cause).toMatchObject({ streamName: poisonedStream, position: 1, eventType: 'Charged' });
    expect(await storedTypes(store, groupCheckoutStreamName(groupId))).toEqual(['StaysSelected', 'StaysMerged']);
    const group = await h.groups.read(groupId);
    expect(group).toMatchObject({ pending: [poisoned], failed: [], balance: 1250 });
    expect(group.balance).toBe(await transferredBalances(h, groupId, [a, b, poisoned]));
    expect((await h.groups.confirm(groupId)).result).toEqual({ kind: 'processing' });

    // A retry before the repair changes nothing and fails the same way.
    expect((await reactionError(h, groupId)).unresolved.map((u) => u.stayId)).toEqual([poisoned]);
    expect(await storedTypes(store, groupCheckoutStreamName(groupId))).toHaveLength(2);

    store.rewrite(poisonedStream, 1, goodCharge);
    expect(await h.process.react(groupId)).toEqual({ outcome: { kind: 'merged', ok: 1, failed: 0 }, version: 3 });
    const repaired = await h.groups.read(groupId);
    expect(repaired).toMatchObject({ pending: [], balance: 1325 });
    expect(repaired.balance).toBe(await transferredBalances(h, groupId, [a, b, poisoned]));
  });

  it("leaves the whole batch pending when its write fails on the store (its transfers and the group's record of them are one unit of work), then rethrows its error", async () => {
    const store = new HookedStore();
    const h = hotel(store.inner);
    const [a, unreachable, closed] = [await stayWithBalance(h, 400), await stayWithBalance(h, 600), newId()];
    const groupId = newId();
    await h.groups.select(groupId, [a, unreachable, closed]);
    const outage = new StoreUnavailableError('Message DB unavailable (append): connect ECONNREFUSED');
    store.beforeAppend = (name) => {
      if (name === guestStayStreamName(unreachable)) throw outage;
    };
    const reacting = hotel(store);

    const error = await reactionError(reacting, groupId);
    expect(error.cause).toBe(outage);
    expect(error.message).toContain(`stay ${unreachable} (StoreUnavailableError: Message DB unavailable`);
    expect(error.message).toContain(`stay ${a} (StoreUnavailableError: Message DB unavailable`);
    expect(error.unresolved.map((u) => u.stayId)).toEqual([a, unreachable, closed]);
    expect(await h.groups.read(groupId)).toMatchObject({ pending: [a, unreachable, closed], merged: [], failed: [] });
    expect(await storedTypes(h.store, guestStayStreamName(a))).toEqual(['CheckedIn', 'Charged']); // one unit of work

    store.beforeAppend = () => {};
    expect(await reacting.process.react(groupId)).toEqual({ outcome: { kind: 'merged', ok: 2, failed: 1 }, version: 3 });
    expect(await h.groups.read(groupId)).toMatchObject({ pending: [], failed: [closed], balance: 1000 });
  });

  it('appends nothing when every transfer throws, and still fails', async () => {
    const store = new RewritableStore();
    const h = hotel(store);
    const stayId = await stayWithBalance(h, 100);
    store.rewrite(guestStayStreamName(stayId), 0, [T0.toISOString()]);
    const groupId = newId();
    await h.groups.select(groupId, [stayId]);

    const error = await reactionError(h, groupId);
    expect(error.cause).toMatchObject({ position: 0, eventType: 'CheckedIn' });
    expect((error.cause as Error).message).toContain('the body must be a JSON object, got ["2026-04-08T13:29:30.123Z"]');
    expect(await storedTypes(store, groupCheckoutStreamName(groupId))).toEqual(['StaysSelected']);
  });

  it('fails with UndecodableEventError, naming the group stream, when the group itself is unreadable', async () => {
    const store = new RewritableStore();
    const h = hotel(store);
    const groupId = newId();
    await h.groups.select(groupId, [await stayWithBalance(h, 100)]);
    store.rewrite(groupCheckoutStreamName(groupId), 0, { at: T0.toISOString(), stays: ['not-a-uuid'] });

    await expect(h.process.react(groupId)).rejects.toMatchObject({
      name: 'UndecodableEventError',
      streamName: groupCheckoutStreamName(groupId),
      position: 0,
      eventType: 'StaysSelected',
    });
  });

  it('still skips event types it does not know, as the F# decoder does', async () => {
    const h = hotel();
    const stayId = await stayWithBalance(h, 300);
    await h.store.appendToStream(guestStayStreamName(stayId), 2, [{ id: newId(), type: 'RoomUpgraded', data: [1] }]);
    const groupId = newId();
    await h.groups.select(groupId, [stayId]);

    expect(await h.process.react(groupId)).toEqual({ outcome: { kind: 'merged', ok: 1, failed: 0 }, version: 2 });
    expect(await new GuestStayService(h.store).read(stayId)).toMatchObject({ kind: 'transferred', residual: 300 });
  });
});

describe('mergeOutcome', () => {
  it('leaves a stay whose transfer threw out of both events, and answers it as unresolved', () => {
    const [a, b, c] = [newId(), newId(), newId()];
    const error = new Error('boom');
    const [result, events] = mergeOutcome(
      [a, b, c],
      [{ kind: 'ok', residual: 500 }, { kind: 'error', error }, { kind: 'notFound' }],
    );
    expect(result).toEqual({ outcome: { kind: 'merged', ok: 1, failed: 1 }, unresolved: [{ stayId: b, error }] });
    expect(events).toEqual([
      { type: 'StaysMerged', residuals: [{ stay: a, residual: 500 }] },
      { type: 'MergesFailed', stays: [c] },
    ]);
  });
});

describe('decideBatch', () => {
  const groupId = newId();
  const open = (balance: number) => ({ state: { kind: 'open' as const, balance, folio: [], checkedInAt: T0 } });

  it("transfers the batch's stays still pending and records them on the group, leaving an unreadable one pending", () => {
    const [a, gone, unreadable, closed] = [newId(), newId(), newId(), newId()];
    const group = { ...GroupCheckout.initial, exists: true, pending: [a, unreadable, closed] };
    const error = new Error('undecodable');

    const { merge, groupEvents, stayEvents } = decideBatch(groupId, T0, group, [
      { stayId: a, view: { ...open(300), version: 2 } },
      { stayId: gone, view: { ...open(100), version: 2 } }, // merged by another reaction since the batch was chosen
      { stayId: unreadable, view: { error } },
      { stayId: closed, view: { state: { kind: 'checkedOut', checkedOutAt: T0, checkedInAt: T0, folio: [] }, version: 2 } },
    ]);

    expect(merge).toEqual({ outcome: { kind: 'merged', ok: 1, failed: 1 }, unresolved: [{ stayId: unreadable, error }] });
    expect(groupEvents).toEqual([
      { type: 'StaysMerged', residuals: [{ stay: a, residual: 300 }] },
      { type: 'MergesFailed', stays: [closed] },
    ]);
    expect(stayEvents).toEqual([[{ type: 'TransferredToGroup', at: T0, groupId, residualBalance: 300 }], [], [], []]);
  });

  it('decides nothing for a group that is no longer merging stays', () => {
    const a = newId();
    const confirmed = { ...GroupCheckout.initial, exists: true, pending: [a], confirmed: true };
    expect(decideBatch(groupId, T0, confirmed, [{ stayId: a, view: { ...open(1), version: 1 } }])).toEqual({
      merge: { outcome: { kind: 'merged', ok: 0, failed: 0 }, unresolved: [] },
      groupEvents: [],
      stayEvents: [[]],
    });
  });
});
