export interface BackoffOptions {
  /** Delay before the first retry. */
  readonly baseMs: number;
  /** Cap on any delay. */
  readonly maxMs: number;
  /**
   * Share of each delay that is random, 0..1 (default 0.5): a delay d becomes d·(1 − jitter) + d·jitter·random(),
   * so streams failing together do not retry in lockstep.
   */
  readonly jitter?: number;
}

const DEFAULT_JITTER = 0.5;
const MAX_DOUBLINGS = 40;

/** Capped exponential backoff: the delay before retry number `attempt` (1 = the first retry). */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const jitter = options.jitter ?? DEFAULT_JITTER;
  const doublings = Math.min(Math.max(attempt - 1, 0), MAX_DOUBLINGS);
  const capped = Math.min(options.maxMs, options.baseMs * 2 ** doublings);
  return Math.round(capped * (1 - jitter) + capped * jitter * random());
}

export function validateBackoff(name: string, options: BackoffOptions): void {
  const { baseMs, maxMs, jitter = DEFAULT_JITTER } = options;
  if (!(baseMs >= 0) || !(maxMs >= baseMs)) {
    throw new RangeError(`${name}: need 0 ≤ baseMs ≤ maxMs (got baseMs ${baseMs}, maxMs ${maxMs})`);
  }
  if (!(jitter >= 0 && jitter <= 1)) throw new RangeError(`${name}: jitter must be within 0..1 (got ${jitter})`);
}
