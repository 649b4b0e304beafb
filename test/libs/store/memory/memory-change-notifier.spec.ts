import { MemoryChangeNotifier, MemoryStore } from '@app/store';
import { AsyncQueue, settle } from '../support/async';

describe('MemoryChangeNotifier', () => {
  it("hints the listeners of a category with the name of each stream written to, after the write, until they unsubscribe", async () => {
    const store = new MemoryStore();
    const notifier = new MemoryChangeNotifier(store);
    const hinted = new AsyncQueue<string | undefined>();
    const unsubscribe = notifier.subscribe('Cat', (streamName) => hinted.push(streamName));

    await store.appendToStream('Cat-1', 0, [{ id: 'a', type: 'Happened', data: {} }]);
    await store.appendToStream('Other-1', 0, [{ id: 'b', type: 'Happened', data: {} }]);
    await store.appendToStream('Cat-2', 0, [{ id: 'c', type: 'Happened', data: {} }]);
    expect([await hinted.next(), await hinted.next()]).toEqual(['Cat-1', 'Cat-2']);

    unsubscribe();
    await store.appendToStream('Cat-1', 1, [{ id: 'd', type: 'Happened', data: {} }]);
    await settle();
    expect(hinted.size).toBe(0);
  });
});
