import { OutcomeCounters } from '../sink/outcome-stats';
import type { ReactorStatus } from './reactor';

/**
 * Propulsion-style interval line: what happened in the interval, and where the feed stands. None for an idle interval
 * unless it is the final one.
 */
export function statsLine(status: ReactorStatus, interval: OutcomeCounters, final: boolean): string | undefined {
  const idle = interval.completed === 0 && interval.failed === 0 && status.stuck.length === 0 && status.batchesBuffered === 0;
  if (idle && !final) return undefined;
  const outcomes = Object.entries(interval.byOutcome).map(([name, count]) => `${name} ${count}`);
  return (
    `Reactor ${status.processorName} ${status.category}${final ? ' (final)' : ''}: ` +
    `handled ${interval.completed} failed ${interval.failed}${outcomes.length ? ` | ${outcomes.join(' ')}` : ''} | ` +
    `read ${status.readPosition} completed ${status.completedPosition} committed ${status.committedPosition ?? '-'} ` +
    `tail ${status.categoryTail ?? '?'} | buffered ${status.batchesBuffered} batches ${status.eventsBuffered} events, ` +
    `${status.streamsInFlight} in flight, ${status.streamsBackingOff} backing off, ${status.stuck.length} stuck, ` +
    `${status.parked.length} parked`
  );
}

export function difference(now: OutcomeCounters, before: OutcomeCounters): OutcomeCounters {
  const byOutcome: Record<string, number> = {};
  for (const [name, count] of Object.entries(now.byOutcome)) {
    const delta = count - (before.byOutcome[name] ?? 0);
    if (delta > 0) byOutcome[name] = delta;
  }
  return { completed: now.completed - before.completed, failed: now.failed - before.failed, byOutcome };
}
