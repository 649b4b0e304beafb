/** The samples of a metric in Prometheus' text format, by label set as written (`{processor="P",…}`; '' for none). */
export function samplesOf(exposition: string, metric: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of exposition.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (match && match[1] === metric) samples.set(match[2] ?? '', Number(match[3]));
  }
  return samples;
}

/** The value of the metric's first sample that has all of `labels` (and maybe more), 0 when there is none. */
export function sampleIn(exposition: string, metric: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([name, value]) => `${name}="${value}"`);
  for (const [labelSet, value] of samplesOf(exposition, metric)) if (wanted.every((label) => labelSet.includes(label))) return value;
  return 0;
}

/** The names of the metric families an exposition declares (its `# TYPE` lines). */
export function metricFamiliesOf(exposition: string): string[] {
  return [...exposition.matchAll(/^# TYPE (\S+) (\w+)$/gm)].map((match) => match[1]);
}
