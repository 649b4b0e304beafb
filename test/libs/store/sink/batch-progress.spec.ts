import fc from 'fast-check';
import { FeedBatch } from '@app/store/feed';
import { BatchProgress } from '@app/store/sink';
import { recorded } from '../support/events';

function batch(nextPosition: number): FeedBatch {
  return { events: [], nextPosition };
}

function needs(...required: Array<[string, number]>): Map<string, number> {
  return new Map(required);
}

function positions(batches: readonly FeedBatch[]): number[] {
  return batches.map((b) => b.nextPosition);
}

describe('BatchProgress', () => {
  describe('completion in feed order', () => {
    it('reports a batch once each of its streams reached the position it needs there', () => {
      const progress = new BatchProgress(10);
      progress.add(batch(1), needs(['A-1', 3], ['B-1', 1]));

      expect(progress.reached('A-1', 2)).toEqual([]);
      expect(progress.reached('A-1', 3)).toEqual([]);
      expect(positions(progress.reached('B-1', 5))).toEqual([1]);
    });

    it('holds back a batch that completed out of order until every batch before it is complete', () => {
      const progress = new BatchProgress(10);
      progress.add(batch(1), needs(['A-1', 1]));
      progress.add(batch(2), needs(['B-1', 1]));
      progress.add(batch(3), needs(['C-1', 1]));

      expect(progress.reached('C-1', 1)).toEqual([]);
      expect(progress.reached('B-1', 1)).toEqual([]);
      expect(positions(progress.reached('A-1', 1))).toEqual([1, 3]);
      expect(progress.batchesUnreported).toBe(0);
    });

    it('reports a batch that needs nothing at once when first, in its turn otherwise', () => {
      const progress = new BatchProgress(10);
      expect(positions(progress.add(batch(1), needs()))).toEqual([1]);
      progress.add(batch(2), needs(['A-1', 1]));
      expect(progress.add(batch(3), needs())).toEqual([]);
      expect(positions(progress.reached('A-1', 1))).toEqual([2, 3]);
    });

    it('reports batches without their events', () => {
      const progress = new BatchProgress(10);
      const taken = { events: [recorded('A-1', 0, 0)], nextPosition: 1, epoch: 7 } as FeedBatch;
      const [reported] = progress.add(taken, needs());
      expect(reported).toEqual({ events: [], nextPosition: 1, epoch: 7 });
    });
  });

  describe('collapsing completed batches behind an incomplete one', () => {
    it('keeps one record per run of completed batches and reports only its last', () => {
      const progress = new BatchProgress(10);
      progress.add(batch(1), needs(['Slow-1', 1]));
      for (let i = 2; i <= 6; i++) progress.add(batch(i), needs([`S${i}-1`, 1]));
      for (let i = 2; i <= 6; i++) progress.reached(`S${i}-1`, 1);

      expect(progress.recordsRetained).toBe(2);
      expect(progress.batchesUnreported).toBe(6);
      expect(positions(progress.reached('Slow-1', 1))).toEqual([1, 6]);
      expect(progress.recordsRetained).toBe(0);
    });

    it('joins the runs on both sides of a batch that completes between them', () => {
      const progress = new BatchProgress(10);
      progress.add(batch(1), needs(['Slow-1', 1]));
      progress.add(batch(2), needs(['A-1', 1]));
      progress.add(batch(3), needs(['B-1', 1]));
      progress.add(batch(4), needs(['C-1', 1]));
      progress.reached('A-1', 1);
      progress.reached('C-1', 1);
      expect(progress.recordsRetained).toBe(4);

      progress.reached('B-1', 1);
      expect(progress.recordsRetained).toBe(2);
      expect(positions(progress.reached('Slow-1', 1))).toEqual([1, 4]);
    });

    it('keeps separate the runs an incomplete batch stands between', () => {
      const progress = new BatchProgress(10);
      progress.add(batch(1), needs(['Slow-1', 1]));
      progress.add(batch(2), needs(['A-1', 1]));
      progress.add(batch(3), needs(['Slow-1', 2]));
      progress.add(batch(4), needs(['B-1', 1]));
      progress.reached('A-1', 1);
      progress.reached('B-1', 1);
      expect(progress.recordsRetained).toBe(4);

      expect(positions(progress.reached('Slow-1', 1))).toEqual([1, 2]);
      expect(positions(progress.reached('Slow-1', 2))).toEqual([3, 4]);
    });
  });

  describe('read-ahead capacity', () => {
    it('is taken by each incomplete batch until maxReadAhead, and freed as they complete', () => {
      const progress = new BatchProgress(2);
      progress.add(batch(1), needs(['A-1', 1]));
      expect(progress.hasCapacity()).toBe(true);
      progress.add(batch(2), needs(['B-1', 1]));
      expect(progress.hasCapacity()).toBe(false);

      progress.reached('B-1', 1);
      expect(progress.hasCapacity()).toBe(true);
      expect(progress.batchesHoldingReadAhead).toBe(1);
    });

    it('is also bounded by the events of the batches holding it, one batch always being taken', () => {
      const progress = new BatchProgress(10, 5);
      const sized = (nextPosition: number, events: number): FeedBatch => ({
        events: Array.from({ length: events }, (_, i) => recorded('A-1', i, i)),
        nextPosition,
      });
      progress.add(sized(8, 8), needs(['A-1', 8]));
      expect(progress.eventsHoldingReadAhead).toBe(8);
      expect(progress.hasCapacity()).toBe(false);

      progress.reached('A-1', 8);
      expect(progress.eventsHoldingReadAhead).toBe(0);
      expect(progress.hasCapacity()).toBe(true);
      progress.add(sized(10, 2), needs(['B-1', 2]));
      progress.add(sized(12, 2), needs(['C-1', 2]));
      expect(progress.hasCapacity()).toBe(true);
      progress.add(sized(13, 1), needs(['D-1', 1]));
      expect(progress.hasCapacity()).toBe(false);
      progress.streamFailing('C-1');
      expect(progress.eventsHoldingReadAhead).toBe(3);
      expect(progress.hasCapacity()).toBe(true);
    });

    it('counts exactly the batches, and their events, that wait for a stream that is not failing', () => {
      const step = fc.oneof(
        fc.record({ kind: fc.constant('add' as const), streams: fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { minLength: 0, maxLength: 3 }), events: fc.integer({ min: 0, max: 4 }) }),
        fc.record({ kind: fc.constantFrom('reach' as const, 'fail' as const, 'recover' as const), stream: fc.integer({ min: 0, max: 3 }) }),
      );
      fc.assert(
        fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
          const progress = new BatchProgress(1000, 1000);
          const model: Array<{ waiting: Set<number>; events: number }> = [];
          const failing = new Set<number>();
          let position = 0;
          for (const s of steps) {
            if (s.kind === 'add') {
              position += s.events + 1;
              const events = Array.from({ length: s.events }, (_, i) => recorded(`S-${i}`, i, position + i));
              progress.add({ events, nextPosition: position }, new Map(s.streams.map((stream) => [`S-${stream}`, position])));
              model.push({ waiting: new Set(s.streams), events: s.events });
            } else if (s.kind === 'reach') {
              progress.reached(`S-${s.stream}`, position);
              for (const batch of model) batch.waiting.delete(s.stream);
            } else if (s.kind === 'fail') {
              progress.streamFailing(`S-${s.stream}`);
              failing.add(s.stream);
            } else {
              progress.streamRecovered(`S-${s.stream}`);
              failing.delete(s.stream);
            }
            const holding = model.filter((batch) => [...batch.waiting].some((stream) => !failing.has(stream)));
            expect(progress.batchesHoldingReadAhead).toBe(holding.length);
            expect(progress.eventsHoldingReadAhead).toBe(holding.reduce((sum, batch) => sum + batch.events, 0));
          }
        }),
      );
    });

    it('is not taken by the batches only a failing stream keeps incomplete, those already taken or taken later', () => {
      const progress = new BatchProgress(1);
      progress.add(batch(1), needs(['Poison-1', 1]));
      expect(progress.hasCapacity()).toBe(false);

      progress.streamFailing('Poison-1');
      expect(progress.hasCapacity()).toBe(true);
      progress.add(batch(2), needs(['Poison-1', 2]));
      expect(progress.batchesHoldingReadAhead).toBe(0);
      expect(progress.batchesUnreported).toBe(2);
    });

    it('is taken by a batch that also waits for a stream that is not failing', () => {
      const progress = new BatchProgress(1);
      progress.add(batch(1), needs(['Poison-1', 1], ['A-1', 1]));
      progress.streamFailing('Poison-1');
      expect(progress.hasCapacity()).toBe(false);

      progress.reached('A-1', 1);
      expect(progress.hasCapacity()).toBe(true);
    });

    it('is taken again by what a recovered stream still keeps incomplete', () => {
      const progress = new BatchProgress(1);
      progress.add(batch(1), needs(['Poison-1', 1]));
      progress.add(batch(2), needs(['Poison-1', 2]));
      progress.streamFailing('Poison-1');
      progress.reached('Poison-1', 1);
      expect(progress.batchesHoldingReadAhead).toBe(0);

      progress.streamRecovered('Poison-1');
      expect(progress.batchesHoldingReadAhead).toBe(1);
      expect(progress.hasCapacity()).toBe(false);
      progress.reached('Poison-1', 2);
      expect(progress.batchesHoldingReadAhead).toBe(0);
    });

    it('counts a stream failing once however often it is reported failing', () => {
      const progress = new BatchProgress(1);
      progress.add(batch(1), needs(['Poison-1', 1], ['A-1', 1]));
      progress.streamFailing('Poison-1');
      progress.streamFailing('Poison-1');
      progress.streamRecovered('Poison-1');
      progress.streamRecovered('Poison-1');
      progress.reached('A-1', 1);
      expect(progress.batchesHoldingReadAhead).toBe(1);
    });
  });
});
