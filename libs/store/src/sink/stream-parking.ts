import { RecordedEvent } from '../core/event-store';

/**
 * A stream the sink gave up on after `parkAfter` consecutive failed attempts: its buffered events were skipped so
 * that the checkpoint could move on. Recorded (by the `park` callback) before anything is skipped.
 */
export interface ParkedStream {
  readonly streamName: string;
  readonly attempts: number;
  readonly lastError: string;
  readonly parkedAt: Date;
  /** The stream position (version) of the first event skipped. */
  readonly fromVersion: number;
  /** The stream position of the last event skipped. */
  readonly toVersion: number;
  /** The global position of the last event skipped. */
  readonly lastGlobalPosition: number;
}

/** Records a stream as parked; the sink skips its events only once this resolves (and retries it when it rejects). */
export type ParkStream = (stream: ParkedStream) => Promise<void>;

/** What the retries know of a failing stream when its attempts reach `parkAfter`. */
export interface ParkingFailure {
  readonly streamName: string;
  readonly attempts: number;
  readonly lastError: string;
}

/** 0 never parks (retry forever, never skip); n parks a stream once n consecutive attempts have failed. */
export function isParkingDue(parkAfter: number, attempts: number): boolean {
  return parkAfter > 0 && attempts >= parkAfter;
}

export function describeParked(failure: ParkingFailure, events: readonly RecordedEvent[], now: number): ParkedStream {
  const last = events[events.length - 1];
  return {
    ...failure,
    parkedAt: new Date(now),
    fromVersion: events[0].position,
    toVersion: last.position,
    lastGlobalPosition: last.globalPosition,
  };
}

export function validateParking(parkAfter: number, park: ParkStream | undefined): void {
  if (!Number.isInteger(parkAfter) || parkAfter < 0) {
    throw new RangeError(`parkAfter must be a non-negative integer, 0 to never park (got ${parkAfter})`);
  }
  if (parkAfter > 0 && park === undefined) throw new RangeError('parkAfter needs a park callback that records parked streams');
}
