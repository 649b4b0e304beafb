import { DynamicModule, Type } from '@nestjs/common';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { Counter, CounterConfiguration, Gauge, GaugeConfiguration, Histogram, HistogramConfiguration, Registry, collectDefaultMetrics, register } from 'prom-client';

/** Every metric the applications export starts with it (Node's process metrics included). */
export const METRIC_PREFIX = 'hotel_';

/**
 * Prometheus for a Nest application: `GET /metrics` served by `controller` (a PrometheusController, so that the app
 * decides on auth and documentation), from prom-client's default registry, with Node's process metrics.
 */
export function prometheusModule(controller: Type<unknown>): DynamicModule {
  collectProcessMetrics();
  return PrometheusModule.register({ controller, defaultMetrics: { enabled: false } });
}

/** Node's process metrics, collected once per process however many applications it starts (tests start several). */
function collectProcessMetrics(): void {
  if (register.getSingleMetric(`${METRIC_PREFIX}process_cpu_seconds_total`) === undefined) {
    collectDefaultMetrics({ prefix: METRIC_PREFIX, register });
  }
}

/**
 * A metric of the registry by name, created at first use: applications built twice in one process (tests) share it,
 * where registering it again would throw.
 */
function metricOf<M>(registry: Registry, name: string, create: () => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create();
}

export function counterOf<L extends string>(config: CounterConfiguration<L>, registry: Registry = register): Counter<L> {
  return metricOf(registry, config.name, () => new Counter({ ...config, registers: [registry] }));
}

export function gaugeOf<L extends string>(config: GaugeConfiguration<L>, registry: Registry = register): Gauge<L> {
  return metricOf(registry, config.name, () => new Gauge({ ...config, registers: [registry] }));
}

export function histogramOf<L extends string>(config: HistogramConfiguration<L>, registry: Registry = register): Histogram<L> {
  return metricOf(registry, config.name, () => new Histogram({ ...config, registers: [registry] }));
}

type SeriesLabels = Readonly<Record<string, string>>;

/** One labelled series of a BoundHistogram: observations counted straight into its buckets. */
export interface HistogramSeries {
  observe(value: number): void;
}

interface HistogramCounts {
  readonly labels: SeriesLabels;
  readonly buckets: number[];
  sum: number;
  count: number;
}

/**
 * A Prometheus histogram (same exposition as prom-client's) whose series are bound once to their labels: observing a
 * value finds its bucket and adds, where prom-client validates and hashes the labels on every observation, which a
 * reactor pays per handler call. Registered in `registry` like any prom-client metric (found again by name).
 */
export class BoundHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly series = new Map<string, HistogramCounts>();

  private constructor(
    readonly name: string,
    readonly help: string,
    private readonly upperBounds: readonly number[],
  ) {}

  static of(config: { name: string; help: string; buckets: readonly number[] }, registry: Registry = register): BoundHistogram {
    return registered(registry, config.name, () => new BoundHistogram(config.name, config.help, [...config.buckets].sort((a, b) => a - b)));
  }

  /** The series of `labels` (the same one for equal labels). */
  bind(labels: SeriesLabels): HistogramSeries {
    const key = seriesKey(labels);
    let counts = this.series.get(key);
    if (counts === undefined) {
      counts = { labels: { ...labels }, buckets: this.upperBounds.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, counts);
    }
    const found = counts;
    const bounds = this.upperBounds;
    return {
      observe(value: number): void {
        if (!Number.isFinite(value)) throw new TypeError(`Value is not a valid number: ${value}`);
        let bucket = 0;
        while (bucket < bounds.length && value > bounds[bucket]) bucket++;
        if (bucket < bounds.length) found.buckets[bucket]++;
        found.sum += value;
        found.count++;
      },
    };
  }

  get() {
    const values: { labels: Record<string, string | number>; value: number; metricName: string }[] = [];
    for (const { labels, buckets, sum, count } of this.series.values()) {
      let cumulative = 0;
      buckets.forEach((inBucket, index) => {
        cumulative += inBucket;
        values.push({ labels: { ...labels, le: this.upperBounds[index] }, value: cumulative, metricName: `${this.name}_bucket` });
      });
      values.push({ labels: { ...labels, le: '+Inf' }, value: count, metricName: `${this.name}_bucket` });
      values.push({ labels: { ...labels }, value: sum, metricName: `${this.name}_sum` });
      values.push({ labels: { ...labels }, value: count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  /** Zeroes every series (bound ones keep counting into theirs). */
  reset(): void {
    for (const counts of this.series.values()) {
      counts.buckets.fill(0);
      counts.sum = 0;
      counts.count = 0;
    }
  }
}

/** One labelled series of a BoundCounter. */
export interface CounterSeries {
  inc(amount?: number): void;
}

/** A Prometheus counter whose series are bound once to their labels (see BoundHistogram). */
export class BoundCounter {
  readonly type = 'counter';
  readonly aggregator = 'sum';
  private readonly series = new Map<string, { readonly labels: SeriesLabels; value: number }>();

  private constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  static of(config: { name: string; help: string }, registry: Registry = register): BoundCounter {
    return registered(registry, config.name, () => new BoundCounter(config.name, config.help));
  }

  /** The series of `labels` (the same one for equal labels). */
  bind(labels: SeriesLabels): CounterSeries {
    const key = seriesKey(labels);
    let found = this.series.get(key);
    if (found === undefined) {
      found = { labels: { ...labels }, value: 0 };
      this.series.set(key, found);
    }
    const counted = found;
    return {
      inc(amount = 1): void {
        if (!(amount >= 0) || !Number.isFinite(amount)) throw new Error(`It is not possible to increase a counter by ${amount}`);
        counted.value += amount;
      },
    };
  }

  get() {
    const values = [...this.series.values()].map(({ labels, value }) => ({ labels: { ...labels }, value }));
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  /** Zeroes every series (bound ones keep counting into theirs). */
  reset(): void {
    for (const counted of this.series.values()) counted.value = 0;
  }
}

/** A metric of our own of the registry by name (see metricOf), registered in it when created. */
function registered<M>(registry: Registry, name: string, create: () => M): M {
  return metricOf(registry, name, () => {
    const metric = create();
    registry.registerMetric(metric as never);
    return metric;
  });
}

const seriesKey = (labels: SeriesLabels): string => JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)));
