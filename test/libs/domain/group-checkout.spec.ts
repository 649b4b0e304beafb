import { MemoryStore, ReadConsistency } from '@app/store';
import {
  GroupCheckout,
  GroupCheckoutService,
  GroupOutcome,
  GroupState,
  SelectResult,
  groupCheckoutStreamName,
  groupIdOfStreamName,
  nextAction,
} from '@app/domain';
import { HookedStore, T0, newId, storedTypes } from './support';

const { select, pay, confirm, evolve, initial } = GroupCheckout;
type Event = GroupCheckout.Event;
const fold = (events: readonly Event[], state: GroupState = initial): GroupState => events.reduce(evolve, state);

const [A, B, C, D] = [newId(), newId(), newId(), newId()];
const P1 = newId();
const selected = (...stays: string[]): Event => ({ type: 'StaysSelected', at: T0, stays });
const merged = (...residuals: [string, number][]): Event => ({
  type: 'StaysMerged',
  residuals: residuals.map(([stay, residual]) => ({ stay, residual })),
});
const failed = (...stays: string[]): Event => ({ type: 'MergesFailed', stays });
const paid = (amount: number, paymentId = newId()): Event => ({ type: 'Paid', at: T0, paymentId, amount });
const confirmed: Event = { type: 'Confirmed', at: T0 };

/** A selection answered as the template's Merge answers: when ok, with the flow after its events (Flow.nextAction). */
const withFlow = (result: SelectResult, after: GroupState) =>
  result.kind === 'ok' ? { ...result, flow: nextAction(after) } : result;
const selectOn = (state: GroupState, stays: string[]) => {
  const [result, events] = select(stays, T0)(state);
  return [withFlow(result, fold(events, state)), events];
};
const answered = ({ result, state }: GroupOutcome<SelectResult>) => withFlow(result, state);

describe('GroupCheckout stream names', () => {
  it('names streams GroupCheckout-<32 hex> and reads the group id back', () => {
    const groupId = newId();
    const name = groupCheckoutStreamName(groupId);
    expect(name).toBe(`GroupCheckout-${groupId.replace(/-/g, '')}`);
    expect(groupIdOfStreamName(name)).toBe(groupId);
  });

  it.each([
    'GuestStay-3f2504e04f8911d39a0c0305e82c3301',
    'GroupCheckout-xyz',
    'GroupCheckout',
    'Other',
    // Other spellings of a group's id name other streams than the one its decisions load.
    'GroupCheckout-3F2504E04F8911D39A0C0305E82C3301',
    'GroupCheckout-3f2504e0-4f89-11d3-9a0c-0305e82c3301',
    'GroupCheckout-3f2504e04f8911d39a0c0305e82c3301 ',
  ])('ignores %p', (name) => expect(groupIdOfStreamName(name)).toBeUndefined());
});

describe('GroupCheckout fold', () => {
  it('starts empty and not existing; any event makes it exist', () => {
    expect(initial).toEqual({
      exists: false,
      pending: [],
      merged: [],
      failed: [],
      balance: 0,
      folio: [],
      confirmed: false,
    });
    expect(fold([paid(0)]).exists).toBe(true);
  });

  it('keeps pending in selection order, moving stays to merged (adding residuals) or failed', () => {
    const state = fold([selected(A, B), selected(C, D), merged([C, 500], [A, 250]), failed(D)]);
    expect(state).toMatchObject({
      pending: [B],
      merged: [
        { stayId: C, residual: 500 },
        { stayId: A, residual: 250 },
      ],
      failed: [D],
      balance: 750,
    });
  });

  it('removes like F# Array.except: the remaining pending stays are de-duplicated, first occurrence first', () => {
    const state = fold([selected(A, B), selected(C, A, B, D)]);
    expect(state.pending).toEqual([A, B, C, A, B, D]);
    expect(fold([failed(C)], state).pending).toEqual([A, B, D]);
    expect(fold([merged([B, 1])], state).pending).toEqual([A, C, D]);
  });

  it('subtracts payments and remembers their ids; Confirmed marks it confirmed', () => {
    const state = fold([paid(300, P1), confirmed]);
    expect(state).toMatchObject({ balance: -300, folio: [{ kind: 'payment', id: P1, amount: 300 }], confirmed: true });
  });
});

describe('Flow: nextAction', () => {
  it('a brand-new group is ready with a zero balance', () => {
    expect(nextAction(initial)).toEqual({ kind: 'ready', balance: 0 });
  });
  it('a group with only payments is ready with a negative balance', () => {
    expect(nextAction(fold([paid(300)]))).toEqual({ kind: 'ready', balance: -300 });
  });
  it('pending stays, in order, are to be merged', () => {
    expect(nextAction(fold([selected(B, A, C)]))).toEqual({ kind: 'mergeStays', pending: [B, A, C] });
  });
  it('when every stay failed it is ready again at its balance', () => {
    expect(nextAction(fold([paid(100), selected(A, B), failed(A, B)]))).toEqual({ kind: 'ready', balance: -100 });
  });
  it('selecting after some merges asks to merge only the new stays', () => {
    expect(nextAction(fold([selected(A), merged([A, 100]), selected(B)]))).toEqual({
      kind: 'mergeStays',
      pending: [B],
    });
  });
  it('finished comes first, even over pending stays (a stream the template wrote after Confirmed)', () => {
    expect(nextAction(fold([confirmed, selected(A)]))).toEqual({ kind: 'finished' });
  });
});

describe('GroupCheckout decisions', () => {
  describe('select', () => {
    it('selects the stays in input order and answers the flow after the write', () => {
      expect(selectOn(initial, [B, A])).toEqual([
        { kind: 'ok', flow: { kind: 'mergeStays', pending: [B, A] } },
        [selected(B, A)],
      ]);
    });
    it('filters out stays already pending, merged or failed here', () => {
      const state = fold([selected(A, B, C), merged([A, 10]), failed(B)]);
      expect(selectOn(state, [A, B, C, D])).toEqual([
        { kind: 'ok', flow: { kind: 'mergeStays', pending: [C, D] } },
        [selected(D)],
      ]);
    });
    it('with nothing new it writes nothing and answers the current flow', () => {
      const state = fold([selected(A, B), merged([A, 10]), failed(B)]);
      expect(selectOn(state, [A, B])).toEqual([{ kind: 'ok', flow: { kind: 'ready', balance: 10 } }, []]);
    });
    it('de-duplicates the input', () => {
      expect(select([A, B, A, B, C], T0)(initial)[1]).toEqual([selected(A, B, C)]);
    });
    it('an empty selection on a fresh group writes nothing and answers ready 0', () => {
      expect(selectOn(initial, [])).toEqual([{ kind: 'ok', flow: { kind: 'ready', balance: 0 } }, []]);
    });
    it('after Confirmed refuses new stays and writes nothing (the template appends them)', () => {
      const state = fold([selected(A), merged([A, 0]), confirmed]);
      expect(selectOn(state, [B])).toEqual([{ kind: 'alreadyConfirmed' }, []]);
      expect(selectOn(state, [A, B])).toEqual([{ kind: 'alreadyConfirmed' }, []]);
    });
    it('after Confirmed answers a pure replay ok (finished)', () => {
      const state = fold([selected(A), merged([A, 0]), confirmed]);
      expect(selectOn(state, [A, A])).toEqual([{ kind: 'ok', flow: { kind: 'finished' } }, []]);
    });
  });

  describe('pay', () => {
    it('records a payment, also before any merge', () => {
      expect(pay(P1, 500, T0)(initial)).toEqual([{ kind: 'ok' }, [paid(500, P1)]]);
    });
    it('the same paymentId twice is a no-op, even with another amount', () => {
      expect(pay(P1, 7, T0)(fold([paid(500, P1)]))).toEqual([{ kind: 'ok' }, []]);
    });
    it('after Confirmed refuses a new payment (the template accepts it)', () => {
      expect(pay(newId(), 1, T0)(fold([confirmed]))).toEqual([{ kind: 'alreadyConfirmed' }, []]);
    });
    it('after Confirmed answers a replayed payment ok', () => {
      expect(pay(P1, 500, T0)(fold([paid(500, P1), confirmed]))).toEqual([{ kind: 'ok' }, []]);
    });
  });

  describe('confirm', () => {
    it('confirms a ready group at exactly zero', () => {
      expect(confirm(T0)(fold([selected(A), merged([A, 500]), paid(500)]))).toEqual([{ kind: 'ok' }, [confirmed]]);
    });
    it('while stays are pending it answers processing', () => {
      expect(confirm(T0)(fold([selected(A, B), merged([A, 0])]))).toEqual([{ kind: 'processing' }, []]);
    });
    it.each([500, 1, -1, -250])('a balance of %p (owed or overpaid) is outstanding', (balance) => {
      const state = fold([selected(A), merged([A, balance])]);
      expect(confirm(T0)(state)).toEqual([{ kind: 'balanceOutstanding', amount: balance }, []]);
    });
    it('repeated after success it answers ok with no event', () => {
      expect(confirm(T0)(fold([paid(0), confirmed]))).toEqual([{ kind: 'ok' }, []]);
    });
    it('a group whose stream is empty is notFound', () => {
      expect(confirm(T0)(initial)).toEqual([{ kind: 'notFound' }, []]);
    });
  });
});

describe('GroupCheckoutService', () => {
  let store: MemoryStore;
  let groups: GroupCheckoutService;
  let groupId: string;
  const types = () => storedTypes(store, groupCheckoutStreamName(groupId));

  beforeEach(() => {
    store = new MemoryStore();
    groups = new GroupCheckoutService(store);
    groupId = newId();
  });

  it('selects, de-duplicating against what is registered and within the input', async () => {
    expect(answered(await groups.select(groupId, [A, B, A], T0))).toEqual({
      kind: 'ok',
      flow: { kind: 'mergeStays', pending: [A, B] },
    });
    expect(answered(await groups.select(groupId, [B, C]))).toEqual({
      kind: 'ok',
      flow: { kind: 'mergeStays', pending: [A, B, C] },
    });
    expect(answered(await groups.select(groupId, [C, A]))).toEqual({
      kind: 'ok',
      flow: { kind: 'mergeStays', pending: [A, B, C] },
    });
    expect(await types()).toEqual(['StaysSelected', 'StaysSelected']);
    expect((await groups.read(groupId)).pending).toEqual([A, B, C]);
  });

  it('an empty selection on a fresh group writes nothing, so the group still does not exist', async () => {
    expect(answered(await groups.select(groupId, []))).toEqual({ kind: 'ok', flow: { kind: 'ready', balance: 0 } });
    expect(await groups.read(groupId)).toEqual(initial);
    expect((await groups.confirm(groupId)).result).toEqual({ kind: 'notFound' });
    expect(await types()).toEqual([]);
  });

  it('pays idempotently, confirms at zero, then refuses changes but accepts replays', async () => {
    const paymentId = newId();
    expect((await groups.pay(groupId, paymentId, 0)).result).toEqual({ kind: 'ok' });
    expect((await groups.pay(groupId, paymentId, 100)).result).toEqual({ kind: 'ok' });
    expect((await groups.confirm(groupId)).result).toEqual({ kind: 'ok' });
    expect((await groups.confirm(groupId)).result).toEqual({ kind: 'ok' });
    expect((await groups.pay(groupId, newId(), 100)).result).toEqual({ kind: 'alreadyConfirmed' });
    expect((await groups.pay(groupId, paymentId, 0)).result).toEqual({ kind: 'ok' });
    expect(answered(await groups.select(groupId, [A]))).toEqual({ kind: 'alreadyConfirmed' });
    expect(answered(await groups.select(groupId, []))).toEqual({ kind: 'ok', flow: { kind: 'finished' } });
    expect(await types()).toEqual(['Paid', 'Confirmed']);
    expect(await groups.read(groupId)).toMatchObject({ exists: true, confirmed: true, balance: 0, pending: [] });
  });

  it('refuses malformed ids', async () => {
    await expect(groups.select('g', [A])).rejects.toThrow(/groupId must be a UUID/);
    await expect(groups.select(groupId, [A, 'room 12'])).rejects.toThrow(/stayIds\[1\] must be a UUID/);
    await expect(groups.pay(groupId, 'p', 1)).rejects.toThrow(/paymentId must be a UUID/);
  });
});

describe('GroupCheckoutService consistency', () => {
  it('reads from the replica unless told to read the leader, and decides on the leader', async () => {
    const store = new HookedStore();
    const reads: ReadConsistency[] = [];
    store.beforeRead = (_, consistency) => void reads.push(consistency);
    const groups = new GroupCheckoutService(store);
    const groupId = newId();
    await groups.pay(groupId, newId(), 100, T0);
    await groups.read(groupId);
    await groups.read(groupId, 'leader');
    await groups.read(groupId, 'replica');
    expect(reads).toEqual(['leader', 'replica', 'leader', 'replica']);
  });
});
