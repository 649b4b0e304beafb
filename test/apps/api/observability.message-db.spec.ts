import { createPool } from '@app/store/message-db';
import { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { createApiApp, startMessageDbGroupCheckoutReactor } from '../../support/api-app';
import { TestDatabase, createTestDatabase } from '../../support/database';

describe('a request traced through Message DB', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let app: NestExpressApplication;
  let reactor: { stop(): Promise<void> };

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool(database.url, { max: 2 });
    app = await createApiApp({ environment: { DATABASE_URL: database.url } });
    reactor = await startMessageDbGroupCheckoutReactor(database.url);
  });
  afterAll(async () => {
    await reactor?.stop();
    await app?.close();
    await pool?.end();
    await database?.drop();
  });

  it("finds a selection's events and the reactor's merges by the request's correlation id in the metadata column", async () => {
    const [stayId, groupId] = [randomUUID(), randomUUID()];
    const server = app.getHttpServer();
    await request(server).post(`/stays/${stayId}/check-in`).send({}).expect(200);
    await request(server).post(`/stays/${stayId}/charges`).send({ chargeId: randomUUID(), amount: 25 }).expect(200);
    const selected = await request(server).post(`/group-checkouts/${groupId}/stays`).set('X-Request-Id', 'trace-42').send({ stayIds: [stayId] });
    expect(selected.status).toBe(202);
    expect(selected.headers['x-request-id']).toBe('trace-42');
    const merged = await request(server).get(`/group-checkouts/${groupId}?wait=10000`).expect(200);
    expect(merged.body.pending).toEqual([]);

    const { rows } = await pool.query(
      `SELECT id, type, metadata->>'causationId' AS "causedBy" FROM message_store.messages
       WHERE metadata->>'correlationId' = $1 ORDER BY global_position`,
      ['trace-42'],
    );
    const selection = rows[0];
    expect(rows.map((row) => [row.type, row.causedBy])).toEqual([
      ['StaysSelected', 'trace-42'],
      // One transaction: the store writes its categories in name order (GroupCheckout before GuestStay).
      ['StaysMerged', selection.id],
      ['TransferredToGroup', selection.id],
    ]);
  });
});
