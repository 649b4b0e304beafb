import { Loaded, Transacted } from '@app/store/core';

/**
 * A single resource's answer with the version of the stream it was read from (its ETag) and, for a command, the
 * global position of its last write (the Position header); the ApiExpressAdapter answers it with the body and those
 * headers.
 */
export class Versioned<T> {
  constructor(
    readonly body: T,
    readonly version: number,
    readonly globalPosition?: number,
  ) {}

  /** A read's answer: ETag only. */
  static read<T>(body: T, { version }: Loaded<unknown>): Versioned<T> {
    return new Versioned(body, version);
  }

  /** A command's answer: ETag and Position. */
  static command<T>(body: T, { version, globalPosition }: Transacted<unknown, unknown>): Versioned<T> {
    return new Versioned(body, version, globalPosition);
  }
}

/** The strong entity tag of a stream version: `"3"`. */
export function entityTag(version: number): string {
  return `"${version}"`;
}
