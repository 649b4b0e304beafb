import { randomUUID } from 'node:crypto';
import { Category, StaleVersionError } from '@app/store/core';
import { MemoryStore } from '@app/store/memory/memory-store';
import { Counted, counter } from '../support/counter';

const count = (by: number) => (total: number) => [total + by, [{ type: 'Counted', by } as Counted]] as const;
const look = (total: number) => [total, []] as const;

describe('A Decider given the version the caller saw', () => {
  it('decides when the stream is at it', async () => {
    const decider = new Category(new MemoryStore(), counter).decider('a');
    await decider.transactWithPostState(count(1));
    expect(await decider.transactWithPostState(count(2), { expectedVersion: 1 })).toMatchObject({ result: 3, version: 2 });
  });

  it('throws StaleVersionError without deciding when the stream has moved on (or is behind)', async () => {
    const decider = new Category(new MemoryStore(), counter).decider('b');
    await decider.transactWithPostState(count(1));
    let decided = false;
    const stale = decider.transactWithPostState((total) => ((decided = true), count(5)(total)), { expectedVersion: 0 });
    await expect(stale).rejects.toEqual(new StaleVersionError('Counter-b', 0, 1));
    await expect(stale).rejects.toMatchObject({ streamName: 'Counter-b', expectedVersion: 0, actualVersion: 1 });
    await expect(decider.transactResult(look, { expectedVersion: 3 })).rejects.toBeInstanceOf(StaleVersionError);
    expect(decided).toBe(false);
    expect(await decider.query((total) => total, 'leader')).toBe(1);
  });

  it('refuses when a rival wrote between its load and its append: the retry finds another version', async () => {
    const store = new MemoryStore();
    const decider = new Category(store, counter).decider('c');
    const rival = async (total: number) => {
      if (total === 0) await store.appendToStream('Counter-c', 0, [{ id: randomUUID(), type: 'Counted', data: { by: 10 } }]);
      return count(1)(total);
    };
    await expect(decider.transactWithPostState(rival, { expectedVersion: 0 })).rejects.toMatchObject({ actualVersion: 1 });
    expect(await store.readStream('Counter-c')).toHaveLength(1);
  });
});

describe('The global position a Decider answers', () => {
  it('is of the last event it wrote, or of the stream as loaded when it wrote none (-1 for an empty stream)', async () => {
    const store = new MemoryStore();
    const category = new Category(store, counter);
    expect(await category.decider('d').transactWithPostState(look)).toMatchObject({ version: 0, globalPosition: -1 });
    await store.appendToStream('Counter-other', 0, [{ id: randomUUID(), type: 'Counted', data: { by: 1 } }]);

    const twice = (total: number) => [total, [1, 2].map((by): Counted => ({ type: 'Counted', by }))] as const;
    const written = await category.decider('d').transactWithPostState(twice);
    const recorded = await store.readStream('Counter-d');
    expect(written).toMatchObject({ version: 2, globalPosition: recorded[1].globalPosition });
    expect(written.globalPosition).toBe(2);

    await store.appendToStream('Counter-other', 1, [{ id: randomUUID(), type: 'Counted', data: { by: 1 } }]);
    expect(await category.decider('d').transactWithPostState(look)).toMatchObject({ version: 2, globalPosition: 2 });
  });
});
