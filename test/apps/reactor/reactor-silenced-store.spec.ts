import { GroupCheckoutService, GuestStayService } from '@app/domain';
import { MessageDbStore, createPool } from '@app/store';
import { PrometheusReactorMonitor } from '@app/store/nest';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { RunningGroupCheckoutReactor, startGroupCheckoutReactor } from '../../../apps/reactor/src/group-checkout-reactor';
import { SilenceableProxy } from '../../libs/store/support/silenceable-proxy';
import { TestDatabase, createTestDatabase } from '../../support/database';
import { RunningManagement, probeUntil, startManagement } from './management-probes';

describe('the reactor while its database goes silent (packets dropped, nothing refused)', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let proxy: SilenceableProxy;
  let reactor: RunningGroupCheckoutReactor;
  let management: RunningManagement;
  let readyUrl: string;
  const processorName = `silenced-${randomUUID()}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = createPool(db.url, { max: 4 });
    proxy = await SilenceableProxy.start(db.url);
    const monitor = new PrometheusReactorMonitor();
    reactor = await startGroupCheckoutReactor({
      writeUrl: proxy.url,
      processorName,
      source: { tailSleepMs: 100 },
      statsIntervalMs: 0,
      monitor,
    });
    management = await startManagement(monitor);
    readyUrl = `${management.url}/health/ready`;
  });
  afterAll(async () => {
    await management?.close();
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
    expect(silenced.body.checks[processorName]).toMatchObject({
      status: 'down',
      problems: ['reads of the store go unanswered'],
      readOverdue: true,
      consecutiveReadErrors: 0,
    });
    expect((await fetch(`${management.url}/health/live`)).status).toBe(200);

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
