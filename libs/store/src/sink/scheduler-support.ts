import { RecordedEvent } from '../core/event-store';

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
