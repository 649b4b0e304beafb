// GroupCheckout: a clerk selects stays, the process merges them (taking over their balances), the group pays and
// confirms. Port of proHotel's Domain/GroupCheckout.fs (aggregate, Flow, Reactions); refuses changes once Confirmed.
import {
  Category,
  CategorySpec,
  Decision,
  DeciderOptions,
  EventStore,
  Loaded,
  MultiStreamUnit,
  ReadConsistency,
  RecordedEvent,
  TransactOptions,
  Transacted,
  UnitStream,
  categoryOf,
  idOf,
  streamName,
} from '@app/store/core';
import { FolioEntry, creditOf, folioEntry, hasEntry } from './folio';
import { fromStreamId, requireUuid, toStreamId } from './ids';
import { Money, requireMoney, requirePositiveMoney } from './money';
import { EventsOf, FieldsOf, arrayOf, eventCodec, money, objectOf, timestamp, uuid, uuids } from './wire';

// ---- Stream ----

export const GROUP_CHECKOUT_CATEGORY = 'GroupCheckout';

/** `GroupCheckout-<32 hex>` */
export function groupCheckoutStreamName(groupId: string): string {
  return streamName(GROUP_CHECKOUT_CATEGORY, toStreamId(groupId));
}

/**
 * The group id of a `GroupCheckout-<32 lowercase hex>` stream name: the only form groupCheckoutStreamName writes.
 * Undefined for any other category, and for any other spelling of an id (D format, upper case), which names another
 * stream than the one the group's decisions load.
 */
export function groupIdOfStreamName(name: string): string | undefined {
  if (categoryOf(name) !== GROUP_CHECKOUT_CATEGORY) return undefined;
  const id = idOf(name);
  return id === undefined ? undefined : fromStreamId(id);
}

// ---- Events ----

const stayResidual = { residual: money, stay: uuid };

export type StayResidual = FieldsOf<typeof stayResidual>;

// Each event's JSON fields, in the alphabetical order that the F# anonymous records serialise.
const events = {
  /** Adds stays to the group's to-do list (clerk). */
  StaysSelected: { at: timestamp, stays: uuids },
  /** Stays transferred to the group, with the balance each carried over (process). */
  StaysMerged: { residuals: arrayOf(objectOf(stayResidual)) },
  /** Selected stays that could not be taken over (process). */
  MergesFailed: { stays: uuids },
  Paid: { amount: money, at: timestamp, paymentId: uuid },
  /** Money handed back when the group paid more than it owes (a type the F# template's decoder skips). */
  Refunded: { amount: money, at: timestamp, refundId: uuid },
  Confirmed: { at: timestamp },
};

export type Event = EventsOf<typeof events>;

export const codec = eventCodec(GROUP_CHECKOUT_CATEGORY, events);

// ---- Fold ----

export interface GroupState {
  /** False until the stream has an event. */
  exists: boolean;
  /** In selection order. */
  pending: string[];
  merged: { stayId: string; residual: Money }[];
  failed: string[];
  balance: Money;
  /** The group's payments and refunds, in order. */
  folio: FolioEntry[];
  confirmed: boolean;
}

export const initial: GroupState = {
  exists: false,
  pending: [],
  merged: [],
  failed: [],
  balance: 0,
  folio: [],
  confirmed: false,
};

/** F# Array.except: the distinct items of `items` not in `removed`, in first-occurrence order. */
function except(items: readonly string[], removed: readonly string[]): string[] {
  const excluded = new Set(removed);
  return [...new Set(items)].filter((item) => !excluded.has(item));
}

export function evolve(state: GroupState, event: Event): GroupState {
  const s = { ...state, exists: true };
  switch (event.type) {
    case 'StaysSelected':
      return { ...s, pending: [...s.pending, ...event.stays] };
    case 'StaysMerged':
      return {
        ...s,
        pending: except(s.pending, event.residuals.map((r) => r.stay)),
        merged: [...s.merged, ...event.residuals.map((r) => ({ stayId: r.stay, residual: r.residual }))],
        balance: event.residuals.reduce((balance, r) => balance + r.residual, s.balance),
      };
    case 'MergesFailed':
      return { ...s, pending: except(s.pending, event.stays), failed: [...s.failed, ...event.stays] };
    case 'Paid':
      return { ...s, balance: s.balance - event.amount, folio: [...s.folio, folioEntry('payment', event.paymentId, event)] };
    case 'Refunded':
      return { ...s, balance: s.balance + event.amount, folio: [...s.folio, folioEntry('refund', event.refundId, event)] };
    case 'Confirmed':
      return { ...s, confirmed: true };
  }
}

export const spec: CategorySpec<Event, GroupState> = { name: GROUP_CHECKOUT_CATEGORY, codec, initial, evolve };

// ---- Flow: what the process has to do next ----

export type FlowState =
  | { kind: 'mergeStays'; pending: string[] }
  | { kind: 'ready'; balance: Money }
  | { kind: 'finished' };

/** Finished wins even over pending stays; only Ready can be confirmed, and only at a zero balance. */
export function nextAction(state: GroupState): FlowState {
  if (state.confirmed) return { kind: 'finished' };
  if (state.pending.length > 0) return { kind: 'mergeStays', pending: [...state.pending] };
  return { kind: 'ready', balance: state.balance };
}

// ---- Decisions ----

export type SelectResult = { kind: 'ok' } | { kind: 'alreadyConfirmed' };
export type GroupPayResult = SelectResult;
export type GroupRefundResult = SelectResult | { kind: 'exceedsCredit'; credit: Money } | { kind: 'notFound' };
export type ConfirmResult =
  | { kind: 'ok' }
  | { kind: 'processing' }
  | { kind: 'balanceOutstanding'; amount: Money }
  | { kind: 'notFound' };

const ok = { kind: 'ok' } as const;
const alreadyConfirmed = { kind: 'alreadyConfirmed' } as const;

/**
 * Adds the stays not yet registered here (pending, merged or failed), de-duplicated, in input order. A replay (nothing
 * new) is ok even once confirmed; new stays after Confirmed are refused.
 */
export const select =
  (stays: readonly string[], at: Date) =>
  (state: GroupState): Decision<SelectResult, Event> => {
    const registered = new Set([...state.pending, ...state.failed, ...state.merged.map((m) => m.stayId)]);
    const fresh = [...new Set(stays)].filter((stay) => !registered.has(stay));
    if (fresh.length === 0) return [ok, []];
    if (state.confirmed) return [alreadyConfirmed, []];
    return [ok, [{ type: 'StaysSelected', at, stays: fresh }]];
  };

/** Idempotent by paymentId (a repeat is a no-op even with another amount); a new payment after Confirmed is refused. */
export const pay =
  (paymentId: string, amount: Money, at: Date) =>
  (state: GroupState): Decision<GroupPayResult, Event> => {
    if (hasEntry(state.folio, 'payment', paymentId)) return [ok, []];
    if (state.confirmed) return [alreadyConfirmed, []];
    return [ok, [{ type: 'Paid', at, paymentId, amount }]];
  };

/**
 * Hands back part or all of what an overpaid group is owed: at most its credit (the negative balance). Idempotent by
 * refundId (a repeat is a no-op even with another amount); a new refund after Confirmed is refused, and a group that
 * does not exist has nothing to refund.
 */
export const refund =
  (refundId: string, amount: Money, at: Date) =>
  (state: GroupState): Decision<GroupRefundResult, Event> => {
    if (!state.exists) return [{ kind: 'notFound' }, []];
    if (hasEntry(state.folio, 'refund', refundId)) return [ok, []];
    if (state.confirmed) return [alreadyConfirmed, []];
    const credit = creditOf(state.balance);
    if (amount > credit) return [{ kind: 'exceedsCredit', credit }, []];
    return [ok, [{ type: 'Refunded', at, refundId, amount }]];
  };

/** Succeeds only when every stay has an outcome and the balance is exactly zero; a repeat answers ok. */
export const confirm =
  (at: Date) =>
  (state: GroupState): Decision<ConfirmResult, Event> => {
    if (!state.exists) return [{ kind: 'notFound' }, []];
    const flow = nextAction(state);
    switch (flow.kind) {
      case 'finished':
        return [ok, []];
      case 'mergeStays':
        return [{ kind: 'processing' }, []];
      case 'ready':
        return flow.balance === 0
          ? [ok, [{ type: 'Confirmed', at }]]
          : [{ kind: 'balanceOutstanding', amount: flow.balance }, []];
    }
  };

// ---- Service ----

/** A command's result, with the group as it stands after it (from the load the command decided on). */
export type GroupOutcome<R> = Transacted<R, GroupState>;

/** Each command may be given the group version its caller saw (StaleVersionError when the group has moved on). */
type Options = TransactOptions;

export class GroupCheckoutService {
  private readonly category: Category<Event, GroupState>;

  constructor(
    private readonly store: EventStore,
    private readonly options: DeciderOptions = {},
  ) {
    this.category = new Category(store, spec, options);
  }

  async select(groupId: string, stayIds: string[], at = new Date(), options?: Options): Promise<GroupOutcome<SelectResult>> {
    const stays = stayIds.map((stayId, i) => requireUuid(stayId, `stayIds[${i}]`));
    return this.decider(groupId).transactWithPostState(select(stays, at), options);
  }

  async pay(groupId: string, paymentId: string, amount: Money, at = new Date(), options?: Options) {
    const decide = pay(requireUuid(paymentId, 'paymentId'), requireMoney(amount, 'amount'), at);
    return this.decider(groupId).transactWithPostState(decide, options);
  }

  async refund(groupId: string, refundId: string, amount: Money, at = new Date(), options?: Options) {
    const decide = refund(requireUuid(refundId, 'refundId'), requirePositiveMoney(amount, 'amount'), at);
    return this.decider(groupId).transactWithPostState(decide, options);
  }

  async confirm(groupId: string, at = new Date(), options?: Options): Promise<GroupOutcome<ConfirmResult>> {
    return this.decider(groupId).transactWithPostState(confirm(at), options);
  }

  /** The current state; from a replica by default, which may lag behind the latest decisions. */
  async read(groupId: string, consistency: ReadConsistency = 'replica'): Promise<GroupState> {
    return this.decider(groupId).query((state) => state, consistency);
  }

  /** The current state with the stream version it was folded from (a replica's by default). */
  async readVersioned(groupId: string, consistency: ReadConsistency = 'replica'): Promise<Loaded<GroupState>> {
    return this.decider(groupId).query((state, version) => ({ state, version }), consistency);
  }

  /** A unit of work over the group's stream and others (the process's), retrying conflicts as this service's commands do. */
  unitOfWork(): MultiStreamUnit {
    return new MultiStreamUnit(this.store, this.options);
  }

  /**
   * The group as one stream of a unit of work: already known (no read) when `seen` are its events from the start, as a
   * change feed hands them over; otherwise the unit loads it.
   */
  unitStream(groupId: string, seen: readonly RecordedEvent[] = []): UnitStream<Event, GroupState> {
    return UnitStream.fromStart(spec, groupCheckoutStreamName(requireUuid(groupId, 'groupId')), seen);
  }

  private decider(groupId: string) {
    return this.category.decider(toStreamId(requireUuid(groupId, 'groupId')));
  }
}
