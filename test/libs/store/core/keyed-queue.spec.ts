import { KeyedQueue } from '@app/store/core/keyed-queue';
import { deferred, settle } from '../support/async';

describe('KeyedQueue', () => {
  it('runs the work of one key one after another, in the order handed in', async () => {
    const queue = new KeyedQueue();
    const first = deferred<string>();
    const started: string[] = [];
    const a = queue.run('k', () => (started.push('a'), first.promise));
    const b = queue.run('k', async () => (started.push('b'), 'b'));
    await settle();
    expect(started).toEqual(['a']);

    first.resolve('a');
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
    expect(started).toEqual(['a', 'b']);
  });

  it('runs the work of different keys at once', async () => {
    const queue = new KeyedQueue();
    const blocked = deferred();
    const started: string[] = [];
    void queue.run('k1', () => (started.push('k1'), blocked.promise));
    void queue.run('k2', async () => void started.push('k2'));
    await settle();
    expect(started).toEqual(['k1', 'k2']);
    blocked.resolve();
  });

  it('goes on with the next work after a failure, which reaches only its own caller', async () => {
    const queue = new KeyedQueue();
    const failing = queue.run('k', () => Promise.reject(new Error('boom')));
    const throwing = queue.run('k', () => {
      throw new Error('thrown');
    });
    const next = queue.run('k', async () => 'next');
    await expect(failing).rejects.toThrow('boom');
    await expect(throwing).rejects.toThrow('thrown');
    await expect(next).resolves.toBe('next');
  });

  it('forgets a key once its queue empties', async () => {
    const queue = new KeyedQueue();
    const blocked = deferred();
    const running = queue.run('k1', () => blocked.promise);
    const queued = queue.run('k1', async () => undefined);
    void queue.run('k2', async () => undefined);
    expect(queue.activeKeys).toBe(2);

    blocked.resolve();
    await Promise.all([running, queued]);
    await settle();
    expect(queue.activeKeys).toBe(0);
  });
});
