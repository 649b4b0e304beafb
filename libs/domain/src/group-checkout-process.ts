// The process manager (port of proHotel's Reactor/GroupCheckoutProcess.fs): takes the group's pending stays over,
// then records which were merged (with their residual balances) and which failed.
import { ConcurrencyExhaustedError, Decision, Loaded, RecordedEvent, StreamView, UnitStream } from '@app/store/core';
import * as GroupCheckout from './group-checkout';
import { GroupCheckoutService, groupCheckoutStreamName } from './group-checkout';
import * as GuestStay from './guest-stay';
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

/** GuestStays transferred at once per reaction (the template's parallelism), with their record on the group, as one unit of work. */
export const DEFAULT_CHECKOUT_PARALLELISM = 5;

export interface GroupCheckoutProcessOptions {
  /**
   * GuestStays a reaction transfers at once (DEFAULT_CHECKOUT_PARALLELISM): each batch is one read and one
   * transaction (its transfers and the group's record of them), batch after batch, so a reaction holds one connection
   * at a time and a large group does not hold the GuestStay category's write lock for long.
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

/** A stay of a batch as the unit of work loaded it: its state, or why it could not be loaded. */
export interface BatchStay {
  readonly stayId: string;
  readonly view: StreamView<GuestStay.StayState>;
}

/** One batch's decision: the merge result and the events of the group and of each stay (same order as the batch). */
export interface BatchDecision {
  readonly merge: MergeResult;
  readonly groupEvents: readonly GroupCheckout.Event[];
  readonly stayEvents: readonly (readonly GuestStay.Event[])[];
}

/**
 * Transfers the batch's stays that the group still has pending (another reaction may have taken some over since the
 * batch was chosen) and records their outcomes on the group: written together, a transfer and its record on the group
 * are atomic. A stay that could not be loaded is left pending (unresolved).
 */
export function decideBatch(groupId: string, at: Date, group: GroupCheckout.GroupState, stays: readonly BatchStay[]): BatchDecision {
  const flow = GroupCheckout.nextAction(group);
  const pending = new Set(flow.kind === 'mergeStays' ? flow.pending : []);
  const transfer = GuestStay.transferToGroup(groupId, at);
  const decided: string[] = [];
  const attempts: TransferAttempt[] = [];
  const stayEvents = stays.map(({ stayId, view }) => {
    if (!pending.has(stayId)) return [];
    decided.push(stayId);
    if ('error' in view) {
      attempts.push({ kind: 'error', error: view.error });
      return [];
    }
    const [result, events] = transfer(view.state);
    attempts.push(result);
    return events;
  });
  const [merge, groupEvents] = mergeOutcome(decided, attempts);
  return { merge, groupEvents, stayEvents };
}

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
   * Merges the group's pending stays, `parallelism` at a time: per batch one read of its stays and ONE transaction
   * holding their transfers and the group's StaysMerged/MergesFailed, each stream at its expected version (a conflict
   * on any rolls the batch back; it re-reads what moved and decides again). Returns the outcome and the group's version
   * after the last write (or as known). `seen` may be the group's events as the feed handed them over: from position 0
   * on they are the whole stream up to there, so the group is not loaded (a finished group costs no query at all).
   * When a batch's stays cannot be loaded or its write fails, the other batches are still merged, and then
   * StaysLeftPendingError is thrown so that the reaction is retried for the stays left pending.
   */
  async react(groupId: string, seen: readonly RecordedEvent[] = []): Promise<{ outcome: ReactionOutcome; version: number }> {
    const group = this.groups.unitStream(groupId, seen);
    // Known from the feed with nothing to merge (a finished group in a catch-up): no unit of work at all.
    if (group.isLoaded && !('error' in group.view) && GroupCheckout.nextAction(group.view.state).kind !== 'mergeStays') {
      return { outcome: { kind: 'noop' }, version: group.view.version };
    }
    const at = new Date();
    const totals = { ok: 0, failed: 0 };
    const unresolved: UnresolvedStay[] = [];
    for (;;) {
      const batch = await this.nextBatch(group, unresolved);
      if (batch.length === 0) break;
      try {
        const { outcome, unresolved: left } = await this.mergeBatch(groupId, at, group, batch);
        if (outcome.kind === 'merged') {
          totals.ok += outcome.ok;
          totals.failed += outcome.failed;
        }
        unresolved.push(...left);
      } catch (error) {
        if (error instanceof ConcurrencyExhaustedError || 'error' in group.view) throw error;
        unresolved.push(...batch.map((stayId) => ({ stayId, error })));
      }
    }
    if (unresolved.length > 0) throw new StaysLeftPendingError(groupId, unresolved);
    // Nothing recorded: the group had nothing pending, or (known from stale events) others had merged it meanwhile.
    const outcome: ReactionOutcome = totals.ok + totals.failed === 0 ? { kind: 'noop' } : { kind: 'merged', ...totals };
    return { outcome, version: loadedView(group).version };
  }

  /** The next pending stays, left out those already left unresolved by this reaction (loads the group first if need be). */
  private async nextBatch(group: UnitStream<GroupCheckout.Event, GroupCheckout.GroupState>, unresolved: readonly UnresolvedStay[]) {
    const unit = this.groups.unitOfWork();
    unit.add(group);
    const flow = await unit.transact(() => GroupCheckout.nextAction(loadedView(group).state));
    if (flow.kind !== 'mergeStays') return [];
    const left = new Set(unresolved.map((u) => u.stayId));
    return flow.pending.filter((stayId) => !left.has(stayId)).slice(0, this.parallelism);
  }

  private async mergeBatch(
    groupId: string,
    at: Date,
    group: UnitStream<GroupCheckout.Event, GroupCheckout.GroupState>,
    stayIds: readonly string[],
  ): Promise<MergeResult> {
    const unit = this.groups.unitOfWork();
    unit.add(group);
    const stays = stayIds.map((stayId) => unit.add(this.stays.unitStream(stayId)));
    return unit.transact(() => {
      const batch = stays.map((stay, i) => ({ stayId: stayIds[i], view: stay.view }));
      const { merge, groupEvents, stayEvents } = decideBatch(groupId, at, loadedView(group).state, batch);
      group.append(groupEvents);
      stays.forEach((stay, i) => stay.append(stayEvents[i]));
      return merge;
    });
  }
}

/** The group's view, or its load's error thrown (an unreadable group stream fails the reaction). */
function loadedView<S>(stream: UnitStream<unknown, S>): Loaded<S> {
  const view = stream.view;
  if ('error' in view) throw view.error;
  return view;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
