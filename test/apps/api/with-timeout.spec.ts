import { TimeoutError, withTimeout } from '../../../apps/api/src/common/with-timeout';

describe('withTimeout', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('answers as the work does, and leaves no timer behind', async () => {
    await expect(withTimeout(Promise.resolve(42), 1_000)).resolves.toBe(42);
    await expect(withTimeout(Promise.reject(new Error('refused')), 1_000)).rejects.toThrow('refused');
    expect(jest.getTimerCount()).toBe(0);
  });

  it('rejects with a TimeoutError naming the time once it runs out', async () => {
    const never = new Promise<never>(() => undefined);
    const outcome = withTimeout(never, 1_000);
    jest.advanceTimersByTime(1_000);
    await expect(outcome).rejects.toBeInstanceOf(TimeoutError);
    await expect(outcome).rejects.toThrow('no answer within 1000 ms');
    expect(jest.getTimerCount()).toBe(0);
  });
});
