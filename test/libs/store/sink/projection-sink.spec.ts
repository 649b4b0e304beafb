import { CheckpointMovedError } from '@app/store/checkpoints';
import { RecordedEvent } from '@app/store/core';
import { FeedBatch } from '@app/store/feed';
import { ProjectionSink } from '@app/store/sink';
import { deferred, settle } from '../support/async';
import { ManualTimers } from '../support/manual-timers';

interface Commit {
  readonly positions: number[];
  readonly from: number;
  readonly to: number;
}

/** A page of `count` events of one stream, from global position `first`. */
function page(first: number, count: number): FeedBatch {
  const events = Array.from({ length: count }, (_, i) => ({ globalPosition: first + i, position: first + i, streamName: 'S-1' }));
  return { events: events as unknown as RecordedEvent[], nextPosition: first + count };
}

function sinkWith(
  project: (events: readonly RecordedEvent[], checkpoint: { from: number; to: number }) => Promise<void>,
  reread?: (fromPosition: number, count: number) => Promise<RecordedEvent[]>,
) {
  const timers = new ManualTimers();
  const completed: number[] = [];
  const faults: unknown[] = [];
  const sink = new ProjectionSink({
    project,
    startPosition: 0,
    name: 'test',
    maxReadAhead: 3,
    maxEventsPerCommit: 5,
    retry: { baseMs: 100, maxMs: 100, jitter: 0 },
    stuckThreshold: 2,
    timers,
    reread,
  });
  sink.onBatchCompleted((batch) => completed.push(batch.nextPosition));
  sink.onFault((error) => faults.push(error));
  return { sink, timers, completed, faults };
}

describe('the projection sink', () => {
  it('applies one commit at a time, in feed order, joining queued pages up to maxEventsPerCommit, each moving the checkpoint on', async () => {
    const commits: Commit[] = [];
    const first = deferred();
    const { sink, completed } = sinkWith(async (events, { from, to }) => {
      commits.push({ positions: events.map((e) => e.globalPosition), from, to });
      if (commits.length === 1) await first.promise;
    });
    sink.ingest(page(0, 2));
    sink.ingest(page(2, 2));
    sink.ingest(page(4, 2));
    sink.ingest(page(6, 3));
    await settle();
    expect(commits).toHaveLength(1);
    first.resolve();
    await settle();
    expect(commits).toEqual([
      { positions: [0, 1], from: 0, to: 2 },
      { positions: [2, 3, 4, 5], from: 2, to: 6 },
      { positions: [6, 7, 8], from: 6, to: 9 },
    ]);
    expect(completed).toEqual([2, 6, 9]);
  });

  it('holds the source back beyond maxReadAhead queued pages', async () => {
    const release = deferred();
    const { sink } = sinkWith(() => release.promise);
    for (let i = 0; i < 4; i++) sink.ingest(page(i, 1));
    let room = false;
    void sink.awaitCapacity().then(() => (room = true));
    await settle();
    expect(room).toBe(false);
    release.resolve();
    await settle();
    expect(room).toBe(true);
  });

  it('retries a failed commit with the same events after its backoff, reports it stuck, and recovers', async () => {
    let attempts = 0;
    const { sink, timers, completed } = sinkWith(async () => {
      if (++attempts <= 3) throw new Error('refused');
    });
    sink.ingest(page(0, 2));
    await settle();
    expect(completed).toEqual([]);
    for (const _ of [1, 2]) {
      timers.fireNext();
      await settle();
    }
    expect(sink.stuckError()?.message).toMatch(/test is stuck: 3 consecutive attempts/);
    timers.fireNext();
    await settle();
    expect(completed).toEqual([2]);
    expect(sink.stuckError()).toBeUndefined();
    expect(sink.status().outcomes).toMatchObject({ completed: 1, failed: 3 });
  });

  it('applies the events as read again after a failure, so that an event repaired in the store meanwhile is projected', async () => {
    const repaired = { ...page(0, 2).events[0], data: 'repaired' } as unknown as RecordedEvent;
    const applied: unknown[][] = [];
    const rereads: [number, number][] = [];
    const { sink, timers, completed } = sinkWith(
      async (events) => {
        applied.push(events.map((e) => e.data));
        if (events[0].data !== 'repaired') throw new Error('undecodable');
      },
      async (fromPosition, count) => {
        rereads.push([fromPosition, count]);
        return [repaired, page(1, 1).events[0]];
      },
    );
    sink.ingest(page(0, 2));
    await settle();
    timers.fireNext();
    await settle();
    expect(rereads).toEqual([[0, 2]]);
    expect(applied).toEqual([[undefined, undefined], ['repaired', undefined]]);
    expect(completed).toEqual([2]);
  });

  it('faults, and applies nothing more, when its checkpoint moved under it', async () => {
    const key = { source: 'messageDb', tranche: 'S', consumerGroup: 'p' };
    let attempts = 0;
    const { sink, faults, completed, timers } = sinkWith(async () => {
      attempts++;
      throw new CheckpointMovedError(key, 0);
    });
    sink.ingest(page(0, 1));
    sink.ingest(page(1, 1));
    await settle();
    expect(faults).toEqual([expect.any(CheckpointMovedError)]);
    expect(timers.pendingDelays()).toEqual([]);
    expect([attempts, completed]).toEqual([1, []]);
  });

  it('pauses: no commit starts, and the one under way is awaited', async () => {
    const release = deferred();
    let attempts = 0;
    const { sink } = sinkWith(() => (attempts++, release.promise));
    sink.ingest(page(0, 1));
    await settle();
    const paused = sink.pause(1000);
    sink.ingest(page(1, 1));
    release.resolve();
    await expect(paused).resolves.toBe(true);
    await settle();
    expect(attempts).toBe(1);
  });
});
