import { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { createApiApp } from '../../support/api-app';
import { TestDatabase, createTestDatabase } from '../../support/database';
import { HotelClient } from './hotel-client';

const DESK = 'https://desk.example.com';

/** ETags, conditional requests, Position, refunds and CORS, on Message DB. */
describe('the API for browsers, on Message DB', () => {
  let database: TestDatabase;
  let app: NestExpressApplication;
  let client: HotelClient;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createApiApp({ environment: { DATABASE_URL: database.url, DB_CONNECTIONS: '4', CORS_ORIGINS: `${DESK},http://127.0.0.1:5173` } });
    client = new HotelClient(app.getHttpServer());
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  /** The global position of the stream's last event, as Message DB recorded it. */
  async function lastGlobalPosition(streamName: string): Promise<number> {
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    try {
      const { rows } = await pool.query('SELECT max(global_position)::int AS position FROM message_store.messages WHERE stream_name = $1', [streamName]);
      return rows[0].position;
    } finally {
      await pool.end();
    }
  }

  describe('ETag and Position', () => {
    it('answers every command with the stream version as ETag and the global position of its write', async () => {
      const stayId = randomUUID();
      const streamName = `GuestStay-${stayId.replace(/-/g, '')}`;
      const checkedIn = await client.checkIn(stayId).expect(200);
      expect(checkedIn.headers.etag).toBe('"1"');
      expect(Number(checkedIn.headers.position)).toBe(await lastGlobalPosition(streamName));

      await client.checkIn(randomUUID()).expect(200); // another stream moves the global position on
      const charged = await client.charge(stayId, 10).expect(200);
      expect(charged.headers.etag).toBe('"2"');
      expect(Number(charged.headers.position)).toBe(await lastGlobalPosition(streamName));
      expect(Number(charged.headers.position)).toBeGreaterThan(Number(checkedIn.headers.position) + 1);

      // A command that writes nothing answers the position of the stream's last event.
      const repeated = await client.checkIn(stayId).expect(200);
      expect(repeated.headers).toMatchObject({ etag: '"2"', position: charged.headers.position });
    });

    it('answers a GET with the ETag, and 304 with no body while If-None-Match names it', async () => {
      const stayId = randomUUID();
      await client.checkIn(stayId).expect(200);
      const read = await client.stay(stayId).expect(200);
      expect(read.headers.etag).toBe('"1"');
      expect(read.headers.position).toBeUndefined();

      const notModified = await client.stay(stayId).set('If-None-Match', '"1"').expect(304);
      expect(notModified.text).toBe('');
      expect(notModified.headers.etag).toBe('"1"');
      await client.stay(stayId).set('If-None-Match', '"7", "1"').expect(304);

      await client.charge(stayId, 5).expect(200);
      const changed = await client.stay(stayId).set('If-None-Match', '"1"').expect(200);
      expect(changed.headers.etag).toBe('"2"');
      expect(changed.body.balance).toBe(5);
    });

    it('does the same for a group checkout', async () => {
      const groupId = randomUUID();
      await client.payGroup(groupId, 5).expect(200).expect('ETag', '"1"');
      await client.group(groupId).set('If-None-Match', '"1"').expect(304);
      await client.group(groupId, 50).set('If-None-Match', '"0"').expect(200).expect('ETag', '"1"');
    });
  });

  describe('If-Match', () => {
    it('applies a command when the stream is still at the version named', async () => {
      const stayId = randomUUID();
      await client.checkIn(stayId).expect(200);
      await client.charge(stayId, 10).set('If-Match', '"1"').expect(200).expect('ETag', '"2"');
      await client.payStay(stayId, 10).set('If-Match', '*').expect(200).expect('ETag', '"3"');
    });

    it('answers 412 with the current ETag and changes nothing when the stream has moved on', async () => {
      const stayId = randomUUID();
      await client.checkIn(stayId).expect(200);
      await client.charge(stayId, 10).expect(200);
      const stale = await client.payStay(stayId, 10).set('If-Match', '"1"').expect(412);
      expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(stale.headers.etag).toBe('"2"');
      expect(stale.body).toMatchObject({
        type: 'urn:hotel-checkout:problem:stale-version',
        status: 412,
        expectedVersion: 1,
        actualVersion: 2,
      });
      expect((await client.stay(stayId).expect(200)).body.balance).toBe(10);
      await request(app.getHttpServer()).post(`/group-checkouts/${randomUUID()}/confirm`).set('If-Match', '"3"').expect(412);
    });

    it.each(['W/"1"', '"1", "2"', '1', '"abc"'])('refuses If-Match: %s with a 400 problem', async (ifMatch) => {
      const response = await client.checkIn(randomUUID()).set('If-Match', ifMatch).expect(400);
      expect(response.body.errors).toEqual([{ field: 'If-Match', messages: [expect.stringContaining('strong entity tag')] }]);
    });
  });

  describe('check-in with room and guest name, folio and refunds', () => {
    it('shows the room, the guest and every charge, payment and refund in order; then checks out at zero', async () => {
      const stayId = randomUUID();
      const [chargeId, paymentId, refundId] = [randomUUID(), randomUUID(), randomUUID()];
      await client.checkIn(stayId, { room: '12B', guestName: 'Ada Lovelace' }).expect(200);
      await client.charge(stayId, 80, chargeId).expect(200);
      await client.payStay(stayId, 100, paymentId).expect(200);
      const outstanding = await client.checkOut(stayId).expect(409);
      expect(outstanding.body).toMatchObject({ amount: -20, detail: expect.stringContaining('refund the credit first') });

      const tooMuch = await http().post(`/stays/${stayId}/refunds`).send({ refundId, amount: 20.01 }).expect(409);
      expect(tooMuch.body).toMatchObject({ type: 'urn:hotel-checkout:problem:refund-exceeds-credit', credit: 20 });
      const refunded = await http().post(`/stays/${stayId}/refunds`).send({ refundId, amount: 20 }).expect(200);
      await http().post(`/stays/${stayId}/refunds`).send({ refundId, amount: 20 }).expect(200).expect('ETag', refunded.headers.etag);
      expect(refunded.body).toMatchObject({ stayId, room: '12B', guestName: 'Ada Lovelace', balance: 0 });
      expect(refunded.body.folio).toEqual([
        { kind: 'charge', id: chargeId, at: expect.any(String), amount: 80 },
        { kind: 'payment', id: paymentId, at: expect.any(String), amount: 100 },
        { kind: 'refund', id: refundId, at: expect.any(String), amount: 20 },
      ]);
      const out = await client.checkOut(stayId).expect(200);
      expect(out.body).toMatchObject({ status: 'checkedOut', checkedOutAt: expect.any(String), folio: refunded.body.folio });
    });

    it('refunds a group paid before its merge, which then confirms at zero', async () => {
      const groupId = randomUUID();
      await client.payGroup(groupId, 30).expect(200);
      await client.confirm(groupId).expect(409);
      const refundId = randomUUID();
      const refunded = await http().post(`/group-checkouts/${groupId}/refunds`).send({ refundId, amount: 30 }).expect(200);
      expect(refunded.body.payments.map((p: { kind: string }) => p.kind)).toEqual(['payment', 'refund']);
      expect((await client.confirm(groupId).expect(200)).body.status).toBe('confirmed');
      await http().post(`/group-checkouts/${randomUUID()}/refunds`).send({ refundId, amount: 1 }).expect(404);
    });

    it('counts characters as the domain does: a room of 16 emoji is accepted', async () => {
      const room = '\u{1F6CF}'.repeat(16); // 32 UTF-16 units
      const response = await client.checkIn(randomUUID(), { room }).expect(200);
      expect(response.body.room).toBe(room);
    });

    it.each([
      [{ room: '' }, 'room'],
      [{ room: 'x'.repeat(17) }, 'room'],
      [{ room: '\u2764\uFE0F'.repeat(9) }, 'room'], // 18 code points, though 9 emoji to the eye
      [{ guestName: 7 }, 'guestName'],
    ])('refuses a check-in with %j before the store', async (body, field) => {
      const response = await client.checkIn(randomUUID(), body).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    });
  });

  describe('CORS', () => {
    it('answers the preflight of an allowed origin, naming the methods and headers it allows', async () => {
      const response = await http()
        .options(`/stays/${randomUUID()}/charges`)
        .set('Origin', DESK)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'content-type, if-match')
        .expect(204);
      expect(response.headers['access-control-allow-origin']).toBe(DESK);
      expect(response.headers['access-control-allow-methods']).toContain('POST');
      expect(response.headers['access-control-allow-headers']).toMatch(/If-Match/);
    });

    it('marks responses to an allowed origin and exposes ETag and Position to its scripts', async () => {
      const response = await client.checkIn(randomUUID()).set('Origin', 'http://127.0.0.1:5173').expect(200);
      expect(response.headers['access-control-allow-origin']).toBe('http://127.0.0.1:5173');
      expect(response.headers['access-control-expose-headers']).toMatch(/ETag.*Position/);
      expect(response.headers.vary).toMatch(/Origin/);
    });

    it('does not mark responses to other origins', async () => {
      const response = await client.checkIn(randomUUID()).set('Origin', 'https://evil.example.com').expect(200);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});
