import { GroupCheckoutService, GuestStayService } from '@app/domain';
import { MessageDbStore, ReactorStatus, createPool } from '@app/store';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import pg from 'pg';
import { RunningGroupCheckoutReactor, startGroupCheckoutReactor } from '../../../apps/reactor/src/group-checkout-reactor';
import { startHealthServer } from '../../../apps/reactor/src/reactor-health';
import { SilenceableProxy } from '../../libs/store/support/silenceable-proxy';
import { TestDatabase, createTestDatabase } from '../../support/database';

interface Probe {
  readonly status: number;
  readonly body: { readonly ready: boolean; readonly live: boolean; readonly reactor: ReactorStatus };
}

/** Probes every 50 ms until the answer has the status; only the test's timeout bounds the wait. */
async function probeUntil(url: string, status: number): Promise<Probe> {
  for (;;) {
    const response = await fetch(url);
    const probe = { status: response.status, body: (await response.json()) as Probe['body'] };
    if (probe.status === status) return probe;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the reactor while its database goes silent (packets dropped, nothing refused)', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let proxy: SilenceableProxy;
  let reactor: RunningGroupCheckoutReactor;
  let health: http.Server;
  let readyUrl: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = createPool(db.url, { max: 4 });
    proxy = await SilenceableProxy.start(db.url);
    reactor = await startGroupCheckoutReactor({
      writeUrl: proxy.url,
      processorName: `silenced-${randomUUID()}`,
      source: { tailSleepMs: 100 },
      statsIntervalMs: 0,
    });
    health = await startHealthServer(0, () => reactor.handle.status());
    readyUrl = `http://127.0.0.1:${(health.address() as AddressInfo).port}/health/ready`;
  });
  afterAll(async () => {
    await new Promise((resolve) => health?.close(resolve));
    proxy?.resume();
    await reactor?.stop();
    await proxy?.close();
    await pool?.end();
    await db?.drop();
  });

  it('turns not ready while the store is silent, ready again once it answers, and reacts again', async () => {
    await probeUntil(readyUrl, 200);

    proxy.goSilent();
    const silenced = await probeUntil(readyUrl, 503);
    // The read in flight is not answered, and has not timed out yet: only its being overdue tells.
    expect(silenced.body).toMatchObject({ ready: false, live: true, reactor: { readOverdue: true, consecutiveReadErrors: 0 } });

    proxy.resume();
    await probeUntil(readyUrl, 200);

    const store = new MessageDbStore({ writePool: pool });
    const [stays, groups] = [new GuestStayService(store), new GroupCheckoutService(store)];
    const [stayId, groupId] = [randomUUID(), randomUUID()];
    await stays.checkIn(stayId);
    await stays.charge(stayId, randomUUID(), 12_34);
    await groups.select(groupId, [stayId]);
    await reactor.handle.awaitCompletion();
    expect((await groups.read(groupId, 'leader')).merged).toEqual([{ stayId, residual: 12_34 }]);
  }, 90_000);
});
