import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { MemoryStore } from '@app/store';
import { EventCodec } from '@app/store/core';
import {
  GroupCheckout,
  GroupCheckoutService,
  GuestStay,
  GuestStayService,
  groupCheckoutStreamName,
  formatTimestamp,
  guestStayStreamName,
  parseIsoTimestamp,
} from '@app/domain';

// Bodies exactly as FsCodec.SystemTextJson writes them in the F# template: alphabetical fields, lowercase D-format
// Guids, DateTimeOffset round-trip strings with 7 fractional digits, decimals with their scale (10.50).
const STAY = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const STAY2 = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const GROUP = 'a8098c1a-f86e-11da-bd1a-00112444be1e';
const ID = '16fd2706-8baf-433b-82eb-8c7fada847da';
const AT_FSHARP = '2026-04-08T13:29:30.1234567+00:00';
const AT = new Date('2026-04-08T13:29:30.123Z');
const AT_OURS = '2026-04-08T13:29:30.123Z';

interface Sample<E> {
  type: string;
  fsharp: string;
  event: E;
  ours: Record<string, unknown>;
}

const guestStaySamples: Sample<GuestStay.Event>[] = [
  { type: 'CheckedIn', fsharp: `{"at":"${AT_FSHARP}"}`, event: { type: 'CheckedIn', at: AT }, ours: { at: AT_OURS } },
  {
    type: 'Charged',
    fsharp: `{"amount":10.50,"at":"${AT_FSHARP}","chargeId":"${ID}"}`,
    event: { type: 'Charged', chargeId: ID, at: AT, amount: 1050 },
    ours: { amount: 10.5, at: AT_OURS, chargeId: ID },
  },
  {
    type: 'Paid',
    fsharp: `{"amount":100,"at":"${AT_FSHARP}","paymentId":"${ID}"}`,
    event: { type: 'Paid', paymentId: ID, at: AT, amount: 10000 },
    ours: { amount: 100, at: AT_OURS, paymentId: ID },
  },
  { type: 'CheckedOut', fsharp: `{"at":"${AT_FSHARP}"}`, event: { type: 'CheckedOut', at: AT }, ours: { at: AT_OURS } },
  {
    type: 'TransferredToGroup',
    fsharp: `{"at":"${AT_FSHARP}","groupId":"${GROUP}","residualBalance":-0.10}`,
    event: { type: 'TransferredToGroup', at: AT, groupId: GROUP, residualBalance: -10 },
    ours: { at: AT_OURS, groupId: GROUP, residualBalance: -0.1 },
  },
];

const groupCheckoutSamples: Sample<GroupCheckout.Event>[] = [
  {
    type: 'StaysSelected',
    fsharp: `{"at":"${AT_FSHARP}","stays":["${STAY}","${STAY2}"]}`,
    event: { type: 'StaysSelected', at: AT, stays: [STAY, STAY2] },
    ours: { at: AT_OURS, stays: [STAY, STAY2] },
  },
  {
    type: 'StaysMerged',
    fsharp: `{"residuals":[{"residual":10.50,"stay":"${STAY}"},{"residual":0,"stay":"${STAY2}"}]}`,
    event: {
      type: 'StaysMerged',
      residuals: [
        { stay: STAY, residual: 1050 },
        { stay: STAY2, residual: 0 },
      ],
    },
    ours: {
      residuals: [
        { residual: 10.5, stay: STAY },
        { residual: 0, stay: STAY2 },
      ],
    },
  },
  {
    type: 'MergesFailed',
    fsharp: `{"stays":["${STAY}"]}`,
    event: { type: 'MergesFailed', stays: [STAY] },
    ours: { stays: [STAY] },
  },
  {
    type: 'Paid',
    fsharp: `{"amount":10.5,"at":"${AT_FSHARP}","paymentId":"${ID}"}`,
    event: { type: 'Paid', at: AT, paymentId: ID, amount: 1050 },
    ours: { amount: 10.5, at: AT_OURS, paymentId: ID },
  },
  { type: 'Confirmed', fsharp: `{"at":"${AT_FSHARP}"}`, event: { type: 'Confirmed', at: AT }, ours: { at: AT_OURS } },
];

/** Same field names in the same order, same JSON types, same values (timestamps: the same instant, to the ms). */
function expectSameShape(ours: unknown, fsharp: unknown): void {
  if (Array.isArray(fsharp)) {
    expect(Array.isArray(ours)).toBe(true);
    const list = ours as unknown[];
    expect(list).toHaveLength(fsharp.length);
    fsharp.forEach((item, i) => expectSameShape(list[i], item));
  } else if (typeof fsharp === 'object' && fsharp !== null) {
    const record = ours as Record<string, unknown>;
    expect(Object.keys(record)).toEqual(Object.keys(fsharp));
    for (const [field, value] of Object.entries(fsharp)) expectSameShape(record[field], value);
  } else if (typeof fsharp === 'string' && parseIsoTimestamp(fsharp) !== undefined) {
    expect(parseIsoTimestamp(ours as string)).toEqual(parseIsoTimestamp(fsharp));
  } else {
    expect(typeof ours).toBe(typeof fsharp);
    expect(ours).toBe(fsharp);
  }
}

function describeCodec<E>(name: string, codec: EventCodec<E>, samples: Sample<E>[]) {
  describe(`${name} wire format`, () => {
    it.each(samples.map((s) => [s.type, s]))('decodes %s as the F# template writes it, and encodes it back', (_, s) => {
      const fsharp: unknown = JSON.parse(s.fsharp);
      const event = codec.tryDecode({ type: s.type, data: fsharp });
      expect(event).toEqual(s.event);

      const encoded = codec.encode(event as E);
      expect(encoded.type).toBe(s.type);
      expect(encoded.data).toEqual(s.ours);
      expectSameShape(JSON.parse(JSON.stringify(encoded.data)), fsharp);
    });

    it('skips unknown event types', () => {
      expect(codec.tryDecode({ type: 'Renamed', data: {} })).toBeUndefined();
    });
  });
}

describeCodec('GuestStay', GuestStay.codec, guestStaySamples);
describeCodec('GroupCheckout', GroupCheckout.codec, groupCheckoutSamples);

describe('Decoding is strict', () => {
  const charged = (data: unknown) => () => GuestStay.codec.tryDecode({ type: 'Charged', data });
  const valid = { amount: 10.5, at: AT_FSHARP, chargeId: ID };

  it.each<[string, unknown, RegExp]>([
    ['a body that is not an object', [1], /Malformed GuestStay Charged event: the body must be a JSON object/],
    ['a null body', null, /the body must be a JSON object, got null/],
    ['a missing field', { amount: 1, at: AT_FSHARP }, /"chargeId" must be a UUID, got nothing/],
    ['a malformed Guid', { ...valid, chargeId: 'c-1' }, /"chargeId" must be a UUID, got "c-1"/],
    ['a timestamp that is not ISO-8601', { ...valid, at: 'yesterday' }, /"at" must be an ISO-8601 timestamp/],
    ['an impossible date', { ...valid, at: '2026-02-30T10:00:00Z' }, /"at" must be an ISO-8601 timestamp/],
    ['an amount given as a string', { ...valid, amount: '10.50' }, /"amount" must be a decimal number, got "10.50"/],
    ['an amount with three decimals', { ...valid, amount: 0.001 }, /"amount": An amount must have at most two decimals/],
  ])('rejects %s', (_, data, message) => {
    expect(charged(data)).toThrow(message);
  });

  it('names the element of an array that is wrong', () => {
    const merged = { residuals: [{ residual: 1, stay: STAY }, { residual: 1 }] };
    expect(() => GroupCheckout.codec.tryDecode({ type: 'StaysMerged', data: merged })).toThrow(
      /Malformed GroupCheckout StaysMerged event: "residuals\[1\].stay" must be a UUID, got nothing/,
    );
    const notObjects = { residuals: [STAY] };
    expect(() => GroupCheckout.codec.tryDecode({ type: 'StaysMerged', data: notObjects })).toThrow(
      /"residuals\[0\]" must be a JSON object/,
    );
    expect(() => GroupCheckout.codec.tryDecode({ type: 'MergesFailed', data: { stays: [STAY, 42] } })).toThrow(
      /"stays\[1\]" must be a UUID, got 42/,
    );
    expect(() => GroupCheckout.codec.tryDecode({ type: 'MergesFailed', data: { stays: STAY } })).toThrow(
      /"stays" must be an array/,
    );
  });

  it('reads ids in any case or N format into lowercase hyphenated', () => {
    const data = { stays: [STAY.toUpperCase(), STAY2.replace(/-/g, '')] };
    expect(GroupCheckout.codec.tryDecode({ type: 'MergesFailed', data })).toEqual({
      type: 'MergesFailed',
      stays: [STAY, STAY2],
    });
  });

  it.each([
    ['2026-04-08T13:29:30.1234567+00:00', '2026-04-08T13:29:30.123Z'],
    ['2026-04-08T15:29:30.1234567+02:00', '2026-04-08T13:29:30.123Z'],
    ['2026-04-08T08:59:30-04:30', '2026-04-08T13:29:30.000Z'],
    ['2026-04-08T13:29:30Z', '2026-04-08T13:29:30.000Z'],
    ['2026-04-08T13:29:30,5Z', '2026-04-08T13:29:30.500Z'],
    ['2026-04-08T13:29', '2026-04-08T13:29:00.000Z'],
  ])('reads the ISO-8601 timestamp %s', (text, iso) => {
    expect(parseIsoTimestamp(text)?.toISOString()).toBe(iso);
  });

  it('reads the stored form (toISOString) as the general ISO-8601 reading does, impossible dates refused alike', () => {
    const digits = (count: number, max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(count, '0'));
    const stored = fc
      .tuple(fc.integer({ min: 1000, max: 9999 }), digits(2, 19), digits(2, 39), digits(2, 29), digits(2, 69), digits(2, 69), digits(3, 999))
      .map(([year, month, day, hour, minute, second, ms]) => `${year}-${month}-${day}T${hour}:${minute}:${second}.${ms}Z`);
    fc.assert(
      fc.property(stored, (text) => {
        // A lowercase zone letter is the same timestamp to ISO_8601 (case-insensitive), read by the general path only.
        expect(parseIsoTimestamp(text)).toEqual(parseIsoTimestamp(text.replace('Z', 'z')));
      }),
      { numRuns: 2000 },
    );
    fc.assert(fc.property(fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }), (at) => {
      expect(parseIsoTimestamp(at.toISOString())).toEqual(at);
    }));
  });

  it.each(['2026-04-08', '2026-13-01T00:00:00Z', '2026-04-08T24:00:00Z', '2026-04-08T13:29:30+24:00', '13:29:30'])(
    'refuses %s as a timestamp',
    (text) => expect(parseIsoTimestamp(text)).toBeUndefined(),
  );

  it.each([
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
    ['0001-01-01T00:30:00-01:00', '0001-01-01T01:30:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
    ['9999-12-31T23:30:00+01:00', '9999-12-31T22:30:00.000Z'],
  ])('reads %s, at an end of the years 0001 to 9999 (UTC)', (text, iso) => {
    expect(parseIsoTimestamp(text)?.toISOString()).toBe(iso);
  });

  // Each would be stored in a form (a year 0000, or six digits with a sign) that no longer reads back.
  it.each(['0000-12-31T23:59:59Z', '0001-01-01T00:30:00+01:00', '9999-12-31T23:30:00-01:00'])(
    'refuses %s, whose UTC year is outside 0001 to 9999',
    (text) => expect(parseIsoTimestamp(text)).toBeUndefined(),
  );

  it.each(['0000-12-31T23:59:59.999Z', '+010000-01-01T00:00:00.000Z', '-000001-06-01T00:00:00.000Z'])(
    'refuses to write the timestamp %s',
    (iso) => {
      const at = new Date(iso);
      expect(() => formatTimestamp(at)).toThrow(/UTC year must be from 1 to 9999/);
      expect(() => GuestStay.codec.encode({ type: 'CheckedIn', at })).toThrow(RangeError);
    },
  );

  it('writes any timestamp in the years 0001 to 9999 (UTC) in a form it reads back, and refuses every other', () => {
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true }), (at) => {
        const year = at.getUTCFullYear();
        if (year >= 1 && year <= 9999) expect(parseIsoTimestamp(formatTimestamp(at))).toEqual(at);
        else expect(() => formatTimestamp(at)).toThrow(RangeError);
      }),
    );
  });
});

describe('Streams the F# template wrote', () => {
  const write = (store: MemoryStore, stream: string, events: [string, string][]) =>
    store.appendToStream(
      stream,
      0,
      events.map(([type, json]) => ({ id: randomUUID(), type, data: JSON.parse(json) })),
    );

  it('fold into our states (a template stay has no CheckedIn)', async () => {
    const store = new MemoryStore();
    await write(store, guestStayStreamName(STAY), [
      ['Charged', `{"amount":10.50,"at":"${AT_FSHARP}","chargeId":"${ID}"}`],
      ['TransferredToGroup', `{"at":"${AT_FSHARP}","groupId":"${GROUP}","residualBalance":10.50}`],
    ]);
    await write(store, groupCheckoutStreamName(GROUP), [
      ['StaysSelected', `{"at":"${AT_FSHARP}","stays":["${STAY}","${STAY2}"]}`],
      ['StaysMerged', `{"residuals":[{"residual":10.50,"stay":"${STAY}"}]}`],
      ['MergesFailed', `{"stays":["${STAY2}"]}`],
      ['Paid', `{"amount":10.5,"at":"${AT_FSHARP}","paymentId":"${ID}"}`],
    ]);

    expect(await new GuestStayService(store).read(STAY)).toEqual({
      kind: 'transferred',
      checkedInAt: AT,
      groupId: GROUP,
      residual: 1050,
      folio: [{ kind: 'charge', id: ID, at: AT, amount: 1050 }],
    });
    const groups = new GroupCheckoutService(store);
    expect(await groups.read(GROUP)).toEqual({
      exists: true,
      pending: [],
      merged: [{ stayId: STAY, residual: 1050 }],
      failed: [STAY2],
      balance: 0,
      folio: [{ kind: 'payment', id: ID, at: AT, amount: 1050 }],
      confirmed: false,
    });
    expect((await groups.confirm(GROUP)).result).toEqual({ kind: 'ok' });
  });
});
