import { Registry, register } from 'prom-client';
import { RecordedEvent } from '../../core/event-store';
import { ReactorStatus } from '../../reactor/reactor';
import { ReactorMonitor, ReactorObserver, WatchedReactor } from '../../reactor/reactor-monitor';
import { HandlerCall } from '../../sink/sink-observer';
import { BoundCounter, BoundHistogram, CounterSeries, HistogramSeries, METRIC_PREFIX, counterOf, gaugeOf } from './metrics';

const LABELS = ['processor', 'category'] as const;
type Labels = Record<(typeof LABELS)[number], string>;
/** Outcome names a processor may show apart; any further ones count as `other` (bounded cardinality). */
const MAX_OUTCOME_NAMES = 20;

const name = (suffix: string) => `${METRIC_PREFIX}reactor_${suffix}`;

/** The reactors each registry's gauges read at every scrape (one set per registry, however many monitors feed it). */
const watchedByRegistry = new WeakMap<Registry, Set<WatchedReactor>>();

/** A gauge read from each watched reactor's status when scraped. */
function statusGauge(registry: Registry, suffix: string, help: string, read: (status: ReactorStatus, now: number) => number) {
  const watched = watchedByRegistry.get(registry)!;
  return gaugeOf(
    {
      name: name(suffix),
      help,
      labelNames: LABELS,
      collect() {
        this.reset();
        const now = Date.now();
        for (const reactor of watched) this.set(labelsOf(reactor), read(reactor.status(), now));
      },
    },
    registry,
  );
}

function reactorMetrics(registry: Registry) {
  if (!watchedByRegistry.has(registry)) watchedByRegistry.set(registry, new Set());
  const gauge = (suffix: string, help: string, read: (status: ReactorStatus, now: number) => number) =>
    statusGauge(registry, suffix, help, read);
  gauge('running', '1 while the reactor runs, 0 once it stops or faults', (s) => Number(s.state === 'running'));
  gauge('streams_in_flight', 'Streams with a handler call under way', (s) => s.streamsInFlight);
  gauge('streams_backing_off', 'Failing streams waiting out a backoff before their next attempt', (s) => s.streamsBackingOff);
  gauge('streams_stuck', 'Streams past the stuck threshold of consecutive failed attempts (still retried)', (s) => s.stuck.length);
  gauge('streams_parked', 'Streams parked after PARK_AFTER failed attempts: skipped until an operator retries or drops them', (s) => s.parked.length);
  gauge('batches_buffered', 'Batches read and not yet complete', (s) => s.batchesBuffered);
  gauge('read_errors', 'Consecutive failed reads of the category (0 while reads succeed)', (s) => s.consecutiveReadErrors);
  gauge('read_position', 'The global position the feed reads from next', (s) => s.readPosition);
  gauge('committed_position', 'The checkpoint last committed (global position)', (s) => s.committedPosition ?? s.completedPosition);
  gauge('lag_events', 'Global positions between the handled position and the category tail', (s) =>
    Math.max(0, (s.categoryTail ?? s.completedPosition) - s.completedPosition),
  );
  gauge('lag_seconds', 'Age of the oldest event read and not yet handled (0: nothing waits)', (s, now) =>
    s.oldestUnhandledEventAt === undefined ? 0 : Math.max(0, (now - s.oldestUnhandledEventAt.getTime()) / 1000),
  );
  const counter = (suffix: string, help: string) => counterOf({ name: name(suffix), help, labelNames: LABELS }, registry);
  return {
    eventsRead: counter('events_read_total', 'Events the feed handed to the sink'),
    batchesRead: counter('batches_read_total', 'Non-empty batches the feed handed to the sink'),
    retries: counter('retries_total', 'Handler attempts scheduled again after a failure or no progress'),
    conflicts: counter('conflicts_total', 'Write conflicts met (and retried) by the handlers'),
    // Per handler call: series bound to their labels once per reactor (prom-client hashes them on every call).
    outcomes: BoundCounter.of({ name: name('handler_outcomes_total'), help: 'Handler calls by outcome (failed: the call threw)' }, registry),
    handlerDuration: BoundHistogram.of(
      {
        name: name('handler_duration_seconds'),
        help: 'Duration of handler calls, failed ones included',
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      },
      registry,
    ),
    leadTime: BoundHistogram.of(
      {
        name: name('lead_time_seconds'),
        help: "From the time of the oldest event a handler call was given to the call's completion",
        buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      },
      registry,
    ),
  };
}

type ReactorMetrics = ReturnType<typeof reactorMetrics>;

/**
 * Prometheus metrics of every reactor started with it (ReactionOptions.monitor), labelled with its processor and
 * category only (never a stream: cardinality), and the list of those reactors for health checks.
 */
export class PrometheusReactorMonitor implements ReactorMonitor {
  private readonly metrics: ReactorMetrics;

  constructor(private readonly registry: Registry = register) {
    this.metrics = reactorMetrics(registry);
  }

  watch(reactor: WatchedReactor): ReactorObserver {
    const watched = watchedByRegistry.get(this.registry)!;
    watched.add(reactor);
    return new PrometheusReactorObserver(this.metrics, labelsOf(reactor), () => watched.delete(reactor));
  }

  /** The reactors running under this monitor's registry. */
  reactors(): WatchedReactor[] {
    return [...watchedByRegistry.get(this.registry)!];
  }
}

class PrometheusReactorObserver implements ReactorObserver {
  /** The outcome counter's series by outcome name, bounded (MAX_OUTCOME_NAMES; `other` beyond). */
  private readonly outcomes = new Map<string, CounterSeries>();
  private readonly handlerDuration: HistogramSeries;
  private readonly leadTime: HistogramSeries;
  private failed?: CounterSeries;
  private other?: CounterSeries;

  constructor(
    private readonly metrics: ReactorMetrics,
    private readonly labels: Labels,
    readonly stopped: () => void,
  ) {
    this.handlerDuration = metrics.handlerDuration.bind(labels);
    this.leadTime = metrics.leadTime.bind(labels);
  }

  batchRead(events: readonly RecordedEvent[]): void {
    if (events.length === 0) return;
    this.metrics.eventsRead.inc(this.labels, events.length);
    this.metrics.batchesRead.inc(this.labels);
  }

  handled(call: HandlerCall, outcome: string): void {
    this.outcome(outcome).inc();
    this.handlerDuration.observe(call.durationMs / 1000);
    this.leadTime.observe(Math.max(0, Date.now() - call.events[0].time.getTime()) / 1000);
  }

  handlerFailed(call: HandlerCall): void {
    (this.failed ??= this.metrics.outcomes.bind({ ...this.labels, outcome: 'failed' })).inc();
    this.handlerDuration.observe(call.durationMs / 1000);
  }

  retryScheduled(): void {
    this.metrics.retries.inc(this.labels);
  }

  conflicted(): void {
    this.metrics.conflicts.inc(this.labels);
  }

  /** The series of `outcome`; a processor's own outcome names past MAX_OUTCOME_NAMES count as `other`. */
  private outcome(outcome: string): CounterSeries {
    const known = this.outcomes.get(outcome);
    if (known !== undefined) return known;
    if (this.outcomes.size >= MAX_OUTCOME_NAMES) return (this.other ??= this.metrics.outcomes.bind({ ...this.labels, outcome: 'other' }));
    const series = this.metrics.outcomes.bind({ ...this.labels, outcome });
    this.outcomes.set(outcome, series);
    return series;
  }
}

function labelsOf({ processorName, category }: WatchedReactor): Labels {
  return { processor: processorName, category };
}
