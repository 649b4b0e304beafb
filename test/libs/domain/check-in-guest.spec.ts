import { GuestStay, StayState, guestStayStreamName } from '@app/domain';
import { T0, hotel, newId, storedEvents } from './support';

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
