import { RecordedEvent } from '../core/event-store';
import { FeedBatch } from '../feed/feed-batch';

/** A batch taken and not yet reported, without its events (the streams hold those). */
interface BatchRecord<B> {
  /** The last batch of the run this record stands for: what reporting it reports. */
  batch: B;
  /** Batches it stands for: itself and the completed ones before it that it absorbed. */
  batches: number;
  /** Events the batch was read with: what it weighs against maxReadAheadEvents while it holds capacity. */
  readonly events: number;
  /** Streams that have yet to reach past their events in the batch. */
  pending: number;
  /** Of those, the ones currently failing. */
  failingPending: number;
  previous: BatchRecord<B> | undefined;
  next: BatchRecord<B> | undefined;
}

interface Awaited<B> {
  readonly record: BatchRecord<B>;
  readonly required: number;
}

interface StreamAwaits<B> {
  /** The batches the stream keeps incomplete, in feed order, with the write position each needs. */
  readonly awaits: Awaited<B>[];
  failing: boolean;
}

const NO_EVENTS: readonly RecordedEvent[] = [];

/**
 * Which batches are complete, in feed order: a batch completes once each of its streams has reached past its events
 * in it, and is reported only once every batch before it is, so a checkpoint taken from the reports never runs ahead
 * of the handlers.
 *
 * Read-ahead: only a batch that waits for a stream that is not failing holds capacity. What a failing stream keeps
 * incomplete holds none, so other streams flow on behind it. A completed batch waiting behind an incomplete one is
 * absorbed by a completed neighbour after it, as only the last of a completed run matters to the checkpoint: the
 * records kept are the incomplete batches and one per completed run between them.
 */
export class BatchProgress<B extends FeedBatch> {
  private readonly streams = new Map<string, StreamAwaits<B>>();
  private head: BatchRecord<B> | undefined;
  private tail: BatchRecord<B> | undefined;
  private records = 0;
  private holding = 0;
  private holdingEvents = 0;
  private unreported = 0;

  constructor(
    private readonly maxReadAhead: number,
    private readonly maxReadAheadEvents: number = Number.POSITIVE_INFINITY,
  ) {}

  /**
   * Tracks `batch`, which needs each stream in `required` to reach the write position given for it. Returns the
   * batches it lets be reported (when it completes at once and is first), in feed order.
   */
  add(batch: B, required: ReadonlyMap<string, number>): B[] {
    const record = this.append(batch);
    for (const [streamName, position] of required) {
      const stream = this.awaitsOf(streamName);
      stream.awaits.push({ record, required: position });
      this.update(record, +1, stream.failing ? +1 : 0);
    }
    return record.pending === 0 ? this.completed(record) : [];
  }

  /** The stream reached `writePosition`. Returns the batches this lets be reported, in feed order. */
  reached(streamName: string, writePosition: number): B[] {
    const stream = this.streams.get(streamName);
    if (!stream) return [];
    let satisfied = 0;
    while (satisfied < stream.awaits.length && stream.awaits[satisfied].required <= writePosition) satisfied++;
    const reportable: B[] = [];
    for (const { record } of stream.awaits.splice(0, satisfied)) {
      this.update(record, -1, stream.failing ? -1 : 0);
      if (record.pending === 0) reportable.push(...this.completed(record));
    }
    this.forgetIfSettled(streamName, stream);
    return reportable;
  }

  /** The batches the stream keeps incomplete stop holding read-ahead capacity (unless another stream holds them). */
  streamFailing(streamName: string): void {
    const stream = this.awaitsOf(streamName);
    if (stream.failing) return;
    stream.failing = true;
    for (const { record } of stream.awaits) this.update(record, 0, +1);
  }

  /** The batches the stream still keeps incomplete hold read-ahead capacity again. */
  streamRecovered(streamName: string): void {
    const stream = this.streams.get(streamName);
    if (!stream?.failing) return;
    stream.failing = false;
    for (const { record } of stream.awaits) this.update(record, 0, -1);
    this.forgetIfSettled(streamName, stream);
  }

  /**
   * Whether another batch may be taken: fewer than maxReadAhead batches, and fewer than maxReadAheadEvents events in
   * them, wait for a stream that is not failing. With none waiting, one is always taken, however many events it has.
   */
  hasCapacity(): boolean {
    return this.holding < this.maxReadAhead && this.holdingEvents < this.maxReadAheadEvents;
  }

  /** Batches waiting for a stream that is not failing: what maxReadAhead bounds. */
  get batchesHoldingReadAhead(): number {
    return this.holding;
  }

  /** Events of the batches that hold read-ahead: what maxReadAheadEvents bounds. */
  get eventsHoldingReadAhead(): number {
    return this.holdingEvents;
  }

  /** Batches taken and not yet reported (those absorbed into a later completed one included). */
  get batchesUnreported(): number {
    return this.unreported;
  }

  /** Records kept: the incomplete batches and one per run of completed batches waiting behind them. */
  get recordsRetained(): number {
    return this.records;
  }

  private append(batch: B): BatchRecord<B> {
    const record: BatchRecord<B> = {
      batch: { ...batch, events: NO_EVENTS },
      batches: 1,
      events: batch.events.length,
      pending: 0,
      failingPending: 0,
      previous: this.tail,
      next: undefined,
    };
    if (this.tail) this.tail.next = record;
    else this.head = record;
    this.tail = record;
    this.records++;
    this.unreported++;
    return record;
  }

  private update(record: BatchRecord<B>, pendingChange: number, failingChange: number): void {
    const held = holdsCapacity(record);
    record.pending += pendingChange;
    record.failingPending += failingChange;
    const change = Number(holdsCapacity(record)) - Number(held);
    this.holding += change;
    this.holdingEvents += change * record.events;
  }

  private completed(record: BatchRecord<B>): B[] {
    if (record === this.head) return this.reportCompletedHead();
    const { previous, next } = record;
    if (previous && previous.pending === 0) this.absorb(previous, record);
    if (next && next.pending === 0) this.absorb(record, next);
    return [];
  }

  private reportCompletedHead(): B[] {
    const reportable: B[] = [];
    while (this.head && this.head.pending === 0) {
      reportable.push(this.head.batch);
      this.unreported -= this.head.batches;
      this.unlink(this.head);
    }
    return reportable;
  }

  /** Lets the completed `later` stand for `earlier`, a completed batch before it. */
  private absorb(earlier: BatchRecord<B>, later: BatchRecord<B>): void {
    later.batches += earlier.batches;
    this.unlink(earlier);
  }

  private unlink(record: BatchRecord<B>): void {
    if (record.previous) record.previous.next = record.next;
    else this.head = record.next;
    if (record.next) record.next.previous = record.previous;
    else this.tail = record.previous;
    this.records--;
  }

  private awaitsOf(streamName: string): StreamAwaits<B> {
    let stream = this.streams.get(streamName);
    if (!stream) {
      stream = { awaits: [], failing: false };
      this.streams.set(streamName, stream);
    }
    return stream;
  }

  private forgetIfSettled(streamName: string, stream: StreamAwaits<B>): void {
    if (stream.awaits.length === 0 && !stream.failing) this.streams.delete(streamName);
  }
}

function holdsCapacity(record: BatchRecord<unknown>): boolean {
  return record.pending > record.failingPending;
}
