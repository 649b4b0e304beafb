import { MessageRow } from './store';

// The state of every stay and group as folded from message_store.messages by the test itself (not by the product's
// code, so that a defect in its codec or fold cannot hide one in its decisions).

export interface StayLedger {
  readonly stream: string;
  checkedIn: number;
  checkedOut: number;
  readonly chargeIds: Map<string, number>;
  readonly paymentIds: Map<string, number>;
  readonly refundIds: Map<string, number>;
  chargedCents: number;
  paidCents: number;
  /** Refunds hand credit back: like a charge, each adds to what the guest owes. */
  refundedCents: number;
  readonly transfers: { groupId: string; residualCents: number }[];
  /** Charges, payments or refunds written after the stay was closed (checked out or transferred). */
  afterClose: number;
  /** Events whose body the test cannot read either (poison). */
  unreadable: number;
}

export interface GroupLedger {
  readonly stream: string;
  readonly selected: Map<string, number>;
  readonly merged: Map<string, number[]>;
  readonly failed: Map<string, number>;
  readonly paymentIds: Map<string, number>;
  readonly refundIds: Map<string, number>;
  paidCents: number;
  refundedCents: number;
  confirmed: number;
}

export interface Ledger {
  readonly stays: Map<string, StayLedger>;
  readonly groups: Map<string, GroupLedger>;
  readonly messageIds: Map<string, number>;
  readonly messages: number;
}

const cents = (amount: unknown): number | undefined =>
  typeof amount === 'number' && Number.isFinite(amount) ? Math.round(amount * 100) : undefined;
const isObject = (data: unknown): data is Record<string, unknown> => typeof data === 'object' && data !== null && !Array.isArray(data);
const bump = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);

export function stayIdOf(stream: string): string {
  const hex = stream.slice(stream.indexOf('-') + 1);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function foldLedger(rows: readonly MessageRow[]): Ledger {
  const ledger: Ledger = { stays: new Map(), groups: new Map(), messageIds: new Map(), messages: rows.length };
  for (const row of rows) {
    bump(ledger.messageIds, row.id);
    if (row.streamName.startsWith('GuestStay-')) foldStayEvent(stayOf(ledger, row.streamName), row);
    else if (row.streamName.startsWith('GroupCheckout-')) foldGroupEvent(groupOf(ledger, row.streamName), row);
  }
  return ledger;
}

function stayOf(ledger: Ledger, stream: string): StayLedger {
  let stay = ledger.stays.get(stream);
  if (!stay) {
    stay = { stream, checkedIn: 0, checkedOut: 0, chargeIds: new Map(), paymentIds: new Map(), refundIds: new Map(), chargedCents: 0, paidCents: 0, refundedCents: 0, transfers: [], afterClose: 0, unreadable: 0 };
    ledger.stays.set(stream, stay);
  }
  return stay;
}

function groupOf(ledger: Ledger, stream: string): GroupLedger {
  let group = ledger.groups.get(stream);
  if (!group) {
    group = { stream, selected: new Map(), merged: new Map(), failed: new Map(), paymentIds: new Map(), refundIds: new Map(), paidCents: 0, refundedCents: 0, confirmed: 0 };
    ledger.groups.set(stream, group);
  }
  return group;
}

function foldStayEvent(stay: StayLedger, row: MessageRow): void {
  const data = row.data;
  switch (row.type) {
    case 'CheckedIn':
      stay.checkedIn++;
      return;
    case 'CheckedOut':
      stay.checkedOut++;
      return;
    case 'Charged':
      stay.chargedCents += folioEntryCents(stay, row, stay.chargeIds, 'chargeId');
      return;
    case 'Paid':
      stay.paidCents += folioEntryCents(stay, row, stay.paymentIds, 'paymentId');
      return;
    case 'Refunded':
      stay.refundedCents += folioEntryCents(stay, row, stay.refundIds, 'refundId');
      return;
    case 'TransferredToGroup': {
      const residual = isObject(data) ? cents(data.residualBalance) : undefined;
      if (!isObject(data) || residual === undefined) return void stay.unreadable++;
      stay.transfers.push({ groupId: String(data.groupId), residualCents: residual });
      return;
    }
    default:
      stay.unreadable++;
  }
}

/** A charge, payment or refund: counts its id and whether the stay was closed already; its cents (0 if unreadable). */
function folioEntryCents(stay: StayLedger, row: MessageRow, ids: Map<string, number>, idField: string): number {
  const data = row.data;
  const amount = isObject(data) ? cents(data.amount) : undefined;
  if (!isObject(data) || amount === undefined) {
    stay.unreadable++;
    return 0;
  }
  if (stay.checkedOut > 0 || stay.transfers.length > 0) stay.afterClose++;
  bump(ids, String(data[idField]));
  return amount;
}

function foldGroupEvent(group: GroupLedger, row: MessageRow): void {
  const data = isObject(row.data) ? row.data : {};
  switch (row.type) {
    case 'StaysSelected':
      for (const stay of (data.stays as string[] | undefined) ?? []) bump(group.selected, stay);
      return;
    case 'StaysMerged':
      for (const entry of (data.residuals as { stay: string; residual: number }[] | undefined) ?? []) {
        group.merged.set(entry.stay, [...(group.merged.get(entry.stay) ?? []), cents(entry.residual) ?? NaN]);
      }
      return;
    case 'MergesFailed':
      for (const stay of (data.stays as string[] | undefined) ?? []) bump(group.failed, stay);
      return;
    case 'Paid':
      bump(group.paymentIds, String(data.paymentId));
      group.paidCents += cents(data.amount) ?? 0;
      return;
    case 'Refunded':
      bump(group.refundIds, String(data.refundId));
      group.refundedCents += cents(data.amount) ?? 0;
      return;
    case 'Confirmed':
      group.confirmed++;
  }
}
