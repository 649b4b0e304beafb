import { GroupCheckout, GroupCheckoutEvent, groupIdOfStreamName } from '@app/domain';
import { RecordedEvent, decodeRecorded } from '@app/store/core';
import { RowValues, StreamTable } from '@app/store/message-db';
import { GROUP_CHECKOUTS_TABLE } from './hotel-read-schema';
import { unknownEvent } from './stay-rows';

export const GROUP_CHECKOUT_STATUSES = ['merging', 'ready', 'confirmed'] as const;
export type GroupCheckoutStatus = (typeof GROUP_CHECKOUT_STATUSES)[number];

export type SelectedStayState = 'pending' | 'merged' | 'failed';

/** A selected stay, in selection order; a merged one with the balance (minor units) the group took over. */
export interface SelectedStay {
  stayId: string;
  state: SelectedStayState;
  residual?: number;
}

/** A row of hotel_read.group_checkouts, as to_jsonb gives it. */
export interface GroupCheckoutRow extends RowValues {
  id: string;
  status: GroupCheckoutStatus;
  pending: number;
  merged: number;
  failed: number;
  balance: number;
  stays: SelectedStay[];
  created_at: string;
  confirmed_at: string | null;
}

/** One row per group checkout, folded from the GroupCheckout events the domain's codec decodes. */
export const groupCheckoutsTable: StreamTable<GroupCheckoutRow> = {
  table: GROUP_CHECKOUTS_TABLE,
  keyColumn: 'id',
  columns: ['id', 'status', 'pending', 'merged', 'failed', 'balance', 'stays', 'created_at', 'confirmed_at'],
  keyOf: groupIdOfStreamName,
  fold: (row, id, events) => {
    const folded = events.reduce<GroupCheckoutRow | undefined>((group, event) => evolveGroup(group, id, event), row);
    return folded && withCounts(folded);
  },
};

function evolveGroup(row: GroupCheckoutRow | undefined, id: string, recorded: RecordedEvent): GroupCheckoutRow | undefined {
  const event = decodeRecorded(GroupCheckout.codec, recorded);
  if (event === undefined) return row;
  const group = row ?? created(id, event, recorded.time);
  switch (event.type) {
    case 'StaysSelected':
      return { ...group, stays: selected(group.stays, event.stays) };
    case 'StaysMerged': {
      const residuals = new Map(event.residuals.map((r) => [r.stay, r.residual]));
      return {
        ...group,
        stays: group.stays.map((s) => (residuals.has(s.stayId) ? { ...s, state: 'merged', residual: residuals.get(s.stayId) } : s)),
        balance: event.residuals.reduce((balance, r) => balance + r.residual, group.balance),
      };
    }
    case 'MergesFailed': {
      const failed = new Set(event.stays);
      return { ...group, stays: group.stays.map((s) => (failed.has(s.stayId) ? { stayId: s.stayId, state: 'failed' } : s)) };
    }
    case 'Paid':
      return { ...group, balance: group.balance - event.amount };
    case 'Refunded':
      return { ...group, balance: group.balance + event.amount };
    case 'Confirmed':
      return { ...group, confirmed_at: event.at.toISOString() };
    default:
      return unknownEvent(event);
  }
}

/** Stays selected again keep their place; a stay whose merge failed is pending again. */
function selected(stays: readonly SelectedStay[], stayIds: readonly string[]): SelectedStay[] {
  const result = stays.map((s) => (stayIds.includes(s.stayId) && s.state === 'failed' ? { stayId: s.stayId, state: 'pending' as const } : s));
  const known = new Set(stays.map((s) => s.stayId));
  for (const stayId of stayIds) {
    if (known.has(stayId)) continue;
    known.add(stayId);
    result.push({ stayId, state: 'pending' });
  }
  return result;
}

function withCounts(group: GroupCheckoutRow): GroupCheckoutRow {
  const count = (state: SelectedStayState) => group.stays.filter((s) => s.state === state).length;
  const pending = count('pending');
  const status: GroupCheckoutStatus = group.confirmed_at !== null ? 'confirmed' : pending > 0 ? 'merging' : 'ready';
  return { ...group, status, pending, merged: count('merged'), failed: count('failed') };
}

function created(id: string, event: GroupCheckoutEvent, recordedAt: Date): GroupCheckoutRow {
  const at = 'at' in event ? event.at : recordedAt;
  return {
    id,
    status: 'ready',
    pending: 0,
    merged: 0,
    failed: 0,
    balance: 0,
    stays: [],
    created_at: at.toISOString(),
    confirmed_at: null,
  };
}
