import { GroupCheckout, GuestStay } from '@app/domain';

// What this service adds to the F# template's wire format: optional CheckedIn fields and a Refunded event type. The
// template's decoder ignores unknown fields and skips unknown types; ours must keep reading what the template wrote.
const ID = '16fd2706-8baf-433b-82eb-8c7fada847da';
const AT_FSHARP = '2026-04-08T13:29:30.1234567+00:00';
const AT = new Date('2026-04-08T13:29:30.123Z');
const AT_OURS = '2026-04-08T13:29:30.123Z';

const decodeStay = (type: string, data: unknown) => GuestStay.codec.tryDecode({ type, data });

describe('CheckedIn with a room and a guest name', () => {
  it('decodes a template CheckedIn (neither field) with no room or guestName property', () => {
    const event = decodeStay('CheckedIn', JSON.parse(`{"at":"${AT_FSHARP}"}`));
    expect(event).toEqual({ type: 'CheckedIn', at: AT });
    expect(Object.keys(event ?? {})).toEqual(['type', 'at']);
  });

  it('writes them after `at`, in alphabetical order, and only when present', () => {
    const full = GuestStay.codec.encode({ type: 'CheckedIn', at: AT, room: '12B', guestName: 'Ada Lovelace' });
    expect(JSON.stringify(full.data)).toBe(`{"at":"${AT_OURS}","guestName":"Ada Lovelace","room":"12B"}`);
    expect(JSON.stringify(GuestStay.codec.encode({ type: 'CheckedIn', at: AT }).data)).toBe(`{"at":"${AT_OURS}"}`);
    expect(decodeStay('CheckedIn', full.data)).toEqual({ type: 'CheckedIn', at: AT, room: '12B', guestName: 'Ada Lovelace' });
  });

  it('reads a null room as absent and ignores fields it does not know', () => {
    expect(decodeStay('CheckedIn', { at: AT_FSHARP, room: null, floor: 3 })).toEqual({ type: 'CheckedIn', at: AT });
  });

  it('counts characters, not UTF-16 units: 16 emoji are a valid room', () => {
    const room = '🛏'.repeat(16);
    expect(decodeStay('CheckedIn', { at: AT_FSHARP, room })).toMatchObject({ room });
  });

  it.each<[string, unknown, RegExp]>([
    ['an empty room', { room: '' }, /"room" must be a text of 1 to 16 characters, got ""/],
    ['a room of 17 characters', { room: 'x'.repeat(17) }, /"room" must be a text of 1 to 16 characters/],
    ['a room given as a number', { room: 12 }, /"room" must be a text of 1 to 16 characters, got 12/],
    ['a guest name of 201 characters', { guestName: 'x'.repeat(201) }, /"guestName" must be a text of 1 to 200/],
  ])('rejects %s', (_, fields, message) => {
    expect(() => decodeStay('CheckedIn', { at: AT_FSHARP, ...(fields as object) })).toThrow(message);
  });
});

describe('Refunded', () => {
  const body = `{"amount":10.5,"at":"${AT_OURS}","refundId":"${ID}"}`;

  it.each([
    ['GuestStay', GuestStay.codec],
    ['GroupCheckout', GroupCheckout.codec],
  ] as const)('%s writes it like the other amounts (decimal, alphabetical fields) and reads it back', (_, codec) => {
    const encoded = codec.encode({ type: 'Refunded', refundId: ID, at: AT, amount: 1050 });
    expect(encoded.type).toBe('Refunded');
    expect(JSON.stringify(encoded.data)).toBe(body);
    expect(codec.tryDecode({ type: 'Refunded', data: JSON.parse(body) })).toEqual({
      type: 'Refunded',
      refundId: ID,
      at: AT,
      amount: 1050,
    });
  });

  it('is read strictly', () => {
    expect(() => decodeStay('Refunded', { amount: 1, at: AT_FSHARP })).toThrow(
      /Malformed GuestStay Refunded event: "refundId" must be a UUID, got nothing/,
    );
  });
});
