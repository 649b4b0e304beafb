import { GuestStayService, guestStayStreamName } from '@app/domain';
import { MemoryStore } from '@app/store';
import { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { LaggingReplicaStore, createApiApp } from '../../support/api-app';
import { HotelClient } from './hotel-client';

const PROBLEM_JSON = /^application\/problem\+json/;

describe('stays API (in memory)', () => {
  const store = new MemoryStore();
  let app: NestExpressApplication;
  let http: () => ReturnType<typeof request>;

  beforeAll(async () => {
    app = await createApiApp({ store: store });
    http = () => request(app.getHttpServer());
  });
  afterAll(() => app.close());

  const checkIn = (stayId: string, body: object = {}) => http().post(`/stays/${stayId}/check-in`).send(body);
  const charge = (stayId: string, amount: unknown, chargeId: string = randomUUID()) =>
    http().post(`/stays/${stayId}/charges`).send({ chargeId, amount });
  const pay = (stayId: string, amount: unknown, paymentId: string = randomUUID()) =>
    http().post(`/stays/${stayId}/payments`).send({ paymentId, amount });
  const checkOut = (stayId: string) => http().post(`/stays/${stayId}/check-out`);

  describe('POST /stays/{stayId}/check-in', () => {
    it('checks a stay in, with or without a time, and answers a repeat the same way', async () => {
      const stayId = randomUUID();
      const first = await checkIn(stayId, { at: '2025-05-01T14:00:00+02:00' }).expect(200);
      expect(first.headers['content-type']).toMatch(/^application\/json/);
      expect(first.body).toEqual({ stayId, status: 'open', balance: 0, checkedInAt: '2025-05-01T12:00:00.000Z', folio: [] });
      const repeat = await checkIn(stayId).expect(200);
      expect(repeat.body).toEqual(first.body);
    });

    it('accepts no body at all and stamps the current time', async () => {
      const stayId = randomUUID();
      const before = Date.now();
      const response = await http().post(`/stays/${stayId}/check-in`).expect(200);
      expect(Date.parse(response.body.checkedInAt)).toBeGreaterThanOrEqual(before - 1);
    });

    it('accepts ids in any letter case, with or without hyphens, and answers them lowercase hyphenated', async () => {
      const stayId = randomUUID();
      const response = await checkIn(stayId.replace(/-/g, '').toUpperCase()).expect(200);
      expect(response.body.stayId).toBe(stayId);
      await http().get(`/stays/${stayId.toUpperCase()}`).expect(200);
    });

    it.each([
      [{ at: 'yesterday' }, 'at'],
      [{ at: null }, 'at'],
      [{ at: '2025-02-30T10:00:00Z' }, 'at'],
      [{ at: 20250501 }, 'at'],
      [{ room: 12 }, 'room'],
    ])('refuses %j with a 400 naming %s', async (body, field) => {
      const response = await checkIn(randomUUID(), body).expect(400);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
      expect(response.body.detail).toContain(field);
    });

    // Each would be stored as a year 0000 or a six-digit year, which no read could decode again.
    it.each(['9999-12-31T23:30:00-01:00', '0000-06-01T00:00:00Z', '0001-01-01T00:30:00+01:00'])(
      'refuses %s, whose UTC year is outside 0001 to 9999, with a 400 naming at, and writes nothing',
      async (at) => {
        const stayId = randomUUID();
        const response = await checkIn(stayId, { at }).expect(400);
        expect(response.body.errors).toEqual([{ field: 'at', messages: [expect.stringContaining('0001 to 9999')] }]);
        expect(await store.readStream(guestStayStreamName(stayId))).toEqual([]);
      },
    );

    it('accepts the last time of the year 9999 (UTC), however it is written', async () => {
      const stayId = randomUUID();
      const response = await checkIn(stayId, { at: '9999-12-31T23:30:00+01:00' }).expect(200);
      expect(response.body.checkedInAt).toBe('9999-12-31T22:30:00.000Z');
      await http().get(`/stays/${stayId}`).expect(200, response.body);
    });

    it('refuses a bad stay id with a 400 problem naming it', async () => {
      const response = await checkIn('not-a-uuid').expect(400);
      expect(response.body).toMatchObject({
        type: 'urn:hotel-checkout:problem:invalid-request',
        title: 'Invalid request',
        status: 400,
        instance: '/stays/not-a-uuid/check-in',
        errors: [{ field: 'stayId', messages: [expect.stringContaining('stayId must be a UUID')] }],
      });
    });

    it('refuses a JSON array body', async () => {
      const response = await checkIn(randomUUID(), []).expect(400);
      expect(response.body.errors).toEqual([{ field: 'body', messages: ['The request body must be a JSON object.'] }]);
    });
  });

  describe('POST /stays/{stayId}/charges and /payments', () => {
    it('charges and pays in decimals, exactly, idempotently by chargeId and paymentId', async () => {
      const stayId = randomUUID();
      await checkIn(stayId).expect(200);
      const chargeId = randomUUID();
      await charge(stayId, 0.1, chargeId).expect(200);
      const second = await charge(stayId, 0.2).expect(200);
      expect(second.body.balance).toBe(0.3);
      const repeated = await charge(stayId, 999, chargeId.toUpperCase()).expect(200);
      expect(repeated.body.balance).toBe(0.3);

      const paymentId = randomUUID();
      const paid = await pay(stayId, 0.25, paymentId).expect(200);
      expect(paid.body).toMatchObject({ stayId, status: 'open', balance: 0.05 });
      const repeatedPayment = await pay(stayId, 0.25, paymentId.replace(/-/g, '')).expect(200);
      expect(repeatedPayment.body.balance).toBe(0.05);
    });

    it('accepts the largest amount, 1 000 000', async () => {
      const stayId = randomUUID();
      await checkIn(stayId).expect(200);
      const response = await charge(stayId, 1_000_000).expect(200);
      expect(response.body.balance).toBe(1_000_000);
    });

    it.each([
      [0, 'amount must be greater than 0'],
      [-5, 'amount must be greater than 0'],
      [10.123, 'amount must have at most two decimals'],
      [1e-7, 'amount must have at most two decimals'],
      [1_000_000.01, 'amount must be at most 1000000'],
      ['10', 'amount must be a JSON number'],
      [null, 'amount must be a JSON number'],
    ])('refuses the amount %j', async (amount, message) => {
      const stayId = randomUUID();
      await checkIn(stayId).expect(200);
      const response = await charge(stayId, amount).expect(400);
      expect(response.body.errors).toEqual([{ field: 'amount', messages: [message] }]);
    });

    it('names every bad field at once, and refuses unknown members', async () => {
      const response = await http()
        .post(`/stays/${randomUUID()}/payments`)
        .send({ paymentId: 'x', amount: '1', tip: 5 })
        .expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['amount', 'paymentId', 'tip']);
      for (const message of ['paymentId must be a UUID', 'amount must be a JSON number', 'property tip should not exist']) {
        expect(response.body.detail).toContain(message);
      }
    });

    it('answers 404 for a stay never checked in, and no stream is created', async () => {
      const stayId = randomUUID();
      const response = await charge(stayId, 10).expect(404);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(response.body).toMatchObject({ type: 'urn:hotel-checkout:problem:stay-not-found', status: 404 });
      await pay(stayId, 10).expect(404);
      await http().get(`/stays/${stayId}`).expect(404);
      expect(await store.readStream(guestStayStreamName(stayId))).toEqual([]);
    });

    it('answers 409 for a charge or a payment on a checked-out stay', async () => {
      const stayId = randomUUID();
      await checkIn(stayId).expect(200);
      await checkOut(stayId).expect(200);
      const charged = await charge(stayId, 10).expect(409);
      expect(charged.body).toMatchObject({ type: 'urn:hotel-checkout:problem:stay-closed', status: 409 });
      expect(charged.body.detail).toContain('accepts no more charges');
      const paid = await pay(stayId, 10).expect(409);
      expect(paid.body.detail).toContain('accepts no more payments');
    });
  });

  describe('POST /stays/{stayId}/check-out', () => {
    it('checks out a settled stay, and a repeat answers the same', async () => {
      const stayId = randomUUID();
      await checkIn(stayId).expect(200);
      await charge(stayId, 80.5).expect(200);
      await pay(stayId, 80.5).expect(200);
      const response = await checkOut(stayId).expect(200);
      expect(response.body).toMatchObject({ stayId, status: 'checkedOut', balance: 0 });
      await checkOut(stayId).expect(200);
      const read = await http().get(`/stays/${stayId}`).expect(200);
      expect(read.body).toEqual(response.body);
    });

    it('answers 409 with the amount when a balance is outstanding, owed or overpaid', async () => {
      const stayId = randomUUID();
      await checkIn(stayId).expect(200);
      await charge(stayId, 42.5).expect(200);
      const owed = await checkOut(stayId).expect(409);
      expect(owed.body).toMatchObject({ type: 'urn:hotel-checkout:problem:balance-outstanding', status: 409, amount: 42.5 });
      expect(owed.body.detail).toContain('42.5');
      await pay(stayId, 50).expect(200);
      const overpaid = await checkOut(stayId).expect(409);
      expect(overpaid.body.amount).toBe(-7.5);
    });

    it('answers 404 for a stay never checked in', async () => {
      await checkOut(randomUUID()).expect(404);
    });
  });

  describe('GET /stays/{stayId}', () => {
    it('reads an open stay', async () => {
      const stayId = randomUUID();
      await checkIn(stayId, { at: '2025-05-01T10:00:00Z' }).expect(200);
      await charge(stayId, 99.99).expect(200);
      const response = await http().get(`/stays/${stayId}`).expect(200);
      expect(response.body).toMatchObject({ stayId, status: 'open', balance: 99.99, checkedInAt: '2025-05-01T10:00:00.000Z' });
      expect(response.body.folio).toEqual([{ kind: 'charge', id: expect.any(String), at: expect.any(String), amount: 99.99 }]);
    });

    it('answers 404 for a stay never checked in, and 400 for a bad id', async () => {
      const missing = await http().get(`/stays/${randomUUID()}`).expect(404);
      expect(missing.body.detail).toMatch(/was never checked in/);
      await http().get('/stays/1234').expect(400);
    });
  });
});

describe('stays API with a read replica that lags behind', () => {
  const store = new LaggingReplicaStore();
  let app: NestExpressApplication;
  let client: HotelClient;

  beforeAll(async () => {
    app = await createApiApp({ store: store });
    client = new HotelClient(app.getHttpServer());
  });
  afterAll(() => app.close());

  it('answers each command with the state on the leader, which it decided on', async () => {
    const stayId = randomUUID();
    const checkedIn = await client.checkIn(stayId).expect(200);
    expect(checkedIn.body).toMatchObject({ stayId, status: 'open', balance: 0 });
    store.catchUp();
    expect((await client.charge(stayId, 12.5).expect(200)).body.balance).toBe(12.5);
    expect((await client.payStay(stayId, 2.5).expect(200)).body.balance).toBe(10);
    await client.payStay(stayId, 10).expect(200);
    expect((await client.checkOut(stayId).expect(200)).body.status).toBe('checkedOut');
  });

  it('reads the stay once per command, also to explain a refusal', async () => {
    const stayId = randomUUID();
    await client.checkIn(stayId).expect(200);
    await new GuestStayService(store).transferToGroup(stayId, randomUUID());
    const reads = jest.spyOn(store, 'readStream');
    try {
      await client.charge(stayId, 1).expect(409);
      await client.checkOut(stayId).expect(409);
      await client.checkIn(stayId).expect(200);
      expect(reads).toHaveBeenCalledTimes(3);
    } finally {
      reads.mockRestore();
    }
  });

  it('names the group that took a stay over, as the leader knows it', async () => {
    const stayId = randomUUID();
    await client.checkIn(stayId).expect(200);
    store.catchUp();
    const groupId = randomUUID();
    await new GuestStayService(store).transferToGroup(stayId, groupId);
    const refused = await client.charge(stayId, 1).expect(409);
    expect(refused.body).toMatchObject({ type: 'urn:hotel-checkout:problem:stay-transferred', groupCheckoutId: groupId });
  });

  it('reads GETs from the replica after the state it last saw, but answers 404 only when the leader has no such stay', async () => {
    const stayId = randomUUID();
    await client.checkIn(stayId).expect(200);
    expect((await client.stay(stayId).expect(200)).body.status).toBe('open');
    await client.charge(stayId, 10).expect(200);
    expect((await client.stay(stayId).expect(200)).body.balance).toBe(10);
    await new GuestStayService(store).charge(stayId, randomUUID(), 500);
    expect((await client.stay(stayId).expect(200)).body.balance).toBe(10);
    store.catchUp();
    expect((await client.stay(stayId).expect(200)).body.balance).toBe(15);
    await client.stay(randomUUID()).expect(404);
  });
});
