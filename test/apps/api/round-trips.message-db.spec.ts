import { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Test } from 'supertest';
import { createApiApp } from '../../support/api-app';
import { TestDatabase, createTestDatabase } from '../../support/database';
import { HotelClient } from './hotel-client';

/** The statements (each one round trip to PostgreSQL) the API sends while answering `request`. */
async function statementsOf(request: Test, status: number): Promise<number> {
  const statements = jest.spyOn(pg.Client.prototype, 'query');
  try {
    await request.expect(status);
    return statements.mock.calls.length;
  } finally {
    statements.mockRestore();
  }
}

describe.each([
  ['with the state cache (the default)', {}, { checkIn: 1, charge: 1, refusal: 1, get: 1 }],
  ['with STATE_CACHE_ENTRIES=0', { STATE_CACHE_ENTRIES: '0' }, { checkIn: 1, charge: 2, refusal: 1, get: 1 }],
])('the API on Message DB %s', (_, settings, expected) => {
  let database: TestDatabase;
  let app: NestExpressApplication;
  let client: HotelClient;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createApiApp({ environment: { DATABASE_URL: database.url, ...settings } });
    client = new HotelClient(app.getHttpServer());
    // Opens the pool's connections, so that no connection set-up is counted below.
    await Promise.all(Array.from({ length: 8 }, () => client.stay(randomUUID()).expect(404)));
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('counts the statements of a new stay\'s check-in, a charge, a refused check-out and a GET', async () => {
    const stayId = randomUUID();
    expect(await statementsOf(client.checkIn(stayId), 200)).toBe(expected.checkIn);
    expect(await statementsOf(client.charge(stayId, 10), 200)).toBe(expected.charge);
    expect(await statementsOf(client.checkOut(stayId), 409)).toBe(expected.refusal);
    expect(await statementsOf(client.stay(stayId), 200)).toBe(expected.get);
    expect((await client.stay(stayId).expect(200)).body).toMatchObject({ status: 'open', balance: 10 });
  });
});
