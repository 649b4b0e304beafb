import 'reflect-metadata';
import { MemoryStore, startMemoryReactor } from '@app/store';
import { PrometheusReactorMonitor } from '@app/store/nest';
import yaml from 'js-yaml';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createApiApp } from '../support/api-app';
import { metricFamiliesOf } from '../support/metrics';
import { startManagement } from '../apps/reactor/management-probes';

const root = path.resolve(__dirname, '../..');
const dashboard = JSON.parse(fs.readFileSync(path.join(root, 'deploy/grafana/hotel-checkout.json'), 'utf8'));
const rules = yaml.load(fs.readFileSync(path.join(root, 'deploy/prometheus/hotel-alerts.yml'), 'utf8')) as RuleFile;

interface Rule {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}
interface RuleFile {
  readonly groups: readonly { readonly name: string; readonly rules: readonly Rule[] }[];
}

/** Words of PromQL that name no metric: aggregations, functions, modifiers. */
const PROMQL_WORDS = new Set(
  ('sum min max avg count stddev stdvar topk bottomk quantile group by without on ignoring group_left group_right and or ' +
    'unless bool offset rate irate increase delta deriv histogram_quantile clamp_min clamp_max abs absent time vector scalar')
    .split(' '),
);

/** The metrics a PromQL expression selects: what is left once strings, label matchers, ranges and label lists go. */
function metricsIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '')
    .replace(/\$\w+/g, '')
    .replace(/\b\d+(\.\d+)?\b/g, '');
  return [...bare.matchAll(/[a-zA-Z_:][\w:]*/g)].map((match) => match[0]).filter((word) => !PROMQL_WORDS.has(word));
}

/** Every query of the dashboard: its panels' targets, and the metric its variables read label values of. */
function dashboardQueries(): string[] {
  const targets = dashboard.panels.flatMap((panel: { targets?: { expr: string }[] }) => (panel.targets ?? []).map((t) => t.expr));
  const variables = dashboard.templating.list
    .filter((variable: { type: string }) => variable.type === 'query')
    .map((variable: { query: string }) => /^label_values\((\w+),\s*\w+\)$/.exec(variable.query)?.[1] ?? variable.query);
  return [...targets, ...variables];
}

describe('the Grafana dashboard and the Prometheus alert rules', () => {
  /** The metric families the apps export, as their /metrics endpoints list them. */
  let families: Set<string>;

  beforeAll(async () => {
    const api = await createApiApp({ store: new MemoryStore() });
    const store = new MemoryStore();
    const monitor = new PrometheusReactorMonitor();
    const reactor = startMemoryReactor(store, { category: 'Group', monitor, sink: { handler: async (_, events) => ({ outcome: 'ok', version: events.length }) } });
    const management = await startManagement(monitor);
    try {
      const apiMetrics = (await request(api.getHttpServer()).get('/metrics').expect(200)).text;
      const reactorMetrics = await (await fetch(`${management.url}/metrics`)).text();
      families = new Set([...metricFamiliesOf(apiMetrics), ...metricFamiliesOf(reactorMetrics)]);
    } finally {
      await management.close();
      await reactor.stop();
      await api.close();
    }
  });

  /** Whether the apps export `name`: a family, or a histogram's bucket, sum or count series. */
  const exported = (name: string) => families.has(name) || families.has(name.replace(/_(bucket|sum|count)$/, ''));

  it('finds metrics in queries, and only metrics', () => {
    expect(metricsIn('histogram_quantile(0.95, sum by (le, route) (rate(hotel_x_bucket{status=~"5.."}[$__rate_interval])))')).toEqual(['hotel_x_bucket']);
    expect(metricsIn('sum(rate(a_total[5m])) / sum(rate(b_total[5m])) > 0.05')).toEqual(['a_total', 'b_total']);
    expect(families.has('hotel_reactor_lag_seconds')).toBe(true);
    expect(exported('hotel_reactor_lead_time_seconds_bucket')).toBe(true);
    expect(exported('hotel_reactor_no_such_metric')).toBe(false);
  });

  it('has a dashboard whose queries name only metrics the apps export', () => {
    const queries = dashboardQueries();
    expect(queries.length).toBeGreaterThan(20);
    const unknown = queries.flatMap((query) => metricsIn(query).filter((metric) => !exported(metric)).map((metric) => `${metric} in ${query}`));
    expect(unknown).toEqual([]);
  });

  it('shows every metric of its own that the apps export', () => {
    const named = new Set(dashboardQueries().flatMap(metricsIn).map((metric) => metric.replace(/_(bucket|sum|count)$/, '')));
    const ours = [...families].filter((family) => /^hotel_(reactor|http|api)_/.test(family));
    expect(ours.filter((family) => !named.has(family))).toEqual([]);
  });

  it('has a dashboard Grafana can import: panels placed, each query with a data source and a refId', () => {
    expect(dashboard).toMatchObject({ uid: 'hotel-group-checkout', title: expect.any(String), schemaVersion: expect.any(Number) });
    const ids = dashboard.panels.map((panel: { id: number }) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const panel of dashboard.panels) {
      expect(panel.gridPos).toEqual({ h: expect.any(Number), w: expect.any(Number), x: expect.any(Number), y: expect.any(Number) });
      if (panel.type === 'row') continue;
      expect(panel.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
      expect(panel.targets.length).toBeGreaterThan(0);
      for (const target of panel.targets) expect(target).toMatchObject({ refId: expect.stringMatching(/^[A-Z]$/), expr: expect.any(String) });
    }
  });

  it('has alert rules in the structure of a Prometheus rule file, naming only exported metrics', () => {
    expect(rules.groups.length).toBeGreaterThan(0);
    const alerts = rules.groups.flatMap((group) => {
      expect(group).toEqual({ name: expect.any(String), rules: expect.any(Array) });
      return group.rules;
    });
    for (const rule of alerts) {
      expect(Object.keys(rule).sort()).toEqual(['alert', 'annotations', 'expr', 'for', 'labels']);
      expect(rule.alert).toMatch(/^[A-Z][A-Za-z0-9]+$/);
      expect(rule.for).toMatch(/^\d+[smhd]$/);
      expect(['warning', 'critical']).toContain(rule.labels!.severity);
      expect(rule.annotations!.summary).toEqual(expect.any(String));
      expect(metricsIn(rule.expr).filter((metric) => !exported(metric))).toEqual([]);
    }
    expect(new Set(alerts.map((rule) => rule.alert)).size).toBe(alerts.length);
  });

  it('alerts on a stuck reactor, reactor lag, API 5xx and the 503 rate', () => {
    const exprs = rules.groups.flatMap((group) => group.rules.map((rule) => rule.expr));
    const alertOn = (test: (expr: string) => boolean) => expect(exprs.some(test)).toBe(true);
    alertOn((expr) => metricsIn(expr).includes('hotel_reactor_streams_stuck'));
    alertOn((expr) => metricsIn(expr).includes('hotel_reactor_lag_seconds'));
    alertOn((expr) => metricsIn(expr).includes('hotel_http_requests_total') && expr.includes('status=~"5.."'));
    alertOn((expr) => metricsIn(expr).includes('hotel_http_service_unavailable_total'));
  });
});
