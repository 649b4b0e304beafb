import { MessageDbChangeNotifier, MessageDbStore, createPool } from '@app/store/message-db';
import { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import { Server } from 'node:net';
import pg from 'pg';
import request from 'supertest';
import { ObservedNotifier, createApiApp, startMessageDbGroupCheckoutReactor } from '../../support/api-app';
import { TestDatabase, createTestDatabase } from '../../support/database';
import { GroupCheckoutView } from '../../../apps/api/src/group-checkouts/group-checkout-view';
import { EventStreamClient } from './event-stream-client';
import { HotelClient } from './hotel-client';

/** GET /group-checkouts/{id}/events on Message DB, woken by LISTEN/NOTIFY hints. */
describe('the group checkout event stream, on Message DB', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let notifier: MessageDbChangeNotifier;
  let observed: ObservedNotifier;
  let app: NestExpressApplication;
  let client: HotelClient;
  let reactor: { stop(): Promise<void> };
  let closed = false;
  const server = () => app.getHttpServer() as Server;
  const open = (groupId: string) => new EventStreamClient(server(), `/group-checkouts/${groupId}/events`);

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool(database.url);
    notifier = new MessageDbChangeNotifier({ connectionString: database.url });
    await notifier.start();
    observed = new ObservedNotifier(notifier);
    // A fallback re-read only every minute: the events below come from the hints.
    app = await createApiApp({ environment: {}, store: new MessageDbStore({ writePool: pool }), notifier: observed, waitFallbackIntervalMs: 60_000 });
    await app.listen(0, '127.0.0.1');
    client = new HotelClient(app.getHttpServer());
    reactor = await startMessageDbGroupCheckoutReactor(database.url);
  });
  afterAll(async () => {
    await reactor?.stop();
    if (!closed) await app?.close();
    await notifier?.stop();
    await pool?.end();
    await database?.drop();
  });

  it('sends the view now and at each change, in order, and ends after the view that shows the group confirmed', async () => {
    const stayId = randomUUID();
    await client.checkIn(stayId).expect(200);
    await client.charge(stayId, 40).expect(200);
    const groupId = randomUUID();
    await client.payGroup(groupId, 10).expect(200);

    const stream = open(groupId);
    const response = await stream.response;
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
    const [first] = await stream.until(1);
    expect(first).toMatchObject({ event: 'view', id: '1' });
    expect(JSON.parse(first.data)).toMatchObject({ groupCheckoutId: groupId, status: 'ready', balance: -10 });

    // Each change waits for its event, since changes in quick succession may come as one view (the latest).
    await client.select(groupId, [stayId]).expect(202); // the reactor merges it: StaysSelected, then StaysMerged
    const merged = await stream.untilData((view) => (view as GroupCheckoutView).merged.length === 1);
    expect(JSON.parse(merged.data)).toMatchObject({ status: 'ready', balance: 30 });
    await client.payGroup(groupId, 30).expect(200);
    await stream.untilData((view) => (view as GroupCheckoutView).payments.length === 2);
    await client.confirm(groupId).expect(200);
    await stream.ended;

    const views = stream.messages.map((m) => ({ event: m.event, id: Number(m.id), view: JSON.parse(m.data) }));
    expect(views.every((v) => v.event === 'view')).toBe(true);
    const ids = views.map((v) => v.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    expect(views[views.length - 1]).toMatchObject({ id: 5, view: { status: 'confirmed', balance: 0 } });
    expect(views.filter((v) => v.view.status === 'confirmed')).toHaveLength(1);
    await observed.until(0);
  });

  it('unsubscribes from the notifier when the client leaves', async () => {
    const groupId = randomUUID();
    await client.payGroup(groupId, 10).expect(200);
    const stream = open(groupId);
    await stream.until(1);
    expect(observed.activeSubscriptions).toBe(1);
    stream.disconnect();
    await observed.until(0);
  });

  it('answers 404 for a group checkout that does not exist, before any event', async () => {
    const response = await request(server()).get(`/group-checkouts/${randomUUID()}/events`).expect(404);
    expect(response.body.type).toBe('urn:hotel-checkout:problem:group-checkout-not-found');
  });

  // Last: it closes the application.
  it('ends the open streams when the application shuts down, so that shutting down does not wait for their clients', async () => {
    const groupId = randomUUID();
    await client.payGroup(groupId, 10).expect(200);
    const stream = open(groupId);
    await stream.until(1);
    closed = true;
    await app.close();
    await stream.ended;
    expect(observed.activeSubscriptions).toBe(0);
  });
});
