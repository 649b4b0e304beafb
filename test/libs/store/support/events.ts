import { RecordedEvent } from '@app/store/core';

export function recorded(streamName: string, position: number, globalPosition: number): RecordedEvent {
  return {
    id: `${streamName}@${position}`,
    streamName,
    type: 'Happened',
    data: {},
    metadata: null,
    position,
    globalPosition,
    time: new Date(0),
  };
}

/** A batch of `[stream, position]` events with consecutive global positions from `firstGlobal`. */
export function batchOf(firstGlobal: number, ...events: Array<[string, number]>) {
  const recordedEvents = events.map(([stream, position], i) => recorded(stream, position, firstGlobal + i));
  return { events: recordedEvents, nextPosition: firstGlobal + events.length };
}
