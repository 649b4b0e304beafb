import { RecordedEvent } from './event-store';

/** The type name and JSON body of an event, as they stand in the store. */
export interface EncodedEvent {
  readonly type: string;
  readonly data: unknown;
}

/**
 * Maps typed events to and from their stored form. Unknown event types decode to undefined and are skipped; a known
 * type whose body is malformed throws, and a load reports that as an UndecodableEventError.
 */
export interface EventCodec<E> {
  encode(event: E): EncodedEvent;
  tryDecode(event: EncodedEvent): E | undefined;
}

/** A stored event of a type the codec knows that it refused to decode: the stream cannot be loaded until it is repaired. */
export class UndecodableEventError extends Error {
  override readonly name = 'UndecodableEventError';
  readonly streamName: string;
  /** The event's 0-based index in its stream. */
  readonly position: number;
  readonly globalPosition: number;
  readonly eventType: string;
  /** Why the codec refused it. */
  readonly reason: string;

  constructor(event: RecordedEvent, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `Cannot decode event ${event.position} (global position ${event.globalPosition}, type ${event.type}) ` +
        `of stream ${event.streamName}: ${reason}`,
      { cause },
    );
    this.streamName = event.streamName;
    this.position = event.position;
    this.globalPosition = event.globalPosition;
    this.eventType = event.type;
    this.reason = reason;
  }
}

/** Decodes a stored event; undefined for a type the codec does not know, UndecodableEventError if it refuses the body. */
export function decodeRecorded<E>(codec: EventCodec<E>, event: RecordedEvent): E | undefined {
  try {
    return codec.tryDecode(event);
  } catch (error) {
    throw new UndecodableEventError(event, error);
  }
}
