import { GUEST_STAY_CATEGORY, GuestStay, GuestStayEvent, fromStreamId } from '@app/domain';
import { RecordedEvent, categoryOf, decodeRecorded, idOf } from '@app/store/core';
import { RowValues, StreamTable } from '@app/store/message-db';
import { STAYS_TABLE } from './hotel-read-schema';

export const STAY_STATUSES = ['open', 'checkedOut', 'transferred'] as const;
export type StayStatus = (typeof STAY_STATUSES)[number];

/** A row of hotel_read.stays, as to_jsonb gives it (timestamps as ISO strings, money in minor units). */
export interface StayRow extends RowValues {
  id: string;
  room: string | null;
  guest_name: string | null;
  status: StayStatus;
  balance: number;
  checked_in_at: string;
  /** When the stay was closed: checked out, or transferred to its group. */
  checked_out_at: string | null;
  group_checkout_id: string | null;
}

/** The stay id of a `GuestStay-<32 lowercase hex>` stream; undefined for any other name. */
export function stayIdOfStreamName(name: string): string | undefined {
  const id = categoryOf(name) === GUEST_STAY_CATEGORY ? idOf(name) : undefined;
  return id === undefined ? undefined : fromStreamId(id);
}

/** One row per stay, folded from the GuestStay events the domain's codec decodes (unknown types are skipped). */
export const staysTable: StreamTable<StayRow> = {
  table: STAYS_TABLE,
  keyColumn: 'id',
  columns: ['id', 'room', 'guest_name', 'status', 'balance', 'checked_in_at', 'checked_out_at', 'group_checkout_id'],
  keyOf: stayIdOfStreamName,
  fold: (row, id, events) => events.reduce<StayRow | undefined>((stay, event) => evolveStay(stay, id, event), row),
};

function evolveStay(row: StayRow | undefined, id: string, recorded: RecordedEvent): StayRow | undefined {
  const event = decodeRecorded(GuestStay.codec, recorded);
  if (event === undefined) return row;
  // The F# template writes no CheckedIn: its streams start with another event, which opens the stay.
  const stay = row ?? opened(id, event);
  switch (event.type) {
    case 'CheckedIn':
      return { ...stay, room: event.room ?? stay.room, guest_name: event.guestName ?? stay.guest_name };
    case 'Charged':
      return { ...stay, balance: stay.balance + event.amount };
    case 'Paid':
      return { ...stay, balance: stay.balance - event.amount };
    case 'Refunded':
      return { ...stay, balance: stay.balance + event.amount };
    case 'CheckedOut':
      return { ...stay, status: 'checkedOut', checked_out_at: event.at.toISOString() };
    case 'TransferredToGroup':
      return {
        ...stay,
        status: 'transferred',
        balance: 0,
        checked_out_at: event.at.toISOString(),
        group_checkout_id: event.groupId,
      };
    default:
      return unknownEvent(event);
  }
}

/** Makes a switch over the events exhaustive: an event type added to the domain fails to compile until folded here. */
export function unknownEvent(event: never): never {
  throw new Error(`No fold for ${JSON.stringify(event)}`);
}

function opened(id: string, event: GuestStayEvent): StayRow {
  return {
    id,
    room: null,
    guest_name: null,
    status: 'open',
    balance: 0,
    checked_in_at: event.at.toISOString(),
    checked_out_at: null,
    group_checkout_id: null,
  };
}
