/** The type name and JSON body of an event, as they stand in the store. */
export interface EncodedEvent {
  readonly type: string;
  readonly data: unknown;
}

/** Maps typed events to and from their stored form. Unknown event types decode to undefined and are skipped. */
export interface EventCodec<E> {
  encode(event: E): EncodedEvent;
  tryDecode(event: EncodedEvent): E | undefined;
}
