import { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import pg from 'pg';
import request from 'supertest';
import { createApiApp, startMessageDbGroupCheckoutReactor } from '../../support/api-app';
import { TestDatabase, createTestDatabase, dropDatabase, uniqueDatabaseName, withAdminClient } from '../../support/database';
import { HotelClient } from './hotel-client';
import { GroupCheckoutBody, runCheckOutVersusGroup, runCompetingGroups, runTemplateScenario } from './scenarios';

const PROBLEM_JSON = /^application\/problem\+json/;

describe('the API on Message DB', () => {
  let database: TestDatabase;
  let app: NestExpressApplication;
  let client: HotelClient;

  /** The front desk's way: one GET that answers once nothing is pending. */
  const awaitMerge = async (groupId: string): Promise<GroupCheckoutBody> => {
    const response = await client.group(groupId, 10_000).expect(200);
    expect(response.body.pending).toEqual([]);
    return response.body;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createApiApp({ environment: { DATABASE_URL: database.url, DB_CONNECTIONS: '9' } });
    client = new HotelClient(app.getHttpServer());
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  async function checkedInStay(charge?: number): Promise<string> {
    const stayId = randomUUID();
    await client.checkIn(stayId).expect(200);
    if (charge !== undefined) await client.charge(stayId, charge).expect(200);
    return stayId;
  }

  describe('before the reactor runs', () => {
    it('reports ready', async () => {
      const response = await request(app.getHttpServer()).get('/health/ready').expect(200);
      expect(response.body).toMatchObject({ status: 'ok', details: { store: { status: 'up' } } });
      await request(app.getHttpServer()).get('/health').expect(200);
    });

    it('keeps selected stays pending: confirm answers 409, ?wait= answers "merging" when it runs out', async () => {
      const groupId = randomUUID();
      await client.select(groupId, [await checkedInStay(10)]).expect(202);
      const confirm = await client.confirm(groupId).expect(409);
      expect(confirm.body.type).toBe('urn:hotel-checkout:problem:group-checkout-merging');
      const waited = await client.group(groupId, 100).expect(200);
      expect(waited.body).toMatchObject({ status: 'merging', pending: [expect.any(String)] });
    });
  });

  describe('with the reactor running', () => {
    let reactor: { stop(): Promise<void> };

    beforeAll(async () => {
      reactor = await startMessageDbGroupCheckoutReactor(database.url);
    });
    afterAll(() => reactor?.stop());

    it('serves the stay routes with their success and error statuses', async () => {
      const stayId = randomUUID();
      const checkedIn = await client.checkIn(stayId.toUpperCase(), { at: '2025-05-01T14:00:00Z' }).expect(200);
      expect(checkedIn.body).toEqual({ stayId, status: 'open', balance: 0, checkedInAt: '2025-05-01T14:00:00.000Z', folio: [] });
      await client.checkIn(stayId).expect(200, checkedIn.body);

      const chargeId = randomUUID();
      await client.charge(stayId, 0.1, chargeId).expect(200);
      const charged = await client.charge(stayId, 0.2).expect(200);
      expect(charged.body.balance).toBe(0.3);
      await client.charge(stayId, 5, chargeId).expect(200);
      await client.charge(stayId, 1.001).expect(400);
      await client.charge(randomUUID(), 1).expect(404);

      const owed = await client.checkOut(stayId).expect(409);
      expect(owed.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(owed.body).toMatchObject({ type: 'urn:hotel-checkout:problem:balance-outstanding', amount: 0.3 });

      const paymentId = randomUUID();
      await client.payStay(stayId, 0.3, paymentId).expect(200);
      const settled = await client.payStay(stayId, 0.3, paymentId).expect(200);
      expect(settled.body.balance).toBe(0);
      await client.payStay(randomUUID(), 1).expect(404);

      const checkedOut = await client.checkOut(stayId).expect(200);
      expect(checkedOut.body).toMatchObject({ status: 'checkedOut', balance: 0 });
      await client.checkOut(stayId).expect(200);
      await client.checkOut(randomUUID()).expect(404);
      await client.charge(stayId, 1).expect(409);
      await client.payStay(stayId, 1).expect(409);
      await client.stay(stayId).expect(200, checkedOut.body);
      await client.stay(randomUUID()).expect(404);
    });

    it('serves the group routes with their success and error statuses', async () => {
      const [s1, s2] = [await checkedInStay(10), await checkedInStay(5.5)];
      const groupId = randomUUID();
      await client.group(groupId).expect(404);
      await client.confirm(groupId).expect(404);
      await client.select(groupId, []).expect(400);
      const selected = await client.select(groupId, [s1, s2]).expect(202);
      expect(selected.body.groupCheckoutId).toBe(groupId);

      const merged = await awaitMerge(groupId);
      expect(merged).toEqual({
        groupCheckoutId: groupId,
        status: 'ready',
        pending: [],
        merged: [
          { stayId: s1, residual: 10 },
          { stayId: s2, residual: 5.5 },
        ],
        failed: [],
        balance: 15.5,
        payments: [],
      });
      const transferred = await client.checkOut(s1).expect(409);
      expect(transferred.body).toMatchObject({ type: 'urn:hotel-checkout:problem:stay-transferred', groupCheckoutId: groupId });
      await client.charge(s1, 1).expect(409);

      const owed = await client.confirm(groupId).expect(409);
      expect(owed.body.amount).toBe(15.5);
      await client.payGroup(groupId, 15.5).expect(200);
      const confirmed = await client.confirm(groupId).expect(200);
      expect(confirmed.body).toMatchObject({ status: 'confirmed', balance: 0 });
      await client.select(groupId, [await checkedInStay()]).expect(409);
      await client.payGroup(groupId, 1).expect(409);
      await client.group(groupId, 10_000).expect(200, confirmed.body);
      await client.group(groupId, 10_001).expect(400);
    });

    it('checks groups out end to end over HTTP, paying before or after the merge', async () => {
      await runTemplateScenario(client, awaitMerge, { stayCharges: [12_345, 1, 99_999_999, 500], payBefore: false });
      await runTemplateScenario(client, awaitMerge, { stayCharges: [250, 7_00, 1_999], payBefore: true });
      const many = Array.from({ length: 40 }, (_, i) => 100 * (i + 1));
      await runTemplateScenario(client, awaitMerge, { stayCharges: many, payBefore: false });
    });

    it('lets exactly one of two groups selecting the same stays at once merge each stay', async () => {
      await runCompetingGroups(client, awaitMerge, 20);
    });

    it('lets exactly one of an individual check-out and a group take each stay', async () => {
      await runCheckOutVersusGroup(client, awaitMerge, 20);
    });
  });
});

describe('the API when the store is unreachable or not initialised', () => {
  it('answers 503 promptly when nothing listens at DATABASE_URL, and still reports itself live', async () => {
    const port = await closedPort();
    const app = await createApiApp({
      environment: { DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/hotel`, STORE_TIMEOUT_MS: '500' },
      logLevels: false,
    });
    try {
      const http = () => request(app.getHttpServer());
      const command = await http().post(`/stays/${randomUUID()}/check-in`).send({}).expect(503);
      expect(command.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(command.body).toMatchObject({ type: 'urn:hotel-checkout:problem:store-unavailable', status: 503 });
      await http().get(`/group-checkouts/${randomUUID()}?wait=5000`).expect(503);
      const ready = await http().get('/health/ready').expect(503);
      expect(ready.body).toMatchObject({
        type: 'urn:hotel-checkout:problem:not-ready',
        detail: 'Failing health checks: store.',
        checks: { store: { status: 'down', message: expect.stringContaining('ECONNREFUSED') } },
      });
      await http().get('/health').expect(503);
      await http().get('/health/live').expect(200);
    } finally {
      await app.close();
    }
  });

  it('answers 503, not a hang, when the database accepts connections but never answers', async () => {
    const silent = await silentServer();
    const app = await createApiApp({
      environment: { DATABASE_URL: `postgres://postgres@127.0.0.1:${silent.port}/hotel`, STORE_TIMEOUT_MS: '300' },
      logLevels: false,
    });
    try {
      const http = () => request(app.getHttpServer());
      const [command, wait, ready] = await Promise.all([
        http().post(`/stays/${randomUUID()}/charges`).send({ chargeId: randomUUID(), amount: 1 }),
        http().get(`/group-checkouts/${randomUUID()}?wait=10000`),
        http().get('/health/ready'),
      ]);
      expect([command.status, wait.status, ready.status]).toEqual([503, 503, 503]);
      expect(command.body.type).toBe('urn:hotel-checkout:problem:store-unavailable');
      expect(ready.body.checks.store.status).toBe('down');
    } finally {
      await app.close();
      silent.close();
    }
  });

  it('reports not ready when Message DB is not installed in the database', async () => {
    const serverUrl = process.env.TEST_DATABASE_SERVER_URL as string;
    const name = uniqueDatabaseName('bare');
    await withAdminClient(serverUrl, (admin) => admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`));
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const app = await createApiApp({ environment: { DATABASE_URL: url.toString() }, logLevels: false });
    try {
      const ready = await request(app.getHttpServer()).get('/health/ready').expect(503);
      expect(ready.body.checks.store).toEqual({ status: 'down', message: expect.stringContaining('Message DB is not installed') });
    } finally {
      await app.close();
      await dropDatabase(serverUrl, name);
    }
  });
});

/** A TCP server that accepts connections and never says a word, as a hung database would. */
async function silentServer(): Promise<{ port: number; close(): void }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
