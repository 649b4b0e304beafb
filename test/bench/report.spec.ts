import { Figures } from '../../bench/figures';
import { renderMarkdown, RunResult } from '../../bench/report';
import { median, percentile, rotated } from '../../bench/stats';

const runOf = (figures: Figures, overrides: Partial<RunResult> = {}): RunResult => ({
  startedAt: '2026-12-02T15:00:00.000Z',
  finishedAt: '2026-12-02T15:10:00.000Z',
  quick: false,
  rounds: 3,
  command: 'npm run bench',
  machine: { nproc: 2, 'load average (1 min) at the start': '0.50' },
  server: { server_version: '15.18' },
  settings: { sections: ['burst'] },
  completed: ['burst'],
  skipped: [],
  figures: figures.summaries(),
  ...overrides,
});

/** A burst where ours makes 90, 100 and 110 groups/s against equinox-js's 40 and the floor's 150. */
function burstFigures(): Figures {
  const figures = new Figures();
  const floor = figures.declare({ section: 'burst', measure: 'groups/s', subject: 'raw', unit: 'groups/s', better: 'higher' });
  const equinox = figures.declare({ section: 'burst', measure: 'groups/s', subject: 'equinox-js', unit: 'groups/s', better: 'higher' });
  const ours = figures.declare({
    section: 'burst', measure: 'groups/s', subject: 'ours', variant: 'MAX_CONCURRENT_STREAMS=8', unit: 'groups/s', better: 'higher', baselines: [floor, equinox],
  });
  [110, 90, 100].forEach((value) => figures.record(ours, value));
  [40, 40, 40].forEach((value) => figures.record(equinox, value));
  [150, 150, 150].forEach((value) => figures.record(floor, value));
  return figures;
}

describe('benchmark figures', () => {
  it('summarises each figure by its median and spread, with its ratio to each baseline of the same run', () => {
    const ours = burstFigures().summaries().find((figure) => figure.subject === 'ours')!;
    expect(ours).toMatchObject({ key: 'burst/groups/s/ours/MAX_CONCURRENT_STREAMS=8', median: 100, min: 90, max: 110, n: 3 });
    expect(ours.ratios).toEqual([
      { baseline: 'burst/groups/s/raw', ratio: 100 / 150 },
      { baseline: 'burst/groups/s/equinox-js', ratio: 100 / 40 },
    ]);
  });

  it('leaves out ratios to baselines without samples, and samples that are not finite', () => {
    const figures = new Figures();
    const baseline = figures.declare({ section: 's', measure: 'm', subject: 'raw', unit: 'u', better: 'higher' });
    const ours = figures.declare({ section: 's', measure: 'm', subject: 'ours', unit: 'u', better: 'higher', baselines: [baseline] });
    figures.record(ours, 5);
    figures.record(ours, Number.NaN);
    expect(figures.summaries()).toEqual([expect.objectContaining({ key: ours, n: 1, ratios: [] })]);
  });

  it('refuses a sample of an undeclared figure', () => {
    expect(() => new Figures().record('burst/groups/s/ours', 1)).toThrow('Undeclared figure');
  });

  it('takes order statistics as the report states them', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([5, 1, 4, 2, 3], 0.99)).toBe(5);
    expect(percentile([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(rotated(['a', 'b', 'c'], 1)).toEqual(['b', 'c', 'a']);
  });
});

describe('docs/benchmarks.md', () => {
  const sourced = (result: RunResult) => ({ result, link: `../bench/results/${result.startedAt}.json` });

  it('tabulates a row per contender with each figure beside its ratios, and judges the goals from them', () => {
    const markdown = renderMarkdown([sourced(runOf(burstFigures()))]);
    expect(markdown).toContain('| **ours, MAX_CONCURRENT_STREAMS=8** | **100** (90.0–110, n=3)<br>0.67× raw<br>2.50× equinox-js |');
    expect(markdown).toContain('| burst groups/s ≥ 2× equinox-js | 2.50× at worst (MAX_CONCURRENT_STREAMS=8) | yes |');
    expect(markdown).toContain('| burst groups/s ≥ 60 % of the raw-write floor | 0.67× at worst (MAX_CONCURRENT_STREAMS=8) | yes |');
    expect(markdown).toContain('| idle lead time p50 ≤ 5 ms (NOTIFY) | not measured | – |');
    expect(markdown).toContain('> Every section comes from a full run of the matrix.');
    expect(markdown).not.toContain('Smoke run');
  });

  it('takes each section from the newest run that measured it, and labels smoke runs with their load', () => {
    const smoke = runOf(burstFigures(), { quick: true, rounds: 1, skipped: ['EQX_HOTEL_REACTOR is not set'] });
    const older = runOf(burstFigures(), { startedAt: '2026-12-02T14:00:00.000Z', machine: { nproc: 2, 'load average (1 min) at the start': '9.00' } });
    const newerWithoutBurst = runOf(new Figures(), { startedAt: '2026-12-02T16:00:00.000Z', completed: [] });
    const markdown = renderMarkdown([older, sourced(smoke).result, newerWithoutBurst].map(sourced));
    expect(markdown).toContain(
      '**Smoke run** (`--quick`, small sizes), 1 round(s), 1-minute load average 0.50 on 2 cores at its start; 2026-12-02T15:00:00.000Z',
    );
    expect(markdown).toContain('Skipped: EQX_HOTEL_REACTOR is not set.');
    expect(markdown).toContain('> **Sections marked "smoke run"');
    expect(markdown).not.toContain('load average 9.00');
  });
});
