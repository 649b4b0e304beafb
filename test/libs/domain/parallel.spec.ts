import { mapWithParallelism } from '@app/domain';

/** A call that stays in flight until released by the test. */
function controllable() {
  const inFlight: { item: number; release: () => void; fail: (e: Error) => void }[] = [];
  const started: number[] = [];
  const fn = (item: number) =>
    new Promise<string>((resolve, reject) => {
      started.push(item);
      inFlight.push({ item, release: () => resolve(`r${item}`), fail: reject });
    });
  return { inFlight, started, fn };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('mapWithParallelism', () => {
  it('keeps at most `limit` calls in flight and answers in input order', async () => {
    const { inFlight, started, fn } = controllable();
    const all = mapWithParallelism([1, 2, 3, 4, 5], 2, fn);
    await settle();
    expect(started).toEqual([1, 2]);
    inFlight.find((c) => c.item === 2)!.release(); // finishing out of order
    await settle();
    expect(started).toEqual([1, 2, 3]);
    for (const item of [3, 1, 4, 5]) {
      await settle();
      inFlight.find((c) => c.item === item)!.release();
    }
    expect(await all).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
  });

  it('starts nothing new after a failure and rejects with it', async () => {
    const { inFlight, started, fn } = controllable();
    const all = mapWithParallelism([1, 2, 3, 4], 2, fn);
    await settle();
    inFlight[0].fail(new Error('boom'));
    await expect(all).rejects.toThrow('boom');
    inFlight[1].release();
    await settle();
    expect(started).toEqual([1, 2]);
  });

  it('handles an empty input and refuses a non-positive limit', async () => {
    expect(await mapWithParallelism([], 3, async () => 1)).toEqual([]);
    await expect(mapWithParallelism([1], 0, async () => 1)).rejects.toThrow(RangeError);
  });
});
