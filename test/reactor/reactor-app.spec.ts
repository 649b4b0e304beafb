import 'reflect-metadata';
import { GroupCheckoutService, GuestStayService } from '@app/domain';
import { MessageDbStore, ReactorStatus, createPool } from '@app/store';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import pg from 'pg';
import { startHealthServer } from '../../apps/reactor/src/reactor-health';
import { ReactorModule } from '../../apps/reactor/src/reactor.module';
import { ReactorRunner } from '../../apps/reactor/src/reactor.runner';
import { TestDatabase, createTestDatabase } from '../support/database';

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

  it('refuses to start on an invalid setting, naming it', async () => {
    await expect(
      NestFactory.createApplicationContext(ReactorModule.forRoot({ DATABASE_URL: db.url, BATCH_SIZE: 'lots' }), {
        logger: false,
        abortOnError: false,
      }),
    ).rejects.toThrow('BATCH_SIZE must be an integer');
  });
});

describe('the reactor health endpoint', () => {
  it('answers the probes from the reactor status', async () => {
    let status = { state: 'running', consecutiveReadErrors: 0, stuck: [] } as unknown as ReactorStatus;
    const server = await startHealthServer(0, () => status);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${url}/health/ready`)).status).toBe(200);
      status = { ...status, consecutiveReadErrors: 3 };
      const notReady = await fetch(`${url}/health/ready`);
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toMatchObject({ status: 'error', live: true, ready: false });
      expect((await fetch(`${url}/health/live`)).status).toBe(200);
      expect((await fetch(`${url}/metrics`)).status).toBe(404);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
