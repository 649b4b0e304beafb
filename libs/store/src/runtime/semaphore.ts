/** How long work may wait for its turn, and the error it fails with past that (without starting). */
export interface TurnLimit {
  readonly maxWaitMs: number;
  readonly timedOut: () => Error;
}

/**
 * At most `limit` pieces of work run at once; the rest wait in arrival order (without a time limit unless `run` is given
 * one: otherwise a caller that needs one bounds its work itself).
 */
export class Semaphore {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  }

  async run<T>(work: () => Promise<T>, limit?: TurnLimit): Promise<T> {
    if (this.running >= this.limit) await this.turn(limit);
    else this.running++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** Resolves when a running piece of work hands over its place; rejects, leaving the queue, past the limit. */
  private turn(limit: TurnLimit | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = limit && setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(handOver), 1);
        reject(limit.timedOut());
      }, limit.maxWaitMs);
      const handOver = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiting.push(handOver);
    });
  }

  /** Work waiting for its turn. */
  get queued(): number {
    return this.waiting.length;
  }
}

/** `work`'s outcome, or the error `timedOut` makes once `deadline` (epoch ms) passes first (the work runs on). */
export function beforeDeadline<T>(work: Promise<T>, deadline: number, timedOut: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(timedOut()), Math.max(0, deadline - Date.now()))));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
