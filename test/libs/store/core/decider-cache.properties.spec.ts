import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Category, DeciderOptions, StaleVersionError, StateCache, TransactOptions } from '@app/store/core';
import { MemoryStore } from '@app/store/memory/memory-store';
import { Counted, counter } from '../support/counter';

type Decide = (total: number) => readonly [unknown, readonly Counted[]];

const count = (by: number): Decide => (total) => [total + by, [{ type: 'Counted', by }]];
const countBelow = (cap: number): Decide => (total) => (total < cap ? count(1)(total) : ['full', []]);
const look: Decide = (total) => [total, []];
const create: Decide = (total) => (total === 0 ? count(1)(total) : ['exists', []]);

type Op =
  | { readonly kind: 'add'; readonly by: number }
  | { readonly kind: 'addBelow'; readonly cap: number }
  | { readonly kind: 'look' }
  | { readonly kind: 'create' }
  | { readonly kind: 'addAtVersion'; readonly by: number; readonly behind: number }
  | { readonly kind: 'query' }
  | { readonly kind: 'rival'; readonly by: number };

interface Step {
  readonly process: 0 | 1;
  readonly stream: 'a' | 'b';
  readonly op: Op;
}

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), by: fc.integer({ min: 1, max: 9 }) }),
  fc.record({ kind: fc.constant('addBelow' as const), cap: fc.integer({ min: 1, max: 30 }) }),
  fc.constant({ kind: 'look' as const }),
  fc.constant({ kind: 'create' as const }),
  fc.record({ kind: fc.constant('addAtVersion' as const), by: fc.integer({ min: 1, max: 9 }), behind: fc.integer({ min: 0, max: 1 }) }),
  fc.constant({ kind: 'query' as const }),
  fc.record({ kind: fc.constant('rival' as const), by: fc.integer({ min: 1, max: 9 }) }),
);

const stepArb: fc.Arbitrary<Step> = fc.record({
  process: fc.constantFrom(0 as const, 1 as const),
  stream: fc.constantFrom('a' as const, 'b' as const),
  op: opArb,
});

/** Two processes (each its own Categories, and its own cache when given one) on one store, and a rival writing raw. */
function world(caches: readonly [StateCache | undefined, StateCache | undefined]) {
  const store = new MemoryStore();
  const processes = caches.map((cache) => new Category(store, counter, { cache } satisfies DeciderOptions));
  return { store, processes };
}

async function run(step: Step, { store, processes }: ReturnType<typeof world>): Promise<unknown> {
  const decider = processes[step.process].decider(step.stream);
  const streamName = `Counter-${step.stream}`;
  const transact = async (decide: Decide, options?: TransactOptions) => {
    try {
      return await decider.transactWithPostState(decide, options);
    } catch (error) {
      if (error instanceof StaleVersionError) return { stale: [error.expectedVersion, error.actualVersion] };
      throw error;
    }
  };
  const { op } = step;
  switch (op.kind) {
    case 'add':
      return transact(count(op.by));
    case 'addBelow':
      return transact(countBelow(op.cap));
    case 'look':
      return transact(look);
    case 'create':
      return transact(create, { load: 'assumeEmpty' });
    case 'addAtVersion': {
      const version = (await store.readStream(streamName)).length;
      return transact(count(op.by), { expectedVersion: Math.max(0, version - op.behind) });
    }
    case 'query':
      return decider.query((total, version) => ({ total, version }), 'leader');
    case 'rival': {
      const version = (await store.readStream(streamName)).length;
      return store.appendToStream(streamName, version, [{ id: randomUUID(), type: 'Counted', data: { by: op.by } }]);
    }
  }
}

async function streams(store: MemoryStore) {
  const of = async (name: string) => (await store.readStream(name)).map((e) => [e.type, e.data, e.position, e.globalPosition]);
  return { a: await of('Counter-a'), b: await of('Counter-b') };
}

describe('Deciders with their own caches over one store', () => {
  it('answer and write exactly what uncached Deciders would, whatever the interleaving of their commands', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { maxLength: 40 }), fc.integer({ min: 1, max: 3 }), async (steps, entries) => {
        const cached = world([new StateCache(entries), new StateCache(entries)]);
        const uncached = world([undefined, undefined]);
        for (const step of steps) expect(await run(step, cached)).toEqual(await run(step, uncached));
        expect(await streams(cached.store)).toEqual(await streams(uncached.store));
      }),
      { numRuns: 200 },
    );
  });

  it('running at once, never write past what a current state allows: a capped count reaches its cap exactly', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArb, { maxLength: 15 }),
        fc.array(fc.record({ process: fc.constantFrom(0 as const, 1 as const), stream: fc.constantFrom('a' as const, 'b' as const) }), {
          maxLength: 30,
        }),
        async (warmUp, contenders) => {
          const w = world([new StateCache(2), new StateCache(2)]);
          for (const step of warmUp) await run(step, w);
          const before = await Promise.all(['a', 'b'].map(async (s) => (await w.store.readStream(`Counter-${s}`)).length));
          const totals = await Promise.all(['a', 'b'].map((s) => w.processes[0].decider(s).query((total) => total, 'leader')));
          const cap = (stream: 'a' | 'b') => totals[stream === 'a' ? 0 : 1] + 5;
          const results = await Promise.all(
            contenders.map(({ process, stream }) => w.processes[process].decider(stream).transactResult(countBelow(cap(stream)))),
          );
          for (const [i, stream] of (['a', 'b'] as const).entries()) {
            const tries = contenders.filter((c) => c.stream === stream).length;
            const written = (await w.store.readStream(`Counter-${stream}`)).length - before[i];
            expect(written).toBe(Math.min(5, tries));
            expect(results.filter((r, n) => contenders[n].stream === stream && r !== 'full')).toHaveLength(written);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
