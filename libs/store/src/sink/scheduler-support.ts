import { RecordedEvent } from '../core/event-store';
import { validateBackoff } from '../runtime/backoff';
import type { SinkSettings } from './scheduler';
import { ParkStream, validateParking } from './stream-parking';

export type Listener<T> = (value: T) => void;

export function groupByStream(events: readonly RecordedEvent[]): Map<string, RecordedEvent[]> {
  const byStream = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const list = byStream.get(event.streamName);
    if (list) list.push(event);
    else byStream.set(event.streamName, [event]);
  }
  return byStream;
}

export function subscribe<T>(listeners: Set<Listener<T>>, listener: Listener<T>): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function requirePositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer (got ${value})`);
}

/** Throws a RangeError naming the first setting out of range. */
export function validateSinkSettings(options: SinkSettings & { readonly park?: ParkStream }): void {
  requirePositiveInteger('maxConcurrentStreams', options.maxConcurrentStreams);
  requirePositiveInteger('maxReadAhead', options.maxReadAhead);
  requirePositiveInteger('maxReadAheadEvents', options.maxReadAheadEvents);
  validateBackoff('retry', options.retry);
  requirePositiveInteger('stuckThreshold', options.stuckThreshold);
  validateParking(options.parkAfter, options.park);
}
