import { MemoryParkedStreamStore } from '@app/store/checkpoints';
import { MemoryStore } from '@app/store/memory/memory-store';
import { startMemoryReactor } from '@app/store/reactor';
import { ControlledHandler } from '../support/handler-calls';
import { ManualTimers } from '../support/manual-timers';

describe('a reactor with parking', () => {
  it('parks a stream that keeps failing, reports it, and completes the reactions to the others past it', async () => {
    const store = new MemoryStore();
    const parked = new MemoryParkedStreamStore();
    const handler = new ControlledHandler('ok');
    const timers = new ManualTimers();
    const reactor = startMemoryReactor(store, {
      category: 'Group',
      processorName: 'Parker',
      sink: { handler: handler.handle, stuckThreshold: 5, parkAfter: 2, retry: { baseMs: 10, maxMs: 10, jitter: 0 } },
      parked,
      statsIntervalMs: 0,
      timers,
    });
    try {
      await store.appendToStream('Group-bad', 0, [{ id: 'bad', type: 'Happened', data: {} }]);
      await store.appendToStream('Group-good', 0, [{ id: 'good', type: 'Happened', data: {} }]);
      const completion = reactor.awaitCompletion();
      (await handler.next()).fail(new Error('poisoned'));
      (await handler.next()).reach();
      await timers.untilPending();
      timers.fireNext();
      (await handler.next()).fail(new Error('still poisoned'));
      await completion;

      expect(reactor.status().parked).toEqual([
        expect.objectContaining({ streamName: 'Group-bad', attempts: 2, lastError: 'Error: still poisoned', fromVersion: 0, toVersion: 0 }),
      ]);
      expect(reactor.status()).toMatchObject({ stuck: [], streamsBackingOff: 0 });
      expect(await parked.list({ source: 'memory', tranche: 'Group', processorName: 'Parker' })).toEqual([
        expect.objectContaining({ streamName: 'Group-bad', consumerGroup: 'Parker' }),
      ]);
    } finally {
      await reactor.stop();
    }
  });
});
