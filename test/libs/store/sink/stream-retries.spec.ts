import { StreamRetries, StuckStreamError } from '@app/store/sink';
import { ManualTimers } from '../support/manual-timers';
import { recordingLogger } from '../support/scheduler-setup';

function setup(stuckThreshold = 2) {
  const timers = new ManualTimers();
  const logger = recordingLogger();
  const due: string[] = [];
  const retries = new StreamRetries({
    retry: { baseMs: 100, maxMs: 300, jitter: 0 },
    stuckThreshold,
    onRetryDue: (streamName) => due.push(streamName),
    logger,
    timers,
    random: () => 0,
  });
  const stuck: StuckStreamError[] = [];
  retries.onStuck((error) => stuck.push(error));
  return { retries, timers, logger, due, stuck };
}

describe('StreamRetries', () => {
  it('tells whether a failure starts a failing spell', () => {
    const { retries } = setup();
    expect(retries.failed('A-1', new Error('boom'))).toBe(true);
    expect(retries.failed('A-1', new Error('boom'))).toBe(false);
    expect(retries.recovered('A-1')).toBe(true);
    expect(retries.recovered('A-1')).toBe(false);
    expect(retries.failed('A-1', new Error('boom'))).toBe(true);
  });

  it('waits out a capped exponential backoff before calling for the retry', () => {
    const { retries, timers, due } = setup(10);
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      retries.failed('A-1', new Error('boom'));
      expect(retries.isBackingOff('A-1')).toBe(true);
      delays.push(...timers.pendingDelays());
      timers.fireNext();
    }
    expect(delays).toEqual([100, 200, 300, 300]);
    expect(due).toEqual(['A-1', 'A-1', 'A-1', 'A-1']);
    expect(retries.isBackingOff('A-1')).toBe(false);
  });

  it('reports a stream stuck once past the threshold, until it recovers', () => {
    const { retries, logger, stuck } = setup(2);
    retries.failed('A-1', new Error('boom 1'));
    retries.failed('A-1', new Error('boom 2'));
    expect(retries.stuckStreams()).toEqual([]);

    retries.failed('A-1', new Error('boom 3'));
    retries.failed('A-1', new Error('boom 4'));
    expect(stuck.map((e) => e.stream.attempts)).toEqual([3]);
    expect(retries.stuckStreams()).toEqual([
      { streamName: 'A-1', attempts: 4, lastError: 'Error: boom 4', since: new Date(0) },
    ]);
    expect(retries.firstStuckError()?.message).toContain('A-1 is stuck: 4 consecutive attempts failed');
    expect(logger.lines).toMatchObject({ warn: [expect.any(String), expect.any(String)], error: [expect.any(String)] });

    retries.recovered('A-1');
    expect(retries.stuckStreams()).toEqual([]);
    expect(retries.firstStuckError()).toBeUndefined();
    expect(logger.lines.log).toEqual(['Stream A-1 recovered after 4 failed attempts']);
  });

  it('names first the stream that became stuck first', () => {
    const { retries } = setup(1);
    retries.failed('A-1', new Error('a'));
    retries.failed('B-1', new Error('b'));
    retries.failed('B-1', new Error('b'));
    retries.failed('A-1', new Error('a'));
    expect(retries.firstStuckError()?.stream.streamName).toBe('B-1');
  });

  it('once halted, cancels the pending retries and schedules no more', () => {
    const { retries, timers } = setup();
    retries.failed('A-1', new Error('boom'));
    retries.failed('B-1', new Error('boom'));
    expect(retries.backingOffCount).toBe(2);

    retries.halt();
    retries.failed('C-1', new Error('boom'));
    expect(timers.pendingDelays()).toEqual([]);
    expect(retries.backingOffCount).toBe(0);
  });
});
