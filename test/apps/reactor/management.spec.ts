import 'reflect-metadata';
import { Category, MemoryStore, ReactorHandle, startMemoryReactor } from '@app/store';
import { PrometheusReactorMonitor } from '@app/store/nest';
import { randomUUID } from 'node:crypto';
import { counter } from '../../libs/store/support/counter';
import { RunningManagement, probeUntil, sampleOf, startManagement } from './management-probes';

const category = 'Group';

/** A memory reactor whose handler fails while `failing` is set, or waits while `holding` is. */
function controlledReactor(store: MemoryStore, processorName: string, monitor: PrometheusReactorMonitor) {
  const control = { failing: false, release: undefined as (() => void) | undefined };
  const reactor = startMemoryReactor(store, {
    category,
    processorName,
    monitor,
    statsIntervalMs: 0,
    sink: {
      handler: async (_, events) => {
        if (control.failing) throw new Error('the handler fails');
        if (control.release === undefined) await new Promise<void>((resolve) => (control.release = resolve));
        return { outcome: 'done', version: events[events.length - 1].position + 1 };
      },
      stuckThreshold: 1,
      retry: { baseMs: 10, maxMs: 10, jitter: 0 },
    },
  });
  return { reactor, control };
}

async function append(store: MemoryStore, streamName: string): Promise<void> {
  const version = (await store.readStream(streamName)).length;
  await store.appendToStream(streamName, version, [{ id: randomUUID(), type: 'Happened', data: {} }]);
}

describe("the reactor app's management endpoints", () => {
  let store: MemoryStore;
  let management: RunningManagement;
  let reactor: ReactorHandle;
  let control: { failing: boolean; release: (() => void) | undefined };
  // A processor per test: counters live as long as the process.
  let processor: string;
  let labels: { processor: string; category: string };

  beforeEach(async () => {
    processor = `management-${randomUUID()}`;
    labels = { processor, category };
    store = new MemoryStore();
    const monitor = new PrometheusReactorMonitor();
    ({ reactor, control } = controlledReactor(store, processor, monitor));
    management = await startManagement(monitor);
  });

  afterEach(async () => {
    control.release?.();
    await management.close();
    await reactor.stop();
  });

  it('is not ready while a stream is stuck, names it in the details and the metrics, and clears once it recovers', async () => {
    control.release = () => undefined;
    await probeUntil(`${management.url}/health/ready`, 200);
    control.failing = true;
    await append(store, 'Group-1');

    const stuck = await probeUntil(`${management.url}/health/ready`, 503);
    expect(stuck.body).toMatchObject({ title: 'Not ready', status: 503, detail: `Failing health checks: ${processor}.` });
    expect(stuck.body.checks[processor].stuck.map((s: { streamName: string }) => s.streamName)).toEqual(['Group-1']);
    expect((await fetch(`${management.url}/health/live`)).status).toBe(200);
    expect(await sampleOf(management.url, 'hotel_reactor_streams_stuck', labels)).toBe(1);
    expect(await sampleOf(management.url, 'hotel_reactor_handler_outcomes_total', { ...labels, outcome: 'failed' })).toBeGreaterThanOrEqual(2);
    expect(await sampleOf(management.url, 'hotel_reactor_retries_total', labels)).toBeGreaterThanOrEqual(2);

    control.failing = false;
    const recovered = await probeUntil(`${management.url}/health/ready`, 200);
    expect(recovered.body.info[processor].stuck).toEqual([]);
    await reactor.awaitCompletion();
    expect(await sampleOf(management.url, 'hotel_reactor_streams_stuck', labels)).toBe(0);
    expect(await sampleOf(management.url, 'hotel_reactor_handler_outcomes_total', { ...labels, outcome: 'done' })).toBe(1);
  });

  it('shows the lag while a reaction waits, and its lead time once it completes', async () => {
    await append(store, 'Group-1');
    while (control.release === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await sampleOf(management.url, 'hotel_reactor_events_read_total', labels)).toBe(1);
    expect(await sampleOf(management.url, 'hotel_reactor_streams_in_flight', labels)).toBe(1);
    expect(await sampleOf(management.url, 'hotel_reactor_lag_events', labels)).toBe(1);
    expect(await sampleOf(management.url, 'hotel_reactor_lag_seconds', labels)).toBeGreaterThan(0);
    expect(await sampleOf(management.url, 'hotel_reactor_lead_time_seconds_count', labels)).toBe(0);

    control.release();
    await reactor.awaitCompletion();
    expect(await sampleOf(management.url, 'hotel_reactor_lag_events', labels)).toBe(0);
    expect(await sampleOf(management.url, 'hotel_reactor_lag_seconds', labels)).toBe(0);
    expect(await sampleOf(management.url, 'hotel_reactor_lead_time_seconds_count', labels)).toBe(1);
    expect(await sampleOf(management.url, 'hotel_reactor_lead_time_seconds_sum', labels)).toBeGreaterThan(0);
    expect(await sampleOf(management.url, 'hotel_reactor_handler_duration_seconds_count', labels)).toBe(1);
    expect(await sampleOf(management.url, 'hotel_reactor_committed_position', labels)).toBe(1);
  });

  it('stops reporting a reactor once it stops', async () => {
    control.release = () => undefined;
    expect(await sampleOf(management.url, 'hotel_reactor_running', labels)).toBe(1);
    await reactor.stop();
    expect(await sampleOf(management.url, 'hotel_reactor_running', labels)).toBe(0);
    expect(await (await fetch(`${management.url}/health`)).json()).toMatchObject({ status: 'ok', details: {} });
  });

  it('counts the write conflicts its handlers meet and retry', async () => {
    const monitor = new PrometheusReactorMonitor();
    const conflicting = `conflicts-${randomUUID()}`;
    const counters = new Category(store, counter);
    let interfered = false;
    const other = startMemoryReactor(store, {
      category,
      processorName: conflicting,
      monitor,
      statsIntervalMs: 0,
      sink: {
        handler: async (_, events) => {
          await counters.decider('1').transactResult(async () => {
            if (!interfered) {
              interfered = true;
              await store.appendToStream('Counter-1', 0, [{ id: randomUUID(), type: 'Counted', data: { by: 1 } }]);
            }
            return [null, [{ type: 'Counted', by: 1 }]];
          });
          return { outcome: 'counted', version: events[events.length - 1].position + 1 };
        },
      },
    });
    const otherManagement = await startManagement(monitor);
    try {
      control.release = () => undefined;
      await append(store, 'Group-1');
      await other.awaitCompletion();
      expect(await sampleOf(otherManagement.url, 'hotel_reactor_conflicts_total', { processor: conflicting, category })).toBe(1);
      expect(await sampleOf(otherManagement.url, 'hotel_reactor_handler_outcomes_total', { processor: conflicting, outcome: 'counted' })).toBe(1);
    } finally {
      await otherManagement.close();
      await other.stop();
    }
  });
});
