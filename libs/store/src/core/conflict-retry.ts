import { BackoffOptions, backoffDelay, validateBackoff } from '../runtime/backoff';
import { Timers, systemTimers } from '../runtime/timers';

export interface ConflictRetryOptions {
  /** Attempts in all (the first plus retries after conflicts); by default only conflictBudgetMs bounds them. */
  readonly maxAttempts?: number;
  /** How long after its first attempt a command may still retry a conflict (default 2 s). */
  readonly conflictBudgetMs?: number;
  /** Delays between a conflict and the retry (default 5 ms doubling to 100 ms, fully jittered). */
  readonly conflictBackoff?: BackoffOptions;
  readonly timers?: Timers;
  readonly random?: () => number;
}

export const DEFAULT_CONFLICT_BUDGET_MS = 2_000;
export const DEFAULT_CONFLICT_BACKOFF: BackoffOptions = { baseMs: 5, maxMs: 100, jitter: 1 };

/**
 * When to retry after a conflict. Within one process a Category queues the commands of each stream, so a conflict
 * means a writer elsewhere (another process) got there first: backing off with jitter lets the two stop colliding.
 */
export class ConflictRetry {
  private readonly maxAttempts: number;
  private readonly budgetMs: number;
  private readonly backoff: BackoffOptions;
  private readonly timers: Timers;
  private readonly random: () => number;

  constructor(options: ConflictRetryOptions = {}) {
    this.maxAttempts = options.maxAttempts ?? Number.POSITIVE_INFINITY;
    this.budgetMs = options.conflictBudgetMs ?? DEFAULT_CONFLICT_BUDGET_MS;
    this.backoff = options.conflictBackoff ?? DEFAULT_CONFLICT_BACKOFF;
    this.timers = options.timers ?? systemTimers;
    this.random = options.random ?? Math.random;
    if (!(this.maxAttempts >= 1)) throw new RangeError(`maxAttempts must be ≥ 1 (got ${this.maxAttempts})`);
    if (!(this.budgetMs >= 0)) throw new RangeError(`conflictBudgetMs must be ≥ 0 (got ${this.budgetMs})`);
    validateBackoff('conflictBackoff', this.backoff);
  }

  now(): number {
    return this.timers.now();
  }

  /** The delay before retrying after the `attempt`-th conflict, or undefined when the retry would overrun the budget. */
  delayAfter(attempt: number, startedAt: number): number | undefined {
    if (attempt >= this.maxAttempts) return undefined;
    const delay = backoffDelay(attempt, this.backoff, this.random);
    return this.now() - startedAt + delay > this.budgetMs ? undefined : delay;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.timers.setTimeout(resolve, ms));
  }
}
