import { Summary, summarize } from './stats';

/** Who a figure measures: our service, equinox-js's apps/hotel, or plain calls through pg (the baselines). */
export type Subject = 'ours' | 'equinox-js' | 'raw';

export interface FigureSpec {
  /** Unique, stable: `<section>/<measure>/<subject>[/<variant>]`. */
  readonly key: string;
  readonly section: string;
  /** What is measured (a column of the section's table). */
  readonly measure: string;
  readonly subject: Subject;
  /** The subject's settings or the load, e.g. `MAX_CONCURRENT_STREAMS=8` (with the subject, a row of the table). */
  readonly variant?: string;
  readonly unit: string;
  readonly better: 'higher' | 'lower';
  /** The figures of the same run this one is compared with (as median / baseline median), keys. */
  readonly baselines?: readonly string[];
  /** Conditions worth printing beside the figure (settings, sizes). */
  readonly note?: string;
}

export interface Figure extends FigureSpec, Summary {
  readonly values: readonly number[];
  readonly ratios: readonly { readonly baseline: string; readonly ratio: number }[];
}

/** The samples of every figure of one benchmark run, declared once and recorded round by round. */
export class Figures {
  private readonly specs = new Map<string, FigureSpec>();
  private readonly samples = new Map<string, number[]>();

  /** Declares a figure (idempotent for the same key) and returns its key. */
  declare(spec: Omit<FigureSpec, 'key'>): string {
    const key = `${spec.section}/${spec.measure}/${spec.subject}${spec.variant ? `/${spec.variant}` : ''}`;
    if (!this.specs.has(key)) {
      this.specs.set(key, { ...spec, key });
      this.samples.set(key, []);
    }
    return key;
  }

  record(key: string, value: number): void {
    const samples = this.samples.get(key);
    if (!samples) throw new Error(`Undeclared figure ${key}`);
    if (Number.isFinite(value)) samples.push(value);
  }

  /** Every declared figure with samples, summarised, with its ratio to each of its baselines that has samples. */
  summaries(): Figure[] {
    const summarised = new Map<string, Omit<Figure, 'ratios'>>();
    for (const [key, spec] of this.specs) {
      const values = this.samples.get(key)!;
      if (values.length > 0) summarised.set(key, { ...spec, ...summarize(values), values });
    }
    return [...summarised.values()].map((figure) => ({
      ...figure,
      ratios: (figure.baselines ?? []).flatMap((baseline) => {
        const other = summarised.get(baseline);
        return other ? [{ baseline, ratio: figure.median / other.median }] : [];
      }),
    }));
  }
}

/** What every section of the benchmark gets: where to run, how often, what to compare with, where to record. */
export interface BenchContext {
  /** postgres://… of the server; each run gets a scratch database on it. */
  readonly server: string;
  readonly figures: Figures;
  readonly rounds: number;
  readonly quick: boolean;
  /** Runs the equinox-js reactor's entry on a database, or is absent when the comparison is skipped. */
  readonly equinox?: import('./equinox').EquinoxHotel;
  readonly log: (line: string) => void;
}
