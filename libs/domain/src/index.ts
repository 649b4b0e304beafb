// The hotel group-checkout domain: pure, store-agnostic (depends only on @app/store/core).
export * from './money';
export * from './ids';
export * from './folio';
export { MalformedEventError, parseIsoTimestamp, formatTimestamp, isTextOf } from './wire';

// Each aggregate as a module (events, codec, fold, decisions), as in the F# original…
export * as GuestStay from './guest-stay';
export * as GroupCheckout from './group-checkout';

// …and the names other layers use, at top level.
export {
  GUEST_STAY_CATEGORY,
  GuestStayService,
  guestStayStreamName,
  type Event as GuestStayEvent,
  type StayState,
  type StayOutcome,
  type NotOpen,
  type CheckInResult,
  type ChargeResult,
  type PayResult,
  type RefundResult,
  type CheckOutResult,
  type Guest,
  type StayRecord,
  ROOM_MAX_LENGTH,
  GUEST_NAME_MAX_LENGTH,
  type TransferResult,
} from './guest-stay';
export {
  GROUP_CHECKOUT_CATEGORY,
  GroupCheckoutService,
  groupCheckoutStreamName,
  groupIdOfStreamName,
  nextAction,
  type Event as GroupCheckoutEvent,
  type GroupState,
  type GroupOutcome,
  type FlowState,
  type SelectResult,
  type GroupPayResult,
  type GroupRefundResult,
  type ConfirmResult,
} from './group-checkout';
export * from './group-checkout-process';
