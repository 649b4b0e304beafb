// The process manager (port of proHotel's Reactor/GroupCheckoutProcess.fs): takes the group's pending stays over,
// then records which were merged (with their residual balances) and which failed.
import { Decision } from '@app/store/core';
import * as GroupCheckout from './group-checkout';
import { GroupCheckoutService, groupCheckoutStreamName } from './group-checkout';
import { GuestStayService, TransferResult } from './guest-stay';

export type ReactionOutcome = { kind: 'merged'; ok: number; failed: number } | { kind: 'noop' };

/** A transfer's result, or the error it threw (e.g. the stay's stream is unreadable, or the store unreachable). */
export type TransferAttempt = TransferResult | { kind: 'error'; error: unknown };

/** A stay whose transfer threw: it stays pending, to be retried by a later reaction. */
export interface UnresolvedStay {
  readonly stayId: string;
  readonly error: unknown;
}

export interface MergeResult {
  readonly outcome: ReactionOutcome;
  readonly unresolved: readonly UnresolvedStay[];
}

/** GuestStays transferred at once per reaction (the template's parallelism), as one unit of work. */
export const DEFAULT_CHECKOUT_PARALLELISM = 5;

export interface GroupCheckoutProcessOptions {
  /**
   * GuestStays a reaction transfers at once (DEFAULT_CHECKOUT_PARALLELISM): each batch is one read and one
   * transaction, batch after batch, so a reaction holds one connection at a time and a large group does not hold the
   * GuestStay category's write lock for long.
   */
  readonly parallelism?: number;
}

/**
 * A reaction recorded the outcomes it reached, but its transfer of some stays threw, so they are still pending: the
 * reaction has to be retried. Money is never in limbo meanwhile: a transferred stay's balance is on the group.
 */
export class StaysLeftPendingError extends Error {
  override readonly name = 'StaysLeftPendingError';
  constructor(
    readonly groupId: string,
    readonly unresolved: readonly UnresolvedStay[],
  ) {
    super(
      `${groupCheckoutStreamName(groupId)} left ${unresolved.length} stay(s) pending: ` +
        unresolved.map(({ stayId, error }) => `stay ${stayId} (${describe(error)})`).join('; '),
      { cause: unresolved[0]?.error },
    );
  }
}

/**
 * StaysMerged (if any stay was taken over), then MergesFailed (if any was refused): 0 to 2 events. A stay whose
 * transfer threw is in neither: it stays pending and is answered as unresolved.
 */
export function mergeOutcome(
  stays: readonly string[],
  attempts: readonly TransferAttempt[],
): Decision<MergeResult, GroupCheckout.Event> {
  const residuals: GroupCheckout.StayResidual[] = [];
  const failed: string[] = [];
  const unresolved: UnresolvedStay[] = [];
  stays.forEach((stay, i) => {
    const attempt = attempts[i];
    if (attempt.kind === 'ok') residuals.push({ stay, residual: attempt.residual });
    else if (attempt.kind === 'error') unresolved.push({ stayId: stay, error: attempt.error });
    else failed.push(stay);
  });
  const events: GroupCheckout.Event[] = [];
  if (residuals.length > 0) events.push({ type: 'StaysMerged', residuals });
  if (failed.length > 0) events.push({ type: 'MergesFailed', stays: failed });
  return [{ outcome: { kind: 'merged', ok: residuals.length, failed: failed.length }, unresolved }, events];
}

const nothingToDo: Decision<MergeResult, GroupCheckout.Event> = [{ outcome: { kind: 'noop' }, unresolved: [] }, []];

export class GroupCheckoutProcess {
  private readonly parallelism: number;

  constructor(
    private readonly stays: GuestStayService,
    private readonly groups: GroupCheckoutService,
    options: GroupCheckoutProcessOptions = {},
  ) {
    this.parallelism = options.parallelism ?? DEFAULT_CHECKOUT_PARALLELISM;
    if (!Number.isInteger(this.parallelism) || this.parallelism < 1) {
      throw new RangeError(`parallelism must be a positive integer, got ${this.parallelism}`);
    }
  }

  /**
   * Loads the group, merges its pending stays, appends StaysMerged/MergesFailed; returns the outcome and the stream
   * version after the write (or as loaded). On a conflict the whole reaction re-runs, which is safe because a transfer
   * to the same group is idempotent. When a transfer throws, the outcomes of the others are still appended, and then
   * StaysLeftPendingError is thrown so that the reaction is retried for the stays left pending.
   */
  async react(groupId: string): Promise<{ outcome: ReactionOutcome; version: number }> {
    const { result, version } = await this.groups.react(groupId, (flow) => this.handle(groupId, flow));
    if (result.unresolved.length > 0) throw new StaysLeftPendingError(groupId, result.unresolved);
    return { outcome: result.outcome, version };
  }

  private async handle(
    groupId: string,
    flow: GroupCheckout.FlowState,
  ): Promise<Decision<MergeResult, GroupCheckout.Event>> {
    if (flow.kind !== 'mergeStays') return nothingToDo;
    const attempts: TransferAttempt[] = [];
    for (let start = 0; start < flow.pending.length; start += this.parallelism) {
      attempts.push(...(await this.attemptTransfers(flow.pending.slice(start, start + this.parallelism), groupId)));
    }
    return mergeOutcome(flow.pending, attempts);
  }

  /** Never rejects, so that one batch's failure cannot keep the other stays' outcomes from being recorded. */
  private async attemptTransfers(stayIds: readonly string[], groupId: string): Promise<TransferAttempt[]> {
    try {
      const outcomes = await this.stays.transferEachToGroup(stayIds, groupId);
      return outcomes.map((o) => (o.ok ? o.result : { kind: 'error', error: o.error }));
    } catch (error) {
      return stayIds.map(() => ({ kind: 'error', error }));
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
