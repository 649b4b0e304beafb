// The process manager (port of proHotel's Reactor/GroupCheckoutProcess.fs): takes the group's pending stays over,
// then records which were merged (with their residual balances) and which failed.
import { Decision } from '@app/store/core';
import * as GroupCheckout from './group-checkout';
import { GroupCheckoutService } from './group-checkout';
import { GuestStayService, TransferResult } from './guest-stay';
import { mapWithParallelism } from './parallel';

export type ReactionOutcome = { kind: 'merged'; ok: number; failed: number } | { kind: 'noop' };

export interface GroupCheckoutProcessOptions {
  /** GuestStay transfers in flight at once per reaction; 5 as in the template's handler. */
  readonly parallelism?: number;
}

/** StaysMerged (if any stay was taken over), then MergesFailed (if any was not): 0 to 2 events. */
export function mergeOutcome(
  stays: readonly string[],
  transfers: readonly TransferResult[],
): Decision<ReactionOutcome, GroupCheckout.Event> {
  const residuals: GroupCheckout.StayResidual[] = [];
  const failed: string[] = [];
  stays.forEach((stay, i) => {
    const transfer = transfers[i];
    if (transfer.kind === 'ok') residuals.push({ stay, residual: transfer.residual });
    else failed.push(stay);
  });
  const events: GroupCheckout.Event[] = [];
  if (residuals.length > 0) events.push({ type: 'StaysMerged', residuals });
  if (failed.length > 0) events.push({ type: 'MergesFailed', stays: failed });
  return [{ kind: 'merged', ok: residuals.length, failed: failed.length }, events];
}

export class GroupCheckoutProcess {
  private readonly parallelism: number;

  constructor(
    private readonly stays: GuestStayService,
    private readonly groups: GroupCheckoutService,
    options: GroupCheckoutProcessOptions = {},
  ) {
    this.parallelism = options.parallelism ?? 5;
    if (!Number.isInteger(this.parallelism) || this.parallelism < 1) {
      throw new RangeError(`parallelism must be a positive integer, got ${this.parallelism}`);
    }
  }

  /**
   * Loads the group, merges its pending stays, appends StaysMerged/MergesFailed; returns the outcome and the stream
   * version after the write (or as loaded). On a conflict the whole reaction re-runs, which is safe because a transfer
   * to the same group is idempotent.
   */
  async react(groupId: string): Promise<{ outcome: ReactionOutcome; version: number }> {
    const { result, version } = await this.groups.react(groupId, (flow) => this.handle(groupId, flow));
    return { outcome: result, version };
  }

  private async handle(
    groupId: string,
    flow: GroupCheckout.FlowState,
  ): Promise<Decision<ReactionOutcome, GroupCheckout.Event>> {
    if (flow.kind !== 'mergeStays') return [{ kind: 'noop' }, []];
    const transfers = await mapWithParallelism(flow.pending, this.parallelism, (stayId) =>
      this.stays.transferToGroup(stayId, groupId),
    );
    return mergeOutcome(flow.pending, transfers);
  }
}
