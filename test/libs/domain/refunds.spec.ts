import fc from 'fast-check';
import { MemoryStore } from '@app/store';
import { Decision } from '@app/store/core';
import {
  FolioEntry,
  GroupCheckout,
  GroupState,
  GuestStay,
  StayState,
  groupCheckoutStreamName,
  guestStayStreamName,
} from '@app/domain';
import { T0, hotel, newId, storedTypes } from './support';

const foldStay = (events: GuestStay.Event[]): StayState => events.reduce(GuestStay.evolve, GuestStay.initial);
const foldGroup = (events: GroupCheckout.Event[]): GroupState => events.reduce(GroupCheckout.evolve, GroupCheckout.initial);
const R1 = newId();

/** An open stay charged `charged` and paid `paid` (cents). */
const stay = (charged: number, paid: number): StayState =>
  foldStay([
    { type: 'CheckedIn', at: T0 },
    { type: 'Charged', chargeId: newId(), at: T0, amount: charged },
    { type: 'Paid', paymentId: newId(), at: T0, amount: paid },
  ]);
const group = (...events: GroupCheckout.Event[]): GroupState =>
  foldGroup([{ type: 'Paid', at: T0, paymentId: newId(), amount: 1000 }, ...events]);

describe('GuestStay refund', () => {
  const { refund, evolve } = GuestStay;

  it('records a refund of at most the credit, which brings the balance back up', () => {
    const overpaid = stay(1000, 1500);
    const [result, events] = refund(R1, 500, T0)(overpaid);
    expect([result, events]).toEqual([{ kind: 'ok' }, [{ type: 'Refunded', refundId: R1, at: T0, amount: 500 }]]);
    expect(events.reduce(evolve, overpaid)).toMatchObject({
      balance: 0,
      folio: [{ kind: 'charge' }, { kind: 'payment' }, { kind: 'refund', id: R1, at: T0, amount: 500 }],
    });
  });

  it.each([
    ['more than the credit', stay(1000, 1500), 501, 500],
    ['a settled stay', stay(1000, 1000), 1, 0],
    ['a stay that owes', stay(1000, 200), 1, 0],
  ])('refuses %s, naming the credit', (_, state, amount, credit) => {
    expect(refund(newId(), amount, T0)(state)).toEqual([{ kind: 'exceedsCredit', credit }, []]);
  });

  it('the same refundId twice is a no-op, even with another amount or no credit left', () => {
    const refunded = evolve(stay(0, 300), { type: 'Refunded', refundId: R1, at: T0, amount: 300 });
    expect(refund(R1, 1, T0)(refunded)).toEqual([{ kind: 'ok' }, []]);
  });

  it('answers why a stay that is not open refuses it', () => {
    expect(refund(R1, 1, T0)(GuestStay.initial)).toEqual([{ kind: 'notFound' }, []]);
    const out = foldStay([{ type: 'CheckedIn', at: T0 }, { type: 'CheckedOut', at: T0 }]);
    expect(refund(R1, 1, T0)(out)).toEqual([{ kind: 'checkedOut' }, []]);
  });
});

describe('GroupCheckout refund', () => {
  const { refund, confirm } = GroupCheckout;

  it('records a refund of at most the credit; the group then confirms at zero', () => {
    const overpaid = group();
    const [result, events] = refund(R1, 1000, T0)(overpaid);
    expect([result, events]).toEqual([{ kind: 'ok' }, [{ type: 'Refunded', refundId: R1, at: T0, amount: 1000 }]]);
    const settled = foldGroup([{ type: 'Paid', at: T0, paymentId: newId(), amount: 1000 }, ...events]);
    expect(settled).toMatchObject({ balance: 0, folio: [{ kind: 'payment' }, { kind: 'refund', id: R1, amount: 1000 }] });
    expect(confirm(T0)(settled)[0]).toEqual({ kind: 'ok' });
  });

  it('refuses more than the credit, naming it; a group that does not exist is notFound', () => {
    expect(refund(R1, 1001, T0)(group())).toEqual([{ kind: 'exceedsCredit', credit: 1000 }, []]);
    expect(refund(R1, 1, T0)(GroupCheckout.initial)).toEqual([{ kind: 'notFound' }, []]);
  });

  it('a repeat is ok even once confirmed; a new refund after Confirmed is refused', () => {
    const done = group(
      { type: 'Refunded', at: T0, refundId: R1, amount: 1000 },
      { type: 'Confirmed', at: T0 },
    );
    expect(refund(R1, 5, T0)(done)).toEqual([{ kind: 'ok' }, []]);
    expect(refund(newId(), 5, T0)(done)).toEqual([{ kind: 'alreadyConfirmed' }, []]);
  });
});

describe('Refund services', () => {
  it('close an overpaid stay: refund, then check out at zero', async () => {
    const { store, stays } = hotel();
    const stayId = newId();
    await stays.checkIn(stayId, T0, { room: '7', guestName: 'Ada' });
    await stays.pay(stayId, newId(), 250);
    expect((await stays.checkOut(stayId)).result).toEqual({ kind: 'balanceOutstanding', amount: -250 });
    expect((await stays.refund(stayId, R1, 300)).result).toEqual({ kind: 'exceedsCredit', credit: 250 });
    expect((await stays.refund(stayId, R1, 250)).result).toEqual({ kind: 'ok' });
    expect((await stays.refund(stayId, R1, 250)).result).toEqual({ kind: 'ok' });
    expect((await stays.checkOut(stayId)).state).toMatchObject({ kind: 'checkedOut', room: '7', guestName: 'Ada' });
    expect(await storedTypes(store, guestStayStreamName(stayId))).toEqual(['CheckedIn', 'Paid', 'Refunded', 'CheckedOut']);
  });

  it('close a group paid before its merge: refund, then confirm at zero', async () => {
    const { store, groups } = hotel();
    const groupId = newId();
    await groups.pay(groupId, newId(), 900);
    expect((await groups.confirm(groupId)).result).toEqual({ kind: 'balanceOutstanding', amount: -900 });
    expect((await groups.refund(groupId, R1, 900)).state.balance).toBe(0);
    expect((await groups.confirm(groupId)).result).toEqual({ kind: 'ok' });
    expect(await storedTypes(store, groupCheckoutStreamName(groupId))).toEqual(['Paid', 'Refunded', 'Confirmed']);
  });

  it('refuse malformed refund ids and non-positive amounts before the store', async () => {
    const { store, stays, groups } = hotel(new MemoryStore());
    const stayId = newId();
    await expect(stays.refund(stayId, 'r-1', 100)).rejects.toThrow(/refundId must be a UUID/);
    await expect(stays.refund(stayId, newId(), 0)).rejects.toThrow(/amount must be more than zero/);
    await expect(groups.refund(newId(), newId(), -5)).rejects.toThrow(/amount must be more than zero/);
    expect(await storedTypes(store, guestStayStreamName(stayId))).toEqual([]);
  });
});

describe('Refund properties', () => {
  const amounts = fc.array(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 6 });
  const total = (folio: readonly FolioEntry[], kind: FolioEntry['kind']) =>
    folio.filter((entry) => entry.kind === kind).reduce((sum, entry) => sum + entry.amount, 0);

  it('a stay never refunds more than it was overpaid, and a refund of its whole credit lets it check out', () => {
    fc.assert(
      fc.property(amounts, amounts, amounts, (charges, payments, refunds) => {
        let state = foldStay([{ type: 'CheckedIn', at: T0 }]);
        const apply = ([, events]: Decision<unknown, GuestStay.Event>) => (state = events.reduce(GuestStay.evolve, state));
        charges.forEach((amount) => apply(GuestStay.charge(newId(), amount, T0)(state)));
        payments.forEach((amount) => apply(GuestStay.pay(newId(), amount, T0)(state)));
        refunds.forEach((amount) => apply(GuestStay.refund(newId(), amount, T0)(state)));
        if (state.kind !== 'open') throw new Error('the stay must still be open');
        const { folio, balance } = state;
        expect(total(folio, 'refund')).toBeLessThanOrEqual(Math.max(0, total(folio, 'payment') - total(folio, 'charge')));
        expect(balance).toBe(total(folio, 'charge') - total(folio, 'payment') + total(folio, 'refund'));
        if (balance < 0) apply(GuestStay.refund(newId(), -balance, T0)(state));
        if (balance <= 0) expect(GuestStay.checkOut(T0)(state)[0]).toEqual({ kind: 'ok' });
      }),
    );
  });
});
