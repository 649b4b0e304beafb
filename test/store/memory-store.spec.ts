import { MemoryStore, WrongExpectedVersionError } from '@app/store';

describe('MemoryStore', () => {
  it('appends at the expected version and refuses a stale one', async () => {
    const store = new MemoryStore();
    expect(await store.appendToStream('Cat-1', 0, [{ id: 'a', type: 'A', data: {} }])).toBe(1);
    await expect(store.appendToStream('Cat-1', 0, [{ id: 'b', type: 'B', data: {} }])).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
  });
});
