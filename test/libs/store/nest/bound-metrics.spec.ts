import { Counter, Histogram, Registry } from 'prom-client';
import { BoundCounter, BoundHistogram } from '../../../../libs/store/src/nest/observability/metrics';

const BUCKETS = [0.01, 0.1, 1];
const LABELS = { processor: 'p', category: 'Cat' };

/** Our bound metrics expose exactly what prom-client's would for the same observations. */
describe('BoundHistogram and BoundCounter', () => {
  it('expose the same text as prom-client for the same observations', async () => {
    const ours = new Registry();
    const theirs = new Registry();
    const histogram = BoundHistogram.of({ name: 'h_seconds', help: 'H', buckets: BUCKETS }, ours);
    const counter = BoundCounter.of({ name: 'c_total', help: 'C' }, ours);
    const reference = new Histogram({ name: 'h_seconds', help: 'H', buckets: BUCKETS, labelNames: ['processor', 'category'], registers: [theirs] });
    const referenceCounter = new Counter({ name: 'c_total', help: 'C', labelNames: ['processor', 'category', 'outcome'], registers: [theirs] });
    const series = histogram.bind(LABELS);
    for (const value of [0, 0.01, 0.05, 0.5, 1, 7]) {
      series.observe(value);
      reference.observe(LABELS, value);
    }
    counter.bind({ ...LABELS, outcome: 'done' }).inc();
    counter.bind({ category: 'Cat', outcome: 'done', processor: 'p' }).inc(2);
    counter.bind({ ...LABELS, outcome: 'failed' }).inc();
    referenceCounter.inc({ ...LABELS, outcome: 'done' }, 3);
    referenceCounter.inc({ ...LABELS, outcome: 'failed' });

    expect(sorted(await ours.metrics())).toEqual(sorted(await theirs.metrics()));
  });

  it('is found again by name in its registry, and a reset zeroes bound series that keep counting', async () => {
    const registry = new Registry();
    const histogram = BoundHistogram.of({ name: 'h_seconds', help: 'H', buckets: BUCKETS }, registry);
    expect(BoundHistogram.of({ name: 'h_seconds', help: 'H', buckets: BUCKETS }, registry)).toBe(histogram);
    const series = histogram.bind(LABELS);
    series.observe(0.5);
    registry.resetMetrics();
    series.observe(0.05);
    const text = await registry.metrics();
    expect(text).toContain('h_seconds_count{processor="p",category="Cat"} 1');
    expect(text).toContain('h_seconds_sum{processor="p",category="Cat"} 0.05');
  });

  it('refuses what prom-client refuses', () => {
    const registry = new Registry();
    expect(() => BoundHistogram.of({ name: 'h', help: 'H', buckets: BUCKETS }, registry).bind(LABELS).observe(Number.NaN)).toThrow();
    expect(() => BoundCounter.of({ name: 'c', help: 'C' }, registry).bind(LABELS).inc(-1)).toThrow();
  });
});

/** Exposition lines in a fixed order, each line's labels sorted (their order is not part of the format). */
function sorted(text: string): string[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => line.replace(/\{([^}]*)\}/, (_, labels: string) => `{${labels.split(',').sort().join(',')}}`))
    .sort();
}
