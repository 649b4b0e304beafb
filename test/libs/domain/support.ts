import { randomUUID } from 'node:crypto';
import { AppendResult, EventStore, EventToWrite, ReadConsistency, RecordedEvent, StreamAppend, StreamRead } from '@app/store/core';
import { MemoryStore } from '@app/store';
import { GroupCheckoutProcess, GroupCheckoutService, GuestStayService } from '@app/domain';

export const newId = (): string => randomUUID();

export const T0 = new Date('2026-04-08T13:29:30.123Z');

export function hotel(store: EventStore = new MemoryStore(), parallelism = 5) {
  const stays = new GuestStayService(store);
  const groups = new GroupCheckoutService(store);
  const process = new GroupCheckoutProcess(stays, groups, { parallelism });
  return { store, stays, groups, process };
}

/** The stream's events as stored: type and JSON body. */
export async function storedEvents(store: EventStore, streamName: string): Promise<{ type: string; data: unknown }[]> {
  return (await store.readStream(streamName)).map(({ type, data }) => ({ type, data }));
}

export async function storedTypes(store: EventStore, streamName: string): Promise<string[]> {
  return (await store.readStream(streamName)).map((e) => e.type);
}

/** A store whose hooks run before a read or an append reaches the MemoryStore underneath. */
export class HookedStore implements EventStore {
  readonly inner = new MemoryStore();
  beforeRead: (streamName: string, consistency: ReadConsistency) => Promise<void> | void = () => {};
  beforeAppend: (streamName: string, events: readonly EventToWrite[]) => Promise<void> | void = () => {};

  async readStream(
    streamName: string,
    fromVersion?: number,
    consistency: ReadConsistency = 'leader',
  ): Promise<RecordedEvent[]> {
    await this.beforeRead(streamName, consistency);
    return this.inner.readStream(streamName, fromVersion);
  }

  async appendToStream(streamName: string, expectedVersion: number, events: readonly EventToWrite[]): Promise<AppendResult> {
    await this.beforeAppend(streamName, events);
    return this.inner.appendToStream(streamName, expectedVersion, events);
  }

  async readStreams(reads: readonly StreamRead[], consistency: ReadConsistency = 'leader'): Promise<RecordedEvent[][]> {
    for (const { streamName } of reads) await this.beforeRead(streamName, consistency);
    return this.inner.readStreams(reads);
  }

  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    for (const { streamName, events } of appends) await this.beforeAppend(streamName, events);
    return this.inner.appendToStreams(appends);
  }
}

/** A MemoryStore whose stored event bodies can be rewritten in place, as an operator's SQL UPDATE would. */
export class RewritableStore extends MemoryStore {
  private readonly rewrites = new Map<string, unknown>();

  rewrite(streamName: string, position: number, data: unknown): void {
    this.rewrites.set(`${streamName}@${position}`, data);
  }

  override async readStream(streamName: string, fromVersion?: number): Promise<RecordedEvent[]> {
    return (await super.readStream(streamName, fromVersion)).map((e) => {
      const key = `${e.streamName}@${e.position}`;
      return this.rewrites.has(key) ? { ...e, data: this.rewrites.get(key) } : e;
    });
  }
}

/** A checked-in stay charged `amount` cents (none when 0). */
export async function stayWithBalance({ stays }: ReturnType<typeof hotel>, amount: number): Promise<string> {
  const stayId = newId();
  await stays.checkIn(stayId, T0);
  if (amount !== 0) await stays.charge(stayId, newId(), amount, T0);
  return stayId;
}
