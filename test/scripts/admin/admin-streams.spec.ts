import { GroupCheckoutService, GuestStayService, groupCheckoutStreamName, guestStayStreamName } from '@app/domain';
import { MemoryStore, MessageDbStore, PostgresParkedStreamStore, ReactorHandle, createPool, startMemoryReactor } from '@app/store';
import { PrometheusReactorMonitor } from '@app/store/nest';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { TestDatabase, createTestDatabase } from '../../support/database';
import { RunningManagement, probeUntil, startManagement } from '../../apps/reactor/management-probes';
import { chargedStay, poisonCharge } from '../../apps/reactor/poisoned-stay';
import { adminOn } from './run-admin';

describe('admin CLI: streams, stuck and parked streams', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let admin: ReturnType<typeof adminOn>;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = createPool(db.url, { max: 2 });
    admin = adminOn(db.url);
  });

  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  describe('stream show', () => {
    it('shows the events of a stream by name or by id, decoded, with positions, time and metadata', async () => {
      const store = new MessageDbStore({ writePool: pool });
      const stayId = await chargedStay(new GuestStayService(store), 12_00);
      const groupId = randomUUID();
      await new GroupCheckoutService(store).select(groupId, [stayId]);

      const byName = await admin('stream', 'show', guestStayStreamName(stayId), '--json');
      expect(byName.code).toBe(0);
      const [stay] = byName.json();
      expect(stay.streamName).toBe(guestStayStreamName(stayId));
      expect(stay.events.map((e: { type: string; position: number }) => [e.position, e.type])).toEqual([[0, 'CheckedIn'], [1, 'Charged']]);
      expect(stay.events[1]).toEqual(expect.objectContaining({ globalPosition: expect.any(Number), time: expect.any(String), metadata: null }));
      expect(stay.events[1].undecodable).toBeUndefined();

      const byId = await admin('stream', 'show', groupId);
      expect(byId.out).toMatch(/STREAM\s+POS\s+GLOBAL\s+TIME\s+TYPE\s+DATA\s+METADATA/);
      expect(byId.out).toContain(groupCheckoutStreamName(groupId));
      expect(byId.out).toContain('StaysSelected');

      const { rows } = await pool.query(`SELECT id FROM message_store.messages WHERE stream_name = $1 AND position = 0`, [guestStayStreamName(stayId)]);
      expect((await admin('stream', 'show', rows[0].id, '--json')).json()[0].streamName).toBe(guestStayStreamName(stayId));
    });

    it('flags an event the service cannot decode, and says so when nothing is found', async () => {
      const stayId = await chargedStay(new GuestStayService(new MessageDbStore({ writePool: pool })), 3_00);
      await poisonCharge(pool, stayId);
      const shown = await admin('stream', 'show', stayId);
      expect(shown.out).toContain('UNDECODABLE: Cannot decode event 1');

      const missing = await admin('stream', 'show', 'GuestStay-nothing');
      expect(missing.code).toBe(4);
      expect(missing.err).toContain('No stream named "GuestStay-nothing"');
    });
  });

  describe('stuck list', () => {
    let management: RunningManagement;
    let reactor: ReactorHandle;
    let url: string;
    const processorName = `stuck-${randomUUID()}`;

    beforeAll(async () => {
      const store = new MemoryStore();
      const monitor = new PrometheusReactorMonitor();
      reactor = startMemoryReactor(store, {
        category: 'Group',
        processorName,
        monitor,
        statsIntervalMs: 0,
        sink: { handler: () => Promise.reject(new Error('boom')), stuckThreshold: 1, retry: { baseMs: 5, maxMs: 5, jitter: 0 } },
      });
      management = await startManagement(monitor);
      url = management.url;
      await store.appendToStream('Group-1', 0, [{ id: randomUUID(), type: 'Happened', data: {} }]);
      await probeUntil(`${url}/health/ready`, 503);
    });

    afterAll(async () => {
      await management.close();
      await reactor.stop();
    });

    it("lists what each member's management endpoint reports stuck", async () => {
      const run = await admin('stuck', 'list', '--url', url, '--json');
      expect(run.code).toBe(0);
      expect(run.json().stuck).toEqual([
        { reactor: url, processorName, streamName: 'Group-1', attempts: expect.any(Number), lastError: 'Error: boom', since: expect.any(String) },
      ]);
      const port = new URL(url).port;
      expect((await adminOn(db.url, { REACTOR_HTTP_PORT: port })('stuck', 'list')).out).toMatch(/REACTOR\s+PROCESSOR\s+STREAM[^\n]*\n.*Group-1/);
    });

    it('fails (exit 1) naming a member it cannot reach, and asks for a URL when it has none', async () => {
      const unreachable = await admin('stuck', 'list', '--url', url, '--url', 'http://127.0.0.1:1');
      expect(unreachable.code).toBe(1);
      expect(unreachable.out).toContain('Group-1');
      expect(unreachable.out).toContain('Could not ask: http://127.0.0.1:1');
      const none = await admin('stuck', 'list');
      expect(none.code).toBe(2);
      expect(none.err).toContain('Pass --url');
    });
  });

  describe('parked drop', () => {
    const parked = (streamName: string) => ({
      source: 'messageDb',
      tranche: 'GroupCheckout',
      processorName: 'Dropper',
      consumerGroup: 'Dropper',
      streamName,
      attempts: 3,
      lastError: 'Error: boom',
      parkedAt: new Date(),
      fromVersion: 0,
      toVersion: 1,
      lastGlobalPosition: 9,
    });

    it('drops one parked stream or all of a processor, refusing an empty or double selection and an unknown stream', async () => {
      const store = new PostgresParkedStreamStore(pool);
      for (const name of ['GroupCheckout-a', 'GroupCheckout-b', 'GroupCheckout-c']) await store.park(parked(name));
      expect((await admin('parked', 'drop')).code).toBe(2);
      expect((await admin('parked', 'drop', 'GroupCheckout-a', '--all')).err).toContain('Name one parked stream, or pass --all');
      const unknown = await admin('parked', 'drop', 'GroupCheckout-z');
      expect([unknown.code, unknown.err]).toEqual([4, 'admin: Stream "GroupCheckout-z" is not parked']);

      expect((await admin('parked', 'drop', 'GroupCheckout-a')).out).toBe('Dropped 1 parked stream(s): GroupCheckout-a (Dropper)');
      expect((await admin('parked', 'list', '--processor', 'Dropper', '--json')).json().map((p: { streamName: string }) => p.streamName)).toEqual([
        'GroupCheckout-b',
        'GroupCheckout-c',
      ]);
      expect((await admin('parked', 'drop', '--all', '--processor', 'Dropper', '--json')).json().dropped).toHaveLength(2);
      expect(await store.list()).toEqual([]);
    });

    it('reports a parked stream of a processor it has no handler for, and leaves it parked', async () => {
      const store = new PostgresParkedStreamStore(pool);
      await store.park(parked('GroupCheckout-d'));
      const run = await admin('parked', 'retry', 'GroupCheckout-d');
      expect(run.code).toBe(1);
      expect(run.out).toContain('no handler for processor "Dropper" here (PROCESSOR_NAME is GroupCheckoutReactor)');
      expect(await store.list()).toHaveLength(1);
    });
  });
});
