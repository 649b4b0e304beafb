import 'reflect-metadata';
import { GroupCheckoutService, GuestStayService } from '@app/domain';
import { MessageDbStore, createPool } from '@app/store';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import pg from 'pg';
import { ProjectorRunner } from '../../../apps/reactor/src/projector.runner';
import { ReactorModule } from '../../../apps/reactor/src/reactor.module';
import { ReactorRunner } from '../../../apps/reactor/src/reactor.runner';
import { findFreePort } from '../../../scripts/embedded-postgres';
import { TestDatabase, createTestDatabase } from '../../support/database';
import { sampleOf } from './management-probes';

describe('the hotel projector in the reactor app', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let stays: GuestStayService;
  let groups: GroupCheckoutService;

  beforeEach(async () => {
    db = await createTestDatabase();
    pool = createPool(db.url, { max: 3 });
    const store = new MessageDbStore({ writePool: pool });
    stays = new GuestStayService(store);
    groups = new GroupCheckoutService(store);
  });
  afterEach(async () => {
    await pool.end();
    await db.drop();
  });

  const startApp = async (settings: Record<string, string> = {}) => {
    const app: INestApplicationContext = await NestFactory.createApplicationContext(
      ReactorModule.forRoot({ DATABASE_URL: db.url, TAIL_SLEEP_MS: '100', REACTOR_HTTP_PORT: '0', ...settings }),
      { logger: false },
    );
    await app.init();
    return app;
  };

  /** A stay with a balance, selected into a group: what the group-checkout reactor merges. */
  const selectedStay = async () => {
    const [stayId, groupId] = [randomUUID(), randomUUID()];
    await stays.checkIn(stayId);
    await stays.charge(stayId, randomUUID(), 12_00);
    await groups.select(groupId, [stayId]);
    return { stayId, groupId };
  };

  it('projects beside the reactor, measured and health-checked per category under its own processor name', async () => {
    const app = await startApp({ REACTOR_HTTP_PORT: String(await findFreePort()) });
    try {
      const { stayId, groupId } = await selectedStay();
      await app.get(ReactorRunner).handle!.awaitCompletion();
      await app.get(ProjectorRunner).handle!.awaitCompletion();
      const { rows } = await pool.query('SELECT status, group_checkout_id FROM hotel_read.stays WHERE id = $1', [stayId]);
      expect(rows).toEqual([{ status: 'transferred', group_checkout_id: groupId }]);
      const management = app.get(ReactorRunner).managementApp!;
      const url = `http://127.0.0.1:${(management.getHttpServer().address() as AddressInfo).port}`;
      const health = (await (await fetch(`${url}/health`)).json()) as { details: Record<string, unknown> };
      expect(Object.keys(health.details).sort()).toEqual(['GroupCheckoutReactor', 'hotel-projector/GroupCheckout', 'hotel-projector/GuestStay']);
      const labels = { processor: 'hotel-projector', category: 'GuestStay' };
      expect(await sampleOf(url, 'hotel_reactor_handler_outcomes_total', { ...labels, outcome: 'committed' })).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });

  it('keeps the group-checkout reactor reacting while the projector keeps failing', async () => {
    // A stays table the projector cannot use: creating its indexes fails, so it starts again and again.
    await pool.query(`CREATE SCHEMA hotel_read; CREATE TABLE hotel_read.stays (id uuid PRIMARY KEY, version bigint NOT NULL)`);
    const app = await startApp({ RETRY_BASE_MS: '10', RETRY_MAX_MS: '50' });
    try {
      const { groupId } = await selectedStay();
      await app.get(ReactorRunner).handle!.awaitCompletion();
      expect((await groups.read(groupId)).merged).toHaveLength(1);
      const projector = app.get(ProjectorRunner).handle!;
      const restarts = () => projector.status().find((s) => s.category === 'GuestStay')?.restarts ?? 0;
      while (restarts() < 2) await new Promise((resolve) => setTimeout(resolve, 20));
      const { rows } = await pool.query('SELECT count(*)::int AS n FROM hotel_read.stays');
      expect(rows[0].n).toBe(0);
    } finally {
      await app.close();
    }
  });

  it('runs no projector with PROJECTIONS=false', async () => {
    const app = await startApp({ PROJECTIONS: 'false' });
    try {
      await selectedStay();
      await app.get(ReactorRunner).handle!.awaitCompletion();
      expect(app.get(ProjectorRunner).handle).toBeUndefined();
      const { rows } = await pool.query(`SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = 'hotel_read'`);
      expect(rows[0].n).toBe(0);
    } finally {
      await app.close();
    }
  });
});
