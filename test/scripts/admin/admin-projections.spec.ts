import { GuestStayService } from '@app/domain';
import { MessageDbStore, createPool } from '@app/store';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { TestDatabase, createTestDatabase } from '../../support/database';
import { adminOn } from './run-admin';

describe('admin projections rebuild', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  const stayIds = [randomUUID(), randomUUID()];

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = createPool(db.url, { max: 2 });
    const stays = new GuestStayService(new MessageDbStore({ writePool: pool }));
    for (const stayId of stayIds) await stays.checkIn(stayId, new Date(), { room: '101' });
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  const staysInTable = async () => (await pool.query('SELECT id FROM hotel_read.stays ORDER BY id')).rows.map((r) => r.id);

  it('creates and fills the read tables, catching up itself, and says how far it had to go', async () => {
    const run = await adminOn(db.url)('projections', 'rebuild', '--json');
    expect(run.code).toBe(0);
    const { rows } = await pool.query('SELECT max(global_position)::int AS p FROM message_store.messages');
    expect(run.json()).toMatchObject({ target: rows[0].p, caughtUp: true });
    expect(await staysInTable()).toEqual([...stayIds].sort());
  });

  it('with --reset-only empties them and leaves the catching up to the reactor', async () => {
    const run = await adminOn(db.url)('projections', 'rebuild', '--reset-only');
    expect(run.code).toBe(0);
    expect(run.out).toContain("the reactor's projector catches up");
    expect(await staysInTable()).toEqual([]);
  });
});
