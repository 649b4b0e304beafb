import { RecordedEvent } from '../core/event-store';

interface BufferedStream {
  readonly name: string;
  /** Events below it are handled: dropped when buffered and on arrival. Monotonic. */
  writePosition: number | undefined;
  readonly events: RecordedEvent[];
}

/**
 * Per stream: the span of events waiting for the handler and the write position reached so far (Propulsion's
 * OverrideNextIndex). The write positions of idle streams are remembered up to `idleStreamCapacity`, oldest forgotten
 * first, which can only cost a redundant handler call.
 */
export class StreamBuffer {
  private readonly streams = new Map<string, BufferedStream>();
  /** Idle streams, least recently idle first. */
  private readonly idle = new Set<BufferedStream>();
  private events = 0;
  private streamsWithEvents = 0;

  constructor(private readonly idleStreamCapacity: number) {}

  /**
   * Buffers those of `events` (one stream's, in order) not yet handled nor buffered. Returns the write position the
   * stream must reach to have handled them, or undefined when none was new.
   */
  append(streamName: string, events: readonly RecordedEvent[]): number | undefined {
    const stream = this.streamFor(streamName);
    const wasEmpty = stream.events.length === 0;
    let required: number | undefined;
    for (const event of events) {
      if (!isNew(stream, event)) continue;
      stream.events.push(event);
      this.events++;
      required = event.position + 1;
    }
    if (wasEmpty && stream.events.length > 0) this.streamsWithEvents++;
    return required;
  }

  /** A copy of the stream's buffered events, oldest first. */
  pending(streamName: string): RecordedEvent[] {
    return this.streams.get(streamName)?.events.slice() ?? [];
  }

  hasEvents(streamName: string): boolean {
    return (this.streams.get(streamName)?.events.length ?? 0) > 0;
  }

  /** Moves the write position to `version` (never back), drops the events below it and returns the position. */
  advance(streamName: string, version: number): number {
    const stream = this.streamFor(streamName);
    const writePosition = Math.max(stream.writePosition ?? version, version);
    stream.writePosition = writePosition;
    let handled = 0;
    while (handled < stream.events.length && stream.events[handled].position < writePosition) handled++;
    if (handled === 0) return writePosition;
    stream.events.splice(0, handled);
    this.events -= handled;
    if (stream.events.length === 0) this.streamsWithEvents--;
    return writePosition;
  }

  /** Notes that nothing is buffered, running or due for the stream; forgets the oldest idle streams beyond capacity. */
  markIdle(streamName: string): void {
    const stream = this.streams.get(streamName);
    if (!stream || stream.events.length > 0) return;
    this.idle.delete(stream);
    this.idle.add(stream);
    for (const oldest of this.idle) {
      if (this.idle.size <= this.idleStreamCapacity) break;
      this.idle.delete(oldest);
      this.streams.delete(oldest.name);
    }
  }

  get eventCount(): number {
    return this.events;
  }

  get streamCount(): number {
    return this.streamsWithEvents;
  }

  private streamFor(name: string): BufferedStream {
    let stream = this.streams.get(name);
    if (!stream) {
      stream = { name, writePosition: undefined, events: [] };
      this.streams.set(name, stream);
    }
    this.idle.delete(stream);
    return stream;
  }
}

function isNew(stream: BufferedStream, event: RecordedEvent): boolean {
  if (stream.writePosition !== undefined && event.position < stream.writePosition) return false;
  const last = stream.events[stream.events.length - 1];
  return !last || event.position > last.position;
}
