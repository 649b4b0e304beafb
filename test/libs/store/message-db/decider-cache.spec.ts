import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Category, Decision, StateCache } from '@app/store/core';
import { MessageDbStore } from '@app/store/message-db';
import { Counted, counter } from '../support/counter';
import { MessageDbFixture, messageDbFixture } from '../support/message-db';

type Decide = (total: number) => Decision<number | string, Counted>;

const count =
  (by: number): Decide =>
  (total) => [total + by, [{ type: 'Counted', by }]];
const countOnce: Decide = (total) => (total === 0 ? count(1)(total) : ['exists', []]);

/** Round trips to PostgreSQL: every statement of MessageDbStore is one pool.query. */
function roundTrips(pool: pg.Pool): { count(): number; restore(): void } {
  const spy = jest.spyOn(pool, 'query');
  return { count: () => spy.mock.calls.length, restore: () => spy.mockRestore() };
}

describe('A Decider with a StateCache on Message DB', () => {
  let fixture: MessageDbFixture;
  let pool: pg.Pool;
  let store: MessageDbStore;

  beforeAll(async () => {
    fixture = await messageDbFixture();
    ({ pool, store } = fixture);
  });
  afterAll(() => fixture.close());

  /** The round trips `work` takes. */
  async function tripsOf(work: () => Promise<unknown>): Promise<number> {
    const trips = roundTrips(pool);
    try {
      await work();
      return trips.count();
    } finally {
      trips.restore();
    }
  }

  it('costs one round trip per command on a stream it knows, and a new stream assumed empty; two without the cache', async () => {
    const cached = new Category(store, counter, { cache: new StateCache(10) });
    const uncached = new Category(store, counter);
    const id = randomUUID();
    expect(await tripsOf(() => cached.decider(id).transactResult(countOnce, { load: 'assumeEmpty' }))).toBe(1);
    expect(await tripsOf(() => cached.decider(id).transactResult(count(2)))).toBe(1);
    expect(await tripsOf(() => cached.decider(id).transactResult(count(3)))).toBe(1);
    expect(await tripsOf(() => uncached.decider(id).transactResult(count(4)))).toBe(2);
    expect(await uncached.decider(id).query((total, version) => [total, version], 'leader')).toEqual([10, 4]);
  });

  it('takes a conflict on a stale cache, reads only the events since, and writes what a current state decides', async () => {
    const [here, there] = [new StateCache(10), new StateCache(10)].map((cache) => new Category(store, counter, { cache }));
    const id = randomUUID();
    await here.decider(id).transactResult(count(1));
    await there.decider(id).transactResult(count(10));
    const decided: number[] = [];
    let outcome: unknown;
    const trips = await tripsOf(async () => {
      outcome = await here.decider(id).transactWithPostState((total) => (decided.push(total), count(100)(total)));
    });
    // Refused write, read of the one event since, write.
    expect(trips).toBe(3);
    expect(decided).toEqual([1, 11]);
    const recorded = await store.readStream(`Counter-${id}`);
    expect(outcome).toEqual({ result: 111, state: 111, version: 3, globalPosition: recorded[2].globalPosition });
    expect(recorded.map((e) => e.data)).toEqual([{ by: 1 }, { by: 10 }, { by: 100 }]);
  });

  it('confirms a decision that writes nothing on a cached state with one read, deciding again on what came since', async () => {
    const [here, there] = [new StateCache(10), new StateCache(10)].map((cache) => new Category(store, counter, { cache }));
    const id = randomUUID();
    await here.decider(id).transactResult(count(1));
    expect(await tripsOf(() => here.decider(id).transactResult(countOnce))).toBe(1);
    await there.decider(id).transactResult(count(10));
    const atLeastTen: Decide = (total) => (total >= 10 ? count(1)(total) : ['too little', []]);
    expect(await here.decider(id).transactResult(atLeastTen)).toBe(12);
  });

  it('assumes a stream empty: one write for a new one; on an existing one, a refused write, a read, the loaded answer', async () => {
    const category = new Category(store, counter);
    const id = randomUUID();
    await category.decider(id).transactResult(count(5));
    let outcome: unknown;
    expect(await tripsOf(async () => (outcome = await category.decider(id).transactWithPostState(countOnce, { load: 'assumeEmpty' })))).toBe(2);
    expect(outcome).toEqual(await category.decider(id).transactWithPostState(countOnce));
    expect(outcome).toMatchObject({ result: 'exists', state: 5, version: 1 });
    expect(await store.readStream(`Counter-${id}`)).toHaveLength(1);
  });
});
