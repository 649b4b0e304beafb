import { MemoryStore, ReadConsistency } from '@app/store';
import { GuestStay, GuestStayService, StayState, guestStayStreamName } from '@app/domain';
import { HookedStore, T0, newId, storedTypes } from './support';

const { checkIn, charge, pay, checkOut, transferToGroup, evolve, initial } = GuestStay;
const fold = (events: GuestStay.Event[]): StayState => events.reduce(evolve, initial);

const G1 = newId();
const G2 = newId();
const C1 = newId();
const P1 = newId();
const checkedIn: GuestStay.Event = { type: 'CheckedIn', at: T0 };
const open = (balance = 0): StayState =>
  fold([checkedIn, { type: 'Charged', chargeId: C1, at: T0, amount: balance }]);
const checkedOut = fold([checkedIn, { type: 'CheckedOut', at: T0 }]);
const transferred = fold([checkedIn, { type: 'TransferredToGroup', at: T0, groupId: G1, residualBalance: 700 }]);

describe('GuestStay fold', () => {
  it('starts unknown; check-in opens the stay with a zero balance', () => {
    expect(initial).toEqual({ kind: 'unknown' });
    expect(fold([checkedIn])).toEqual({ kind: 'open', balance: 0, folio: [], checkedInAt: T0 });
  });

  it('adds charges and subtracts payments, recording each in the folio in order', () => {
    const T1 = new Date(T0.getTime() + 1000);
    const state = fold([
      checkedIn,
      { type: 'Charged', chargeId: C1, at: T0, amount: 1000 },
      { type: 'Paid', paymentId: P1, at: T1, amount: 1250 },
    ]);
    expect(state).toEqual({
      kind: 'open',
      balance: -250,
      folio: [
        { kind: 'charge', id: C1, at: T0, amount: 1000 },
        { kind: 'payment', id: P1, at: T1, amount: 1250 },
      ],
      checkedInAt: T0,
    });
  });

  it('closes on CheckedOut and on TransferredToGroup (recording group and residual), keeping the folio', () => {
    const T1 = new Date(T0.getTime() + 1000);
    expect(evolve(open(0), { type: 'CheckedOut', at: T1 })).toEqual({
      kind: 'checkedOut',
      checkedInAt: T0,
      checkedOutAt: T1,
      folio: [{ kind: 'charge', id: C1, at: T0, amount: 0 }],
    });
    expect(transferred).toEqual({
      kind: 'transferred',
      checkedInAt: T0,
      groupId: G1,
      residual: 700,
      folio: [],
    });
  });

  it('refuses any event after the stay was closed', () => {
    expect(() => evolve(checkedOut, { type: 'Charged', chargeId: C1, at: T0, amount: 1 })).toThrow(
      /no Charged event may follow the stay being checkedOut/,
    );
    expect(() => evolve(transferred, { type: 'CheckedOut', at: T0 })).toThrow(/transferred/);
  });

  it('reads a stream the F# template wrote (it never emits CheckedIn) as opened by its first event', () => {
    const later = new Date(T0.getTime() + 1000);
    expect(fold([{ type: 'Charged', chargeId: C1, at: T0, amount: 500 }, { type: 'CheckedIn', at: later }])).toEqual({
      kind: 'open',
      balance: 500,
      folio: [{ kind: 'charge', id: C1, at: T0, amount: 500 }],
      checkedInAt: T0,
    });
  });
});

describe('GuestStay decisions', () => {
  describe('checkIn', () => {
    it('checks an unknown stay in', () => {
      expect(checkIn(T0)(initial)).toEqual([{ kind: 'ok' }, [checkedIn]]);
    });
    it.each([
      ['open', open(100)],
      ['checkedOut', checkedOut],
      ['transferred', transferred],
    ])('is idempotent: an already checked-in (%s) stay answers ok with no event', (_, state) => {
      expect(checkIn(T0)(state)).toEqual([{ kind: 'ok' }, []]);
    });
  });

  describe('charge', () => {
    it('records a new charge', () => {
      const chargeId = newId();
      expect(charge(chargeId, 250, T0)(open())).toEqual([
        { kind: 'ok' },
        [{ type: 'Charged', chargeId, at: T0, amount: 250 }],
      ]);
    });
    it('the same chargeId twice is a no-op, even with a different amount', () => {
      expect(charge(C1, 999, T0)(open(100))).toEqual([{ kind: 'ok' }, []]);
    });
    it('a never checked-in stay is notFound', () => {
      expect(charge(C1, 100, T0)(initial)).toEqual([{ kind: 'notFound' }, []]);
    });
    it.each([
      ['checked out', checkedOut, { kind: 'checkedOut' }],
      ['transferred', transferred, { kind: 'transferred', groupId: G1 }],
    ])('a %s stay answers why it is closed (the template throws)', (_, state, closed) => {
      expect(charge(newId(), 100, T0)(state)).toEqual([closed, []]);
    });
  });

  describe('pay', () => {
    it('records a new payment', () => {
      const paymentId = newId();
      expect(pay(paymentId, 250, T0)(open())).toEqual([
        { kind: 'ok' },
        [{ type: 'Paid', paymentId, at: T0, amount: 250 }],
      ]);
    });
    it('the same paymentId twice is a no-op, even with a different amount', () => {
      const state = evolve(open(100), { type: 'Paid', paymentId: P1, at: T0, amount: 100 });
      expect(pay(P1, 5, T0)(state)).toEqual([{ kind: 'ok' }, []]);
    });
    it('a never checked-in stay is notFound', () => {
      expect(pay(P1, 100, T0)(initial)).toEqual([{ kind: 'notFound' }, []]);
    });
    it.each([
      ['checked out', checkedOut, { kind: 'checkedOut' }],
      ['transferred', transferred, { kind: 'transferred', groupId: G1 }],
    ])('a %s stay answers why it is closed (the template throws)', (_, state, closed) => {
      expect(pay(newId(), 100, T0)(state)).toEqual([closed, []]);
    });
  });

  describe('checkOut', () => {
    it('checks out a settled stay', () => {
      expect(checkOut(T0)(open(0))).toEqual([{ kind: 'ok' }, [{ type: 'CheckedOut', at: T0 }]]);
    });
    it('repeated, it answers ok with no event', () => {
      expect(checkOut(T0)(checkedOut)).toEqual([{ kind: 'ok' }, []]);
    });
    it.each([1, 2500, -1, -300])('a balance of %p (owed or overpaid) is outstanding', (balance) => {
      expect(checkOut(T0)(open(balance))).toEqual([{ kind: 'balanceOutstanding', amount: balance }, []]);
    });
    it('after a group transfer it answers transferred, naming the group', () => {
      expect(checkOut(T0)(transferred)).toEqual([{ kind: 'transferred', groupId: G1 }, []]);
    });
    it('a never checked-in stay is notFound', () => {
      expect(checkOut(T0)(initial)).toEqual([{ kind: 'notFound' }, []]);
    });
  });

  describe('transferToGroup', () => {
    it.each([0, 1234, -50])('hands the balance %p over to the group', (balance) => {
      expect(transferToGroup(G1, T0)(open(balance))).toEqual([
        { kind: 'ok', residual: balance },
        [{ type: 'TransferredToGroup', at: T0, groupId: G1, residualBalance: balance }],
      ]);
    });
    it('the same group again gets the recorded residual, with no event', () => {
      expect(transferToGroup(G1, T0)(transferred)).toEqual([{ kind: 'ok', residual: 700 }, []]);
    });
    it('another group answers alreadyCheckedOut', () => {
      expect(transferToGroup(G2, T0)(transferred)).toEqual([{ kind: 'alreadyCheckedOut' }, []]);
    });
    it('an individually checked-out stay answers alreadyCheckedOut', () => {
      expect(transferToGroup(G1, T0)(checkedOut)).toEqual([{ kind: 'alreadyCheckedOut' }, []]);
    });
    it('a never checked-in stay is notFound (the template merges it with residual 0)', () => {
      expect(transferToGroup(G1, T0)(initial)).toEqual([{ kind: 'notFound' }, []]);
    });
  });
});

describe('GuestStayService', () => {
  let store: MemoryStore;
  let stays: GuestStayService;
  let stayId: string;
  const types = () => storedTypes(store, guestStayStreamName(stayId));

  beforeEach(() => {
    store = new MemoryStore();
    stays = new GuestStayService(store);
    stayId = newId();
  });

  it('writes to GuestStay-<32 hex>', async () => {
    await stays.checkIn(stayId, T0);
    expect(guestStayStreamName(stayId)).toBe(`GuestStay-${stayId.replace(/-/g, '')}`);
    expect(await types()).toEqual(['CheckedIn']);
  });

  it('checks in once, however often asked', async () => {
    expect((await stays.checkIn(stayId, T0)).result).toEqual({ kind: 'ok' });
    expect((await stays.checkIn(stayId)).result).toEqual({ kind: 'ok' });
    expect(await stays.read(stayId)).toEqual({ kind: 'open', balance: 0, folio: [], checkedInAt: T0 });
    expect(await types()).toEqual(['CheckedIn']);
  });

  it('answers notFound to a never checked-in stay and writes nothing', async () => {
    expect((await stays.charge(stayId, newId(), 100)).result).toEqual({ kind: 'notFound' });
    expect((await stays.pay(stayId, newId(), 100)).result).toEqual({ kind: 'notFound' });
    expect((await stays.checkOut(stayId)).result).toEqual({ kind: 'notFound' });
    expect(await stays.transferToGroup(stayId, G1)).toEqual({ kind: 'notFound' });
    expect(await stays.read(stayId)).toEqual({ kind: 'unknown' });
    expect(await types()).toEqual([]);
  });

  it('charges and pays idempotently by id, even with another amount', async () => {
    await stays.checkIn(stayId);
    const [chargeId, paymentId] = [newId(), newId()];
    await stays.charge(stayId, chargeId, 1000);
    expect((await stays.charge(stayId, chargeId, 5)).result).toEqual({ kind: 'ok' });
    await stays.pay(stayId, paymentId, 400);
    expect((await stays.pay(stayId, paymentId, 7)).result).toEqual({ kind: 'ok' });
    expect(await stays.read(stayId)).toMatchObject({ kind: 'open', balance: 600 });
    expect(await types()).toEqual(['CheckedIn', 'Charged', 'Paid']);
  });

  it('checks out only at a zero balance; a repeat is ok with no event; later charges are refused', async () => {
    await stays.checkIn(stayId);
    await stays.charge(stayId, newId(), 1000);
    expect((await stays.checkOut(stayId)).result).toEqual({ kind: 'balanceOutstanding', amount: 1000 });
    await stays.pay(stayId, newId(), 1200);
    expect((await stays.checkOut(stayId)).result).toEqual({ kind: 'balanceOutstanding', amount: -200 });
    await stays.charge(stayId, newId(), 200);
    expect((await stays.checkOut(stayId)).result).toEqual({ kind: 'ok' });
    expect((await stays.checkOut(stayId)).result).toEqual({ kind: 'ok' });
    expect((await stays.charge(stayId, newId(), 1)).result).toEqual({ kind: 'checkedOut' });
    expect((await stays.pay(stayId, newId(), 1)).result).toEqual({ kind: 'checkedOut' });
    expect(await types()).toEqual(['CheckedIn', 'Charged', 'Paid', 'Charged', 'CheckedOut']);
  });

  it('transfers once to a group; the same group replays, another group and checkout are refused', async () => {
    await stays.checkIn(stayId);
    await stays.charge(stayId, newId(), 1500);
    expect(await stays.transferToGroup(stayId, G1)).toEqual({ kind: 'ok', residual: 1500 });
    expect(await stays.transferToGroup(stayId, G1)).toEqual({ kind: 'ok', residual: 1500 });
    expect(await stays.transferToGroup(stayId, G2)).toEqual({ kind: 'alreadyCheckedOut' });
    expect((await stays.checkOut(stayId)).result).toEqual({ kind: 'transferred', groupId: G1 });
    expect((await stays.charge(stayId, newId(), 1)).result).toEqual({ kind: 'transferred', groupId: G1 });
    expect(await types()).toEqual(['CheckedIn', 'Charged', 'TransferredToGroup']);
  });

  it('answers each command with the stay as it stands after it, from the one load it decided on', async () => {
    const reads: string[] = [];
    const hooked = new HookedStore();
    hooked.beforeRead = (name) => void reads.push(name);
    const desk = new GuestStayService(hooked);
    const chargeId = newId();
    expect(await desk.checkIn(stayId, T0)).toEqual({
      result: { kind: 'ok' },
      state: { kind: 'open', balance: 0, folio: [], checkedInAt: T0 },
      version: 1,
      globalPosition: 0,
    });
    expect(await desk.charge(stayId, chargeId, 500, T0)).toMatchObject({
      result: { kind: 'ok' },
      state: { kind: 'open', balance: 500, folio: [{ kind: 'charge', id: chargeId, at: T0, amount: 500 }] },
      version: 2,
    });
    expect(await desk.checkOut(stayId, T0)).toEqual({
      result: { kind: 'balanceOutstanding', amount: 500 },
      state: { kind: 'open', balance: 500, folio: [{ kind: 'charge', id: chargeId, at: T0, amount: 500 }], checkedInAt: T0 },
      version: 2,
      globalPosition: 1,
    });
    // A new stay's check-in writes without reading; the other two commands read once each.
    expect(reads).toEqual(Array(2).fill(guestStayStreamName(stayId)));
  });

  it('normalises ids and refuses malformed ones and fractional amounts', async () => {
    await stays.checkIn(stayId.toUpperCase().replace(/-/g, ''));
    expect(await stays.read(stayId)).toMatchObject({ kind: 'open' });
    await expect(stays.checkIn('room-12')).rejects.toThrow(/stayId must be a UUID/);
    await expect(stays.charge(stayId, 'c-1', 100)).rejects.toThrow(/chargeId must be a UUID/);
    await expect(stays.charge(stayId, newId(), 10.5)).rejects.toThrow(/integer number of minor units/);
  });
});

describe('GuestStayService consistency', () => {
  it('reads from the replica unless told to read the leader, and decides on the leader', async () => {
    const store = new HookedStore();
    const reads: ReadConsistency[] = [];
    store.beforeRead = (_, consistency) => void reads.push(consistency);
    const stays = new GuestStayService(store);
    const stayId = newId();
    await stays.checkIn(stayId, T0);
    await stays.charge(stayId, newId(), 100, T0);
    await stays.read(stayId);
    await stays.read(stayId, 'leader');
    await stays.read(stayId, 'replica');
    expect(reads).toEqual(['leader', 'replica', 'leader', 'replica']);
  });
});
