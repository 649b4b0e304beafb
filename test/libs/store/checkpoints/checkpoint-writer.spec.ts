import { CheckpointWriter, MemoryCheckpointStore } from '@app/store/checkpoints';
import { settle } from '../support/async';
import { ManualTimers } from '../support/manual-timers';

const key = { source: 'messageDb', tranche: 'Cat', consumerGroup: 'Proc' };

describe('CheckpointWriter', () => {
  it('commits the latest position at each interval, only when it moved, and never back', async () => {
    const store = new MemoryCheckpointStore();
    const commit = jest.spyOn(store, 'commit');
    const timers = new ManualTimers();
    const writer = new CheckpointWriter({ store, key, intervalMs: 1_000, committed: 5, timers });
    writer.start();

    timers.advance(1_000);
    await settle();
    expect(commit).not.toHaveBeenCalled();

    writer.update(9);
    writer.update(7);
    timers.advance(1_000);
    await settle();
    expect(commit.mock.calls).toEqual([[key, 9]]);
    expect(writer.status()).toMatchObject({ committedPosition: 9, lastCommitAt: expect.any(Date) });
    await writer.stop();
    expect(timers.pendingDelays()).toEqual([]);
  });

  it('logs a failed commit, keeps the interval going, and commits at the next one', async () => {
    const store = new MemoryCheckpointStore();
    const commit = jest.spyOn(store, 'commit').mockRejectedValueOnce(new Error('database down'));
    const warnings: string[] = [];
    const timers = new ManualTimers();
    const writer = new CheckpointWriter({
      store,
      key,
      intervalMs: 1_000,
      timers,
      logger: { log: () => undefined, warn: (m) => warnings.push(m), error: () => undefined },
    });
    writer.start();
    writer.update(3);

    timers.advance(1_000);
    await timers.untilPending();
    expect(warnings).toEqual(['Checkpoint messageDb/Cat/Proc at 3 not committed: Error: database down']);
    expect(writer.status()).toMatchObject({ committedPosition: undefined, lastCommitError: 'Error: database down' });

    timers.advance(1_000);
    await settle();
    expect(commit).toHaveBeenCalledTimes(2);
    expect(await store.load(key)).toBe(3);
    expect(writer.status().lastCommitError).toBeUndefined();
    await writer.stop();
  });

  it('stop rejects when the final commit fails, so a shutdown knows its checkpoint is behind', async () => {
    const store = new MemoryCheckpointStore();
    jest.spyOn(store, 'commit').mockRejectedValue(new Error('database down'));
    const writer = new CheckpointWriter({ store, key, intervalMs: 1_000, timers: new ManualTimers() });
    writer.update(3);
    await expect(writer.stop()).rejects.toThrow('database down');
  });
});
