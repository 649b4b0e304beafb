import { FeedBatch } from '@app/store/feed';
import { REACTOR_DEFAULTS } from '@app/store/reactor';
import { FeedLogger } from '@app/store/runtime';
import { SchedulerOptions, StreamScheduler } from '@app/store/sink';
import { ControlledHandler } from './handler-calls';
import { ManualTimers } from './manual-timers';

/** A scheduler on a controlled handler and manual timers, recording the positions of the batches it reports. */
export function setup(options: Partial<SchedulerOptions<string>> = {}) {
  const handler = new ControlledHandler('ok');
  const timers = new ManualTimers();
  const logger = recordingLogger();
  const scheduler = new StreamScheduler<string>({
    ...REACTOR_DEFAULTS.sink,
    handler: handler.handle,
    maxConcurrentStreams: 4,
    maxReadAhead: 16,
    retry: { baseMs: 100, maxMs: 1_000, jitter: 0 },
    stuckThreshold: 3,
    timers,
    logger,
    ...options,
  });
  const completed: number[] = [];
  scheduler.onBatchCompleted((batch: FeedBatch) => completed.push(batch.nextPosition));
  return { handler, timers, logger, scheduler, completed };
}

export function recordingLogger(): FeedLogger & { lines: Record<'log' | 'warn' | 'error', string[]> } {
  const lines = { log: [] as string[], warn: [] as string[], error: [] as string[] };
  return {
    lines,
    log: (m) => lines.log.push(m),
    warn: (m) => lines.warn.push(m),
    error: (m) => lines.error.push(m),
  };
}
