import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { EncodedEvent } from './codec';
import { EventToWrite, RecordedEvent } from './event-store';

/**
 * What an event records of why it was written, in the Message DB metadata column, as Eventide and FsCodec name it:
 * the request (or first event) a chain of work started from, the message that directly caused this one, and the user
 * who asked, when known.
 */
export type EventMetadata = {
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly userId?: string;
};

const ambient = new AsyncLocalStorage<EventMetadata>();

/** Runs `work` so that every event written within it (and the async work it starts) carries `metadata`. */
export function withEventMetadata<T>(metadata: EventMetadata, work: () => T): T {
  return ambient.run(metadata, work);
}

/** The metadata of the work under way, if any. */
export function currentEventMetadata(): EventMetadata | undefined {
  return ambient.getStore();
}

/** An encoded event as a Decider or a unit of work writes it: a fresh id and the ambient metadata, if any. */
export function eventToWrite(encoded: EncodedEvent): EventToWrite {
  const metadata = currentEventMetadata();
  return metadata === undefined ? { id: randomUUID(), ...encoded } : { id: randomUUID(), ...encoded, metadata };
}

/**
 * The metadata of what a reaction to `event` writes: the event's correlation id (its own id when it has none, as
 * events written without metadata do) and the event's id as the causation id.
 */
export function causedBy(event: RecordedEvent): EventMetadata {
  const correlationId = metadataOf(event).correlationId ?? event.id;
  return { correlationId, causationId: event.id };
}

/** The metadata fields of a recorded event that are strings; none for an event written without metadata. */
export function metadataOf(event: RecordedEvent): EventMetadata {
  const recorded = event.metadata;
  if (typeof recorded !== 'object' || recorded === null) return {};
  const fields: Record<string, string> = {};
  for (const name of ['correlationId', 'causationId', 'userId'] as const) {
    const value = (recorded as Record<string, unknown>)[name];
    if (typeof value === 'string') fields[name] = value;
  }
  return fields;
}
