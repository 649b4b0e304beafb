import { GroupCheckoutProcess, GroupCheckoutService, GuestStayService } from '@app/domain';
import {
  GROUP_CHECKOUTS_TABLE,
  GroupCheckoutRow,
  HotelReadQueries,
  RunningHotelProjector,
  STAYS_TABLE,
  StayRow,
  resetHotelRead,
  startHotelProjector,
} from '@app/read-model';
import { MessageDbStore, createPool } from '@app/store';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { TestDatabase, createTestDatabase } from '../../support/database';

describe('the hotel projector on Message DB', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let stays: GuestStayService;
  let groups: GroupCheckoutService;
  let process: GroupCheckoutProcess;
  let projector: RunningHotelProjector;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = createPool(db.url, { max: 4 });
    const store = new MessageDbStore({ writePool: pool });
    stays = new GuestStayService(store);
    groups = new GroupCheckoutService(store);
    process = new GroupCheckoutProcess(stays, groups);
    projector = startHotelProjector({ url: db.url, source: { tailSleepMs: 20 }, restart: { baseMs: 10, maxMs: 50 }, checkpointCheckMs: 50 });
  });
  afterAll(async () => {
    await projector.stop();
    await pool.end();
    await db.drop();
  });

  const stayRow = async (id: string) => (await rows<StayRow>(pool, STAYS_TABLE)).get(id);
  const groupRow = async (id: string) => (await rows<GroupCheckoutRow>(pool, GROUP_CHECKOUTS_TABLE)).get(id);

  it('keeps a stay open with its guest, room and balance, then checked out after a refund, with its times', async () => {
    const stayId = randomUUID();
    const at = new Date('2026-05-01T14:00:00.000Z');
    await stays.checkIn(stayId, at, { room: '204', guestName: 'Ada Lovelace' });
    await stays.charge(stayId, randomUUID(), 120_50);
    await stays.pay(stayId, randomUUID(), 20_00);
    await projector.handle.awaitCompletion();
    expect(await stayRow(stayId)).toMatchObject({
      status: 'open',
      room: '204',
      guest_name: 'Ada Lovelace',
      balance: 100_50,
      checked_in_at: '2026-05-01T14:00:00+00:00',
    });
    await stays.pay(stayId, randomUUID(), 110_50);
    await projector.handle.awaitCompletion();
    expect(await stayRow(stayId)).toMatchObject({ balance: -10_00 });
    await stays.refund(stayId, randomUUID(), 10_00);
    await stays.checkOut(stayId, new Date('2026-05-03T10:00:00.000Z'));
    await projector.handle.awaitCompletion();
    expect(await stayRow(stayId)).toMatchObject({
      status: 'checkedOut',
      balance: 0,
      checked_out_at: '2026-05-03T10:00:00+00:00',
      group_checkout_id: null,
      version: 6,
    });
  });

  it('follows a group from merging to ready to confirmed, and its stays to transferred', async () => {
    const [a, b, gone] = [randomUUID(), randomUUID(), randomUUID()];
    for (const stayId of [a, b, gone]) await stays.checkIn(stayId);
    await stays.charge(a, randomUUID(), 50_00);
    await stays.charge(b, randomUUID(), 25_00);
    await stays.checkOut(gone);
    const groupId = randomUUID();
    await groups.select(groupId, [a, b, gone]);
    await projector.handle.awaitCompletion();
    expect(await groupRow(groupId)).toMatchObject({ status: 'merging', pending: 3, merged: 0, failed: 0, balance: 0 });

    await process.react(groupId);
    await projector.handle.awaitCompletion();
    expect(await groupRow(groupId)).toMatchObject({
      status: 'ready',
      pending: 0,
      merged: 2,
      failed: 1,
      balance: 75_00,
      stays: [
        { stayId: a, state: 'merged', residual: 50_00 },
        { stayId: b, state: 'merged', residual: 25_00 },
        { stayId: gone, state: 'failed' },
      ],
    });
    expect(await stayRow(a)).toMatchObject({ status: 'transferred', balance: 0, group_checkout_id: groupId });

    await groups.pay(groupId, randomUUID(), 75_00);
    await groups.confirm(groupId);
    await projector.handle.awaitCompletion();
    expect(await groupRow(groupId)).toMatchObject({ status: 'confirmed', balance: 0, confirmed_at: expect.any(String) });
  });

  it('rebuilds while running: the tables empty, the projector starts again from 0 and ends with the same rows', async () => {
    for (let i = 0; i < 20; i++) {
      const stayId = randomUUID();
      await stays.checkIn(stayId);
      await stays.charge(stayId, randomUUID(), (i + 1) * 100);
    }
    await projector.handle.awaitCompletion();
    const before = [await rows(pool, STAYS_TABLE), await rows(pool, GROUP_CHECKOUTS_TABLE)];
    const restarts = projector.handle.status().map((s) => s.restarts);

    const target = await resetHotelRead(pool);
    const queries = new HotelReadQueries(pool);
    expect(await queries.projectionState()).toMatchObject({ rebuildingTo: target });
    while ((await queries.projectionState()).rebuildingTo !== undefined) await new Promise((resolve) => setTimeout(resolve, 20));
    await projector.handle.awaitCompletion();
    expect([await rows(pool, STAYS_TABLE), await rows(pool, GROUP_CHECKOUTS_TABLE)]).toEqual(before);
    projector.handle.status().forEach((s, i) => expect(s.restarts).toBeGreaterThan(restarts[i]));
  });
});

async function rows<R extends { id: string }>(pool: pg.Pool, table: string): Promise<Map<string, R & { version: number }>> {
  const result = await pool.query<{ row: R & { version: number } }>(`SELECT to_jsonb(t) AS row FROM ${table} t`);
  return new Map(result.rows.map(({ row }) => [row.id, row]));
}
