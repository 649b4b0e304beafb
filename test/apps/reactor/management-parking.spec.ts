import 'reflect-metadata';
import { MemoryStore, startMemoryReactor } from '@app/store';
import { PrometheusReactorMonitor } from '@app/store/nest';
import { randomUUID } from 'node:crypto';
import { probeUntil, sampleOf, startManagement } from './management-probes';

describe("the reactor app's management endpoints with parking", () => {
  it('report a parked stream in the health details and the parked gauge, and are ready again once it is parked', async () => {
    const processor = `parking-${randomUUID()}`;
    const labels = { processor, category: 'Group' };
    const store = new MemoryStore();
    const monitor = new PrometheusReactorMonitor();
    const reactor = startMemoryReactor(store, {
      category: 'Group',
      processorName: processor,
      monitor,
      statsIntervalMs: 0,
      sink: {
        handler: async (streamName, events) => {
          if (streamName === 'Group-poisoned') throw new Error('cannot decode');
          return { outcome: 'done', version: events[events.length - 1].position + 1 };
        },
        stuckThreshold: 10,
        parkAfter: 3,
        retry: { baseMs: 5, maxMs: 5, jitter: 0 },
      },
    });
    const management = await startManagement(monitor);
    try {
      expect(await sampleOf(management.url, 'hotel_reactor_streams_parked', labels)).toBe(0);
      await store.appendToStream('Group-poisoned', 0, [{ id: randomUUID(), type: 'Happened', data: {} }]);
      await store.appendToStream('Group-fine', 0, [{ id: randomUUID(), type: 'Happened', data: {} }]);
      await reactor.awaitCompletion();

      const health = await probeUntil(`${management.url}/health/ready`, 200);
      expect(health.body.info[processor].parked).toEqual([
        expect.objectContaining({ streamName: 'Group-poisoned', attempts: 3, lastError: 'Error: cannot decode' }),
      ]);
      expect(await sampleOf(management.url, 'hotel_reactor_streams_parked', labels)).toBe(1);
      expect(await sampleOf(management.url, 'hotel_reactor_handler_outcomes_total', { ...labels, outcome: 'done' })).toBe(1);
    } finally {
      await management.close();
      await reactor.stop();
    }
  });
});
