import { GroupCheckoutProcess, GroupCheckoutService, GuestStayService } from '@app/domain';
import { HotelReadQueries, RunningHotelProjector, resetHotelRead, startHotelProjector } from '@app/read-model';
import { MessageDbStore, createPool } from '@app/store';
import { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { ProjectionWaiter } from '../../../apps/api/src/read-side/projection-waiter';
import { createApiApp } from '../../support/api-app';
import { TestDatabase, createTestDatabase } from '../../support/database';

describe('the lists on Message DB', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let app: NestExpressApplication;
  let stays: GuestStayService;
  let groups: GroupCheckoutService;
  let projector: RunningHotelProjector | undefined;
  /** Check-in times: one minute apart, each later than the last, so that the newest-first order is known. */
  let clock = Date.parse('2026-01-01T00:00:00Z');

  const startProjector = () => {
    projector = startHotelProjector({ url: db.url, source: { tailSleepMs: 20 }, restart: { baseMs: 10, maxMs: 50 }, checkpointCheckMs: 50 });
  };
  const stopProjector = async () => {
    await projector?.stop();
    projector = undefined;
  };
  const lastPosition = async () => Number((await pool.query('SELECT max(global_position) AS p FROM message_store.messages')).rows[0].p);
  const list = (path: string) => request(app.getHttpServer()).get(path);
  /** The list once the projection has every write so far (answered 200). */
  const listCurrent = async (path: string) => {
    const position = await lastPosition();
    return list(`${path}${path.includes('?') ? '&' : '?'}atLeast=${position}`).expect(200);
  };
  const checkIn = async (charge = 0, guest: { room?: string; guestName?: string } = {}) => {
    const stayId = randomUUID();
    await stays.checkIn(stayId, new Date((clock += 60_000)), guest);
    if (charge > 0) await stays.charge(stayId, randomUUID(), charge);
    return stayId;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = createPool(db.url, { max: 3 });
    const store = new MessageDbStore({ writePool: pool });
    stays = new GuestStayService(store);
    groups = new GroupCheckoutService(store);
    startProjector();
    await projector!.handle.awaitCompletion();
    app = await createApiApp({ environment: { DATABASE_URL: db.url, DB_CONNECTIONS: '4' } });
  });
  afterAll(async () => {
    await app?.close();
    await stopProjector();
    await pool.end();
    await db.drop();
  });

  it('lists stays newest first, filtered by status, room or a part of the name or room, with the projection position', async () => {
    const open = await checkIn(120_50, { room: '12B', guestName: 'Grace Hopper' });
    const closed = await checkIn(0, { room: '12C' });
    await stays.checkOut(closed);
    const response = await listCurrent('/stays?status=open');
    expect(response.body.items[0]).toEqual({
      stayId: open,
      room: '12B',
      guestName: 'Grace Hopper',
      status: 'open',
      balance: 120.5,
      checkedInAt: new Date(clock - 60_000).toISOString(),
    });
    expect(response.body.items.map((s: { stayId: string }) => s.stayId)).not.toContain(closed);
    expect(Number(response.headers['projection-position'])).toBeGreaterThanOrEqual(await lastPosition());
    expect(response.body.projection).toEqual({ position: Number(response.headers['projection-position']), rebuilding: false });
    const checkedOut = await list('/stays?status=checkedOut').expect(200);
    expect(checkedOut.body.items).toEqual([expect.objectContaining({ stayId: closed, status: 'checkedOut', checkedOutAt: expect.any(String) })]);
    const ids = async (path: string) => (await list(path).expect(200)).body.items.map((s: { stayId: string }) => s.stayId);
    expect(await ids('/stays?room=12B')).toEqual([open]);
    expect(await ids('/stays?room=404')).toEqual([]);
    expect(await ids('/stays?q=hopp')).toEqual([open]);
    expect(await ids('/stays?q=12')).toEqual([closed, open]);
    expect(await ids('/stays?q=12&status=checkedOut')).toEqual([closed]);
    expect(await ids('/stays?q=%25_')).toEqual([]);
  });

  it('lists group checkouts by status with their counts and balance', async () => {
    const [a, b] = [await checkIn(30_00), await checkIn(20_00)];
    const [merging, ready] = [randomUUID(), randomUUID()];
    await groups.select(merging, [a]);
    await groups.select(ready, [b]);
    await new GroupCheckoutProcess(stays, groups).react(ready);
    const all = (await listCurrent('/group-checkouts')).body.items;
    expect(all.map((g: { groupCheckoutId: string }) => g.groupCheckoutId)).toEqual(expect.arrayContaining([merging, ready]));
    const readyOnes = (await list('/group-checkouts?status=ready').expect(200)).body.items;
    expect(readyOnes).toEqual([
      expect.objectContaining({ groupCheckoutId: ready, status: 'ready', pending: 0, merged: 1, failed: 0, balance: 20, stays: [{ stayId: b, state: 'merged' }] }),
    ]);
    const mergingOnes = (await list('/group-checkouts?status=merging').expect(200)).body.items;
    expect(mergingOnes).toEqual([expect.objectContaining({ groupCheckoutId: merging, pending: 1, balance: 0 })]);
  });

  it('documents the lists: their query parameters, the Projection-Position header and the problems', async () => {
    const { body: document } = await list('/openapi.json').expect(200);
    const stays = document.paths['/stays'].get;
    expect(stays.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['atLeast', 'cursor', 'limit', 'q', 'room', 'status']);
    expect(stays.responses['200'].headers).toHaveProperty('Projection-Position');
    expect(Object.keys(stays.responses).sort()).toEqual(['200', '400', '401', '500', '503']);
    const groups = document.paths['/group-checkouts'].get;
    expect(groups.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['atLeast', 'cursor', 'limit', 'status']);
    expect(groups.parameters.find((p: { name: string }) => p.name === 'status').schema.enum).toEqual(['merging', 'ready', 'confirmed']);
  });

  it.each([
    ['/stays?status=gone', 'status'],
    ['/stays?status=open&status=checkedOut', 'status'],
    ['/stays?limit=0', 'limit'],
    ['/stays?limit=201', 'limit'],
    ['/stays?limit=ten', 'limit'],
    ['/stays?cursor=not-a-cursor', 'cursor'],
    ['/stays?atLeast=-2', 'atLeast'],
    ['/stays?atLeast=1.5', 'atLeast'],
    ['/stays?room=12345678901234567', 'room'],
    ['/stays?q=', 'q'],
    ['/stays?sort=name', 'sort'],
    ['/group-checkouts?status=open', 'status'],
    ['/group-checkouts?limit=1000', 'limit'],
  ])('answers %s with a 400 problem naming %s', async (path, field) => {
    const response = await list(path).expect(400);
    expect(response.body).toMatchObject({ type: 'urn:hotel-checkout:problem:invalid-request', errors: [expect.objectContaining({ field })] });
  });

  it('pages through every stay once, without duplicates or gaps, while rows change and stays arrive under the cursor', async () => {
    const existing = new Set<string>();
    for (let i = 0; i < 30; i++) existing.add(await checkIn(100));
    const seen: string[] = [];
    let cursor: string | undefined;
    let page = 0;
    do {
      const response = await listCurrent(`/stays?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...response.body.items.map((s: { stayId: string }) => s.stayId));
      cursor = response.body.nextCursor;
      const ids = [...existing];
      await stays.charge(ids[(page * 7) % ids.length], randomUUID(), 5_00);
      await stays.pay(ids[(page * 11) % ids.length], randomUUID(), 100);
      await checkIn();
      page++;
    } while (cursor !== undefined);
    expect(new Set(seen).size).toBe(seen.length);
    for (const stayId of existing) expect(seen).toContain(stayId);
  });

  it('waits with ?atLeast=<the Position of a command> until the projection has its write, and says how far it is without', async () => {
    await stopProjector();
    const stayId = randomUUID();
    const checkIn = await request(app.getHttpServer()).post(`/stays/${stayId}/check-in`).send({ room: '7' }).expect(200);
    const position = Number(checkIn.headers['position']);
    expect(position).toBe(await lastPosition());
    const lagging = await list('/stays').expect(200);
    expect(Number(lagging.headers['projection-position'])).toBeLessThan(position);
    const waiting = list(`/stays?atLeast=${position}`).then((response) => response);
    startProjector();
    const response = await waiting;
    expect(response.status).toBe(200);
    expect(Number(response.headers['projection-position'])).toBeGreaterThanOrEqual(position);
    expect(response.body.items[0]).toMatchObject({ stayId, room: '7' });
  });

  it('keeps answering through a rebuild: rebuilding and partial at first, then the same lists as before', async () => {
    const before = (await listCurrent('/stays?limit=200')).body.items;
    await stopProjector();
    const target = await resetHotelRead(pool);
    const during = await list('/stays').expect(200);
    expect(during.body).toMatchObject({ items: [], projection: { rebuilding: true, rebuildingTo: target } });
    startProjector();
    let rebuilding = true;
    while (rebuilding) {
      const response = await list('/stays?limit=200').expect(200);
      const ids = response.body.items.map((s: { stayId: string }) => s.stayId);
      expect(new Set(ids).size).toBe(ids.length);
      rebuilding = response.body.projection.rebuilding;
    }
    expect((await list('/stays?limit=200').expect(200)).body.items).toEqual(before);
  });
});

describe('the lists before the projector ever ran', () => {
  it('answer 503 not-ready, saying why', async () => {
    const db = await createTestDatabase();
    const app = await createApiApp({ environment: { DATABASE_URL: db.url, DB_CONNECTIONS: '3' } });
    try {
      const response = await request(app.getHttpServer()).get('/stays').expect(503);
      expect(response.body).toMatchObject({ type: 'urn:hotel-checkout:problem:not-ready', detail: expect.stringContaining('PROJECTIONS') });
    } finally {
      await app.close();
      await db.drop();
    }
  });
});

describe('the wait for ?atLeast=', () => {
  it('gives up when its time is up and answers the position reached', async () => {
    let looks = 0;
    const queries = { projectionState: async () => (looks++, { position: 3 }) } as unknown as HotelReadQueries;
    await expect(new ProjectionWaiter(queries, 50).stateAtLeast(10)).resolves.toEqual({ position: 3 });
    expect(looks).toBeGreaterThan(1);
    looks = 0;
    await expect(new ProjectionWaiter(queries, 50).stateAtLeast(3)).resolves.toEqual({ position: 3 });
    expect(looks).toBe(1);
  });
});
