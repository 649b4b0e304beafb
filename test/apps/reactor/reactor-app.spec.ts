import 'reflect-metadata';
import { GroupCheckoutService, GuestStayService } from '@app/domain';
import { MessageDbStore, createPool } from '@app/store';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import net, { AddressInfo } from 'node:net';
import pg from 'pg';
import { ReactorModule } from '../../../apps/reactor/src/reactor.module';
import { ReactorRunner } from '../../../apps/reactor/src/reactor.runner';
import { TestDatabase, createTestDatabase } from '../../support/database';

describe('the reactor application (Nest standalone)', () => {
  let db: TestDatabase;
  let pool: pg.Pool;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = createPool(db.url, { max: 4 });
  });

  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('reacts to a selection and commits its checkpoint when the application closes', async () => {
    const processorName = `app-${randomUUID()}`;
    const app: INestApplicationContext = await NestFactory.createApplicationContext(
      ReactorModule.forRoot({ DATABASE_URL: db.url, PROCESSOR_NAME: processorName, CHECKPOINT_INTERVAL_MS: '600000' }),
      { logger: false },
    );
    await app.init();
    const store = new MessageDbStore({ writePool: pool });
    const stays = new GuestStayService(store);
    const groups = new GroupCheckoutService(store);
    const stayId = randomUUID();
    const groupId = randomUUID();
    await stays.checkIn(stayId);
    await stays.charge(stayId, randomUUID(), 42_00);
    await groups.select(groupId, [stayId]);

    const reactor = app.get(ReactorRunner).handle!;
    await reactor.awaitCompletion();
    expect((await groups.read(groupId)).merged).toEqual([{ stayId, residual: 42_00 }]);
    const completed = reactor.status().completedPosition;
    await app.close();

    const { rows } = await pool.query('SELECT position FROM propulsion_checkpoint WHERE consumer_group = $1', [processorName]);
    expect(rows).toEqual([{ position: completed }]);
    expect(completed).toBeGreaterThan(0);
  });

  it("serves its health in the API's shape and its metrics on REACTOR_HTTP_PORT", async () => {
    const processorName = `app-${randomUUID()}`;
    const app = await NestFactory.createApplicationContext(
      ReactorModule.forRoot({ DATABASE_URL: db.url, PROCESSOR_NAME: processorName, REACTOR_HTTP_PORT: String(await freePort()) }),
      { logger: false },
    );
    await app.init();
    try {
      const { port } = app.get(ReactorRunner).managementApp!.getHttpServer().address() as AddressInfo;
      const url = `http://127.0.0.1:${port}`;
      const health = await fetch(`${url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', info: { [processorName]: { status: 'up', state: 'running' } }, error: {} });
      expect((await fetch(`${url}/health/live`)).status).toBe(200);
      expect((await fetch(`${url}/health/ready`)).status).toBe(200);
      const metrics = await fetch(`${url}/metrics`);
      expect(metrics.headers.get('content-type')).toContain('text/plain');
      const text = await metrics.text();
      expect(text).toContain(`hotel_reactor_running{processor="${processorName}",category="GroupCheckout"} 1`);
      expect(text).toContain('hotel_process_cpu_seconds_total');
    } finally {
      await app.close();
    }
  });

  it('refuses to start on an invalid setting, naming it', async () => {
    await expect(
      NestFactory.createApplicationContext(ReactorModule.forRoot({ DATABASE_URL: db.url, BATCH_SIZE: 'lots' }), {
        logger: false,
        abortOnError: false,
      }),
    ).rejects.toThrow('BATCH_SIZE must be an integer');
  });
});

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
