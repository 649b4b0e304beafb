import { CheckpointSettings } from '../checkpoints/checkpoint-store';
import { SourceSettings } from '../feed/category-source';
import { ProjectionSinkSettings } from '../sink/projection-sink';
import { SinkSettings } from '../sink/scheduler';

/** A reactor's settings, grouped by the part they tune: each group's type is declared by that part. */
export interface ReactorSettings {
  readonly source: SourceSettings;
  readonly sink: SinkSettings;
  readonly checkpoints: CheckpointSettings;
  /** Interval of the stats line (0: none). */
  readonly statsIntervalMs: number;
  /** Bound on stop()'s wait for handlers in flight and a read under way, before the final commit. */
  readonly drainTimeoutMs: number;
}

/** Every reactor setting with its default: the one place they are declared (the reactor app's defaults come from here). */
export const REACTOR_DEFAULTS: ReactorSettings = {
  // Reads are retried within 1 s, so that reading resumes soon after the store answers again.
  source: { batchSize: 1000, tailSleepMs: 1000, fromTail: false, readRetry: { baseMs: 100, maxMs: 1000 } },
  // Propulsion's host: 8 streams at once, 16 batches read ahead; but no more than 4 pages' worth of events, which keeps
  // the heap of a catch-up small (8 handlers have a thousand streams to choose from). Never park: a failing stream is
  // retried forever.
  sink: {
    maxConcurrentStreams: 8,
    maxReadAhead: 16,
    maxReadAheadEvents: 4000,
    retry: { baseMs: 100, maxMs: 30_000 },
    stuckThreshold: 5,
    parkAfter: 0,
    idleStreamCapacity: 50_000,
  },
  checkpoints: { intervalMs: 5000, source: 'messageDb' },
  statsIntervalMs: 60_000,
  drainTimeoutMs: 10_000,
};

/** startMemoryReactor's, as the F# test fixture: 4 streams at once, 1024 commits read ahead. */
export const MEMORY_REACTOR_DEFAULTS: ReactorSettings = {
  ...REACTOR_DEFAULTS,
  sink: { ...REACTOR_DEFAULTS.sink, maxConcurrentStreams: 4, maxReadAhead: 1024 },
};

/**
 * A projector's sink (see startProjector): a few pages read ahead, applied up to 5000 events per transaction; failed
 * commits retried as the reactor's handlers are.
 */
export const PROJECTION_DEFAULTS: ProjectionSinkSettings = {
  maxReadAhead: 4,
  maxEventsPerCommit: 5000,
  retry: REACTOR_DEFAULTS.sink.retry,
  stuckThreshold: REACTOR_DEFAULTS.sink.stuckThreshold,
};

/** Settings to override, group by group; what is left out (or undefined) keeps its default. */
export interface ReactorTuning {
  readonly source?: Partial<SourceSettings>;
  readonly sink?: Partial<SinkSettings>;
  readonly checkpoints?: Partial<CheckpointSettings>;
  readonly statsIntervalMs?: number;
  readonly drainTimeoutMs?: number;
}

export function resolveSettings(tuning: ReactorTuning, defaults: ReactorSettings = REACTOR_DEFAULTS): ReactorSettings {
  return {
    source: overrideSettings(defaults.source, tuning.source),
    sink: overrideSettings(defaults.sink, tuning.sink),
    checkpoints: overrideSettings(defaults.checkpoints, tuning.checkpoints),
    statsIntervalMs: tuning.statsIntervalMs ?? defaults.statsIntervalMs,
    drainTimeoutMs: tuning.drainTimeoutMs ?? defaults.drainTimeoutMs,
  };
}

/** `defaults` with the settings `given` defines; whatever else `given` carries (a handler, a store) is left out. */
export function overrideSettings<T extends object>(defaults: T, given: Partial<T> | undefined): T {
  const result = { ...defaults };
  for (const key of Object.keys(defaults) as (keyof T)[]) {
    const value = given?.[key];
    if (value !== undefined) result[key] = value as T[keyof T];
  }
  return result;
}
