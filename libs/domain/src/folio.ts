import { Money } from './money';

/** One line of a stay's or a group's account, in the order it was recorded. */
export interface FolioEntry {
  readonly kind: 'charge' | 'payment' | 'refund';
  /** The chargeId, paymentId or refundId: the command's idempotency key. */
  readonly id: string;
  readonly at: Date;
  /** Positive, in minor units: a charge and a refund add it to the balance, a payment takes it off. */
  readonly amount: Money;
}

/** The folio line an event records. */
export function folioEntry(kind: FolioEntry['kind'], id: string, { at, amount }: { at: Date; amount: Money }): FolioEntry {
  return { kind, id, at, amount };
}

export function hasEntry(folio: readonly FolioEntry[], kind: FolioEntry['kind'], id: string): boolean {
  return folio.some((entry) => entry.kind === kind && entry.id === id);
}

/** What a balance owes the guest (or the group): the negative part of it, as a positive amount. */
export function creditOf(balance: Money): Money {
  return balance < 0 ? -balance : 0;
}
