import { ParkedStreamKey, ParkedStreamStore, StoredParkedStream, parkedAgain } from './parked-stream-store';

/** Parked streams in memory: for tests and the in-memory reactor. */
export class MemoryParkedStreamStore implements ParkedStreamStore {
  private readonly streams = new Map<string, StoredParkedStream>();

  async park(stream: StoredParkedStream): Promise<void> {
    const id = idOf(stream, stream.streamName);
    this.streams.set(id, parkedAgain(this.streams.get(id), stream));
  }

  async list(key?: ParkedStreamKey): Promise<StoredParkedStream[]> {
    return [...this.streams.values()]
      .filter((stream) => key === undefined || idOf(stream, '') === idOf(key, ''))
      .sort((a, b) => a.parkedAt.getTime() - b.parkedAt.getTime());
  }

  async remove(key: ParkedStreamKey, streamName: string): Promise<boolean> {
    return this.streams.delete(idOf(key, streamName));
  }
}

function idOf({ source, tranche, processorName }: ParkedStreamKey, streamName: string): string {
  return JSON.stringify([source, tranche, processorName, streamName]);
}
