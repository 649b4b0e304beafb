export interface OutcomeCounters {
  /** Handler calls that returned. */
  readonly completed: number;
  /** Handler calls that threw (or returned no valid version). */
  readonly failed: number;
  readonly byOutcome: Readonly<Record<string, number>>;
}

/** Tallies handler calls: those that returned, by the name of their outcome, and those that failed. */
export class OutcomeStats<O> {
  private readonly byOutcome: Record<string, number> = {};
  private completedCalls = 0;
  private failedCalls = 0;

  constructor(private readonly describeOutcome: (outcome: O) => string = defaultOutcomeName) {}

  /** Tallies a call that returned; returns the name its outcome is tallied under. */
  completed(outcome: O): string {
    this.completedCalls++;
    const name = this.describeOutcome(outcome);
    this.byOutcome[name] = (this.byOutcome[name] ?? 0) + 1;
    return name;
  }

  failed(): void {
    this.failedCalls++;
  }

  counters(): OutcomeCounters {
    return { completed: this.completedCalls, failed: this.failedCalls, byOutcome: { ...this.byOutcome } };
  }
}

/** A string outcome itself, else its string `kind` or `type`. */
function defaultOutcomeName(outcome: unknown): string {
  if (typeof outcome === 'string') return outcome;
  if (typeof outcome === 'object' && outcome !== null) {
    const { kind, type } = outcome as { kind?: unknown; type?: unknown };
    if (typeof kind === 'string') return kind;
    if (typeof type === 'string') return type;
  }
  return String(outcome);
}
