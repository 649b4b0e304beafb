import 'reflect-metadata';
import { GroupCheckoutService, GuestStayService } from '@app/domain';
import { MemoryStore, MessageDbStore, ReactorStatus, createPool, startMemoryReactor } from '@app/store';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import pg from 'pg';
import { startHealthServer } from '../../../apps/reactor/src/reactor-health';
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

describe('the reactor health endpoint on a stuck stream', () => {
  /** Probes until the status answers `expected` (or the test times out), and returns the last body. */
  async function probeUntil(url: string, expected: number): Promise<{ reactor: ReactorStatus }> {
    for (;;) {
      const response = await fetch(url);
      if (response.status === expected) return (await response.json()) as { reactor: ReactorStatus };
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('is not ready while a stream is stuck, names it, and is ready again once the stream recovers', async () => {
    const store = new MemoryStore();
    let failing = true;
    const reactor = startMemoryReactor(store, {
      category: 'Group',
      sink: {
        handler: async (_, events) => {
          if (failing) throw new Error('the handler fails');
          return { outcome: 'ok', version: events[events.length - 1].position + 1 };
        },
        stuckThreshold: 1,
        retry: { baseMs: 10, maxMs: 10, jitter: 0 },
      },
      statsIntervalMs: 0,
    });
    const server = await startHealthServer(0, () => reactor.status());
    const ready = `http://127.0.0.1:${(server.address() as AddressInfo).port}/health/ready`;
    try {
      await probeUntil(ready, 200);
      await store.appendToStream('Group-1', 0, [{ id: randomUUID(), type: 'Happened', data: {} }]);

      const stuck = await probeUntil(ready, 503);
      expect(stuck).toMatchObject({ status: 'error', live: true, ready: false });
      expect(stuck.reactor.stuck.map((s) => s.streamName)).toEqual(['Group-1']);

      failing = false;
      const recovered = await probeUntil(ready, 200);
      expect(recovered.reactor.stuck).toEqual([]);
      await reactor.awaitCompletion();
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await reactor.stop();
    }
  });
});
