import { GuestStay, GuestStayService, StayState, guestStayStreamName, toStreamId } from '@app/domain';
import { Category, StaleVersionError } from '@app/store/core';
import { HookedStore, T0, hotel, newId, storedEvents } from './support';

const { checkIn, evolve, initial } = GuestStay;
const fold = (events: GuestStay.Event[]): StayState => events.reduce(evolve, initial);

describe('Check-in with a room and a guest name', () => {
  it('records them in CheckedIn when given, and the stay keeps them', () => {
    const [result, events] = checkIn(T0, { room: '12B', guestName: 'Grace Hopper' })(initial);
    expect([result, events]).toEqual([{ kind: 'ok' }, [{ type: 'CheckedIn', at: T0, room: '12B', guestName: 'Grace Hopper' }]]);
    expect(fold([...events])).toEqual({ kind: 'open', balance: 0, folio: [], checkedInAt: T0, room: '12B', guestName: 'Grace Hopper' });
  });

  it('leaves them out when not given', () => {
    expect(checkIn(T0)(initial)[1]).toEqual([{ type: 'CheckedIn', at: T0 }]);
    expect(Object.keys(fold([{ type: 'CheckedIn', at: T0 }]))).toEqual(['kind', 'balance', 'folio', 'checkedInAt']);
  });

  it('keeps what the first check-in recorded when repeated with other details', async () => {
    const { store, stays } = hotel();
    const stayId = newId();
    await stays.checkIn(stayId, T0, { room: '7' });
    expect((await stays.checkIn(stayId, T0, { room: '8', guestName: 'Ada' })).state).toMatchObject({ room: '7' });
    expect(await storedEvents(store, guestStayStreamName(stayId))).toEqual([
      { type: 'CheckedIn', data: { at: T0.toISOString(), room: '7' } },
    ]);
  });

  it.each([
    [{ room: '' }, /room must be a text of 1 to 16 characters/],
    [{ room: 'x'.repeat(17) }, /room must be a text of 1 to 16 characters/],
    [{ guestName: 'x'.repeat(201) }, /guestName must be a text of 1 to 200 characters/],
  ])('refuses %j before the store', async (guest, message) => {
    const { store, stays } = hotel();
    const stayId = newId();
    await expect(stays.checkIn(stayId, T0, guest)).rejects.toThrow(message);
    expect(await storedEvents(store, guestStayStreamName(stayId))).toEqual([]);
  });
});

describe('Check-in assumes a new stay', () => {
  it('writes a new stay without reading it first', async () => {
    const store = new HookedStore();
    const reads: string[] = [];
    store.beforeRead = (name) => void reads.push(name);
    const outcome = await new GuestStayService(store).checkIn(newId(), T0, { room: '7' });
    expect(outcome).toEqual({ result: { kind: 'ok' }, state: { kind: 'open', balance: 0, folio: [], checkedInAt: T0, room: '7' }, version: 1, globalPosition: 0 });
    expect(reads).toEqual([]);
  });

  it('answers for an existing stay exactly what deciding on its load answers, and writes nothing', async () => {
    const { store, stays } = hotel();
    const [open, checkedOut, transferred, templates] = [newId(), newId(), newId(), newId()];
    await stays.checkIn(open, T0, { room: '7' });
    await stays.charge(open, newId(), 500, T0);
    await stays.checkIn(checkedOut, T0);
    await stays.checkOut(checkedOut, T0);
    await stays.checkIn(transferred, T0);
    await stays.transferToGroup(transferred, newId(), T0);
    // The F# template writes no CheckedIn: its stays start with another event.
    const charged = GuestStay.codec.encode({ type: 'Charged', chargeId: newId(), amount: 100, at: T0 });
    await store.appendToStream(guestStayStreamName(templates), 0, [{ id: newId(), ...charged }]);
    const loading = new Category(store, GuestStay.spec);
    for (const stayId of [open, checkedOut, transferred, templates]) {
      const before = await storedEvents(store, guestStayStreamName(stayId));
      const loaded = await loading.decider(toStreamId(stayId)).transactWithPostState(checkIn(T0, { room: '8' }));
      expect(await stays.checkIn(stayId, T0, { room: '8' })).toEqual(loaded);
      expect(await storedEvents(store, guestStayStreamName(stayId))).toEqual(before);
    }
    await expect(stays.checkIn(open, T0, {}, { expectedVersion: 1 })).rejects.toEqual(new StaleVersionError(guestStayStreamName(open), 1, 2));
    expect((await stays.checkIn(open, T0, {}, { expectedVersion: 2 })).version).toBe(2);
  });
});
