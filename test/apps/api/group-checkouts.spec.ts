import { GroupCheckoutProcess, GroupCheckoutService, GuestStayService, guestStayStreamName } from '@app/domain';
import {
  AppendResult,
  EventStore,
  EventToWrite,
  MemoryChangeNotifier,
  MemoryStore,
  StoreUnavailableError,
  WrongExpectedVersionError,
} from '@app/store';
import { ReactorHandle } from '@app/store/reactor';
import { NestExpressApplication } from '@nestjs/platform-express';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import {
  LaggingReplicaStore,
  ObservedNotifier,
  createApiApp,
  silentNotifier,
  startMemoryGroupCheckoutReactor,
} from '../../support/api-app';
import { HotelClient } from './hotel-client';
import { GroupCheckoutBody, runCheckOutVersusGroup, runCompetingGroups, runTemplateScenario } from './scenarios';

const PROBLEM_JSON = /^application\/problem\+json/;
/**
 * The waits below are for 10 s; the path under test answers in milliseconds. A broken path would only answer when
 * the wait runs out (its last read then shows the merge too), so these tests fail by timing out first.
 */
const WELL_BEFORE_THE_WAIT_RUNS_OUT = 5_000;

/** A MemoryStore whose appends to a held stream wait until it is released: a reaction writing there waits too. */
class HoldingStore extends MemoryStore {
  private readonly held = new Map<string, Promise<void>>();

  /** Returns the release function. */
  hold(streamName: string): () => void {
    let release!: () => void;
    this.held.set(streamName, new Promise<void>((resolve) => (release = resolve)));
    return () => {
      this.held.delete(streamName);
      release();
    };
  }

  override async appendToStream(streamName: string, expectedVersion: number, events: readonly EventToWrite[]): Promise<AppendResult> {
    await this.held.get(streamName);
    return super.appendToStream(streamName, expectedVersion, events);
  }
}

describe('group checkouts API (in memory, with the reactor)', () => {
  const store = new HoldingStore();
  const notifier = new ObservedNotifier(new MemoryChangeNotifier(store));
  let reactor: ReactorHandle;
  let app: NestExpressApplication;
  let client: HotelClient;

  /** Deterministic: every reaction to the writes so far has completed. */
  const awaitMerge = async (groupId: string): Promise<GroupCheckoutBody> => {
    await reactor.awaitCompletion();
    return (await client.group(groupId).expect(200)).body;
  };

  beforeAll(async () => {
    reactor = startMemoryGroupCheckoutReactor(store);
    // No fallback re-reads within a test's time: a ?wait= that answers early was woken by a hint.
    app = await createApiApp({ store: store, notifier: notifier, waitFallbackIntervalMs: 60_000 });
    client = new HotelClient(app.getHttpServer());
  });
  afterAll(async () => {
    await app.close();
    await reactor.stop();
  });
  afterEach(() => expect(notifier.activeSubscriptions).toBe(0));

  async function checkedInStay(charge?: number): Promise<string> {
    const stayId = randomUUID();
    await client.checkIn(stayId).expect(200);
    if (charge !== undefined) await client.charge(stayId, charge).expect(200);
    return stayId;
  }

  describe('POST /group-checkouts/{id}/stays', () => {
    it('answers 202 with the stays pending, which the reactor then merges', async () => {
      const [s1, s2] = [await checkedInStay(10.5), await checkedInStay(20)];
      const groupId = randomUUID();
      const selected = await client.select(groupId.toUpperCase(), [s1, s2.replace(/-/g, '').toUpperCase()]).expect(202);
      expect(selected.body.groupCheckoutId).toBe(groupId);
      expect(selected.body.pending.length + selected.body.merged.length).toBe(2);
      const merged = await awaitMerge(groupId);
      expect(merged).toEqual({
        groupCheckoutId: groupId,
        status: 'ready',
        pending: [],
        merged: [
          { stayId: s1, residual: 10.5 },
          { stayId: s2, residual: 20 },
        ],
        failed: [],
        balance: 30.5,
        payments: [],
      });
    });

    it('lists stays never checked in, or already checked out, as failed', async () => {
      const checkedOut = await checkedInStay();
      await client.checkOut(checkedOut).expect(200);
      const unknown = randomUUID();
      const groupId = randomUUID();
      await client.select(groupId, [unknown, checkedOut]).expect(202);
      const group = await awaitMerge(groupId);
      expect(group).toMatchObject({ status: 'ready', merged: [], failed: [unknown, checkedOut], balance: 0 });
    });

    it.each([
      [[], 'stayIds must contain at least 1 stay'],
      ['abc', 'stayIds must be an array of UUIDs'],
      [[randomUUID(), 'x'], 'stayIds[1] must be a UUID'],
      [Array.from({ length: 1001 }, () => randomUUID()), 'stayIds must contain at most 1000 stays'],
    ])('refuses stayIds %#', async (stayIds, message) => {
      const response = await client.select(randomUUID(), stayIds).expect(400);
      expect(response.body.errors).toEqual([{ field: 'stayIds', messages: [message] }]);
    });

    it('answers 409 for new stays once the group is confirmed, and 202 for a replay', async () => {
      const stayId = await checkedInStay();
      const groupId = randomUUID();
      await client.select(groupId, [stayId]).expect(202);
      await awaitMerge(groupId);
      await client.confirm(groupId).expect(200);
      const refused = await client.select(groupId, [randomUUID()]).expect(409);
      expect(refused.body).toMatchObject({ type: 'urn:hotel-checkout:problem:group-checkout-confirmed', status: 409 });
      const replay = await client.select(groupId, [stayId]).expect(202);
      expect(replay.body.status).toBe('confirmed');
    });
  });

  describe('POST /group-checkouts/{id}/payments', () => {
    it('pays towards the group, idempotently by paymentId, and creates the group when it is new', async () => {
      const groupId = randomUUID();
      const paymentId = randomUUID();
      const paid = await client.payGroup(groupId, 12.34, paymentId).expect(200);
      expect(paid.body).toMatchObject({ groupCheckoutId: groupId, status: 'ready', pending: [], merged: [], failed: [], balance: -12.34 });
      expect(paid.body.payments).toEqual([{ kind: 'payment', id: paymentId, at: expect.any(String), amount: 12.34 }]);
      const repeat = await client.payGroup(groupId, 99, paymentId.toUpperCase()).expect(200);
      expect(repeat.body.balance).toBe(-12.34);
    });

    it('refuses a bad amount or payment id', async () => {
      const response = await client.payGroup(randomUUID(), 0.001, 'nope').expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['amount', 'paymentId']);
    });

    it('answers 409 for a new payment after confirm', async () => {
      const groupId = randomUUID();
      const stayId = await checkedInStay(5);
      await client.select(groupId, [stayId]).expect(202);
      await awaitMerge(groupId);
      await client.payGroup(groupId, 5).expect(200);
      await client.confirm(groupId).expect(200);
      const refused = await client.payGroup(groupId, 5).expect(409);
      expect(refused.body.type).toBe('urn:hotel-checkout:problem:group-checkout-confirmed');
    });
  });

  describe('POST /group-checkouts/{id}/confirm', () => {
    it('confirms a settled group at zero balance; a repeat answers the same', async () => {
      const groupId = randomUUID();
      await client.select(groupId, [await checkedInStay(7)]).expect(202);
      await awaitMerge(groupId);
      const owed = await client.confirm(groupId).expect(409);
      expect(owed.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(owed.body).toMatchObject({ type: 'urn:hotel-checkout:problem:balance-outstanding', amount: 7 });
      await client.payGroup(groupId, 7).expect(200);
      const confirmed = await client.confirm(groupId).expect(200);
      expect(confirmed.body).toMatchObject({ status: 'confirmed', balance: 0 });
      await client.confirm(groupId).expect(200);
      await client.group(groupId).expect(200, confirmed.body);
    });

    it('answers 409 with a negative amount for an overpaid group', async () => {
      const groupId = randomUUID();
      await client.payGroup(groupId, 3).expect(200);
      const overpaid = await client.confirm(groupId).expect(409);
      expect(overpaid.body.amount).toBe(-3);
    });

    it('answers 404 for a group never created', async () => {
      const response = await client.confirm(randomUUID()).expect(404);
      expect(response.body.type).toBe('urn:hotel-checkout:problem:group-checkout-not-found');
    });
  });

  describe('GET /group-checkouts/{id}', () => {
    it('answers 404 for a group never created, with or without a wait', async () => {
      await client.group(randomUUID()).expect(404);
      await client.group(randomUUID(), 10_000).expect(404);
    });

    it.each(['abc', '-1', '10001', '1.5', '', '1e3'])('refuses ?wait=%s', async (wait) => {
      const response = await client.group(randomUUID(), wait).expect(400);
      expect(response.body.errors).toEqual([{ field: 'wait', messages: [expect.stringContaining('0 to 10000')] }]);
    });

    it('with ?wait= answers as soon as the merge it is waiting for lands', async () => {
      const groupId = randomUUID();
      const stays = [await checkedInStay(1), await checkedInStay(2), await checkedInStay(3)];
      // The merge waits for the last stay's transfer, so that the GET below really waits for it.
      const releaseLastTransfer = store.hold(guestStayStreamName(stays[2]));
      let waiting: Promise<Awaited<ReturnType<HotelClient['group']>>>;
      try {
        const selected = await client.select(groupId, stays).expect(202);
        expect(selected.body.status).toBe('merging');
        waiting = client.group(groupId, 10_000).then((response) => response);
        await notifier.until(1);
      } finally {
        releaseLastTransfer();
      }
      const response = await waiting;
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'ready', pending: [], balance: 6 });
    }, WELL_BEFORE_THE_WAIT_RUNS_OUT);
  });

  describe('the scenarios', () => {
    it('checks random groups out end to end over HTTP', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.integer({ min: 1, max: 100_000_000 }), { minLength: 1, maxLength: 12 }),
          fc.boolean(),
          (stayCharges, payBefore) => runTemplateScenario(client, awaitMerge, { stayCharges, payBefore }),
        ),
        { numRuns: 15 },
      );
    });

    it('lets exactly one of two groups selecting the same stays at once merge each stay', async () => {
      await runCompetingGroups(client, awaitMerge, 10);
    });

    it('lets exactly one of an individual check-out and a group take each stay', async () => {
      await runCheckOutVersusGroup(client, awaitMerge, 10);
    });
  });
});

describe('GET /group-checkouts/{id}?wait= without a running reactor', () => {
  const store = new MemoryStore();
  const notifier = new ObservedNotifier(new MemoryChangeNotifier(store));
  let app: NestExpressApplication;
  let client: HotelClient;

  beforeAll(async () => {
    app = await createApiApp({ store: store, notifier: notifier, waitFallbackIntervalMs: 60_000 });
    client = new HotelClient(app.getHttpServer());
  });
  afterAll(() => app.close());

  async function groupWithPendingStay(): Promise<string> {
    const groupId = randomUUID();
    const stayId = randomUUID();
    await client.checkIn(stayId).expect(200);
    await client.select(groupId, [stayId]).expect(202);
    return groupId;
  }

  it('answers "merging" with the current view when the wait runs out, and unsubscribes', async () => {
    const groupId = await groupWithPendingStay();
    const response = await client.group(groupId, 30).expect(200);
    expect(response.body).toMatchObject({ status: 'merging', pending: [expect.any(String)] });
    expect(notifier.activeSubscriptions).toBe(0);
  });

  it('answers at once without ?wait= or with ?wait=0, without subscribing', async () => {
    const groupId = await groupWithPendingStay();
    await client.group(groupId).expect(200);
    await client.group(groupId, 0).expect(200);
    expect(notifier.activeSubscriptions).toBe(0);
  });

  it('answers 409 to confirm while stays are merging', async () => {
    const groupId = await groupWithPendingStay();
    const response = await client.confirm(groupId).expect(409);
    expect(response.body).toMatchObject({ type: 'urn:hotel-checkout:problem:group-checkout-merging', status: 409 });
  });

  it('wakes a waiting request when the reactor, started later, completes the merge', async () => {
    const groupId = await groupWithPendingStay();
    const waiting = client.group(groupId, 10_000).then((response) => response);
    await notifier.until(1);
    const reactor = startMemoryGroupCheckoutReactor(store);
    try {
      const lateStay = randomUUID();
      await client.checkIn(lateStay).expect(200);
      await client.select(groupId, [lateStay]).expect(202); // a write the reactor sees: it merges every pending stay
      const response = await waiting;
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'ready', pending: [], failed: [] });
      expect(response.body.merged).toHaveLength(2);
    } finally {
      await reactor.stop();
    }
    expect(notifier.activeSubscriptions).toBe(0);
  }, WELL_BEFORE_THE_WAIT_RUNS_OUT);

  it('unsubscribes and clears its timers when the client disconnects', async () => {
    const groupId = await groupWithPendingStay();
    const server = app.getHttpServer() as http.Server;
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const clientRequest = http.get({ host: '127.0.0.1', port, path: `/group-checkouts/${groupId}?wait=10000` });
    clientRequest.on('error', () => undefined);
    await notifier.until(1);
    clientRequest.destroy();
    await notifier.until(0);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }, WELL_BEFORE_THE_WAIT_RUNS_OUT);
});

describe('GET /group-checkouts/{id}?wait= when hints are lost', () => {
  it('still sees the merge through its fallback re-reads', async () => {
    const store = new MemoryStore();
    const notifier = new ObservedNotifier(silentNotifier);
    const app = await createApiApp({ store: store, notifier: notifier, waitFallbackIntervalMs: 20 });
    const client = new HotelClient(app.getHttpServer());
    const [early, late] = [randomUUID(), randomUUID()];
    await client.checkIn(early).expect(200);
    await client.checkIn(late).expect(200);
    const groupId = randomUUID();
    await client.select(groupId, [early]).expect(202);
    const waiting = client.group(groupId, 10_000).then((response) => response);
    await notifier.until(1);
    const reactor = startMemoryGroupCheckoutReactor(store);
    try {
      await client.select(groupId, [late]).expect(202);
      const response = await waiting;
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'ready', pending: [], failed: [] });
      expect(response.body.merged).toHaveLength(2);
      expect(notifier.activeSubscriptions).toBe(0);
    } finally {
      await app.close();
      await reactor.stop();
    }
  }, WELL_BEFORE_THE_WAIT_RUNS_OUT);
});

describe('group checkouts API with a read replica that lags behind', () => {
  const store = new LaggingReplicaStore();
  const process = new GroupCheckoutProcess(new GuestStayService(store), new GroupCheckoutService(store));
  let app: NestExpressApplication;
  let client: HotelClient;

  beforeAll(async () => {
    app = await createApiApp({ store: store, waitFallbackIntervalMs: 60_000 });
    client = new HotelClient(app.getHttpServer());
  });
  afterAll(() => app.close());

  it('answers each command with the state on the leader, which it decided on', async () => {
    const stayId = randomUUID();
    await client.checkIn(stayId).expect(200);
    await client.charge(stayId, 5).expect(200);
    const groupId = randomUUID();
    const selected = await client.select(groupId, [stayId]).expect(202);
    expect(selected.body).toMatchObject({ status: 'merging', pending: [stayId] });
    await process.react(groupId);
    store.catchUp();
    expect((await client.payGroup(groupId, 5).expect(200)).body).toMatchObject({ status: 'ready', balance: 0 });
    expect((await client.confirm(groupId).expect(200)).body).toMatchObject({ status: 'confirmed', balance: 0 });
  });

  it('reads the group at most once per command: not to write on the state it saw last, but to explain a refusal', async () => {
    const groupId = randomUUID();
    const reads = jest.spyOn(store, 'readStream');
    try {
      await client.select(groupId, [randomUUID()]).expect(202);
      expect(reads).toHaveBeenCalledTimes(1);
      await client.payGroup(groupId, 1).expect(200);
      expect(reads).toHaveBeenCalledTimes(1);
      await client.confirm(groupId).expect(409);
      expect(reads).toHaveBeenCalledTimes(2);
    } finally {
      reads.mockRestore();
    }
  });

  it('reads GETs from the replica after the state it last saw, but answers 404 only when the leader has no such group', async () => {
    const groupId = randomUUID();
    await client.payGroup(groupId, 1).expect(200);
    expect((await client.group(groupId).expect(200)).body.balance).toBe(-1);
    expect((await client.group(groupId, 10_000).expect(200)).body.balance).toBe(-1);
    await new GroupCheckoutService(store).pay(groupId, randomUUID(), 200);
    expect((await client.group(groupId).expect(200)).body.balance).toBe(-1);
    store.catchUp();
    expect((await client.group(groupId).expect(200)).body.balance).toBe(-3);
    await client.group(randomUUID()).expect(404);
    await client.group(randomUUID(), 10_000).expect(404);
  }, WELL_BEFORE_THE_WAIT_RUNS_OUT);
});

describe('store failures (in memory)', () => {
  async function appOn(store: EventStore) {
    const app = await createApiApp({ store: store, notifier: silentNotifier, logLevels: false });
    return { app, client: new HotelClient(app.getHttpServer()) };
  }

  it('answers 409 with Retry-After when conflicts outlast the retry budget', async () => {
    class ContendedStore extends MemoryStore {
      override async appendToStream(streamName: string, expectedVersion: number): Promise<AppendResult> {
        throw new WrongExpectedVersionError(streamName, expectedVersion, expectedVersion + 1);
      }
    }
    const { app, client } = await appOn(new ContendedStore());
    try {
      const response = await client.checkIn(randomUUID()).expect(409);
      expect(response.headers['retry-after']).toBe('1');
      expect(response.body).toMatchObject({
        type: 'urn:hotel-checkout:problem:concurrent-modification',
        detail: expect.stringContaining('retry the request'),
      });
    } finally {
      await app.close();
    }
  });

  it('answers 503 with Retry-After when the store is unavailable', async () => {
    class UnavailableStore extends MemoryStore {
      override async readStream(): Promise<never> {
        throw new StoreUnavailableError('Message DB unavailable (read stream): connect ECONNREFUSED');
      }
    }
    const { app, client } = await appOn(new UnavailableStore());
    try {
      const response = await client.stay(randomUUID()).expect(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.body).toMatchObject({ type: 'urn:hotel-checkout:problem:store-unavailable', status: 503 });
      expect(response.body.detail).not.toContain('ECONNREFUSED');
    } finally {
      await app.close();
    }
  });

  it('answers an unexpected error with a generic 500 problem that leaks nothing', async () => {
    class BrokenStore extends MemoryStore {
      override async readStream(): Promise<never> {
        throw new Error('secret internal detail');
      }
    }
    const { app, client } = await appOn(new BrokenStore());
    try {
      const response = await client.group(randomUUID()).expect(500);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(response.body).toEqual({
        type: 'urn:hotel-checkout:problem:internal-error',
        title: 'Internal Server Error',
        status: 500,
        detail: 'An unexpected error occurred; it has been logged.',
        instance: expect.stringMatching(/^\/group-checkouts\//),
      });
    } finally {
      await app.close();
    }
  });
});
