// GuestStay: one guest's stay, charged and paid individually until it is checked out or transferred to a group.
// Port of proHotel's Domain/GuestStay.fs, with check-in as a real command and 'unknown' stays refused.
import {
  Category,
  CategorySpec,
  Decision,
  DeciderOptions,
  EventStore,
  Loaded,
  ReadConsistency,
  TransactOptions,
  Transacted,
  UnitStream,
  streamName,
} from '@app/store/core';
import { FolioEntry, creditOf, folioEntry, hasEntry } from './folio';
import { requireUuid, toStreamId } from './ids';
import { Money, requireMoney, requirePositiveMoney } from './money';
import { EventsOf, eventCodec, money, optional, requireText, text, timestamp, uuid } from './wire';

// ---- Stream ----

export const GUEST_STAY_CATEGORY = 'GuestStay';

/** `GuestStay-<32 hex>` */
export function guestStayStreamName(stayId: string): string {
  return streamName(GUEST_STAY_CATEGORY, toStreamId(stayId));
}

// ---- Events ----

export const ROOM_MAX_LENGTH = 16;
export const GUEST_NAME_MAX_LENGTH = 200;

// Each event's JSON fields, in the alphabetical order that the F# anonymous records serialise. Fields and event types
// the template does not know (CheckedIn's guestName and room, Refunded) are skipped by its decoder.
const events = {
  CheckedIn: {
    at: timestamp,
    guestName: optional(text(1, GUEST_NAME_MAX_LENGTH)),
    room: optional(text(1, ROOM_MAX_LENGTH)),
  },
  Charged: { amount: money, at: timestamp, chargeId: uuid },
  Paid: { amount: money, at: timestamp, paymentId: uuid },
  /** Money handed back to a guest who paid more than was charged. */
  Refunded: { amount: money, at: timestamp, refundId: uuid },
  CheckedOut: { at: timestamp },
  /** The group takes over the outstanding balance: this is how a stay records its group. */
  TransferredToGroup: { at: timestamp, groupId: uuid, residualBalance: money },
};

export type Event = EventsOf<typeof events>;

export const codec = eventCodec(GUEST_STAY_CATEGORY, events);

// ---- Fold ----

/** What a stay keeps in every state once checked in: who, where, since when, and its folio. */
export interface StayRecord {
  checkedInAt: Date;
  room?: string;
  guestName?: string;
  /** Every charge, payment and refund, in order. */
  folio: FolioEntry[];
}

export type StayState =
  | { kind: 'unknown' }
  | ({ kind: 'open'; balance: Money } & StayRecord)
  | ({ kind: 'checkedOut'; checkedOutAt: Date } & StayRecord)
  | ({ kind: 'transferred'; groupId: string; residual: Money } & StayRecord);

type OpenStay = Extract<StayState, { kind: 'open' }>;

export const initial: StayState = { kind: 'unknown' };

function withGuest(stay: OpenStay, { room, guestName }: Extract<Event, { type: 'CheckedIn' }>): OpenStay {
  return { ...stay, ...(room !== undefined && { room }), ...(guestName !== undefined && { guestName }) };
}

function record(stay: OpenStay, kind: FolioEntry['kind'], id: string, event: { at: Date; amount: Money }): OpenStay {
  const balance = kind === 'payment' ? stay.balance - event.amount : stay.balance + event.amount;
  return { ...stay, balance, folio: [...stay.folio, folioEntry(kind, id, event)] };
}

function recordOf({ kind, balance, ...kept }: OpenStay): StayRecord {
  return kept;
}

export function evolve(state: StayState, event: Event): StayState {
  if (state.kind === 'checkedOut' || state.kind === 'transferred') {
    throw new Error(`GuestStay: no ${event.type} event may follow the stay being ${state.kind}`);
  }
  // The F# template never emits CheckedIn: a stream it wrote starts with another event, which opens the stay.
  const stay: OpenStay = state.kind === 'open' ? state : { kind: 'open', balance: 0, folio: [], checkedInAt: event.at };
  switch (event.type) {
    case 'CheckedIn':
      return withGuest(stay, event);
    case 'Charged':
      return record(stay, 'charge', event.chargeId, event);
    case 'Paid':
      return record(stay, 'payment', event.paymentId, event);
    case 'Refunded':
      return record(stay, 'refund', event.refundId, event);
    case 'CheckedOut':
      return { ...recordOf(stay), kind: 'checkedOut', checkedOutAt: event.at };
    case 'TransferredToGroup':
      return {
        ...recordOf(stay),
        kind: 'transferred',
        groupId: event.groupId,
        residual: event.residualBalance,
      };
  }
}

export const spec: CategorySpec<Event, StayState> = { name: GUEST_STAY_CATEGORY, codec, initial, evolve };

// ---- Decisions ----

type Transferred = { kind: 'transferred'; groupId: string };
/** Why a stay that is not open refuses a command: never checked in, checked out, or transferred (to which group). */
export type NotOpen = { kind: 'notFound' } | { kind: 'checkedOut' } | Transferred;
export type CheckInResult = { kind: 'ok' };
export type ChargeResult = { kind: 'ok' } | NotOpen;
export type PayResult = ChargeResult;
export type RefundResult = ChargeResult | { kind: 'exceedsCredit'; credit: Money };
export type CheckOutResult =
  | { kind: 'ok' }
  | { kind: 'notFound' }
  | Transferred
  | { kind: 'balanceOutstanding'; amount: Money };
export type TransferResult = { kind: 'ok'; residual: Money } | { kind: 'alreadyCheckedOut' } | { kind: 'notFound' };

const ok = { kind: 'ok' } as const;
const notFound = { kind: 'notFound' } as const;
const alreadyCheckedOut = { kind: 'alreadyCheckedOut' } as const;

const transferred = ({ groupId }: { groupId: string }): Transferred => ({ kind: 'transferred', groupId });

function notOpen(state: Exclude<StayState, OpenStay>): NotOpen {
  if (state.kind === 'transferred') return transferred(state);
  return state.kind === 'unknown' ? notFound : { kind: 'checkedOut' };
}

/** Who checks in where; both optional. */
export interface Guest {
  room?: string;
  guestName?: string;
}

/** Idempotent: a stay that was ever checked in answers ok without an event (its room and guest stay as recorded). */
export const checkIn =
  (at: Date, guest: Guest = {}) =>
  (state: StayState): Decision<CheckInResult, Event> =>
    state.kind === 'unknown' ? [ok, [{ type: 'CheckedIn', at, ...guest }]] : [ok, []];

/** Idempotent by chargeId: a repeat is a no-op even with another amount. */
export const charge =
  (chargeId: string, amount: Money, at: Date) =>
  (state: StayState): Decision<ChargeResult, Event> => {
    if (state.kind !== 'open') return [notOpen(state), []];
    if (hasEntry(state.folio, 'charge', chargeId)) return [ok, []];
    return [ok, [{ type: 'Charged', chargeId, at, amount }]];
  };

/** Idempotent by paymentId: a repeat is a no-op even with another amount. */
export const pay =
  (paymentId: string, amount: Money, at: Date) =>
  (state: StayState): Decision<PayResult, Event> => {
    if (state.kind !== 'open') return [notOpen(state), []];
    if (hasEntry(state.folio, 'payment', paymentId)) return [ok, []];
    return [ok, [{ type: 'Paid', paymentId, at, amount }]];
  };

/** Hands back at most the credit (the negative balance). Idempotent by refundId, even with another amount. */
export const refund =
  (refundId: string, amount: Money, at: Date) =>
  (state: StayState): Decision<RefundResult, Event> => {
    if (state.kind !== 'open') return [notOpen(state), []];
    if (hasEntry(state.folio, 'refund', refundId)) return [ok, []];
    const credit = creditOf(state.balance);
    if (amount > credit) return [{ kind: 'exceedsCredit', credit }, []];
    return [ok, [{ type: 'Refunded', refundId, at, amount }]];
  };

/** The balance must be exactly zero: an overpaid (negative) balance is outstanding too. Repeats answer ok. */
export const checkOut =
  (at: Date) =>
  (state: StayState): Decision<CheckOutResult, Event> => {
    switch (state.kind) {
      case 'unknown':
        return [notFound, []];
      case 'checkedOut':
        return [ok, []];
      case 'transferred':
        return [transferred(state), []];
      case 'open':
        return state.balance === 0
          ? [ok, [{ type: 'CheckedOut', at }]]
          : [{ kind: 'balanceOutstanding', amount: state.balance }, []];
    }
  };

/** Idempotent per group: the same group again gets the residual recorded at transfer time, with no event. */
export const transferToGroup =
  (groupId: string, at: Date) =>
  (state: StayState): Decision<TransferResult, Event> => {
    switch (state.kind) {
      case 'unknown':
        return [notFound, []];
      case 'checkedOut':
        return [alreadyCheckedOut, []];
      case 'transferred':
        return state.groupId === groupId ? [{ kind: 'ok', residual: state.residual }, []] : [alreadyCheckedOut, []];
      case 'open':
        return [
          { kind: 'ok', residual: state.balance },
          [{ type: 'TransferredToGroup', at, groupId, residualBalance: state.balance }],
        ];
    }
  };

// ---- Service ----

/** A command's result, with the stay as it stands after it (from the load the command decided on). */
export type StayOutcome<R> = Transacted<R, StayState>;

/** Each command may be given the stay version its caller saw (StaleVersionError when the stay has moved on). */
type Options = TransactOptions;

export class GuestStayService {
  private readonly category: Category<Event, StayState>;

  constructor(store: EventStore, options?: DeciderOptions) {
    this.category = new Category(store, spec, options);
  }

  async checkIn(stayId: string, at = new Date(), guest: Guest = {}, options?: Options): Promise<StayOutcome<CheckInResult>> {
    const { room, guestName } = guest;
    const checked: Guest = {
      ...(room !== undefined && { room: requireText(room, 'room', 1, ROOM_MAX_LENGTH) }),
      ...(guestName !== undefined && { guestName: requireText(guestName, 'guestName', 1, GUEST_NAME_MAX_LENGTH) }),
    };
    // A new stay is written without a read; an existing one answers from its load, after the conflict.
    return this.decider(stayId).transactWithPostState(checkIn(at, checked), { ...options, load: 'assumeEmpty' });
  }

  async charge(stayId: string, chargeId: string, amount: Money, at = new Date(), options?: Options) {
    const decide = charge(requireUuid(chargeId, 'chargeId'), requireMoney(amount, 'amount'), at);
    return this.decider(stayId).transactWithPostState(decide, options);
  }

  async pay(stayId: string, paymentId: string, amount: Money, at = new Date(), options?: Options) {
    const decide = pay(requireUuid(paymentId, 'paymentId'), requireMoney(amount, 'amount'), at);
    return this.decider(stayId).transactWithPostState(decide, options);
  }

  async refund(stayId: string, refundId: string, amount: Money, at = new Date(), options?: Options) {
    const decide = refund(requireUuid(refundId, 'refundId'), requirePositiveMoney(amount, 'amount'), at);
    return this.decider(stayId).transactWithPostState(decide, options);
  }

  async checkOut(stayId: string, at = new Date(), options?: Options): Promise<StayOutcome<CheckOutResult>> {
    return this.decider(stayId).transactWithPostState(checkOut(at), options);
  }

  /** Driven only by the GroupCheckout process. */
  async transferToGroup(stayId: string, groupId: string, at = new Date()): Promise<TransferResult> {
    return this.decider(stayId).transactResult(transferToGroup(requireUuid(groupId, 'groupId'), at));
  }

  /** The stay as one stream of a unit of work over several categories (the GroupCheckout process's). */
  unitStream(stayId: string): UnitStream<Event, StayState> {
    return new UnitStream(spec, guestStayStreamName(requireUuid(stayId, 'stayId')));
  }

  /** The current state; from a replica by default, which may lag behind the latest decisions. */
  async read(stayId: string, consistency: ReadConsistency = 'replica'): Promise<StayState> {
    return this.decider(stayId).query((state) => state, consistency);
  }

  /** The current state with the stream version it was folded from (a replica's by default). */
  async readVersioned(stayId: string, consistency: ReadConsistency = 'replica'): Promise<Loaded<StayState>> {
    return this.decider(stayId).query((state, version) => ({ state, version }), consistency);
  }

  private decider(stayId: string) {
    return this.category.decider(toStreamId(requireUuid(stayId, 'stayId')));
  }
}
