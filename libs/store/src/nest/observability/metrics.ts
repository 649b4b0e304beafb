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
